"""One module per trigger type: its candidates in (low, high] and the next
instant it may fire (see `base.TriggerType`). Importing this package
registers the built-in types."""
from nodes.registry import import_submodules

from .base import (
    HORIZON,
    ClockTrigger,
    TriggerType,
    register,
    trigger_for,
    trigger_types,
    unregister,
)

__all__ = ["HORIZON", "ClockTrigger", "TriggerType", "register", "trigger_for",
           "trigger_types", "unregister"]

import_submodules(__name__, __path__)  # each module registers its own
