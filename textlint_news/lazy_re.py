"""Module-level patterns compiled at their first use.

Many of the checks' patterns look for rarer damage (a glued byline, a tweet's signature, a
foreign script) behind a cheaper test, and a clean article never reaches them: compiling
them at import cost a cold start ~0.01 s.  `lazy(pattern, flags)` stands for
`re.compile(pattern, flags)`; at its first use it compiles, and from then on its methods
are the compiled pattern's own (bound methods in the instance: no wrapper call).
"""
from __future__ import annotations

import re
from typing import Any

#: what a lazy pattern answers, as `re.Pattern` does (only these: it is no `re.Pattern`, so
#: it is not passed to `re.sub`, `re.search` and the like, only used by its methods)
ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """`re.compile(pattern, flags)`, done at the first use of one of `ATTRIBUTES`."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.source = (pattern, flags)

    @property
    def compiled(self) -> bool:
        """Whether the pattern was compiled yet."""
        return "search" in self.__dict__

    def __getattr__(self, name: str) -> Any:
        if name not in ATTRIBUTES or "source" not in self.__dict__:
            raise AttributeError(name)
        compiled = re.compile(*self.source)
        self.__dict__.update({attribute: getattr(compiled, attribute) for attribute in ATTRIBUTES})
        return getattr(compiled, name)


def lazy(pattern: str | bytes, flags: int = 0) -> Any:
    """A module-level pattern compiled at its first use (`LazyPattern`)."""
    return LazyPattern(pattern, flags)
