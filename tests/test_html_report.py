"""The HTML report: every issue marked over exactly its characters, hostile text escaped,
nested and crossing spans, the summary, and the page in a real headless Chromium."""
import base64
import hashlib
import io
import json
import random
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from textlint_news.cli import main
from textlint_news.formatters.highlight import Mark, highlight
from textlint_news.formatters.sister import sister_paths
from textlint_news.issue import Issue

from headless import Browser, executable

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample_damaged.txt"
HOSTILE = ("Breaking news\n\n<script>document.title = 'pwned'</script> The council met.\n\n"
           'Advertisement\n\n"><img src=x onerror="document.title=1"> <!-- & </div></section>\n')


class Marks(HTMLParser):
    """Per file section (`data-f`): the text of the `.text` block and, per issue key,
    the characters inside every element carrying it (`data-i`, space-separated)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, list[str]]] = []  # tag, keys
        self.section: str | None = None
        self.in_text = 0
        self.texts: dict[str, str] = defaultdict(str)
        self.marked: dict[str, dict[str, str]] = defaultdict(lambda: defaultdict(str))
        self.rules: dict[str, list[str]] = defaultdict(list)
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs["data-f"]
        if tag == "li" and "data-rule" in attrs:
            self.rules[self.section].append(attrs["data-rule"])
        is_text = tag == "div" and "text" in (attrs.get("class") or "").split()
        self.in_text += is_text
        self.open.append((tag, (attrs.get("data-i") or "").split(), is_text))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        while self.open:
            name, _, is_text = self.open.pop()
            self.in_text -= is_text
            if name == tag:
                break
        self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)
        if not self.in_text:
            return
        self.texts[self.section] += data
        for key in {k for _, keys, _ in self.open for k in keys}:
            self.marked[self.section][key] += data


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    return parser


def run(*args):
    return CliRunner().invoke(main, list(args))


def crashed(result) -> bool:
    """Whether the command raised (an exit code alone does not tell: a crash exits 1 too)."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)


def report(paths, *options):
    """The HTML page and the JSON issues of one run over `paths`."""
    page = run("lint", *options, "--format", "html", *map(str, paths))
    issues = run("lint", *options, "--format", "json", *map(str, paths))
    assert page.exit_code in (0, 1) and not crashed(page), page.output
    return page.stdout, json.loads(issues.stdout)


def assert_every_issue_marked(page: str, issues: list[dict], texts: dict[str, str]) -> None:
    """Each issue's elements hold exactly its span's characters, the text block holds the
    whole text, and the list beside it names the issues' rules in order."""
    found = parse(page)
    sections = dict(re.findall(r'<section class="file panel" id="f\d+" data-f="(\d+)" data-path="([^"]*)"', page))
    number = {path: f for f, path in sections.items()}
    by_path = defaultdict(list)
    for issue in issues:
        by_path[issue["path"]].append(issue)
    assert by_path, "the run found no issues"
    for path, own in by_path.items():
        f = number[path.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")]
        text = texts[path]
        assert found.texts[f] == text
        assert found.rules[f] == [i["rule"] for i in own]
        for k, issue in enumerate(own):
            assert found.marked[f][str(k)] == text[issue["start"]:issue["end"]], (path, issue)


def test_highlight_keeps_every_character_of_nested_crossing_and_empty_spans():
    rng = random.Random(7)
    alphabet = "ab <>&\"'\r\n"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        marks = []
        for key in range(rng.randint(0, 8)):
            a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
            marks.append(Mark(a, b, str(key), 'class="x"'))
        out = highlight(text, marks)
        found = parse(f'<section data-f="0"><div class="text">{out}</div></section>')
        assert found.texts["0"] == text
        for mark in marks:
            assert found.marked["0"][mark.key] == text[mark.start:mark.end]
            assert out.count(f'id="m{mark.key}"') == 1


def shape(out: str) -> str:
    """`<mark ... data-i="k" ...>x</mark>` as `[kx]`."""
    return re.sub(r'<mark[^>]*data-i="(\w)"[^>]*>', r"[\1", out).replace("</mark>", "]")


def test_nested_spans_nest_and_crossing_spans_split():
    text = "one two three"
    assert shape(highlight(text, [Mark(0, 13, "a", ""), Mark(4, 7, "b", ""), Mark(2, 9, "c", "")])) == \
        "[aon[ce [btwo] t]hree]"
    crossing = highlight(text, [Mark(0, 7, "a", ""), Mark(4, 13, "b", "", 'data-fix="x"')])
    assert shape(crossing) == "[aone [btwo]][b three]"
    # the first fragment carries the id, the last the text shown after the span
    assert crossing.count('id="mb"') == 1 and crossing.count("data-fix") == 1
    assert '<mark id="mb" data-i="b" data-h="1">two' in crossing
    assert '<mark data-i="b" data-h="1" data-fix="x"> three</mark>' in crossing
    assert 'data-h="2"' in crossing and shape(highlight(text, [Mark(3, 3, "e", "")])) == "one[e] two three"


def test_every_issue_of_the_sample_is_marked_over_its_characters(tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    page, issues = report([SAMPLE, crlf], "--isolated")
    texts = {str(SAMPLE): SAMPLE.read_text(encoding="utf-8"), str(crlf): crlf.read_bytes().decode("utf-8")}
    assert {i["path"] for i in issues} == set(texts)
    assert_every_issue_marked(page, issues, texts)
    assert "spin.document" in {i["rule"] for i in issues}  # a whole-text issue marks the text block


def test_hostile_text_stays_text_and_only_the_report_script_runs(tmp_path):
    hostile = tmp_path / 'x"<b>.txt'
    hostile.write_text(HOSTILE, encoding="utf-8")
    page, issues = report([hostile], "--isolated")
    assert issues, "the ad slot is found"
    assert len(re.findall(r"<script", page, re.I)) == 1
    assert "<img" not in page and "<b>" not in page and "<!-- &" not in page
    assert_every_issue_marked(page, issues, {str(hostile): HOSTILE})
    found = parse(page)
    assert len(found.scripts) == 1
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    for kind, source in (("style", re.search(r"<style>(.*?)</style>", page, re.S).group(1)),
                         ("script", found.scripts[0])):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_file_results_carry_their_text_and_spin_probability(tmp_path):
    from textlint_news.api import lint_paths

    clean = tmp_path / "clean.txt"
    clean.write_bytes(b"The council met on Tuesday.\r\nIt approved the budget for next year.\r\n")
    sample, plain = lint_paths([str(SAMPLE), str(clean)])
    assert sample.text == SAMPLE.read_text(encoding="utf-8")
    document = next(i for i in sample.issues if i.rule == "spin.document")
    assert sample.scores["spin"] == pytest.approx(document.confidence, abs=1e-4) and document.confidence > 0.9
    assert plain.text == clean.read_bytes().decode() and "spin" not in plain.scores  # no spin evidence


def test_summary_puts_the_worst_file_first_and_counts_categories(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday and approved the budget for next year.\n")
    page, issues = report([clean, SAMPLE], "--isolated")
    rows = re.findall(r'<tr data-n="(\d+)">(.*?)</tr>', page)
    assert [n for n, _ in rows] == ["1", "0"]
    sample_row = rows[0][1]
    spin = sum(1 for i in issues if i["category"] == "spin")
    assert f'<td data-v="{spin}" class="heat' in sample_row
    assert re.search(r'<td data-v="0\.\d+"><span class="prob">\d+%', sample_row)
    assert len(re.findall(r'<section class="file', page)) == 2


class Pairs(HTMLParser):
    """The side-by-side table: per `data-op`, the text of its element in each column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.column = -1
        self.op: str | None = None
        self.ops: dict[str, list[str]] = defaultdict(lambda: ["", ""])
        self.kinds: dict[str, str] = {}
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.column, self.rows = -1, self.rows + 1
        elif tag == "td":
            self.column += 1
        elif tag == "span" and "data-op" in attrs:
            self.op = attrs["data-op"]
            self.kinds[self.op] = attrs["class"]

    def handle_endtag(self, tag):
        if tag == "span":
            self.op = None

    def handle_data(self, data):
        if self.op is not None:
            self.ops[self.op][self.column] += data


def issue(path: str, rule: str, message: str, start: int = 0, end: int = 1) -> Issue:
    return Issue(path, rule, "spin", "warning", message, start, end, 1, 1, 1, 2)


def test_sister_copies_are_found_by_the_paths_the_spin_messages_name(tmp_path):
    issues = [issue("b.txt", "spin.document", "The text reads as machine-spun against its sister copy "
                    "a/x y.txt: 9 of the 20 sentences ... Replace it with the sister copy or the original"),
              issue("b.txt", "spin.copy", "'x' stands where its sister copy corpus/o.txt: writes 'y'"),
              issue("b.txt", "spin.document", "against its sister copy a/x y.txt: again"),
              issue("b.txt", "spin.lexicon", "not from a sister copy z.txt: here")]
    assert sister_paths(issues) == ["a/x y.txt", "corpus/o.txt"]
    assert sister_paths(issues[3:]) == []

    # a sister outside the run (--corpus) is read from disk; one that cannot be read is said so
    from textlint_news.formatters.html import HtmlFormatter
    from textlint_news.results import FileResult

    sister = tmp_path / "sister.txt"
    sister.write_text("The power of the dollar rose.\n", encoding="utf-8")
    text = "The facility of the dollar rose.\n"
    out = io.StringIO()
    formatter = HtmlFormatter(out, [])
    formatter.add(FileResult("copy.txt", [issue("copy.txt", "spin.document", f"against its sister copy {sister}: "
                                                "1 of 1", 0, len(text)),
                                          issue("copy.txt", "spin.document", "against its sister copy gone.txt: x",
                                                0, len(text))], text=text))
    formatter.close()
    pairs = Pairs()
    pairs.feed(out.getvalue())
    assert list(pairs.ops.values()) == [["facility", "power"]]
    assert "The sister copy gone.txt cannot be shown: gone.txt: no such file" in out.getvalue()


@pytest.fixture(scope="module")
def spun_pair(data_dir, tmp_path_factory):
    """A BBC article, its twin spun by corpora/spinner.py (12%), and the report of both."""
    import sys

    sys.path.insert(0, str(ROOT))
    from corpora.spinner import Spinner

    text = sorted((data_dir / "bbc" / "business").glob("*.txt"))[3].read_text(encoding="utf-8")
    spun = Spinner(rate=0.12, seed=1).spin(text, key="report")
    folder = tmp_path_factory.mktemp("pair")
    original, copy = folder / "original.txt", folder / "spun.txt"
    original.write_text(text, encoding="utf-8")
    copy.write_text(spun.text, encoding="utf-8")
    page = folder / "report.html"
    result = run("lint", "--format", "html", "-o", str(page), str(original), str(copy))
    assert result.exit_code == 1 and not crashed(result), result.output
    return original, copy, spun, page


@pytest.mark.slow
def test_a_spun_copy_beside_its_original_aligns_every_swap(spun_pair):
    """The spinner's own record of its swaps decides: each swapped word is a marked run
    whose counterpart in the sister column holds the original word."""
    original, copy, spun, report_file = spun_pair
    page = report_file.read_text(encoding="utf-8")
    # spin.document names the sister copy the spun copy was judged against; the original has none
    assert page.count('<details class="sister"') == 1
    assert page.index('<details class="sister"') > page.index('data-path="' + str(copy))
    assert f'Beside its sister copy <a href="#f0">{original}</a>' in page
    pairs = Pairs()
    pairs.feed(page[page.index('<table class="pairs">'):])
    assert pairs.rows > 10
    changed = [(a, b) for a, b in pairs.ops.values()]
    assert len(spun.spans) >= 10
    words = lambda text: set(re.findall(r"\w+", text.lower()))  # noqa: E731
    for span in spun.spans:  # the words the spinner put in are marked, their counterpart holds those it took out
        new, old = words(span.replacement) - words(span.original), words(span.original) - words(span.replacement)
        assert any(new <= words(a) and old <= words(b) for a, b in changed if a.strip()), span
    flagged = [op for op, kind in pairs.kinds.items() if "flagged" in kind]
    assert flagged and all(pairs.ops[op][0] and pairs.ops[op][1] for op in flagged
                           if pairs.kinds[op].startswith("replace"))


# -- in a real browser ---------------------------------------------------------------

COLLECT = """
Array.from(document.querySelectorAll('section.file')).map(s => {
  const marks = {}, visible = {};
  s.querySelectorAll('[data-i]').forEach(e => {
    for (const k of e.dataset.i.split(' ')) {
      marks[k] = (marks[k] || '') + e.textContent;
      const box = e.getBoundingClientRect();
      visible[k] = visible[k] || (box.width > 0 && box.height > 0) || e.textContent === '';
    }
  });
  const text = s.querySelector('.text');
  return {path: s.dataset.path, text: text ? text.textContent : null, marks, visible,
          rules: Array.from(s.querySelectorAll('ol.issues li[data-rule]')).map(li => li.dataset.rule)};
})
"""


@pytest.fixture(scope="module")
def chromium():
    program = executable()
    if program is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    return program


@pytest.mark.slow
def test_seed_report_in_headless_chromium(chromium, seeds_dir, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    paths = [*sorted(seeds_dir.glob("*.txt")), hostile]
    assert len(paths) == 6
    out = tmp_path / "report.html"
    result = run("lint", "--format", "html", "-o", str(out), *map(str, paths))
    assert result.exit_code == 1 and not crashed(result), result.output
    issues = json.loads(run("lint", "--format", "json", *map(str, paths)).stdout)
    texts = {str(p): p.read_text(encoding="utf-8") for p in paths}
    with Browser(chromium) as browser:
        browser.load(out)
        sections = {s["path"]: s for s in browser.evaluate(COLLECT)}
        assert set(sections) == {str(p) for p in paths}
        by_path = defaultdict(list)
        for issue in issues:
            by_path[issue["path"]].append(issue)
        assert {str(p) for p in paths} - set(by_path) == set()  # every file has issues to mark
        for path, own in by_path.items():
            section = sections[path]
            assert section["text"] == texts[path]
            assert section["rules"] == [i["rule"] for i in own]
            for k, issue in enumerate(own):
                assert section["marks"][str(k)] == texts[path][issue["start"]:issue["end"]], issue
                assert section["visible"][str(k)], issue
        assert browser.evaluate("document.title").startswith("textlint-news report")
        assert browser.evaluate("document.scripts.length") == 1
        assert "<script>document.title" in sections[str(hostile)]["text"]
        # focus a mark: its message shows beside it and its list entry lights up
        message = next(i for i in by_path[str(paths[4])] if i["rule"] == "spin.lexicon")["message"]
        k = [i["message"] for i in by_path[str(paths[4])]].index(message)
        shown = browser.evaluate(f"""(() => {{
            const s = document.querySelector('section[data-path="{paths[4]}"]');
            const m = s.querySelector('mark[data-i="{k}"]'); m.focus();
            const tip = document.getElementById('tip');
            return [tip.hidden, tip.textContent, s.querySelector('li.current').id];
        }})()""")
        assert shown[0] is False and message in shown[1] and shown[2].endswith(f"-{k}")
        # the pointer over another mark: its own message (and those of the marks around it)
        browser.evaluate("document.activeElement.blur()")
        other = next(j for j, i in enumerate(by_path[str(paths[2])]) if i["rule"].startswith("names."))
        x, y = browser.evaluate(f"""(() => {{
            const m = document.querySelector('section[data-path="{paths[2]}"] mark[data-i="{other}"]');
            m.scrollIntoView({{block: 'center'}});
            const box = m.getClientRects()[0];
            return [box.left + box.width / 2, box.top + box.height / 2];
        }})()""")
        browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
        tip = browser.evaluate("[document.getElementById('tip').hidden, document.getElementById('tip').textContent]")
        assert tip[0] is False and by_path[str(paths[2])][other]["message"] in tip[1]
        # the summary sorts by a column on click, most first
        counts = browser.evaluate("""(() => {
            const th = Array.from(document.querySelectorAll('table.summary th')).find(
                t => t.textContent.trim() === 'issues');
            th.querySelector('button').click();
            const col = Array.from(th.parentNode.children).indexOf(th);
            return Array.from(document.querySelectorAll('table.summary tbody tr')).map(
                r => Number(r.cells[col].dataset.v));
        })()""")
        assert counts == sorted(counts, reverse=True) == sorted((len(v) for v in by_path.values()), reverse=True)
        shot = tmp_path / "shots" / "seeds.png"  # to look at: pytest --basetemp=DIR keeps it
        shot.parent.mkdir()
        shot.write_bytes(browser.screenshot())
        assert browser.problems == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


@pytest.mark.slow
def test_side_by_side_in_headless_chromium(chromium, spun_pair):
    """Focusing a swap lights it and its counterpart up; the page raises no error."""
    _, _, _, page = spun_pair
    with Browser(chromium) as browser:
        browser.load(page)
        lit = browser.evaluate("""(() => {
            const w = document.querySelector('table.pairs .replace.flagged'); w.focus();
            const on = Array.from(document.querySelectorAll('table.pairs .on'));
            return [on.length, on.every(x => x.dataset.op === w.dataset.op), on.map(x => x.closest('td').cellIndex)];
        })()""")
        assert lit[0] == 2 and lit[1] and sorted(lit[2]) == [0, 1]
        assert browser.problems == []
