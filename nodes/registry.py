"""One shape for every registry of the product (node kinds here; engine
steps and trigger types in the runtime; looks in the editor): items found by
name, registered once, removable (a test's toy kind), with a clear error
naming what is known."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownNameError(LookupError):
    def __init__(self, what: str, name: object, known: list[str]) -> None:
        super().__init__(f"unknown {what} {name!r}; known: {', '.join(known)}")
        self.what, self.name = what, name


class Registry(Generic[T]):
    def __init__(self, what: str, name_of: Callable[[T], str],
                 error: type[UnknownNameError] = UnknownNameError) -> None:
        self.what, self._name_of, self._error = what, name_of, error
        self._items: dict[str, T] = {}
        self.changed: list[Callable[[], None]] = []  # called after each change

    def register(self, item: T) -> T:
        name = self._name_of(item)
        if name in self._items:
            raise ValueError(f"{self.what} {name!r} is registered already")
        self._items[name] = item
        self._notify()
        return item

    def unregister(self, name: str) -> None:
        if self._items.pop(name, None) is not None:
            self._notify()

    def get(self, name: object) -> T:
        try:
            return self._items[name]  # type: ignore[index]
        except (KeyError, TypeError):
            raise self._error(self.what, name, self.names()) from None

    def names(self) -> list[str]:
        return list(self._items)

    def items(self) -> list[T]:
        return list(self._items.values())

    def _notify(self) -> None:
        for callback in self.changed:
            callback()
