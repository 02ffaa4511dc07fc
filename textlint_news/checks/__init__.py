"""Python checks, one module each; every module exposes `CHECKS`, a list of `Check`s."""
from __future__ import annotations

import importlib
import pkgutil

from ..check import Check


def discover() -> list[Check]:
    """Every check shipped in this package, in module name order."""
    found: list[Check] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        found.extend(importlib.import_module(f"{__name__}.{module.name}").CHECKS)
    return found
