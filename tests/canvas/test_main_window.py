"""The main window: marker, prompts, shortcuts, recent files, templates, clipboard."""
from __future__ import annotations

import json

from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from canvas_app import settings
from canvas_app.main_window import FRAGMENT_MIME, MainWindow, list_templates
from nodes import fileformat
from nodes.journey import Journey
from nodes.meta import JourneyMeta

from .helpers import answer_next_dialog, canonical


def small_journey(name: str = "开户激活") -> Journey:
    journey = Journey(JourneyMeta(id="activation", name=name))
    a = journey.add_node("trigger", position=(0, 0))
    b = journey.add_node("wait", position=(300, 0))
    journey.add_node("touch", label="欢迎短信", position=(600, 0))
    journey.connect(a, "next", b)
    return journey


def test_modified_marker_follows_the_clean_state(window, tmp_path):
    assert "[*]" in window.windowTitle()
    assert not window.isWindowModified()
    window.document.add_node("trigger", (0, 0))
    assert window.isWindowModified()
    window.save_as(str(tmp_path / "x.journey.json"))
    assert not window.isWindowModified()
    assert "x.journey.json" in window.windowTitle()
    window.actions["undo"].trigger()
    assert window.isWindowModified()
    window.actions["redo"].trigger()
    assert not window.isWindowModified()


def test_standard_shortcuts(window):
    Key = QKeySequence.StandardKey
    for name, key in [("new", Key.New), ("open", Key.Open), ("save", Key.Save),
                      ("undo", Key.Undo), ("redo", Key.Redo), ("copy", Key.Copy),
                      ("paste", Key.Paste), ("delete", Key.Delete),
                      ("select_all", Key.SelectAll), ("find", Key.Find),
                      ("zoom_in", Key.ZoomIn), ("zoom_out", Key.ZoomOut)]:
        assert window.actions[name].shortcuts() == QKeySequence.keyBindings(key), name


def test_close_asks_to_save_and_can_be_cancelled(window, qtbot):
    window.document.add_node("trigger", (0, 0))
    clicked = answer_next_dialog(standard=QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert clicked == ["&Cancel"] or clicked and clicked[0].endswith("Cancel")
    assert window.isVisible()
    answer_next_dialog(standard=QMessageBox.StandardButton.Discard)
    assert window.close()


def test_recent_files_and_window_state_persist(window, tmp_path, qtbot):
    path = tmp_path / "a.journey.json"
    fileformat.save(small_journey(), path)
    assert window.open_file(str(path))
    assert settings.recent_files()[0] == str(path)
    window.recent_menu_about_to_show()
    assert [a.text() for a in window.menus["recent"].actions()] == [str(path)]
    window.resize(700, 520)  # the offscreen screen is 800×600
    window.close()
    again = MainWindow("en")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 520)


def test_open_keeps_the_document_when_the_file_is_broken(window, tmp_path):
    bad = tmp_path / "bad.journey.json"
    bad.write_text("{ not json", encoding="utf-8")
    window.document.add_node("trigger", (0, 0))
    window.document.undo_stack.setClean()
    clicked = answer_next_dialog(standard=QMessageBox.StandardButton.Ok)
    assert not window.open_file(str(bad))
    assert clicked
    assert len(window.document.journey.node_ids()) == 1


def test_new_from_template_lists_names_and_copies(window, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    fileformat.save(small_journey("新客激活"), folder / "activation.journey.json")
    fileformat.save(small_journey("沉睡唤醒"), folder / "wake.journey.json")
    (folder / "broken.journey.json").write_text("{}", encoding="utf-8")
    assert [name for name, _ in list_templates(folder)] == ["新客激活", "沉睡唤醒"]
    window.templates_dir = folder
    window.templates_menu_about_to_show()
    entries = window.menus["templates"].actions()
    assert [a.text() for a in entries] == ["新客激活", "沉睡唤醒"]
    entries[1].trigger()
    journey = window.document.journey
    assert journey.meta.name == "沉睡唤醒"
    assert journey.id != "activation"  # a copy, not the template itself
    assert len(journey.node_ids()) == 3
    assert window.document.path is None


def test_copy_paste_between_two_windows(window, qtbot):
    window.document.set_journey(small_journey())
    window.select_all()
    window.actions["copy"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(FRAGMENT_MIME)
    assert json.loads(mime.text())["nodes"]
    other = MainWindow("en")
    qtbot.addWidget(other)
    other.actions["paste"].trigger()
    pasted = other.document.journey
    assert sorted(pasted.kind(n) for n in pasted.node_ids()) == ["touch", "trigger",
                                                                       "wait"]
    assert len(pasted.edges()) == 1
    assert sorted(other.scene.selected_node_ids()) == sorted(pasted.node_ids())
    other.actions["undo"].trigger()
    assert other.document.journey.node_ids() == []
    other.document.undo_stack.setClean()


def test_paste_of_plain_text_explains(window):
    QGuiApplication.clipboard().setText("hello")
    assert window.paste() == []
    assert window.statusBar().currentMessage().startswith("Nothing to paste")


def test_delete_removes_selected_cards_and_lines_in_one_step(window):
    window.document.set_journey(small_journey())
    journey = window.document.journey
    touch = next(n for n in journey.node_ids() if journey.kind(n) == "touch")
    trigger = journey.triggers()[0]
    window.scene.select_nodes([touch])
    edge = window.scene.edge_items[(trigger, "next")]
    edge.setSelected(True)
    before = canonical(journey)
    window.actions["delete"].trigger()
    assert touch not in journey and journey.edges() == []
    window.actions["undo"].trigger()
    assert canonical(journey) == before


def test_find_selects_and_centres(window):
    window.document.set_journey(small_journey())
    window.actions["find"].trigger()
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("欢迎")
    (found,) = window.scene.selected_node_ids()
    assert window.document.journey.label(found) == "欢迎短信"
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert window.scene.node_items[found].sceneBoundingRect().contains(centre)
    assert window.find_bar.count_label.text() == "1 of 1"
    window.find_bar.edit.setText("no such step")
    assert window.find_bar.count_label.text() == "No match"


def test_problems_panel_is_live_and_clicking_shows_the_node(window, qtbot):
    window.document.add_node("touch", (2000, 1500))  # far away, with an empty message
    panel = window.validation_panel
    qtbot.waitUntil(lambda: any(panel.list.item(i).data(256)
                                for i in range(panel.list.count())))
    items = [panel.list.item(i) for i in range(panel.list.count())]
    target = next(i for i in items if i.data(256))
    panel.list.itemClicked.emit(target)
    node_id = target.data(256)
    assert window.scene.selected_node_ids() == [node_id]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert window.scene.node_items[node_id].sceneBoundingRect().contains(centre)
    assert window.scene.node_items[node_id].severity is not None


def test_context_menu_adds_a_step_at_the_cursor(window):
    menu = window.show_context_menu(window.mapToGlobal(window.rect().center()),
                                    QPointF(500, 300))
    add_menu = menu.actions()[0].menu()
    add_menu.actions()[2].trigger()  # the third kind: wait
    (node,) = window.document.journey.node_ids()
    assert window.document.journey.kind(node) == "wait"
    x, y = window.document.journey.position(node)
    assert x <= 500 <= x + 220 and y <= 300 <= y + 60
    menu.close()


def test_inspector_edits_become_commands(window):
    node = window.document.add_node("touch", (0, 0))
    window.scene.select_nodes([node])
    panel = window.inspector.panel
    assert panel is not None
    count = window.document.undo_stack.count()
    panel.label_edited.emit(node, "生日祝福", None)
    config = window.document.journey.config(node).model_copy(update={"template": "生日快乐"})
    panel.config_edited.emit(node, config, None)
    assert window.document.undo_stack.count() == count + 2
    assert window.document.journey.label(node) == "生日祝福"
    assert window.document.journey.config(node).template == "生日快乐"
    panel.config_edited.emit(node, {"channel": "pigeon", "template": "x"}, None)
    assert window.document.undo_stack.count() == count + 2
    assert window.statusBar().currentMessage()


def test_palette_double_click_adds_at_the_centre(window):
    palette = window.palette
    palette.itemDoubleClicked.emit(palette.item_for("split"))
    (node,) = window.document.journey.node_ids()
    assert window.document.journey.kind(node) == "split"
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert window.scene.node_items[node].sceneBoundingRect().contains(centre)
    assert window.document.journey.outlets(node) == ["A", "B"]
    assert window.scene.node_items[node].outlet_names == {"A": "A", "B": "B"}


def test_run_app_opens_the_file_and_returns_when_the_window_closes(qapp, tmp_path):
    from PySide6.QtCore import QTimer

    from canvas_app.app import run_app

    path = tmp_path / "start.journey.json"
    fileformat.save(small_journey(), path)
    seen = []

    def close_windows():
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget.document.path, len(widget.scene.node_items)))
                widget.close()

    QTimer.singleShot(300, close_windows)
    assert run_app(["journey-canvas", str(path)]) == 0
    assert seen == [(str(path), 3)]


def test_problem_rows_are_tall_enough_for_their_wrapped_text(qtbot):
    from PySide6.QtCore import QRect, Qt

    from canvas_app.validation_panel import ValidationPanel
    from nodes.validation import validate

    journey = Journey(JourneyMeta(id="j", name="长消息"))
    for kind in ("touch", "split", "wait"):
        journey.add_node(kind, position=(0, 0))
    panel = ValidationPanel()
    qtbot.addWidget(panel)
    panel.set_issues(validate(journey), "zh_CN")
    panel.show()
    rows = panel.list

    def heights_fit(width: int) -> list[int]:
        panel.resize(width, 600)
        qtbot.waitUntil(lambda: abs(rows.viewport().width() - (width - 14)) < 40)
        qtbot.wait(50)  # the list's own delayed relayout, as on screen
        lines = []
        for i in range(rows.count()):
            text, rect = rows.item(i).text(), rows.visualItemRect(rows.item(i))
            needed = rows.fontMetrics().boundingRect(
                QRect(0, 0, rect.width() - 8, 1 << 20), Qt.TextFlag.TextWordWrap, text)
            assert rect.height() >= needed.height(), (width, text)
            lines.append(rect.height())
        return lines

    wide, narrow = heights_fit(900), heights_fit(220)
    assert sum(narrow) > sum(wide)  # narrower panel, more lines, taller rows
