"""What every spinner family shares: the budget, the seeding, case, and the labelled result.

A family says where it can swap and with what (`FamilySpinner.proposals`); the
base keeps about `rate` of the content words' worth of swaps, never two on the
same words, never a replacement in `exclude`, in the case of the original, and
returns the same `SpinResult` / `SpunSpan` records as corpora/spinner.py (so an
a/an left before a new word is labelled with the swap, as there).
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterable, Iterator

from corpora.spinner import WORD, Edit, SpinResult, apply_edits, is_content_word, match_case


class FamilySpinner:
    """Spins texts reproducibly: the same (family, seed, key, text) always gives the same result."""

    name = ""
    kind = "synonym"  # the `SpunSpan.kind` of this family's swaps
    data: tuple[Path, ...] = ()  # the built tables it reads (corpora/families/data/)

    def __init__(self, rate: float = 0.10, seed: int = 0, exclude: Iterable[str] = ()) -> None:
        if not 0 <= rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        for path in self.data:
            if not path.is_file():
                raise FileNotFoundError(f"{path} not found: build it with python corpora/build_families.py")
        self.rate = rate
        self.seed = seed
        self.exclude = frozenset(" ".join(e.lower().split()) for e in exclude)

    def spin(self, text: str, key: str = "") -> SpinResult:
        """Spin one text; `key` (its path, say) seeds the random choices with `seed`."""
        rng = random.Random(f"{self.name}:{self.seed}:{key}")
        words = list(WORD.finditer(text))
        content = [m for m in words if is_content_word(text, m)]
        budget = round(self.rate * len(content))
        edits: list[Edit] = []
        taken: list[tuple[int, int]] = []
        if budget:
            for start, end, replacement in self.proposals(text, words, content, rng):
                if len(edits) >= budget:
                    break
                original = text[start:end]
                wanted = " ".join(replacement.lower().split())
                if (wanted in self.exclude or wanted == " ".join(original.lower().split())
                        or any(start < e and s < end for s, e in taken)):
                    continue
                edits.append(Edit(start, end, match_case(original, replacement), self.kind))
                taken.append((start, end))
        return apply_edits(text, sorted(edits, key=lambda e: e.start), len(content))

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        """(start, end, replacement) swaps in the order to try them; the base keeps the budget."""
        raise NotImplementedError
