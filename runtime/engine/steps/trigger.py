"""Trigger: where customers enter. Entering is the trigger types' work
(`runtime.engine.triggers`); the step only moves the entered on by `next`."""
from __future__ import annotations

from typing import Any

from ..triggers import trigger_for
from .base import Step, register


class TriggerStep(Step):
    kind = "trigger"
    outlet = "next"

    def wakes_on(self, config: Any) -> set[str]:
        return trigger_for(config.type).wakes_on(config)


register(TriggerStep())
