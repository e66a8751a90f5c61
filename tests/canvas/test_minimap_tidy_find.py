"""From a new operator's trial (issue 14): the minimap popped up over the card just
dropped and over cards at 100 %, and could not be hidden; 整理布局 left only the
trigger in view; the find bar kept "1 of 1" from the previous journey."""
from __future__ import annotations

from PySide6.QtCore import QRect

from canvas_app import settings
from canvas_app.view import READABLE_SCALE
from nodes import fileformat
from nodes.journey import Journey
from nodes.meta import JourneyMeta

SMS = {"channel": "sms", "template": "{{ name }}您好"}


def fill_the_canvas(window, columns: int = 6, rows: int = 6) -> list[str]:
    """Cards everywhere around the view at 100 %, so every corner of it has some."""
    ids = [window.document.add_node("touch", (c * 260, r * 160), SMS)
           for r in range(rows) for c in range(columns)]
    window.view.set_zoom(1.0)
    window.view.centerOn(700, 400)
    window.view.minimap.render_scene()  # at once, not 300 ms after the last change
    return ids


def on_screen(window, node_id: str) -> QRect:
    """A card's rectangle in the view's coordinates (where the minimap lives)."""
    view = window.view
    rect = view.mapFromScene(window.scene.node_items[node_id].sceneBoundingRect())
    return rect.boundingRect().translated(view.viewport().pos())


def test_the_minimap_is_switched_off_in_the_view_menu_and_stays_off(window, qtbot):
    from canvas_app.main_window import MainWindow

    action = window.actions["minimap"]
    assert action in window.menus["view"].actions() and action.isCheckable()
    window.set_language("zh_CN")
    assert action.text() == "小地图(&M)"
    fill_the_canvas(window)
    minimap = window.view.minimap
    assert action.isChecked() and minimap.isVisible()
    action.trigger()
    assert not minimap.isVisible() and settings.show_minimap() is False
    window.view.centerOn(0, 0)  # moving about does not bring it back
    assert not minimap.isVisible()
    again = MainWindow("en")
    qtbot.addWidget(again)
    assert not again.actions["minimap"].isChecked() and not again.view.minimap.switched_on
    action.trigger()
    assert minimap.isVisible() and settings.show_minimap() is True


def test_the_minimap_keeps_clear_of_the_selection(window):
    ids = fill_the_canvas(window)
    minimap = window.view.minimap
    assert minimap.isVisible()
    under = [n for n in ids if on_screen(window, n).intersects(minimap.geometry())]
    assert under  # at 100 % it sits over some card: harmless until that one is worked on
    window.scene.select_nodes([under[0]])
    assert minimap.isVisible() and not on_screen(window, under[0]).intersects(
        minimap.geometry())
    # Selected cards in every corner: it steps aside rather than cover one.
    window.scene.select_nodes(ids)
    assert not minimap.isVisible()
    window.scene.clearSelection()
    assert minimap.isVisible()


def test_the_minimap_keeps_clear_of_a_card_just_dropped(window):
    fill_the_canvas(window, columns=3, rows=2)
    minimap = window.view.minimap
    corner = minimap.geometry().center() - window.view.viewport().pos()
    dropped = window.view.add_node_at("reward", window.view.mapToScene(corner))
    assert minimap.recent == dropped  # whether or not the drop selects it
    minimap.render_scene()  # as the journey changed
    assert minimap.isVisible()
    assert not on_screen(window, dropped).intersects(minimap.geometry())


def long_journey(steps: int) -> Journey:
    """A trigger and a chain of `steps` touches, scattered (as if never tidied)."""
    journey = Journey(JourneyMeta(id="long", name="很长的旅程"))
    previous = journey.add_node("trigger", {"type": "event", "event": "register"},
                                position=(3000, -1500), node_id="t")
    for i in range(steps):
        node = journey.add_node("touch", SMS, position=((i * 977) % 2500, (i * 613) % 1400))
        journey.connect(previous, "next", node)
        previous = node
    return journey


def test_tidy_layout_shows_the_journey_readable_from_its_trigger(window):
    window.document.set_journey(long_journey(14))
    view = window.view
    view.set_zoom(0.2)
    view.centerOn(2000, 1000)
    window.actions["layout"].trigger()
    assert view.zoom() >= READABLE_SCALE  # titles and summaries can be read
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    trigger = window.scene.node_items["t"].sceneBoundingRect()
    assert seen.contains(trigger)  # too long to fit: shown from its start
    assert seen.left() < trigger.left() < seen.left() + 100


def test_tidy_layout_fits_a_journey_that_fits(window):
    window.document.set_journey(long_journey(1))
    view = window.view
    view.set_zoom(0.2)
    view.centerOn(-2000, 1000)
    window.actions["layout"].trigger()
    assert READABLE_SCALE <= view.zoom() <= 1.0
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in window.scene.node_items.values():
        assert seen.contains(item.sceneBoundingRect())


def find_one(window, text: str) -> None:
    window.find_bar.open()
    window.find_bar.edit.setText(text)
    assert window.find_bar.count_label.text() == "1 of 1"


def test_the_find_bar_starts_afresh_with_another_journey(window, tmp_path):
    window.document.add_node("touch", (0, 0), SMS)
    window.document.undo_stack.setClean()
    find_one(window, "SMS")
    window.new_journey()
    bar = window.find_bar
    assert bar.edit.text() == "" and bar.count_label.text() == "" and bar.matches == []

    journey = Journey(JourneyMeta(id="other"))
    journey.add_node("touch", SMS, label="欢迎短信")
    path = tmp_path / "other.journey.json"
    fileformat.save(journey, path)
    window.document.add_node("touch", (0, 0), SMS)
    window.document.undo_stack.setClean()
    find_one(window, "SMS")
    assert window.open_file(str(path))
    assert bar.edit.text() == "" and bar.count_label.text() == ""
    find_one(window, "欢迎")
    window.new_from_template(window.templates_dir / "birthday-greeting.journey.json")
    assert bar.edit.text() == "" and bar.count_label.text() == ""
    bar.edit.setText("生日")  # the new journey is searched afresh
    assert bar.count_label.text() == f"1 of {len(bar.matches)}" and bar.matches

