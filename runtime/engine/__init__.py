"""The set-based runtime engine (journey-semantics §2–§7).

`run()` (in `loop`) moves the clock tick by tick; `advance` moves
enrollments, asking each node's step (`steps/`, one module per node kind);
`entries` fires triggers, asking each trigger type (`triggers/`); `exits`
ends enrollments early and marks conversions; `caps` decides frequency
caps; `wake` skips idle ticks; `runner` keeps a run between calls (the
live runtime's); `state` holds what a run reads and writes.
"""
from .errors import JourneyRunError
from .loop import run
from .runner import Runner

__all__ = ["JourneyRunError", "Runner", "run"]
