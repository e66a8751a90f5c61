"""One shape for every registry of the product (node kinds here; engine
steps and trigger types in the runtime; looks in the editor): items found by
name, registered once, removable (a test's toy kind), with a clear error
naming what is known."""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
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


def import_submodules(package: str, path: Iterable[str], skip: tuple[str, ...] = ("base",)) -> None:
    """Import every module of a package, so each registers what it declares:
    a new kind is a new module, with no list to extend (Orange's registry
    discovers widgets the same way)."""
    for found in pkgutil.iter_modules(path):
        if found.name not in skip and not found.name.startswith("_"):
            importlib.import_module(f"{package}.{found.name}")
