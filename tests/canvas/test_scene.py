"""Build a journey on an empty canvas with UI gestures only, then save, undo, redo."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from canvas_app.items import EdgeItem, NodeItem
from canvas_app.layout import layered_positions
from nodes import fileformat
from nodes.durations import Duration, Unit
from nodes.errors import TriggerInputError
from nodes.journey import Journey

from .helpers import drag, send_mouse, send_view_mouse


def drop_kind(window, kind: str, scene_pos: QPointF) -> str:
    """Drag a kind out of the palette and drop it on the canvas at `scene_pos`."""
    palette, view = window.palette, window.view
    mime = palette.mimeData([palette.item_for(kind)])
    before = set(window.document.journey.node_ids())
    point = view.mapFromScene(scene_pos)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), *args))
    (added,) = set(window.document.journey.node_ids()) - before
    return added


def connect_by_drag(window, source: str, outlet: str, target: str) -> None:
    scene = window.scene
    item = scene.node_items[source]
    start = item.mapToScene(item.outlet_pos(outlet))
    end = scene.node_items[target].sceneBoundingRect().center()
    drag(window.view, start, end)


def build(window) -> dict[str, str]:
    window.view.set_zoom(1.0)
    ids = {
        "trigger": drop_kind(window, "trigger", QPointF(0, 0)),
        "wait": drop_kind(window, "wait", QPointF(320, 0)),
        "branch": drop_kind(window, "branch", QPointF(640, 0)),
        "touch": drop_kind(window, "touch", QPointF(960, -100)),
        "reward": drop_kind(window, "reward", QPointF(960, 120)),
    }
    connect_by_drag(window, ids["trigger"], "next", ids["wait"])
    connect_by_drag(window, ids["wait"], "next", ids["branch"])
    connect_by_drag(window, ids["branch"], "Path 1", ids["touch"])
    connect_by_drag(window, ids["branch"], "else", ids["reward"])
    doc = window.document
    wait = doc.journey.config(ids["wait"])
    doc.set_config(ids["wait"], wait.model_copy(update={"duration": Duration(amount=3,
                                                                            unit=Unit.days)}))
    touch = doc.journey.config(ids["touch"])
    doc.set_config(ids["touch"], touch.model_copy(update={"template": "欢迎开户 {{ name }}"}))
    doc.set_label(ids["touch"], "Welcome SMS")
    return ids


def test_build_save_reload_undo_redo(window, tmp_path):
    ids = build(window)
    journey = window.document.journey
    assert {journey.kind(n) for n in journey.node_ids()} == set(ids)
    assert sorted(journey.edges()) == sorted([
        (ids["trigger"], ids["wait"], "next"), (ids["wait"], ids["branch"], "next"),
        (ids["branch"], ids["touch"], "Path 1"), (ids["branch"], ids["reward"], "else"),
    ])
    # Drops land where the cursor was: the card is centred under it.
    x, _y = journey.position(ids["wait"])
    assert abs(x + 110 - 320) <= 20
    assert journey.config(ids["wait"]).duration.amount == 3
    # The scene mirrors the model: one card per node, one line per edge.
    assert set(window.scene.node_items) == set(journey.node_ids())
    assert len([i for i in window.scene.items() if isinstance(i, EdgeItem)]) == 4
    assert window.isWindowModified()

    path = tmp_path / "built.journey.json"
    assert window.save_as(str(path))
    assert not window.isWindowModified()
    saved = fileformat.dumps(journey)
    assert fileformat.dumps(fileformat.load(path)) == saved

    stack = window.document.undo_stack
    steps = stack.count()
    assert steps == 5 + 4 + 3  # drops, connections, edits: one undo step each
    while stack.canUndo():
        stack.undo()
    assert window.document.journey.node_ids() == []
    assert window.scene.items() == []
    assert fileformat.dumps(window.document.journey) == fileformat.dumps(
        Journey(window.document.journey.meta))
    while stack.canRedo():
        stack.redo()
    assert fileformat.dumps(window.document.journey) == saved
    assert not window.isWindowModified()  # back at the saved state
    assert len(window.scene.node_items) == 5


def test_refused_connection_says_why(window):
    ids = build(window)
    stack = window.document.undo_stack
    count = stack.count()
    connect_by_drag(window, ids["touch"], "next", ids["trigger"])
    assert stack.count() == count
    assert window.document.journey.edge_from(ids["touch"], "next") is None
    assert window.statusBar().currentMessage() == TriggerInputError().message("en")
    # The rubber line of the refused drag is gone.
    assert not [i for i in window.scene.items() if type(i).__name__ == "QGraphicsPathItem"]


def test_drag_moves_cards_in_one_undo_step(window):
    ids = build(window)
    doc, scene = window.document, window.scene
    scene.select_nodes([ids["touch"], ids["reward"]])
    before = {n: doc.journey.position(n) for n in (ids["touch"], ids["reward"])}
    count = doc.undo_stack.count()
    grip = scene.node_items[ids["touch"]].mapToScene(QPointF(100, 12))
    drag(window.view, grip, grip + QPointF(80, 40), steps=6)
    assert doc.undo_stack.count() == count + 1
    for node_id, (x, y) in before.items():
        nx, ny = doc.journey.position(node_id)
        assert (round(nx - x), round(ny - y)) == (80, 40)
    # The line into the moved card follows it.
    edge = scene.edge_items[(ids["branch"], "Path 1")]
    inlet = scene.node_items[ids["touch"]].mapToScene(scene.node_items[ids["touch"]].input_pos())
    assert (edge.end - inlet).manhattanLength() < 6
    doc.undo_stack.undo()
    assert {n: doc.journey.position(n) for n in before} == before
    assert scene.node_items[ids["touch"]].pos() == QPointF(*before[ids["touch"]])


def test_dragging_the_background_pans_not_selects(window):
    build(window)
    view = window.view
    empty = QPointF(view.mapFromScene(QPointF(400, 600)))
    assert view.itemAt(empty.toPoint()) is None
    h_before = view.horizontalScrollBar().value()
    Type = QMouseEvent.Type
    send_view_mouse(view, Type.MouseButtonPress, empty)
    for dx in (-40, -80, -120):
        send_view_mouse(view, Type.MouseMove, empty + QPointF(dx, 0),
                        button=Qt.MouseButton.NoButton)
    send_view_mouse(view, Type.MouseButtonRelease, empty + QPointF(-120, 0),
                    buttons=Qt.MouseButton.NoButton)
    assert view.horizontalScrollBar().value() == h_before + 120
    assert window.scene.selectedItems() == []
    assert window.document.undo_stack.count() == 12


def test_escape_cancels_a_connection_drag(window):
    ids = build(window)
    scene, view = window.scene, window.view
    touch = scene.node_items[ids["touch"]]
    port = touch.mapToScene(touch.outlet_pos("next"))
    send_mouse(view, QMouseEvent.Type.MouseButtonPress, port)
    send_mouse(view, QMouseEvent.Type.MouseMove, port + QPointF(60, 0),
               button=Qt.MouseButton.NoButton)
    assert scene.interaction is not None
    scene.cancel_interaction()
    send_mouse(view, QMouseEvent.Type.MouseButtonRelease, port + QPointF(60, 0),
               buttons=Qt.MouseButton.NoButton)
    assert window.document.journey.edge_from(ids["touch"], "next") is None


def test_canvas_reads_left_to_right(window):
    ids = build(window)
    window.document.auto_layout()
    journey = window.document.journey
    for source, target, _outlet in journey.edges():
        assert journey.position(source)[0] < journey.position(target)[0]
    # The first branch path is drawn above "otherwise".
    assert journey.position(ids["touch"])[1] < journey.position(ids["reward"])[1]
    # Tidy layout is one undo step.
    window.document.undo_stack.undo()
    assert journey.position(ids["touch"])[1] < 0 < journey.position(ids["reward"])[1] + 1000


def test_layout_handles_a_loop_through_a_wait():
    journey = Journey()
    trigger = journey.add_node("trigger")
    wait = journey.add_node("wait")
    branch = journey.add_node("branch")
    journey.connect(trigger, "next", wait)
    journey.connect(wait, "next", branch)
    journey.connect(branch, "else", wait)  # try again later
    positions = layered_positions(journey)
    assert positions[trigger][0] < positions[wait][0] < positions[branch][0]


def test_scene_shows_validation_badges(window):
    ids = build(window)
    window.refresh_validation()
    issues = window.validation_panel.issues
    flagged = {i.node_id for i in issues if i.node_id}
    for node_id, item in window.scene.node_items.items():
        assert isinstance(item, NodeItem)
        assert (item.severity is not None) == (node_id in flagged)
    assert ids["trigger"] in window.scene.node_items


def test_space_held_pans_even_over_a_card(window, qtbot):
    ids = build(window)
    view, journey = window.view, window.document.journey
    before = journey.position(ids["wait"])
    card = QPointF(view.mapFromScene(window.scene.node_items[ids["wait"]].sceneBoundingRect()
                                     .center()))
    h_before = view.horizontalScrollBar().value()
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    Type = QMouseEvent.Type
    send_view_mouse(view, Type.MouseButtonPress, card)
    send_view_mouse(view, Type.MouseMove, card + QPointF(-60, 0), button=Qt.MouseButton.NoButton)
    send_view_mouse(view, Type.MouseButtonRelease, card + QPointF(-60, 0),
                    buttons=Qt.MouseButton.NoButton)
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.horizontalScrollBar().value() == h_before + 60
    assert journey.position(ids["wait"]) == before


def test_snap_to_grid_while_dragging(window):
    ids = build(window)
    window.actions["snap"].setChecked(True)
    scene = window.scene
    scene.select_nodes([ids["wait"]])
    grip = scene.node_items[ids["wait"]].mapToScene(QPointF(100, 12))
    drag(window.view, grip, grip + QPointF(37, 13))
    x, y = window.document.journey.position(ids["wait"])
    assert x % 20 == 0 and y % 20 == 0


def test_wheel_zooms_and_fit_shows_everything(window):
    build(window)
    view = window.view
    view.set_zoom(1.0)
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())),
                        QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert abs(view.zoom() - 1.15 ** 2) < 1e-6
    assert window.zoom_label.text() == "Zoom 132%"
    view.zoom_to_fit()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in window.scene.node_items.values():
        assert seen.contains(item.sceneBoundingRect())


def test_minimap_appears_when_the_journey_is_out_of_sight(window, qtbot):
    build(window)
    view = window.view
    view.set_zoom(2.0)
    view.centerOn(0, 0)
    minimap = view.minimap
    qtbot.waitUntil(lambda: minimap.isVisible(), timeout=3000)
    # A click on the miniature's right end brings that end of the journey into view.
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton,
                     pos=QPoint(minimap.width() - 15, minimap.height() // 2))
    centre = view.mapToScene(view.viewport().rect().center())
    assert centre.x() > 800


def test_outlet_dots_explain_themselves_on_hover(window):
    from PySide6.QtWidgets import QGraphicsSceneHoverEvent

    ids = build(window)
    item = window.scene.node_items[ids["branch"]]
    assert item.outlets == ["Path 1", "else"]
    assert item.outlet_names["else"] == "Otherwise"
    hover = QGraphicsSceneHoverEvent(QGraphicsSceneHoverEvent.Type.GraphicsSceneHoverMove)
    hover.setPos(item.outlet_pos("else"))
    item.hoverMoveEvent(hover)
    assert item.toolTip() == "Drag to another step to connect “Otherwise”"
    hover.setPos(QPointF(60, 40))
    item.hoverMoveEvent(hover)
    assert item.toolTip() != "" and "Drag" not in item.toolTip()


def test_every_kind_has_a_colour_an_icon_and_a_palette_entry(window):
    from canvas_app import look
    from nodes.kinds import kind_names

    assert set(look.looks()) == set(kind_names())
    for kind in kind_names():
        assert look.look_for(kind).icon_path.exists()
        assert not look.kind_pixmap(kind).isNull()
        assert window.palette.item_for(kind).text()
    assert window.palette.count() == len(kind_names())
