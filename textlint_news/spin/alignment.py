"""Align two copies of one story: sentences first, then the words inside aligned sentences.

    >>> pairs = align_copies("He left. The power of the dollar rose.", "The facility of the dollar rose.")
    >>> [(op.kind, op.a_start, op.a_end, op.b_start, op.b_end) for op in pairs[1].ops][:2]
    [('equal', 9, 12, 0, 3), ('replace', 13, 18, 4, 12)]

Copies from different outlets keep most sentences of the wire text but add,
cut and reorder some, so sentences are matched one to one by their word overlap
(the share of words in the longest common subsequence, rapidfuzz's `Indel`
similarity) from the most alike pair down, in any order.  Inside a matched pair
the words are aligned by the same longest common subsequence (rapidfuzz
`Indel.opcodes`, in C, on lists of lower-case words); a run of words changed on
both sides becomes one `replace` (few for few), a run on one side only an
`insert` or a `delete`.  Offsets are character offsets into each text, end
exclusive; `insert` means words of `b` that `a` lacks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..document import Document

Kind = Literal["equal", "replace", "insert", "delete"]

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
MIN_SIMILARITY = 0.5  # the least word overlap (Indel similarity, 0-1) of two sentences aligned


@dataclass(frozen=True)
class WordOp:
    """One step from `a`'s words to `b`'s: `a[a_start:a_end]` is equal to, replaced by, or
    deleted from `b`, or `b[b_start:b_end]` is inserted (an empty span on the other side)."""

    kind: Kind
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class SentencePair:
    """A sentence of `a` and its counterpart in `b` with their word alignment.

    A sentence that only one copy has is paired with an empty span (start ==
    end) of the other copy and has no `ops`.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    ops: tuple[WordOp, ...]

    @property
    def aligned(self) -> bool:
        """Whether both copies have this sentence."""
        return bool(self.ops)


@dataclass(frozen=True)
class Sentence:
    """A sentence's span and its words: lower-case forms and their offsets."""

    start: int
    end: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of a copy that hold a word, with their words (cached: a copy is
    aligned with each of its sister copies)."""
    found = []
    for span in Document(text).sentences:
        matches = list(WORD.finditer(text, span.start, span.end))
        if matches:
            found.append(Sentence(span.start, span.end,
                                  tuple(m.group().lower().replace("’", "'") for m in matches),
                                  tuple(m.span() for m in matches)))
    return tuple(found)


def align_copies(a: str, b: str, min_similarity: float = MIN_SIMILARITY) -> list[SentencePair]:
    """The sentence pairs of two copies, in `a`'s order; `b`'s unmatched sentences follow
    the pair of the `b` sentence before them."""
    mine, theirs = sentences(a), sentences(b)
    partner = match_sentences(mine, theirs, min_similarity)
    pairs: list[SentencePair] = []
    after: dict[int, list[int]] = {}  # a sentence index (-1: the start) -> b-only sentences after it
    owner = {j: i for i, j in partner.items()}
    last = -1
    for j in range(len(theirs)):
        if j in owner:
            last = owner[j]
        else:
            after.setdefault(last, []).append(j)
    for j in after.get(-1, ()):
        pairs.append(_alone_b(theirs[j], 0))
    gap = 0  # where in `b` a sentence it lacks stands: after the last aligned counterpart
    for i, sentence in enumerate(mine):
        if i in partner:
            pairs.append(word_pair(sentence, theirs[partner[i]]))
            gap = theirs[partner[i]].end
        else:
            pairs.append(SentencePair(sentence.start, sentence.end, gap, gap, ()))
        for j in after.get(i, ()):
            pairs.append(_alone_b(theirs[j], sentence.end))
    return pairs


def _alone_b(sentence: Sentence, at: int) -> SentencePair:
    return SentencePair(at, at, sentence.start, sentence.end, ())


def match_sentences(mine: tuple[Sentence, ...], theirs: tuple[Sentence, ...],
                    min_similarity: float = MIN_SIMILARITY) -> dict[int, int]:
    """Index in `mine` -> index in `theirs` of the sentences aligned one to one: the
    most alike pairs first, each at least `min_similarity` alike."""
    if not mine or not theirs:
        return {}
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    scores = cdist([s.words for s in mine], [s.words for s in theirs],
                   scorer=Indel.normalized_similarity, score_cutoff=min_similarity)
    import numpy as np

    rows, cols = np.nonzero(scores)
    order = np.argsort(-scores[rows, cols], kind="stable")
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for i, j in zip(rows[order].tolist(), cols[order].tolist()):
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    return partner


def word_pair(mine: Sentence, theirs: Sentence) -> SentencePair:
    """Two aligned sentences with their word alignment (changed runs merged)."""
    return SentencePair(mine.start, mine.end, theirs.start, theirs.end, word_ops(mine, theirs))


def word_ops(mine: Sentence, theirs: Sentence) -> tuple[WordOp, ...]:
    """The word alignment of two sentences: equal runs, and between them one replace,
    insert or delete for each run of changed words."""
    from rapidfuzz.distance import Indel

    blocks = [op for op in Indel.opcodes(mine.words, theirs.words).as_list() if op[0] == "equal"]
    ops: list[WordOp] = []
    i = j = 0
    for _, i1, i2, j1, j2 in [*blocks, ("equal", len(mine.words), len(mine.words),
                                        len(theirs.words), len(theirs.words))]:
        if i < i1 or j < j1:
            kind: Kind = "replace" if i < i1 and j < j1 else ("delete" if i < i1 else "insert")
            ops.append(WordOp(kind, *_chars(mine, i, i1), *_chars(theirs, j, j1)))
        if i1 < i2:
            ops.append(WordOp("equal", *_chars(mine, i1, i2), *_chars(theirs, j1, j2)))
        i, j = i2, j2
    return tuple(ops)


def _chars(sentence: Sentence, first: int, stop: int) -> tuple[int, int]:
    """The character span of words `first` to `stop` (empty: where word `first` starts,
    or after the last word)."""
    if first < stop:
        return sentence.spans[first][0], sentence.spans[stop - 1][1]
    at = sentence.spans[first][0] if first < len(sentence.spans) else sentence.spans[-1][1]
    return at, at
