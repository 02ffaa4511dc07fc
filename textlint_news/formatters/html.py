"""`html`: one self-contained page to look at: a summary, then each text with its damage marked.

The page loads nothing (a Content-Security-Policy allows only its own style and
script, by hash), and every text in it is escaped: a scraped page may hold markup.
"""
from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import Formatter
from .highlight import Mark, escape_text, highlight
from .sister import sister_paths, side_by_side
from .. import __version__
from ..check import resolve_rule
from ..issue import CATEGORIES, SEVERITIES, Issue
from ..results import FileResult

SPIN_SCORE = "spin"  # FileResult.scores: the spin classifier's document probability
# Longest suggestion written beside its mark (the list beside the text holds it whole).
INLINE_FIX_CHARS = 40


def _attr(value: str) -> str:
    return html.escape(value, quote=True).replace("\r", "&#13;")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


@dataclass
class _File:
    number: int
    path: str
    text: str | None
    issues: list[Issue]
    errors: list[str]
    spin: float | None

    def whole(self, issue: Issue) -> bool:
        """Whether an issue spans the whole text (such as `spin.document`)."""
        return self.text is not None and issue.start == 0 and issue.end >= len(self.text)

    def count(self, key: str) -> int:
        return sum(1 for i in self.issues if key in (i.severity, i.category))

    @property
    def rank(self) -> tuple:
        """Worst first: errors and warnings, then errors, then every issue."""
        errors = self.count("error")
        return (-errors - self.count("warning"), -errors, -len(self.issues), self.number)


class HtmlFormatter(Formatter):
    """Collects every result and writes one page at the end."""

    machine = False  # written at the end: a progress bar meanwhile helps

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files: list[_File] = []

    def add(self, result: FileResult) -> None:
        self.files.append(_File(len(self.files), result.path, result.text, list(result.issues),
                                list(result.errors), result.scores.get(SPIN_SCORE)))

    def close(self) -> None:
        self.stream.write(self.page())

    def page(self) -> str:
        css, js = _asset("report.css"), _asset("report.js")
        issues = sum(len(f.issues) for f in self.files)
        by_severity = ", ".join(_plural(sum(f.count(s) for f in self.files), s) for s in reversed(SEVERITIES))
        title = f"textlint-news report: {_plural(len(self.files), 'file')}, {_plural(issues, 'issue')}"
        policy = f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}"
        return "".join([
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape_text(title)}</title>\n<style>{css}</style>\n</head>\n",
            '<body class="fixes">\n<header class="top" id="top">\n',
            f"<h1>{escape_text(title)}</h1>\n<p>{by_severity}; textlint-news {__version__}</p>\n</header>\n<main>\n",
            self._legend(), self._summary(),
            *(self._file(f) for f in self.files),
            '</main>\n<div id="tip" role="tooltip" hidden></div>\n',
            f"<script>{js}</script>\n</body>\n</html>\n",
        ])

    def _categories(self) -> list[str]:
        found = {i.category for f in self.files for i in f.issues}
        return [c for c in CATEGORIES if c in found]

    def _legend(self) -> str:
        items = "".join(f'<li><mark class="c-{c}">{c}</mark></li>' for c in self._categories())
        return (
            '<div class="panel"><ul class="legend" aria-label="Categories">'
            f'{items}<li><mark class="c-boilerplate del">deleted by the fix</mark></li></ul>\n'
            '<p class="options"><label><input type="checkbox" id="show-fixes" checked> '
            "show each fix after its span</label> · hover over or tab to a mark for its message; "
            "the list beside each text leads to its marks</p></div>\n"
        )

    def _summary(self) -> str:
        categories = self._categories()
        numeric = ["spin probability", *SEVERITIES[::-1], *categories, "total"]
        head = '<th scope="col"><button type="button">file</button></th>' + "".join(
            f'<th scope="col" class="v"><button type="button">{_label(key, categories)}'
            "</button></th>" for key in numeric
        )
        rows = []
        top = max((f.count(c) for f in self.files for c in categories), default=0)
        for f in sorted(self.files, key=lambda f: f.rank):
            cells = [f'<td data-v="{_attr(f.path)}"><a href="#f{f.number}">{escape_text(f.path)}</a></td>']
            if f.errors and f.text is None:
                cells.append(f'<td class="unread" colspan="{len(numeric)}" data-v="-1">could not be linted: '
                             f"{escape_text(' '.join(f.errors))}</td>")
            else:
                cells.append(_spin_cell(f.spin))
                for key in numeric[1:]:
                    n = len(f.issues) if key == "total" else f.count(key)
                    heat = "zero" if not n else f"heat{_heat(n, top)}" if key in categories else ""
                    cells.append(f'<td data-v="{n}" class="{heat}">{n}</td>')
            rows.append(f'<tr data-n="{f.number}">{"".join(cells)}</tr>')
        return (
            '<div class="panel scroll"><table class="summary"><caption>Files, worst first (most errors '
            "and warnings, then errors, then issues); a column's heading sorts by it</caption>\n"
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n"
        )

    def _file(self, f: _File) -> str:
        spin = "" if f.spin is None else f" · spin probability {f.spin:.0%}"
        parts = [
            f'<section class="file panel" id="f{f.number}" data-f="{f.number}" data-path="{_attr(f.path)}">\n',
            f'<header><h2><a href="#f{f.number}">{escape_text(f.path)}</a></h2>'
            f'<span class="counts">{_plural(len(f.issues), "issue")}{spin}</span>'
            '<a href="#top">summary</a></header>\n',
        ]
        parts.extend(f'<p class="errors">{escape_text(e)}</p>\n' for e in f.errors)
        if f.text is not None:
            parts.append(self._text(f))
            parts.extend(self._sister(f, n, path) for n, path in enumerate(sister_paths(f.issues)))
        elif f.issues:
            parts.append(f'<p class="none">The text is not available.</p>{self._list(f)}')
        parts.append("</section>\n")
        return "".join(parts)

    def _text(self, f: _File) -> str:
        whole = [(k, i) for k, i in enumerate(f.issues) if f.whole(i)]
        marks = [self._mark(f, k, i) for k, i in enumerate(f.issues) if not f.whole(i)]
        banners = "".join(
            f'<p class="whole c-{i.category}" id="m{f.number}-{k}"><b>{escape_text(i.rule)}</b> '
            f'<span class="sev {i.severity}">{i.severity}</span> {escape_text(i.message)}</p>\n'
            for k, i in whole
        )
        block = 'class="text"'
        if whole:  # the text block carries the whole-text issues, with a bar of the first one's colour
            block = f'class="text doc c-{whole[0][1].category}" data-i="{" ".join(str(k) for k, _ in whole)}"'
        body = highlight(f.text, marks, id_prefix=f"m{f.number}-")
        return f'{banners}<div class="body"><div {block}>{body}</div>\n{self._list(f)}</div>\n'

    def _sister(self, f: _File, n: int, path: str) -> str:
        """This copy beside the sister copy it was judged against (one of this run, or read)."""
        other = next((g for g in self.files if g.path == path and g.text is not None), None)
        name = escape_text(path)
        if other is not None:
            sister, name = other.text, f'<a href="#f{other.number}">{name}</a>'
        else:
            from ..config import Config
            from ..loader import InputError, read_document

            try:
                sister = read_document(Path(path), Config().max_file_size).text
            except (InputError, OSError) as exc:
                return f'<p class="none">The sister copy {name} cannot be shown: {escape_text(str(exc))}</p>\n'
        flagged = [(i.start, i.end) for i in f.issues if i.category == "spin" and not f.whole(i)]
        rows = side_by_side(f.text, sister, flagged, f"s{f.number}-{n}")
        return (
            f'<details class="sister" open><summary>Beside its sister copy {name} '
            '<span class="none">the words that differ in the sentences both hold; those reported as '
            "spin in bold; hover over or tab to one to see its counterpart</span></summary>\n"
            f'<table class="pairs"><thead><tr><th scope="col">this copy</th><th scope="col">sister copy '
            f"{escape_text(path)}</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table></details>\n"
        )

    def _mark(self, f: _File, k: int, issue: Issue) -> Mark:
        end = min(issue.end, len(f.text))
        start = min(issue.start, end)
        delete = bool(issue.suggestions) and issue.suggestions[0] == ""
        attrs = (f'class="c-{issue.category} {issue.severity}{" del" * delete}" tabindex="0" '
                 f'aria-describedby="l{f.number}-{k}"')
        tail = ""
        if issue.suggestions and issue.suggestions[0]:
            fix = issue.suggestions[0]
            fix = fix if len(fix) <= INLINE_FIX_CHARS else fix[:INLINE_FIX_CHARS - 1] + "…"
            tail = f'data-fix="{_attr(fix)}"'
        return Mark(start, end, str(k), attrs, tail)

    def _list(self, f: _File) -> str:
        if not f.issues:
            return '<ol class="issues" aria-label="Issues"><li class="none">No issues.</li></ol>\n'
        items = []
        for k, i in enumerate(f.issues):
            rule = resolve_rule(self.rules, i.rule)
            title = f' title="{_attr(rule.description)}"' if rule and rule.description else ""
            items.append(
                f'<li id="l{f.number}-{k}" class="c-{i.category}" data-rule="{_attr(i.rule)}">'
                f'<a class="at" href="#m{f.number}-{k}">{i.line}:{i.column}</a> '
                f'<span class="rule"{title}>{escape_text(i.rule)}</span> '
                f'<span class="sev {i.severity}">{i.severity}</span> '
                f'<span class="conf" title="confidence">{i.confidence:.2f}</span> '
                f'<span class="msg">{escape_text(i.message)}</span>{_fix(i)}</li>'
            )
        return (f'<ol class="issues" aria-label="Issues in {_attr(f.path)}">\n'
                + "\n".join(items) + "\n</ol>\n")


def _fix(issue: Issue) -> str:
    if not issue.suggestions:
        return ""
    shown = " or ".join("delete" if s == "" else repr(s) for s in issue.suggestions[:3])
    return f' <span class="fixed">fix: {escape_text(shown)}</span>'


def _spin_cell(p: float | None) -> str:
    if p is None:
        return ('<td data-v="-1" class="none" title="not scored: too little spin evidence '
                'to run the classifier">–</td>')
    return (f'<td data-v="{p:.6f}"><span class="prob">{p:.0%}</span>'
            f'<meter min="0" max="1" low="0.5" high="0.95" optimum="0" value="{p:.4f}"></meter></td>')


def _label(key: str, categories: list[str]) -> str:
    if key in categories:
        return f'<mark class="c-{key}">{key}</mark>'
    return {"error": "errors", "warning": "warnings", "total": "issues"}.get(key, key)


def _heat(n: int, top: int) -> int:
    """1-4: how `n` compares with the largest count of one category in one file."""
    return min(4, 1 + 4 * n // (top + 1))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1 and word != 'info')}"
