"""One module per trigger type: its candidates in (low, high] and the next
instant it may fire (see `base.TriggerType`). Importing this package
registers the built-in types."""
from . import event, key_date, recurring, schedule  # noqa: F401
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
