"""One module per node kind: how the engine runs it (see `base.Step`).
Importing this package registers the built-in steps; a new kind is one
more module here, registered under its kind's name."""
from . import branch, filter, reward, split, touch, trigger, update, wait  # noqa: F401
from .base import Step, UnknownStepError, register, step_for, step_kinds, unregister

__all__ = ["Step", "UnknownStepError", "register", "step_for", "step_kinds", "unregister"]
