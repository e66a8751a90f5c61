"""One module per node kind: how the engine runs it (see `base.Step`).
Importing this package registers the built-in steps; a new kind is one
more module here, registered under its kind's name."""
from nodes.registry import import_submodules

from .base import Step, UnknownStepError, register, step_for, step_kinds, unregister

__all__ = ["Step", "UnknownStepError", "register", "step_for", "step_kinds", "unregister"]

import_submodules(__name__, __path__)  # each module registers its own
