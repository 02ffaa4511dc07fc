"""How well a text's words fit their neighbours, as a whole: evidence that needs no thesaurus.

A spinner whose dictionary we do not have leaves words that their neighbours do
not predict ("the prime executive", "an online browser").  The rare-synonym and
language-model swap detectors only see swaps their WordNet tables list; these
document features read every content word through the 3-gram language model
(`spin.lm`, its bigram lists `spin.lm_index`) instead:

- `lm_misfit_share`: the share of content words linked to their two neighbours
  on either side below `MISFIT` nats (`LanguageModel.plain_association`, both
  sides together; `spin.lm_swaps.word_fits`);
- `lm_strong_misfit_share`: the same below `STRONG_MISFIT` nats;
- `lm_association_mean`: the mean association, each clipped to +-`CLIP` nats;
- `lm_unseen_share`: the share of content words between two known words whose
  bigrams with both are absent from the model (2.05M bigrams of general English).

Clean news sits low on all four; the document model (`spin.classifier`) learns
how much each weighs, so they are normalised against clean text by training.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Mapping, Sequence

from .lm import END, START
from .lm_index import bigram_index

if TYPE_CHECKING:
    from .lm_index import BigramIndex

MISFIT = -1.5          # nats of association (both sides): a word its neighbours do not predict
STRONG_MISFIT = -4.0   # ... nor anything like it
CLIP = 10.0            # one word's association counts at most this much either way
MIN_LENGTH = 4         # shorter content words are left out (their neighbours decide little)
FEATURES = ("lm_misfit_share", "lm_strong_misfit_share", "lm_association_mean", "lm_unseen_share")


def document_fit(tokens: Sequence[tuple[int, int, str]], fits: Mapping[int, tuple[float, float]]) -> dict[str, float]:
    """The four features of a text (see the module), from the detector's tokens
    (`spin.rarity.context_tokens`) and its content words' `word_fits`."""
    index = bigram_index()
    ids = index.id
    n = misfits = strong = unseen = 0
    total = 0.0
    last = len(tokens) - 1
    for i, (left, right) in fits.items():
        word = tokens[i][2]
        if len(word) < MIN_LENGTH:
            continue
        n += 1
        association = left + right
        misfits += association < MISFIT
        strong += association < STRONG_MISFIT
        total += min(CLIP, max(-CLIP, association))
        before = ids(tokens[i - 1][2]) if i > 0 and tokens[i - 1][2] != START else None
        after = tokens[i + 1][2] if i < last else END
        after_id = ids(END if after == START else after)
        own = ids(word)
        if before is not None and after_id is not None and own is not None:
            unseen += not _seen(index, before, own) and not _seen(index, own, after_id)
    if not n:
        return dict.fromkeys(FEATURES, 0.0)
    return {"lm_misfit_share": misfits / n, "lm_strong_misfit_share": strong / n,
            "lm_association_mean": total / n, "lm_unseen_share": unseen / n}


@lru_cache(maxsize=65_536)  # ~10 MB at most; emptied between a long text's windows (`windows.release_memos`)
def _seen(index: "BigramIndex", first: int, second: int) -> bool:
    """`index.seen(first, second)`, remembered: two in five of the pairs a folder's texts ask
    were asked before, and a pair whose first word's successors were let go reads them again."""
    return index.seen(first, second)
