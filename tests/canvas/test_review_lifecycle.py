"""Publish, pause, resume and end from the 审核 menu on the real window: the
store takes the step (or refuses, in its words), then the file's history
records it and the file is saved — as `journey-runtime … --file` does."""
from __future__ import annotations

import shutil

from PySide6.QtWidgets import QMessageBox

from nodes import fileformat
from nodes.review import Status
from resources import TEMPLATES_DIR

from .test_paused_in_store import connect
from .test_review_loop import be

TEMPLATE = TEMPLATES_DIR / "new-customer-activation.journey.json"


def take(window, qtbot, name: str) -> str:
    lifecycle = window.review.lifecycle
    lifecycle.actions[name].trigger()
    if name == "end":
        box = lifecycle.box
        assert box.objectName() == "confirm_end" and "cannot be undone" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: lifecycle.task is not None and lifecycle.task.done, timeout=15000)
    return lifecycle.last_message


def states(url: str, journey_id: str) -> list[str]:
    from runtime import api

    store = api.open_store(url)
    try:
        return [r.state for r in store.published_versions(journey_id)]
    finally:
        store.close()


def test_publish_pause_resume_end_from_the_menu(window, qtbot, tmp_path, monkeypatch):
    from runtime import api

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = api.open_store(url)
    store.set_require_approval(True)
    store.close()
    path = tmp_path / "activation.journey.json"
    shutil.copy(TEMPLATE, path)
    assert window.open_file(str(path))
    jid = window.document.journey.id
    lifecycle = window.review.lifecycle
    assert not lifecycle.take("publish")  # no store yet: said, nothing started
    assert "Connect to a customer store first" in lifecycle.last_message
    connect(window, qtbot, url, monkeypatch)

    said = take(window, qtbot, "publish")  # not approved: the store refuses, naming the step
    assert lifecycle.box.objectName() == "store_refusal" and "not approved" in said
    assert states(url, jid) == []
    lifecycle.box.close()

    be(window, "li.na")
    assert window.review.take("submit")
    be(window, "wang.fang")
    assert window.review.take("approve")
    said = take(window, qtbot, "publish")
    assert "published" in said and "Recorded in the review history" in said
    assert states(url, jid) == ["active"]
    saved = fileformat.load(path).meta.review  # saved to its file at once
    assert (saved.status, saved.history[-1].by) == (Status.published, "wang.fang")

    assert "Paused version 1" in take(window, qtbot, "pause")
    assert states(url, jid) == ["paused"]
    assert "Nothing to pause" in take(window, qtbot, "pause")  # refused: already paused
    lifecycle.box.close()
    assert "Resumed version 1" in take(window, qtbot, "resume")
    assert "Ended version 1" in take(window, qtbot, "end")
    assert states(url, jid) == ["stopped"]
    history = [t.to.value for t in fileformat.load(path).meta.review.history]
    assert history == ["in_review", "approved", "published", "paused", "published", "ended"]
    assert window.review.badge.text() == "ended"
    assert not window.isWindowModified()


def test_a_store_without_the_rule_publishes_a_draft_and_records_nothing(
        window, qtbot, tmp_path, monkeypatch):
    from runtime import api

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = api.open_store(url)
    store.set_require_approval(False)  # as init --demo leaves it
    store.close()
    path = tmp_path / "activation.journey.json"
    shutil.copy(TEMPLATE, path)
    before = path.read_bytes()
    assert window.open_file(str(path))
    connect(window, qtbot, url, monkeypatch)
    said = take(window, qtbot, "publish")
    assert "published" in said and "Recorded" not in said
    assert states(url, window.document.journey.id) == ["active"]
    assert path.read_bytes() == before
