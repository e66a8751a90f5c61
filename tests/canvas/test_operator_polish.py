"""What a first-time operator meets: journeys that open readable from their
start, cards added from the palette that never hide each other, named undo
steps, cut and duplicate, and an inspector whose forms fit its dock."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence

from canvas_app.inspector import InspectorPanel
from canvas_app.main_window import FRAGMENT_MIME, list_templates
from nodes import fileformat

from .helpers import canonical
from .test_main_window import small_journey


def whole_journey_visible(window) -> bool:
    view = window.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.contains(window.scene.itemsBoundingRect())


def opens_readable_from_its_start(window) -> bool:
    """Whole, when that leaves cards readable; else at a readable size from the trigger."""
    view = window.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    triggers = window.document.journey.triggers()
    starts_visible = all(seen.contains(window.scene.node_items[t].sceneBoundingRect())
                         for t in triggers)
    readable = view.zoom() >= 0.6
    return starts_visible and (readable or (whole_journey_visible(window)
                                            and view.zoom() < 1.0 and readable))


def test_templates_and_files_open_readable_from_their_start(window, qtbot, tmp_path):
    templates = {p.name: p for _, p in list_templates(window.templates_dir)}
    activation = templates["new-customer-activation.journey.json"]
    window.view.set_zoom(2.5)  # somewhere else entirely
    window.new_from_template(activation)
    qtbot.wait(20)
    assert opens_readable_from_its_start(window) and window.view.zoom() < 1.0
    window.resize(3000, 1000)  # room for all of it at a readable size: all of it
    window.view.show_start()
    assert whole_journey_visible(window) and window.view.zoom() >= 0.6
    journey = window.document.journey
    xs = {n: journey.position(n)[0] for n in journey.node_ids()}
    for source, target in journey.graph.edges():  # it reads left to right
        assert xs[source] < xs[target], (source, target)

    path = tmp_path / "saved.journey.json"
    window.save_as(str(path))
    window.view.set_zoom(3.0)
    window.open_file(str(path))
    qtbot.wait(20)
    assert opens_readable_from_its_start(window)
    window.new_journey()
    assert window.view.zoom() == 1.0


def test_undo_and_redo_say_what_they_undo(window):
    undo, redo = window.actions["undo"], window.actions["redo"]
    assert undo.text() == "&Undo"
    node = window.document.add_node("trigger", (0, 0))
    assert undo.text() == "&Undo Add step"
    window.document.move_nodes({node: ((0, 0), (100, 0))})
    assert undo.text() == "&Undo Move steps"
    undo.trigger()
    assert (undo.text(), redo.text()) == ("&Undo Add step", "&Redo Move steps")
    window.set_language("zh_CN")
    assert (undo.text(), redo.text()) == ("撤销 添加节点(&U)", "重做 移动节点(&R)")
    assert undo.toolTip() == "撤销 添加节点"
    stack = window.document.undo_stack
    for i in range(stack.count()):  # every command has a name
        assert stack.command(i).text()


def test_cut_and_duplicate(window):
    assert window.actions["cut"].shortcuts() == QKeySequence.keyBindings(
        QKeySequence.StandardKey.Cut)
    assert window.actions["duplicate"].shortcut() == QKeySequence("Ctrl+D")
    window.document.set_journey(small_journey())
    journey = window.document.journey
    before = canonical(journey)
    trigger = journey.triggers()[0]
    wait = journey.edge_from(trigger, "next")
    window.scene.select_nodes([trigger, wait])

    window.actions["duplicate"].trigger()
    copies = window.scene.selected_node_ids()
    assert len(copies) == 2 and not {trigger, wait} & set(copies)
    assert len(journey.node_ids()) == 5 and len(journey.edges()) == 2
    assert window.actions["undo"].text() == "&Undo Duplicate"
    window.actions["undo"].trigger()
    assert canonical(journey) == before

    window.scene.select_nodes([trigger, wait])
    window.actions["cut"].trigger()
    assert trigger not in journey and wait not in journey
    assert QGuiApplication.clipboard().mimeData().hasFormat(FRAGMENT_MIME)
    assert window.actions["undo"].text() == "&Undo Cut"
    window.actions["undo"].trigger()  # one step puts both back
    assert canonical(journey) == before
    assert len(window.paste()) == 2


def test_the_inspector_form_fits_a_narrow_dock(qtbot):
    """Every step of every template, and the journey settings, with the inspector at its
    narrowest (the dock cannot be narrower): nothing wider than the panel, since a
    clipped field can be neither read nor edited."""
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.resize(panel.minimumWidth(), 700)
    panel.show()
    journeys = [fileformat.load(path) for _, path in list_templates()]
    for lang in ("zh_CN", "en"):
        panel.set_language(lang)
        for journey in journeys:
            for node_id in [None, *journey.node_ids()]:
                if node_id is None:
                    panel.show_journey(journey)
                else:
                    panel.show_node(journey, node_id)
                content = panel.scroll_area.widget()
                room = panel.scroll_area.viewport().width()
                assert content.minimumSizeHint().width() <= room, (lang, journey.id, node_id)


def test_cards_added_from_the_palette_never_hide_each_other(window):
    for kind in ("trigger", "wait", "branch", "touch"):
        window.palette.kind_activated.emit(kind)
    items = list(window.scene.node_items.values())
    assert len(items) == 4
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            assert not a.sceneBoundingRect().intersects(b.sceneBoundingRect())
    newest = window.document.journey.node_ids()[-1]
    assert window.scene.selected_node_ids() == [newest]  # the inspector shows the new one
