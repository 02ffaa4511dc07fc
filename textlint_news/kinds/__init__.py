"""Rule kinds: one module per kind, each a `PackRule` subclass with its fields, its
parser and its matcher, found by the `kind:` name of a pack rule in `KINDS`."""
from __future__ import annotations

from .base import Hit, PackRule, render_message
from .existence import Existence
from .occurrence import Occurrence
from .repetition import Repetition
from .substitution import Substitution

KINDS: dict[str, type[PackRule]] = {
    kind.kind: kind for kind in (Existence, Substitution, Occurrence, Repetition)
}

__all__ = ["KINDS", "Existence", "Hit", "Occurrence", "PackRule", "Repetition", "Substitution",
           "render_message"]
