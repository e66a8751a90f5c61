"""A small pure-Python event: the model announces its changes, and whoever
shows them (the editor's document, a test) subscribes. After ryvencore's
`Event.sub/emit`."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    def __init__(self) -> None:
        self._subscribers: list[Callable[..., Any]] = []

    def sub(self, callback: Callable[..., Any]) -> None:
        if callback not in self._subscribers:
            self._subscribers.append(callback)

    def unsub(self, callback: Callable[..., Any]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._subscribers):
            callback(*args)


class JourneyEvents:
    """What a `Journey` announces, each after the change is made."""

    def __init__(self) -> None:
        self.node_added = Event()  # node_id
        self.node_removed = Event()  # node_id
        self.node_moved = Event()  # node_id
        self.node_changed = Event()  # node_id: its config or label
        self.edge_added = Event()  # source, outlet, target
        self.edge_removed = Event()  # source, outlet, target
        self.meta_changed = Event()  # no arguments

    def all(self) -> dict[str, Event]:
        return dict(vars(self))
