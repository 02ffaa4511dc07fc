"""Story grouping in corpus mode: copies of one story form a group, unrelated texts stay alone."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from textlint_news.api import lint_paths
from textlint_news.config import Config, ConfigError
from textlint_news.stories import Sketch, StorySettings, group, signature, similarity, sketch

SETTINGS = StorySettings()

STORY = (
    "Harbour minister Orlanda Vexmire opened the Tarvesk desalination plant on Tuesday, "
    "promising cheaper water for Olbury and the Quenmouth valley.\n\n"
    "Vexmire said the plant would supply forty thousand households by spring. Critics in "
    "Olbury questioned the tariff, while the Tarvesk mayor, Dellan Poucher, praised the pumps.\n\n"
    "Engineers from Brivant Hydro tested the membranes for six weeks before the ceremony.\n"
)
# the same story as another outlet rewrote it, and as a spinner mangled it
REWRITTEN = (
    "Tarvesk (Coastal Wire) - Orlanda Vexmire, the harbour minister, inaugurated a desalination "
    "plant in Tarvesk, saying Olbury and the Quenmouth valley would get cheaper water.\n\n"
    "The mayor of Tarvesk, Dellan Poucher, welcomed the pumps built by Brivant Hydro; Olbury "
    "critics disputed the tariff. Vexmire expects forty thousand households connected by spring.\n"
)
SPUN = (
    "Harbour minister Orlanda Vexmire unveiled the Tarvesk desalination facility on Tuesday, "
    "pledging less expensive water for Olbury and the Quenmouth vale.\n\n"
    "Vexmire stated the facility would provide forty thousand families by springtime. Detractors "
    "in Olbury doubted the tariff, whereas the Tarvesk mayor, Dellan Poucher, lauded the pumps.\n"
)
UNRELATED = (
    "The Corvane Rovers beat Sellick Athletic three goals to one on Saturday, with striker "
    "Pennor Ashgrove scoring twice before the interval.\n\n"
    "Athletic manager Ilse Drummet blamed the pitch, and Rovers now lead the Wexholt league.\n"
)


def test_copies_of_one_story_form_one_group_and_an_unrelated_text_stays_alone():
    sketches = [sketch(text, SETTINGS) for text in (STORY, UNRELATED, REWRITTEN, SPUN)]
    assert group(sketches, SETTINGS) == [0, 1, 0, 0]


def test_similarity_estimates_jaccard():
    from textlint_news.stories import _minhash

    first = {f"word{n}" for n in range(400)}
    second = {f"word{n}" for n in range(200, 600)}  # Jaccard 1/3
    assert abs(similarity(_minhash(first, 256), _minhash(second, 256)) - 1 / 3) < 0.08
    assert similarity(_minhash(first, 256), b"") == 0.0


def test_minhash_is_the_least_permuted_hash():
    import zlib

    from textlint_news.stories import _PRIME, _minhash, _permutations

    features = {f"word{n}" for n in range(300)} | {"Zürich"}
    hashes = [zlib.crc32(f.encode()) % _PRIME for f in features]
    expected = [min((int(a) * h + int(b)) % _PRIME for h in hashes) for a, b in zip(*_permutations(64))]
    assert signature(_minhash(features, 64)).tolist() == expected
    assert len(_minhash(features, 64)) == 64 * 4  # 32 bits a value: a tenth of a tuple of Python ints


@pytest.mark.parametrize("text", [
    "Vexmire and Olbury met in Tarvesk; the Vexmire plan.",
    "“Vexmire” said — Olbury’s mayor — nothing.",  # punctuation beyond ASCII only
    "Zoë Müller left Zürich for Area² and Ölbury.",  # letters beyond ASCII
])
def test_sketch_words_and_names(text):
    import re

    from textlint_news.names.gazetteer import frequencies
    from textlint_news.stories import _minhash

    words = set(re.findall(r"[^\W\d_]{3,}", text))
    rare = {w.lower() for w in words if frequencies().get(w.lower(), 0.0) < 10 ** (SETTINGS.word_max_zipf - 9)}
    names = {w for w in words if w[0].isupper() and not w.isupper() and w.lower() in rare}
    assert names and sketch(text, SETTINGS) == Sketch(_minhash(rare, 128), _minhash(names, 128))


def test_text_without_names_is_never_grouped():
    blank = sketch("and the of it was 1234", SETTINGS)
    assert blank.names == b"" and group([blank, blank], SETTINGS) == [0, 1]


def test_only_copies_of_the_story_judge_a_typo(tmp_path):
    """An unrelated article that writes the typo's spelling is no evidence for it."""
    typo = STORY.replace("Vexmire said", "Vemxire said")
    files = {"a.txt": typo, "b.txt": REWRITTEN, "c.txt": SPUN,
             "d.txt": UNRELATED + "Vemxire Dunning refereed the match. Vemxire Dunning booked four.\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = {Path(r.path).name: r.issues for r in lint_paths([str(tmp_path)], Config(select=["names"]))}
    assert [(i.rule, i.suggestions) for i in results["a.txt"]] == [("names.typo", ("Vexmire",))]
    assert "sister cop" in results["a.txt"][0].message
    assert results["d.txt"] == []


def test_a_bad_story_setting_is_a_clear_error_before_any_file_is_read(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    config = Config(select=["names"], settings={"stories": {"min-names": "many"}})
    with pytest.raises(ConfigError, match=r"\[settings.stories\] min-names: expected a number, got 'many'"):
        list(lint_paths([str(tmp_path)], config))
    with pytest.raises(ValueError, match="rows-per-band"):
        StorySettings(rows_per_band=0)
    with pytest.raises(ValueError, match="max-bucket"):
        StorySettings(max_bucket=1)


def test_the_seeds_are_one_story(seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    assert len(set(group([sketch(t, SETTINGS) for t in texts], SETTINGS))) == 1


@pytest.mark.slow
def test_clean_articles_form_few_small_groups(data_dir):
    """The clean data holds real duplicates and follow-ups of one story, but no chains."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))]
    sizes = collections.Counter(group([sketch(t, SETTINGS) for t in texts], SETTINGS)).values()
    grouped = [size for size in sizes if size > 1]
    assert len(grouped) <= 0.1 * len(texts) and max(grouped) <= 25


def _reference_group(sketches, settings):
    """Every pair that shares a band and is one story, joined (the plain algorithm)."""
    rows, parent = settings.rows_per_band, list(range(len(sketches)))

    def root(n):
        while parent[n] != n:
            n = parent[n]
        return n

    for i, first in enumerate(sketches):
        for j in range(i + 1, len(sketches)):
            second = sketches[j]
            mine, theirs = signature(first.names).tolist(), signature(second.names).tolist()
            shared = any(mine[b:b + rows] == theirs[b:b + rows] for b in range(0, len(mine) - rows + 1, rows))
            if shared and similarity(first.names, second.names) >= settings.min_names \
                    and similarity(first.words, second.words) >= settings.min_words:
                low, high = sorted((root(i), root(j)))
                parent[high] = low
    return [root(n) for n in range(len(sketches))]


def test_grouping_matches_the_plain_pairwise_algorithm():
    """Signatures over few values: many band collisions, chains and near misses."""
    import random

    import numpy as np

    rng = random.Random(7)
    settings = StorySettings(num_perm=12, rows_per_band=3, min_names=0.4, min_words=0.3)
    def values() -> bytes:
        return np.array([rng.randrange(4) for _ in range(12)], dtype="<u4").tobytes()

    sketches = [Sketch(values(), values()) for _ in range(60)]
    expected = _reference_group(sketches, settings)
    assert max(collections.Counter(expected).values()) >= 5 and len(set(expected)) > 20
    assert group(sketches, settings) == expected
    some = _reference_group(sketches[:3], settings)
    assert group([None, *sketches[:3], Sketch(b"", b"")], settings) == [0, *(n + 1 for n in some), 4]


def _story_pairs(numbers: list[int]) -> set[tuple[int, int]]:
    members = collections.defaultdict(list)
    for n, number in enumerate(numbers):
        members[number].append(n)
    return {(a, b) for m in members.values() for i, a in enumerate(m) for b in m[i + 1:]}


def test_a_large_bucket_is_compared_one_file_per_story():
    """Five stories of six copies that all share a popular name's band: the one bucket
    of 30 is compared one copy per story once each story's small buckets joined it."""
    import random

    import numpy as np

    rng = random.Random(3)
    settings = StorySettings(num_perm=16, rows_per_band=2, min_names=0.5, min_words=0.5, max_bucket=8)
    sketches = []
    for story in range(5):
        names, words = [rng.randrange(1 << 30) for _ in range(16)], [rng.randrange(1 << 30) for _ in range(16)]
        names[:2] = [7, 7]  # the popular name's band, shared by every story
        for _ in range(6):
            copy = names[:2] + [v if rng.random() < 0.9 else rng.randrange(1 << 30) for v in names[2:]]
            sketches.append(Sketch(np.array(words, dtype="<u4").tobytes(), np.array(copy, dtype="<u4").tobytes()))
    expected = _reference_group(sketches, settings)
    assert sorted(collections.Counter(expected).values()) == [6] * 5
    assert group(sketches, settings) == expected
    from textlint_news.stories import _bucket_pairs, _buckets, _rows

    buckets = _buckets(_rows([s.names for s in sketches]), 2)
    stories = np.array(expected)
    assert len(_bucket_pairs(*buckets, 8, stories)) == 10  # one copy per story: 5 * 4 / 2, not 30 * 29 / 2


@pytest.mark.slow
def test_the_bucket_cap_keeps_the_groups_of_real_articles(data_dir):
    """On ../shared/data the cap changes no group; a cap of 2 (nearly every bucket one file
    per story) only splits what the plain grouping joins, and little of it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))]
    sketches = [sketch(t, SETTINGS) for t in texts]
    plain = _story_pairs(group(sketches, StorySettings(max_bucket=len(texts))))
    assert _story_pairs(group(sketches, SETTINGS)) == plain and len(plain) > 500
    capped = _story_pairs(group(sketches, StorySettings(max_bucket=2)))
    assert capped <= plain and len(capped) >= 0.8 * len(plain)
