"""What one reported inspector edit changed, so that its undo step can say so
("「等待 3 天」: 等待时长") and one field's typing merges into that one step."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .labels import FIELD_LABELS

DEPTH = 3  # a field, an item of a list, that item's field: deeper is too fine to name


@dataclass(frozen=True)
class FieldEdit:
    text: str  # the undo step's name, in the operator's language
    place: tuple  # the field changed, e.g. ("duration",) or ("paths", 1, "name")
    session: int  # the inspector's count of fields left: a new count starts a new step

    def merge_key(self, owner: str | None) -> tuple:
        """Edits with equal keys, one after another, make one undo step."""
        return owner, self.place, self.session


def changed_place(old: Any, new: Any, depth: int = DEPTH) -> tuple:
    """Where `new` differs from `old` (plain dumps), as far as one difference leads
    through list items and named fields: ("paths", 1, "name")."""
    if depth <= 0:
        return ()
    if isinstance(old, dict) and isinstance(new, dict):
        keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
        if len(keys) == 1 and keys[0] in FIELD_LABELS:
            return (keys[0], *changed_place(old.get(keys[0]), new.get(keys[0]), depth - 1))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        indexes = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        if len(indexes) == 1:
            i = indexes[0]
            return (i, *changed_place(old[i], new[i], depth - 1))
    return ()
