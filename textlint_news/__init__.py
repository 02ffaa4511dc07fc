"""textlint_news: find spin, name typos, wrappers and other scraping damage in news copies.

    >>> import textlint_news
    >>> issues = textlint_news.lint(text)          # list[Issue]

Heavy parts (rule packs, models, scikit-learn) load on first use, not on import.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from .re_code import prefill as _prefill_re_code

_prefill_re_code()  # before the first module-level pattern (`dataclasses`' and `logging`'s too): their
# code comes from the model cache

from .dataclass_code import install as _install_dataclass_code  # noqa: E402

_install_dataclass_code()  # before the first dataclass: their methods' code comes from the model cache

from .issue import CATEGORIES, SEVERITIES, Issue  # noqa: E402
__all__ = [
    "CATEGORIES", "SEVERITIES", "CheckFailedWarning", "Config", "FileResult", "InputError", "Issue", "Linter",
    "lint", "lint_file", "lint_paths",
]

_LAZY = {
    "lint": "api", "lint_file": "api", "lint_paths": "api", "FileResult": "results",
    "Linter": "engine", "CheckFailedWarning": "engine", "Config": "config", "InputError": "inputs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'textlint_news' has no attribute {name!r}")
