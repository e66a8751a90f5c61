"""Placeholder until the feature lands: installs nothing."""
from __future__ import annotations


def install(controller) -> None:
    """Adds this feature's actions to `controller` (canvas_app.monitor.controller)."""
