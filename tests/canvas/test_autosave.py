"""Unsaved work is written every interval and offered back after a crash."""
from __future__ import annotations

from canvas_app.app import create_main_window
from canvas_app.autosave import find_orphans
from canvas_app.main_window import MainWindow
from canvas_app.settings import autosave_dir
from nodes import fileformat
from nodes.journey import Journey
from nodes.meta import JourneyMeta

from .helpers import answer_next_dialog, canonical


def close(window) -> None:
    window.document.undo_stack.setClean()
    window.close()


def test_autosave_folder_is_per_test(isolated_settings):
    assert str(autosave_dir()).startswith(str(isolated_settings))


def test_unsaved_work_is_written_and_removed_once_saved(qtbot, tmp_path):
    window = MainWindow("en", autosave_interval_ms=50)
    qtbot.addWidget(window)
    target = window.autosaver.journey_path
    assert not target.exists()
    window.document.add_node("trigger", (0, 0))
    qtbot.waitUntil(target.exists, timeout=3000)
    assert canonical(fileformat.load(target)) == canonical(window.document.journey)
    window.save_as(str(tmp_path / "saved.journey.json"))
    assert not target.exists()
    qtbot.wait(150)  # a few ticks with nothing unsaved write nothing
    assert not target.exists()
    close(window)


def test_a_live_window_is_not_mistaken_for_a_crash(qtbot):
    window = MainWindow("en")
    qtbot.addWidget(window)
    window.document.add_node("trigger", (0, 0))
    assert window.autosaver.save_now()
    assert find_orphans() == []
    close(window)
    assert not window.autosaver.journey_path.exists()


def crashed_session(origin: str = "") -> Journey:
    """What a session that died leaves behind: a journey and its origin, no live lock."""
    journey = Journey(JourneyMeta(id="crashed", name="崩溃前的旅程"))
    a = journey.add_node("trigger", position=(0, 0))
    b = journey.add_node("touch", position=(300, 0), label="提醒")
    journey.connect(a, "next", b)
    folder = autosave_dir()
    fileformat.save(journey, folder / "0123abcd.journey.json")
    (folder / "0123abcd.origin").write_text(origin, encoding="utf-8")
    return journey


def test_restore_after_a_crash_is_offered_and_accepted(qtbot, tmp_path):
    origin = str(tmp_path / "work.journey.json")
    journey = crashed_session(origin)
    assert len(find_orphans()) == 1
    clicked = answer_next_dialog("Restore")
    window = create_main_window([])
    qtbot.addWidget(window)
    assert clicked == ["Restore"]
    assert canonical(window.document.journey) == canonical(journey)
    assert window.document.path == origin
    assert window.isWindowModified()  # still unsaved until the user saves
    assert len(window.scene.node_items) == 2
    assert find_orphans() == []
    close(window)


def test_restore_can_be_declined(qtbot):
    crashed_session()
    clicked = answer_next_dialog("Discard")
    window = create_main_window([])
    qtbot.addWidget(window)
    assert clicked == ["Discard"]
    assert window.document.journey.node_ids() == []
    assert find_orphans() == []
    close(window)
