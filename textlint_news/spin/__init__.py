"""Spin detection: spinner lexicon, rare-synonym scoring, artifacts and the classifier."""
