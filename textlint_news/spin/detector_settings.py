"""Where the detectors read their settings: the spin check's `detectors:` section."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from ..resources import check_settings
from .signals import CHECK

if TYPE_CHECKING:
    from ..check import Context


def detector_settings(ctx: "Context") -> Mapping[str, Any]:
    """The `detectors:` settings of the spin check (rules/checks/spin.yml, then the user's)."""
    return (ctx.settings_for(CHECK) or check_settings(CHECK)).get("detectors", {}) or {}
