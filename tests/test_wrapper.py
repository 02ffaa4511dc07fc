"""Foreign-wrapper check: script and language wrappers around an English article."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from textlint_news.check import Context
from textlint_news.config import Config, ConfigError
from textlint_news.engine import Linter
from textlint_news.checks.wrapper import WrapperCheck
from textlint_news.document import Document

BODY = (
    "The city council approved the new budget on Tuesday after a long debate about "
    "funding for schools, roads and the public library system in the northern district.\n\n"
    "Officials said the plan would take effect next month and that residents could "
    "comment on the details at a series of public meetings across the region this spring.\n"
)


def run(text: str):
    return list(WrapperCheck().check(Document(text), Context()))


def warnings(text: str):
    return [i for i in run(text) if i.severity != "info"]


def test_fires_on_persian_header_block_as_one_issue():
    header = "کد خبر: 123456 - گروه اقتصادی\nنسخه چاپی | پیوند کوتاه\n\n"
    text = header + "Council passes budget\n\n" + BODY
    issues = warnings(text)
    assert len(issues) == 1
    issue = issues[0]
    assert issue.rule == "wrapper.foreign-script" and issue.category == "foreign-wrapper"
    assert text[issue.start:issue.end] == header.strip()
    assert issue.suggestions == ("",)
    assert "Arabic script" in issue.message


def test_fires_on_tag_after_title_with_separator():
    text = "Council passes budget\n\nخبرگزاری -\n\n" + BODY
    issues = warnings(text)
    assert [text[i.start:i.end] for i in issues] == ["خبرگزاری -"]


def test_fires_on_foreign_text_glued_to_last_line():
    text = BODY + "Read more about the budget here.最新消息新闻"
    issues = warnings(text)
    assert len(issues) == 1
    assert text[issues[0].start:issues[0].end] == "最新消息新闻"
    assert "Chinese" in issues[0].message


@pytest.mark.parametrize("line, language", [
    ("Lea también: las noticias más importantes del día en nuestra página", "Spanish"),
    ("Lesen Sie auch: Die wichtigsten Nachrichten des Tages auf unserer Seite", "German"),
    ("Haberin devamı için tıklayın ve diğer haberleri okuyun", "Turkish"),
    ("Baca juga: berita terbaru dan terpopuler hari ini di situs kami", "Indonesian"),
    ("Les mer om saken her, og abonner på nyhetsbrevet vårt for flere nyheter", "Norwegian"),
])
def test_fires_on_latin_script_footer_in_another_language(line, language):
    text = BODY + "\n" + line + "\n"
    issues = warnings(text)
    assert len(issues) == 1
    assert issues[0].rule == "wrapper.foreign-language"
    assert text[issues[0].start:issues[0].end] == line
    assert language in issues[0].message


def test_contiguous_latin_lines_form_one_block():
    footer = "Lea también: las noticias más importantes del día\nTodos los derechos reservados por la agencia"
    text = BODY + "\n" + footer + "\n"
    issues = warnings(text)
    assert len(issues) == 1 and text[issues[0].start:issues[0].end] == footer


@pytest.mark.parametrize("line", [
    "Council passes budget after long debate",
    "READ MORE",
    "Reuters",
    "By Maria Fernández and Jürgen Müller",
    "Photograph: Ana López/Agence France-Presse",
    "12 February 2025 - 21:20",
    "Additional reporting by Sergio Gómez in São Paulo",
])
def test_quiet_on_short_english_lines(line):
    assert warnings(line + "\n\n" + BODY) == []
    assert warnings(BODY + "\n" + line + "\n") == []


def test_inline_foreign_name_is_info_only():
    text = (BODY + "The mayor, Олена Петренко, said the vote showed trust in the council and "
            "promised more meetings with residents across the district next year.\n")
    issues = run(text)
    assert [i.severity for i in issues] == ["info"]
    assert issues[0].rule == "wrapper.inline-foreign"
    assert text[issues[0].start:issues[0].end] == "Олена Петренко"


def test_quiet_on_accents_curly_quotes_and_emoji():
    text = ("Café owners in Zürich say “business is good” 😊 despite the naïve forecasts.\n\n"
            + BODY)
    assert run(text) == []


def test_quoted_foreign_phrase_inside_body_is_not_a_warning():
    text = BODY + "She called it «la dolce vita» and left.\n\n" + BODY
    assert warnings(text) == []


@pytest.mark.slow
def test_seed_003_persian_header_and_tag(seed_text, linter):
    text = seed_text(3)
    found = [i for i in linter.lint(text) if i.category == "foreign-wrapper"]
    issues = [i for i in found if i.severity != "info"]
    lines = text.splitlines()
    assert [text[i.start:i.end] for i in issues] == ["\n".join(lines[:2]).strip(), lines[7].strip()]
    assert all(i.suggestions == ("",) and i.rule == "wrapper.foreign-script" for i in issues)
    assert all("Persian" in i.message for i in issues)
    # the Cyrillic name inside the tweet signature is part of the embed: info at most with the
    # wrapper rules alone, and left out of a full report, since --fix deletes the tweet
    assert [i for i in found if i.severity == "info"] == []

    inline = [i for i in Linter(Config(select=["wrapper"])).lint(text) if i.severity == "info"]
    assert [i.rule for i in inline] == ["wrapper.inline-foreign"]
    assert "(@" in text[inline[0].end:inline[0].end + 20]


def test_quiet_when_the_whole_body_is_in_another_script():
    persian = "این یک متن آزمایشی است که به زبان فارسی نوشته شده و هیچ ربطی به خبر ندارد.\n"
    assert run("Tehran Times\n\n" + persian * 5) == []


@pytest.mark.slow
@pytest.mark.parametrize("number", [0, 1, 2, 4])
def test_other_seeds_have_no_wrapper(seed_text, linter, number):
    issues = [i for i in linter.lint(seed_text(number)) if i.category == "foreign-wrapper"]
    assert [i for i in issues if i.severity != "info"] == []


def test_fires_on_latin_header_block_before_title():
    header = "Noticias de última hora | Agencia de noticias\nLea también: el resumen del día"
    text = header + "\n\nCouncil passes budget\n\n" + BODY
    issues = warnings(text)
    assert [(i.rule, text[i.start:i.end]) for i in issues] == [("wrapper.foreign-language", header)]
    assert "Spanish" in issues[0].message and "before the first paragraph" in issues[0].message


@pytest.mark.parametrize("text", [
    BODY,
    "Hola a todos.\r\nThe council met\ron Tuesday.\n\nÜber den Fluss, the Old Bridge",
])
def test_line_counts_give_the_whole_text_function_share(text):
    """The body test sums the per-line counts when the sample is the whole text."""
    from textlint_news.checks.wrapper import _function_word_share, _line_function_counts

    hits, words = _line_function_counts(Document(text))
    assert len(hits) == len(words) == len(Document(text).lines)
    hits, words = sum(hits), sum(words)
    assert hits / words == _function_word_share(text)


def test_preload_loads_the_language_identifier_a_lint_would_load():
    import subprocess
    import sys

    text = BODY + "\nLea también: las noticias más importantes del día en nuestra página\n"
    probe = ("from textlint_news.checks import wrapper\n"
             "from textlint_news.config import Config\n"
             "from textlint_news.engine import Linter\n"
             "linter = Linter(Config(select=['wrapper']))\n"
             "linter.preload()\n"
             "before = wrapper.identifier.cache_info().misses\n"
             f"assert any(i.rule == 'wrapper.foreign-language' for i in linter.lint({text!r}))\n"
             "print(before, wrapper.identifier.cache_info().misses)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "1"]  # loaded by preload, not again by the lint


def test_every_language_code_is_read_as_a_code():
    """YAML reads bare `no`, `on`, `yes`... as booleans: Norwegian went unnamed that way."""
    from textlint_news.resources import load_data

    codes = list(load_data("data/wrapper_languages.yml"))
    assert all(isinstance(code, str) for code in codes) and "no" in codes



def test_native_words_come_from_the_small_lists(tmp_path):
    """Whether a Latin line's words are common in its language is read from wordfreq's small
    list (the words above Zipf 3): the full lists take ten times as long to load.  The first
    run writes it to the model cache (`textlint_news.mapped`); the next maps it, loading none."""
    import os
    import subprocess
    import sys

    from textlint_news.model_cache import CACHE_ENV

    text = BODY + "\nLea también: las noticias más importantes del día en nuestra página\n"
    probe = ("import wordfreq\n"
             "loaded, real = [], wordfreq.get_frequency_dict\n"
             "def spy(lang, wordlist='best'):\n"
             "    loaded.append(f'{lang}:{wordlist}')\n"
             "    return real(lang, wordlist)\n"
             "wordfreq.get_frequency_dict = spy\n"
             "from textlint_news.config import Config\n"
             "from textlint_news.engine import Linter\n"
             f"issues = Linter(Config(select=['wrapper'])).lint({text!r})\n"
             "print(' '.join(i.rule for i in issues))\n"
             "print(' '.join(sorted(set(loaded))))\n")
    env = {**os.environ, CACHE_ENV: str(tmp_path / "model-cache")}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env=env).stdout.split("\n")[:2] for _ in range(2)]
    (rules, loaded), (rules_again, loaded_again) = runs
    assert rules == rules_again == "wrapper.foreign-language"
    assert "es:small" in loaded.split() and not [t for t in loaded.split() if t.startswith("es:") and t != "es:small"]
    assert not [t for t in loaded_again.split() if t.startswith("es:")]


# Short header and footer lines (issue 20): invented lines of many languages, in
# tests/data/wrapper_lines.yml (tuned on) and wrapper_lines_heldout.yml (written after).
WRAPPER_LINES = {
    name: yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))
    for name in ("wrapper_lines.yml", "wrapper_lines_heldout.yml")
}
LINE_CASES = [(name, code) for name, languages in WRAPPER_LINES.items() for code in languages]


def wrapped(header: str, footer: str) -> str:
    return f"{header}\n\nCouncil passes budget\n\n{BODY}\n{footer}\n"


@pytest.mark.parametrize("name, code", LINE_CASES)
def test_short_header_and_footer_lines_are_found(name, code):
    lines = WRAPPER_LINES[name][code]
    missed = []
    for number, (header, footer) in enumerate(itertools.product(lines["header"], lines["footer"])):
        header, footer = header.format(n=4521 + number), footer.format(n=88310 + number)
        text = wrapped(header, footer)
        found = {text[i.start:i.end] for i in warnings(text) if i.rule.startswith("wrapper.foreign-")}
        missed += [line for line in (header, footer) if line not in found]
    assert missed == []


def test_a_short_line_names_its_language():
    text = wrapped("Kode berita: 55321 | Desk Internasional", "Fuente: Reuters | Versión para imprimir")
    issues = warnings(text)
    assert [(i.rule, i.suggestions) for i in issues] == [("wrapper.foreign-language", ("",))] * 2
    assert "Indonesian" in issues[0].message and "Spanish" in issues[1].message


@pytest.mark.parametrize("line", ["Fuente: Reuters | Versión para imprimir", "Quelle: Reuters | Druckversion"])
def test_a_short_foreign_line_counts_only_where_wrappers_sit(line):
    # inside the body, or in the first paragraph together with prose, it is no wrapper
    assert warnings(BODY + "\n" + line + "\n\n" + BODY) == []
    assert warnings(line + "\n" + BODY) == []


def test_a_weak_line_needs_a_partner_in_its_language():
    """'Source : Reuters | Version imprimable' holds no word that is French rather than
    English; it counts beside a French header, not alone."""
    footer = "Source : Reuters | Version imprimable"
    assert warnings(wrapped("Council passes budget", footer)) == []
    text = wrapped("Code de l'article : 4521 | Rédaction internationale", footer)
    assert footer in {text[i.start:i.end] for i in warnings(text)}


@pytest.mark.parametrize("header, footer", [
    ("Deutsche Telekom sees mobile gain", "Photograph: Ana López/Agence France-Presse"),
    ("Real Madrid 2-1 Real Sociedad", "Contributing: Chris Woodyard"),
    ("Dal Maso in to replace Bergamasco", "Twitter: @reporter"),
])
def test_english_edge_lines_with_foreign_names_stay_quiet(header, footer):
    assert warnings(wrapped(header, footer)) == []


@pytest.mark.slow
def test_english_lines_of_the_clean_news_stay_quiet(data_dir):
    """No line of ../shared/data is taken for a foreign wrapper ('joie de vivre' inside the body
    is an info note)."""
    flagged = []
    for path in sorted(data_dir.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        flagged += [f"{path.name}: {text[i.start:i.end]}" for i in warnings(text)
                    if i.rule == "wrapper.foreign-language"]
    assert flagged == []


def test_a_bad_edge_setting_is_a_clear_error():
    with pytest.raises(ConfigError, match=r"\[settings.wrapper\] edge_min_words: expected a whole number, got 'two'"):
        Linter(Config(settings={"wrapper": {"edge_min_words": "two"}}))
