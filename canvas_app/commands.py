"""Undo commands. Each redo and undo is a call on the journey (the model),
which announces the change; the document relays it and the scene follows.

Command texts are English source strings, translated (context "commands")
when shown in Edit ▸ Undo, so a language switch renames old steps too. An
inspector edit comes named already ("「等待 3 天」: 等待时长", in the language
of the moment), with a merge key: the changes one field's typing makes, one
after another, merge into one command, undone in one step."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QUndoCommand

from nodes.journey import RemovedNode


class AddNodeCommand(QUndoCommand):
    TEXT = QT_TRANSLATE_NOOP("commands", "Add step")

    def __init__(self, document, kind: str, position, config: Any, node_id: str):
        super().__init__(self.TEXT)
        self.document, self.kind, self.position = document, kind, position
        self.config, self.node_id = config, node_id

    def redo(self) -> None:
        self.document.journey.add_node(self.kind, self.config, position=self.position,
                                       node_id=self.node_id)

    def undo(self) -> None:
        self.document.journey.remove_nodes([self.node_id])


class RemoveNodesCommand(QUndoCommand):
    """Removes nodes with every edge touching them; undo puts back exactly that."""

    def __init__(self, document, node_ids: list[str]):
        super().__init__(QT_TRANSLATE_NOOP("commands", "Delete steps"))
        self.document, self.node_ids = document, list(node_ids)
        self.removed: list[RemovedNode] = []

    def redo(self) -> None:
        self.removed = self.document.journey.remove_nodes(self.node_ids)

    def undo(self) -> None:
        self.document.journey.restore_nodes(self.removed)


class ConnectCommand(QUndoCommand):
    def __init__(self, document, source: str, outlet: str, target: str):
        super().__init__(QT_TRANSLATE_NOOP("commands", "Connect"))
        self.document, self.source, self.outlet, self.target = document, source, outlet, target

    def redo(self) -> None:
        self.document.journey.connect(self.source, self.outlet, self.target)

    def undo(self) -> None:
        self.document.journey.disconnect(self.source, self.outlet)


class DisconnectCommand(QUndoCommand):
    def __init__(self, document, source: str, outlet: str):
        super().__init__(QT_TRANSLATE_NOOP("commands", "Remove connection"))
        self.document, self.source, self.outlet = document, source, outlet
        self.found: tuple[str, dict] | None = None

    def redo(self) -> None:
        self.found = self.document.journey.disconnect(self.source, self.outlet)

    def undo(self) -> None:
        if self.found is not None:
            target, data = self.found
            self.document.journey.restore_edge(self.source, target, data)


class MoveNodesCommand(QUndoCommand):
    """One per drag: every node moved by the gesture, old and new positions."""

    def __init__(self, document, moves: dict, text: str | None = None):
        super().__init__(text or QT_TRANSLATE_NOOP("commands", "Move steps"))
        self.document = document
        self.old = {n: old for n, (old, _new) in moves.items()}
        self.new = {n: new for n, (_old, new) in moves.items()}

    def redo(self) -> None:
        self.document.journey.move_nodes(self.new)

    def undo(self) -> None:
        self.document.journey.move_nodes(self.old)


class AutoLayoutCommand(MoveNodesCommand):
    def __init__(self, document, moves: dict):
        super().__init__(document, moves, QT_TRANSLATE_NOOP("commands", "Tidy layout"))


FIELD_EDIT = 1  # id() of the commands that merge when their merge keys are equal


class _FieldEditCommand(QUndoCommand):
    """A command that takes the next one of the same class and key into itself."""

    def __init__(self, text: str, merge_key: tuple | None):
        super().__init__(text)
        self.merge_key = merge_key

    def id(self) -> int:
        return FIELD_EDIT if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if type(other) is not type(self) or other.merge_key != self.merge_key:
            return False
        self.absorb(other)
        if self.changes_nothing():  # typed, then typed back: no step at all
            self.setObsolete(True)
        return True

    def absorb(self, other) -> None:
        raise NotImplementedError

    def changes_nothing(self) -> bool:
        raise NotImplementedError


class SetConfigCommand(_FieldEditCommand):
    """Keeps every config its merged edits went through, and the edges each removed,
    so undo walks back exactly the way the edits went."""

    def __init__(self, document, node_id: str, config: Any, text: str | None = None,
                 merge_key: tuple | None = None):
        super().__init__(text or QT_TRANSLATE_NOOP("commands", "Edit step settings"), merge_key)
        self.document, self.node_id = document, node_id
        self.configs = [document.journey.config(node_id), config]
        self.removed_edges: list[list[tuple[str, str, dict]]] = [[]]

    def redo(self) -> None:
        journey = self.document.journey
        self.removed_edges = [journey.set_config(self.node_id, c) for c in self.configs[1:]]

    def undo(self) -> None:
        journey = self.document.journey
        for before, removed in zip(reversed(self.configs[:-1]), reversed(self.removed_edges)):
            journey.set_config(self.node_id, before)
            for source, target, data in removed:
                journey.restore_edge(source, target, data)

    def absorb(self, other: SetConfigCommand) -> None:
        self.configs += other.configs[1:]
        self.removed_edges += other.removed_edges

    def changes_nothing(self) -> bool:
        return self.configs[0] == self.configs[-1] and not any(self.removed_edges)


class SetLabelCommand(_FieldEditCommand):
    def __init__(self, document, node_id: str, label: str, text: str | None = None,
                 merge_key: tuple | None = None):
        super().__init__(text or QT_TRANSLATE_NOOP("commands", "Rename step"), merge_key)
        self.document, self.node_id, self.label = document, node_id, label
        self.old_label = document.journey.label(node_id)

    def redo(self) -> None:
        self.document.journey.set_label(self.node_id, self.label)

    def undo(self) -> None:
        self.document.journey.set_label(self.node_id, self.old_label)

    def absorb(self, other: SetLabelCommand) -> None:
        self.label = other.label

    def changes_nothing(self) -> bool:
        return self.label == self.old_label


class SetMetaCommand(_FieldEditCommand):
    def __init__(self, document, meta: Any, text: str | None = None,
                 merge_key: tuple | None = None):
        super().__init__(text or QT_TRANSLATE_NOOP("commands", "Edit journey settings"),
                         merge_key)
        self.document, self.meta, self.old_meta = document, meta, document.journey.meta

    def redo(self) -> None:
        self.document.journey.set_meta(keep_review(self.meta, self.document.journey))

    def undo(self) -> None:
        self.document.journey.set_meta(keep_review(self.old_meta, self.document.journey))

    def absorb(self, other: SetMetaCommand) -> None:
        self.meta = other.meta

    def changes_nothing(self) -> bool:
        return self.meta == self.old_meta


def keep_review(meta: Any, journey) -> Any:
    """`meta` with the journey's current review block: settings edits and their undo
    never touch comments, history or status (a comment made since stays)."""
    return meta.model_copy(update={"review": journey.meta.review})


class PasteCommand(QUndoCommand):
    """The first redo pastes with fresh ids; later redos put back the same nodes."""

    def __init__(self, document, fragment: dict, offset: tuple[float, float]):
        super().__init__(QT_TRANSLATE_NOOP("commands", "Paste"))
        self.document, self.fragment, self.offset = document, fragment, offset
        self.node_ids: list[str] = []
        self.removed: list[RemovedNode] | None = None

    def redo(self) -> None:
        if self.removed is None:
            self.node_ids = list(self.document.journey.paste(self.fragment, self.offset).values())
        else:
            self.document.journey.restore_nodes(self.removed)

    def undo(self) -> None:
        self.removed = self.document.journey.remove_nodes(self.node_ids)
