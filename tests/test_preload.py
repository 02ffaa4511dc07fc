"""`Linter.preload`: the tables a lint loads on first use, loaded ahead (before workers fork)."""
import json
import subprocess
import sys

# In a fresh process: preload (or not), then lint a spun text with a broken line and an ad
# slot; report which lazily loaded tables the lint still had to load (their cache misses).
# "protracted" is a rare-synonym signal the classifier reads: its general-English features
# (symspell's table) are asked only for a signal that reaches it (the rare-synonym detector's `fill`).
PROBE = r"""
import json
from textlint_news import english
from textlint_news.engine import Linter
from textlint_news.spin import classifier, features, general, lexicon, rarity
from textlint_news.checks import boilerplate, layout

loaders = {
    "synonyms": lexicon._table, "inflections": lexicon._irregular, "wordfreq": english.frequencies,
    "phrases": rarity.phrase_forms, "collocations": rarity.load_collocations,
    "general": general.general_bigrams, "model": classifier.load_model,
    "function words": features.function_words,
    "template screen": boilerplate._template_screen, "glue words": layout._function_words,
}
linter = Linter()
if PRELOAD:
    linter.preload()
before = {name: f.cache_info().misses for name, f in loaders.items()}
linter.lint("The facility of the Dollar will affix NATO. Each men assumed the primary "
            "conversation between the 2 leaders got here as a essential step, and the\n"
            "talks went on after a protracted period of silence.\n\nAdvertisement\n")
print(json.dumps({name: f.cache_info().misses - before[name] for name, f in loaders.items()}))
"""


def _loaded_during_lint(preload: bool) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", f"PRELOAD = {preload}\n{PROBE}"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_after_preload_a_lint_loads_no_table_of_its_own():
    assert set(_loaded_during_lint(False).values()) == {1}  # the probe covers tables a lint loads
    assert set(_loaded_during_lint(True).values()) == {0}


def test_the_checks_share_one_wordfreq_table_mapped_after_the_first_run():
    """Spin, names and layout read one 320k-word English table, asked of wordfreq under one key
    the first time, mapped from the model cache afterwards: a later lint never parses it (other
    languages' small lists, which the names and wrapper checks read, are not English)."""
    probe = ("import wordfreq\nasked, real = set(), wordfreq.get_frequency_dict\n"
             "def spy(lang, wordlist='best'):\n    asked.add((lang, wordlist))\n    return real(lang, wordlist)\n"
             "wordfreq.get_frequency_dict = spy\nfrom textlint_news.engine import Linter\n"
             "Linter().lint('Hegseth said the facility of the Dollar would affix NATO, and the\\n"
             "talks went on. Hesgeth left.')\nprint(sorted(w for lang, w in asked if lang == 'en'))")
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0].strip() in ("['best']", "[]")
    assert runs[1].strip() == "[]"
