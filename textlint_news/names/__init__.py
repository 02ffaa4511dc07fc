"""Proper names: mentions with offsets, spelling relations, known names, typo judgement."""
