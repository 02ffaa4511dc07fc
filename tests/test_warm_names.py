"""The one-pass finders of spun names and of the spinner map find exactly what
the per-token paths found, on real news, spun copies and edge cases; work that cannot match
never reaches the scorers (docs/speed.md, "What this round cut (warmnames)")."""
from __future__ import annotations

import re
from itertools import accumulate

import pytest

from textlint_news.spin import spinner_map, spun_names
from textlint_news.spin.lexicon import function_words
from textlint_news.spin.lm import language_model
from textlint_news.spin.settings import NameSettings, SpinnerMapSettings

EDGES = [
    "", "A", "&", "&&", "a&", "ab-", "A-A-A-A-A Bank", "Dr. Ali met Mr Blair's aide.",
    "England's Monetary Policy Committee and the Bank of England", "Marks & Spencer, AT&T.",
    "U.S. p.c. 12.5 yr -- 3,000 men\n\n“Quoted” (aside) [note] — dash – en: end!",
    "rock’n’roll O’Brien’s ex-Prime Minister café İstanbul Kelvin K", "x's  double  spaces\tTab",
    "the 's and ’s, it's Jones' s U.S.'s A.'s",
]

# The per-token paths these replace, as they were (main 318fb74).
_NAMES_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'&.-]*[A-Za-z]|[A-Za-z]|&")
_MAP_TOKEN = re.compile(r"([A-Za-z]\.(?:[A-Za-z]\.)+|[A-Za-z]+(?:['’][A-Za-z]+)*)|(\d+(?:[.,:]\d+)*)|(-)"
                        r"|[.!?;:\n]|[“\"‘(\[—–]")


def _names_tokens(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
    matches = list(_NAMES_TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    possessive = [t[-2:] in ("'s", "’s") for t in tokens]
    words = [t[:-2] if p else t for t, p in zip(tokens, possessive)]
    starts = [m.start() for m in matches]
    ends = [start + len(word) for start, word in zip(starts, words)]
    spaced = [m.start() - previous.end() == 1 and text[m.start() - 1] == " "
              for previous, m in zip(matches, matches[1:])]
    breaks = [1, *(not one or possessive[i] for i, one in enumerate(spaced))]
    return words, starts, ends, list(accumulate(breaks))


def _map_tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for match in _MAP_TOKEN.finditer(text):
        if match.lastindex is None:
            out.append((match.start(), match.end(), ""))
        else:
            out.append((match.start(), match.end(), match.group(match.lastindex).lower().replace("’", "'")))
    return out


@pytest.fixture(scope="module")
def texts(seeds_dir, data_dir) -> list[str]:
    """The seeds and every 12th file of ../shared/data (about 200 articles)."""
    files = sorted(seeds_dir.glob("*.txt")) + sorted(data_dir.rglob("*.txt"))[::12]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


@pytest.fixture(scope="module")
def spun(texts) -> list[str]:
    """Copies spun as a sense-blind spinner does (names' words too): the detectors have finds."""
    from corpora.spinner import Spinner

    spinner = Spinner(rate=0.15, seed=7)
    return [spinner.spin(text, key=str(n)).text for n, text in enumerate(texts[5:125])]


def test_name_tokens_equal_the_per_token_path(texts, spun):
    for text in [*EDGES, *texts, *spun]:
        tokens = spun_names._Tokens(text)
        words, starts, ends, breaks = _names_tokens(text)
        assert (tokens.words, tokens.starts, tokens.ends, tokens._breaks) == (words, starts, ends, breaks)
        assert tokens.capitals == [i for i, word in enumerate(words) if word[0].isupper()]


def test_map_tokens_equal_the_per_token_path(texts, spun):
    for text in [*EDGES, *texts, *spun]:
        assert spinner_map.tokens(text) == _map_tokens(text)


def test_a_fragment_that_cannot_pass_is_never_scored(texts, spun, monkeypatch):
    """Fragments that cannot pass are not scored, and the swaps equal those of a run that
    scores every fragment; a text without a fragment of the map never reaches the scorer."""
    limits, lm, words = SpinnerMapSettings(), language_model(), function_words()
    table = spinner_map.load_map(limits.table)
    real_score = spinner_map._score
    scored = []

    def score(toks, i, j, fragment, limits, lm):
        scored.append(fragment)
        return real_score(toks, i, j, fragment, limits, lm)

    monkeypatch.setattr(spinner_map, "_score", score)
    kept = [spinner_map.find_swaps(t, table, limits, lm, words) for t in [*texts, *spun]]
    pruned = len(scored)
    assert sum(map(len, kept)) > 10  # the spun copies have swaps
    scored.clear()
    assert spinner_map.find_swaps("Zzz qqq, Xyzzy!\nPlugh.", table, limits, lm, words) == [] and not scored
    monkeypatch.setattr(spinner_map, "can_pass", lambda fragment, limits, lm: True)
    assert kept == [spinner_map.find_swaps(t, table, limits, lm, words) for t in [*texts, *spun]]
    assert pruned < 0.7 * len(scored)  # news holds many single words shown by one entry
