"""Where the detectors read their settings: the spin check's typed `SpinSettings`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import DetectorSettings, SpinSettings
from .signals import CHECK

if TYPE_CHECKING:
    from ..check import Context


def spin_settings(ctx: "Context") -> SpinSettings:
    """The spin check's settings in `ctx` (rules/settings/spin.yml, then the user's); the
    defaults when `ctx` holds none."""
    return ctx.settings_for(CHECK, SpinSettings)


def detector_settings(ctx: "Context") -> DetectorSettings:
    """The `detectors:` table of the spin check's settings."""
    return spin_settings(ctx).detectors
