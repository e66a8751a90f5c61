"""In review the canvas and inspector change nothing, whichever way an edit comes
(keyboard, paste, palette, "+", drag, inspector typing, undo), and say why;
comments still work."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QUndoCommand

from canvas_app import quick_add, settings
from canvas_app.review.edit_lock import LockingUndoStack
from nodes.review import Status

from .helpers import canonical, drag, send_mouse
from .test_main_window import small_journey

LOCKED = "In review: the journey cannot be changed"


def in_review(window):
    settings.set_user_name("li.na")
    window.document.set_journey(small_journey())
    journey = window.document.journey
    window.document.set_label(journey.node_ids()[0], "开户")
    assert window.review.take("submit")
    assert window.review.status() == Status.in_review
    return journey


def refused(window) -> bool:
    said = window.statusBar().currentMessage().startswith(LOCKED)
    window.statusBar().clearMessage()
    return said


def test_every_edit_path_is_refused_in_review(window, qtbot):
    journey = small_journey()
    window.document.set_journey(journey)
    window.scene.select_nodes(journey.node_ids())
    window.copy_selection()
    journey = in_review(window)
    before, count = canonical(journey), window.document.undo_stack.count()
    touch = next(n for n in journey.node_ids() if journey.kind(n) == "touch")

    window.scene.select_nodes([touch])
    window.actions["delete"].trigger()  # the Delete key's action
    assert touch in journey and refused(window)
    window.cut_selection()
    assert touch in journey and refused(window)
    assert window.paste() == [] and refused(window)
    window.scene.select_nodes([touch])
    window.duplicate_selection()
    assert refused(window)
    window.view.add_node_at("wait", QPointF(0, 300))  # a palette drop lands here
    assert refused(window)
    added = quick_add.add_after(window.scene, touch, "next", "wait")  # "+" or a drop on it
    assert added not in journey and refused(window)
    window.tidy_layout()
    assert refused(window)
    assert canonical(journey) == before and window.document.undo_stack.count() == count

    # Dragging a card moves nothing.
    card = window.scene.node_items[touch]
    start = card.mapToScene(card.card_rect().center())
    drag(window.view, start, start + QPointF(120, 80))
    assert card.pos().toTuple() == journey.position(touch)
    assert window.document.undo_stack.count() == count

    # Typing in the inspector is refused and the field shows the journey as it is.
    window.scene.select_nodes([touch])
    line = window.inspector.panel.label_editor.line
    line.setFocus()
    qtbot.keyClicks(line, "x")
    window.inspector.panel.flush_typing()
    assert journey.label(touch) == "欢迎短信" and refused(window)
    qtbot.waitUntil(lambda: window.inspector.panel.label_editor is not None
                    and window.inspector.panel.label_editor.line.text() == "欢迎短信")
    assert canonical(journey) == before

    # Comments still can be made, and undone.
    window.review.panel.text.setPlainText("可以评论")
    window.review.panel.buttons["on_journey"].click()
    assert len(journey.meta.review.comments) == 1
    window.undo()
    assert journey.meta.review.comments == []


def test_the_plus_on_an_outlet_says_why(window):
    journey = in_review(window)
    touch = next(n for n in journey.node_ids() if journey.kind(n) == "touch")
    button = next(iter(quick_add.add_buttons(window.scene.node_items[touch]).values()))
    send_mouse(window.view, QMouseEvent.Type.MouseButtonPress, button.scenePos())
    send_mouse(window.view, QMouseEvent.Type.MouseButtonRelease, button.scenePos(),
               buttons=Qt.MouseButton.NoButton)
    assert refused(window)
    assert window.quick_add.menu is None  # no menu of steps to add


def test_request_changes_unlocks(window, monkeypatch):
    journey = in_review(window)
    settings.set_user_name("wang.fang")
    assert window.review.take("request_changes", note="改一下")
    node = journey.node_ids()[0]
    window.document.set_label(node, "改好了")
    assert journey.label(node) == "改好了"
    assert window.review.status() == Status.draft


class _Edit(QUndoCommand):
    def __init__(self, log):
        super().__init__("edit")
        self.log = log

    def redo(self):
        self.log.append("redo")

    def undo(self):
        self.log.append("undo")


def test_the_stack_refuses_undo_and_redo_of_content_edits_while_locked(qapp):
    stack, log, said = LockingUndoStack(), [], []
    stack.refused.connect(said.append)
    stack.push(_Edit(log))
    stack.push(_Edit(log))
    stack.undo()
    stack.lock = lambda: "locked"
    stack.undo()
    stack.redo()
    stack.push(_Edit(log))
    stack.beginMacro("two")
    stack.push(_Edit(log))
    stack.push(_Edit(log))
    stack.endMacro()
    assert log == ["redo", "redo", "undo"] and stack.index() == 1 and stack.count() == 2
    assert said == ["locked"] * 4  # undo, redo, push, the macro once
    stack.lock = lambda: None
    stack.redo()
    assert stack.index() == 2
