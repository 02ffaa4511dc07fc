"""Fixing files in place (`--fix`) or showing the fixes as a diff (`--diff`).

A file is rewritten only when it still holds the text that was linted (every
fixed span is checked against the issue's fingerprint), in its own encoding,
atomically, through symbolic links; on any doubt it is left as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .baseline import fingerprint
from .text_fixes import fix_text, is_fixable
from .inputs import InputError, read_document
from .writing import write_atomic


@dataclass
class FileFix:
    """What fixing one file did: the fixed text, the number of issues fixed, a diff."""

    text: str | None = None
    fixed: int = 0
    diff: str = ""


class FileFixer:
    """Applies the confident fixes of a lint result to its file (or, for stdin, its text)."""

    def __init__(self, min_confidence: float, unfixable: list[str], max_size: int, write: bool) -> None:
        self.min_confidence, self.unfixable = min_confidence, unfixable
        self.max_size, self.write = max_size, write

    def fix(self, result, text: str | None = None, encoding: str = "utf-8") -> FileFix:
        """Fix `result`'s file (or `text`, for input read from stdin); update `result` in place.

        `result.issues` becomes the issues left, moved to the fixed text; a
        problem is appended to `result.errors` and the file is not touched.
        """
        if result.errors or not any(is_fixable(i, self.min_confidence, self.unfixable) for i in result.issues):
            return FileFix()
        from_file = text is None
        if from_file:
            try:
                doc = read_document(Path(result.path), self.max_size)
            except InputError as exc:
                result.errors.append(f"{exc}; not fixed")
                return FileFix()
            text, encoding = doc.text, doc.encoding
            if any(fingerprint(i, text) != f for i, f in zip(result.issues, result.fingerprints)):
                result.errors.append(f"{result.path}: changed while being linted; not fixed")
                return FileFix()
        fixed = fix_text(text, result.issues, self.min_confidence, self.unfixable)
        if fixed.text == text:
            return FileFix()
        try:
            fixed.text.encode(encoding)
        except UnicodeEncodeError as exc:
            result.errors.append(f"{result.path}: a fix cannot be written in {encoding} "
                                 f"({exc.object[exc.start:exc.end]!r}); not fixed")
            return FileFix()
        diff = unified_diff(text, fixed.text, result.path)
        if self.write and from_file:
            try:
                write_atomic(Path(result.path).resolve(), fixed.text, encoding=encoding)
            except OSError as exc:
                result.errors.append(f"{result.path}: cannot write the fix: {exc.strerror or exc}; not fixed")
                return FileFix()
        result.issues = fixed.remaining
        result.fingerprints = [fingerprint(i, fixed.text) for i in fixed.remaining]
        return FileFix(fixed.text, len(fixed.applied), diff)


NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(old: str, new: str, path: str) -> str:
    """A patch that `git apply` and `patch -p1` accept: lines split at `\n` only (as
    they split them), and a last line without its line break marked as such."""
    import difflib  # here, not at import: a lint without --diff never needs it

    lines = difflib.unified_diff(_patch_lines(old), _patch_lines(new),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else f"{line}\n{NO_NEWLINE}" for line in lines)


def _patch_lines(text: str) -> list[str]:
    """`text`'s lines, each with its `\n` (the last one may have none)."""
    lines = [f"{line}\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
