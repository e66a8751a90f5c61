"""`JourneyDocument`: owns a `nodes.Journey` and its undo stack.

Edits arrive as public methods that push one undo command each; a command's
redo/undo is a call on the journey, which announces the change on its own
events. The document relays those to past-tense Qt signals; the scene only
listens. Nothing else writes to the journey.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from nodes import fileformat
from nodes.journey import Journey, new_node_id
from nodes.kinds import parse_config, proposed_config
from nodes.meta import JourneyMeta
from nodes.validation import validate

from . import commands, i18n, layout
from .review.edit_lock import LockingUndoStack


class JourneyDocument(QObject):
    node_added = Signal(str)
    node_removed = Signal(str)
    node_moved = Signal(str)
    node_changed = Signal(str)  # config or label
    edge_added = Signal(str, str, str)  # source, outlet, target
    edge_removed = Signal(str, str, str)
    meta_changed = Signal()
    reset = Signal()  # a whole new journey (new, open, restore)

    def __init__(self, journey: Journey | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.journey = Journey()
        self._relay(journey or Journey())
        self.path: str | None = None
        # Refuses content edits while the journey is in review (review/edit_lock.py).
        self.undo_stack = LockingUndoStack(self)
        # Bumped by every model change (each is announced by one of these signals);
        # connected before anyone else, so listeners already see the new revision.
        self.revision = 0
        self._issues: tuple | None = None  # (revision, catalog, issues)
        for signal in (self.node_added, self.node_removed, self.node_moved, self.node_changed,
                       self.edge_added, self.edge_removed, self.meta_changed, self.reset):
            signal.connect(self._changed)

    def _changed(self, *_args) -> None:
        self.revision += 1

    def _relay(self, journey: Journey) -> None:
        """Show `journey`: its events become this document's signals."""
        for name, event in self.journey.events.all().items():
            event.unsub(getattr(self, name).emit)
        self.journey = journey
        for name, event in journey.events.all().items():
            event.sub(getattr(self, name).emit)

    def issues(self, catalog=None) -> list:
        """Validation of the journey as it now is, worked out once per change: the
        problems list, the card badges and the inspector all show it."""
        cached = self._issues
        if cached is None or cached[0] != self.revision or cached[1] is not catalog:
            cached = self._issues = (self.revision, catalog, validate(self.journey, catalog))
        return list(cached[2])

    # -- whole document --------------------------------------------------------

    def set_journey(self, journey: Journey, path: str | None = None) -> None:
        self.undo_stack.clear()
        self._relay(journey)
        self.path = path
        self.reset.emit()
        self.undo_stack.setClean()

    def load(self, path: str) -> None:
        self.set_journey(fileformat.load(path), str(path))

    def save(self, path: str | None = None) -> None:
        """Write atomically (nodes.fileformat.save: the file keeps the permissions
        of the one it replaces, a new one the umask's) and mark the undo stack clean."""
        if not (path or self.path):
            raise ValueError("no file name yet: give one (Save As)")
        path = str(path or self.path)
        fileformat.save(self.journey, path)
        self.path = path
        self.undo_stack.setClean()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # -- edits: one undo command each -------------------------------------------

    def add_node(self, kind: str, position: tuple[float, float], config: Any = None) -> str:
        """Without a `config`: the kind's, with the names it proposes in the
        interface's language (a branch's first path: "Path 1" / "路径1")."""
        config = (proposed_config(kind, i18n.current_language()) if config is None
                  else parse_config(kind, config))
        node_id = new_node_id(kind)
        self.undo_stack.push(commands.AddNodeCommand(self, kind, position, config, node_id))
        return node_id

    def add_after(self, source: str, outlet: str, kind: str, position: tuple[float, float],
                  config: Any = None, text: str | None = None) -> str:
        """Add a node led to by `outlet` of `source`: one undo step named `text`.
        Raises `ConnectionRefused` (nothing pushed) when the rules forbid the line."""
        config = (proposed_config(kind, i18n.current_language()) if config is None
                  else parse_config(kind, config))
        node_id = new_node_id(kind)
        trial = self.journey.clone()  # a dry run, so neither redo can fail
        trial.add_node(kind, config, position=position, node_id=node_id)
        trial.check_connect(source, outlet, node_id)
        self.undo_stack.beginMacro(text or commands.AddNodeCommand.TEXT)
        self.undo_stack.push(commands.AddNodeCommand(self, kind, position, config, node_id))
        self.undo_stack.push(commands.ConnectCommand(self, source, outlet, node_id))
        self.undo_stack.endMacro()
        return node_id

    def remove_nodes(self, node_ids: list[str]) -> None:
        node_ids = [n for n in node_ids if n in self.journey]
        if node_ids:
            self.undo_stack.push(commands.RemoveNodesCommand(self, node_ids))

    def connect(self, source: str, outlet: str, target: str) -> None:
        """Raises `ConnectionRefused` (nothing pushed) when the rules forbid it."""
        self.journey.check_connect(source, outlet, target)
        self.undo_stack.push(commands.ConnectCommand(self, source, outlet, target))

    def disconnect(self, source: str, outlet: str) -> None:
        if self.journey.edge_from(source, outlet) is not None:
            self.undo_stack.push(commands.DisconnectCommand(self, source, outlet))

    def move_nodes(self, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> None:
        """`moves`: node id → (old position, new position); one undo step for a whole drag."""
        moves = {n: (old, new) for n, (old, new) in moves.items() if old != new}
        if moves:
            self.undo_stack.push(commands.MoveNodesCommand(self, moves))

    # `text` names the undo step; edits with the same `merge_key` one after another
    # (one field's typing) make one step (commands._FieldEditCommand).

    def set_config(self, node_id: str, config: Any, text: str | None = None,
                   merge_key: tuple | None = None) -> None:
        """Raises pydantic.ValidationError (nothing pushed) for a config the kind refuses."""
        config = parse_config(self.journey.kind(node_id), config)
        if config != self.journey.config(node_id):
            self.undo_stack.push(commands.SetConfigCommand(self, node_id, config, text,
                                                           merge_key))

    def set_label(self, node_id: str, label: str, text: str | None = None,
                  merge_key: tuple | None = None) -> None:
        if self.journey.label(node_id) != label:
            self.undo_stack.push(commands.SetLabelCommand(self, node_id, label, text, merge_key))

    def set_meta(self, meta: JourneyMeta | dict, text: str | None = None,
                 merge_key: tuple | None = None) -> None:
        if not isinstance(meta, JourneyMeta):
            meta = JourneyMeta.model_validate(meta)
        # The review block changes by review steps only (review/undo_commands.py).
        meta = commands.keep_review(meta, self.journey)
        if meta != self.journey.meta:
            self.undo_stack.push(commands.SetMetaCommand(self, meta, text, merge_key))

    def paste(self, fragment: dict, offset: tuple[float, float] = (40.0, 40.0),
              text: str | None = None) -> list[str]:
        """Raises `JourneyError` (nothing pushed) for a fragment that cannot be pasted.
        `text` names the undo step (e.g. "Duplicate") instead of "Paste"."""
        self.journey.clone().paste(fragment, offset)  # a dry run, so redo() cannot fail
        command = commands.PasteCommand(self, fragment, offset)
        if text:
            command.setText(text)
        self.undo_stack.push(command)
        return list(command.node_ids)

    def auto_layout(self) -> None:
        positions = layout.layered_positions(self.journey)
        moves = {n: (self.journey.position(n), p) for n, p in positions.items()}
        moves = {n: m for n, m in moves.items() if m[0] != m[1]}
        if moves:
            self.undo_stack.push(commands.AutoLayoutCommand(self, moves))
