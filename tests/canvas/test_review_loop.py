"""The review loop on the real window: the operator edits and submits, a second
person comments and sends it back, the operator edits (a draft again, said),
resubmits, the second person approves; four eyes refuse the last editor."""
from __future__ import annotations

from pathlib import Path

from canvas_app import settings
from canvas_app.main_window import MainWindow
from nodes import approval, fileformat
from nodes.review import Status
from resources import TEMPLATES_DIR

from .test_main_window import small_journey

TEMPLATE = (Path(__file__).resolve().parents[2] / "resources" / "templates"
            / "account-opening-breakpoint.journey.json")


def be(window, name: str) -> None:
    """Change the name in Settings, as a person would."""
    dialog = window.open_settings()
    dialog.user_name.setText(name)
    dialog.accept()
    assert settings.user_name() == name


def touch_of(journey) -> str:
    return next(n for n in journey.node_ids() if journey.kind(n) == "touch")


def _publish(store, journey):
    """Publish as `journey-runtime publish` does: the refusal, or the version."""
    from runtime.publish import PublishRefused, publish

    try:
        return publish(store, journey).version
    except PublishRefused as refused:
        return refused


def test_the_whole_loop_with_four_eyes(window, qtbot, monkeypatch, tmp_path):
    from runtime import api

    store = api.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.set_require_approval(True)
    review = window.review
    be(window, "li.na")
    assert "li.na" in window.windowTitle()
    window.document.set_journey(fileformat.load(TEMPLATES_DIR / "new-customer-activation.journey.json"))
    journey = window.document.journey
    touch = touch_of(journey)
    window.document.set_label(touch, "欢迎短信（新）")
    assert journey.meta.review.last_edit.by == "li.na"
    assert review.badge.text() == "draft"

    refused = _publish(store, journey)  # a store that requires approval: not yet
    assert [i.code for i in refused.issues] == ["review_not_approved"]

    assert review.take("submit")
    assert review.status() == Status.in_review and review.badge.text() == "in review"
    assert review.banner.isVisible() and "Request Changes" in review.banner.text()

    # Four eyes: the last editor cannot approve, and is told why in words.
    assert not review.take("approve")
    assert review.refusal_box.isVisible()
    assert review.refusal_box.text().startswith("li.na made the last edit")
    assert review.status() == Status.in_review
    review.refusal_box.close()

    be(window, "wang.fang")
    window.scene.select_nodes([touch])
    review.panel.text.setPlainText("短信里写上开户礼的有效期")
    review.panel.buttons["on_step"].click()
    comment = journey.meta.review.comments[-1]
    assert (comment.author, comment.node_id) == ("wang.fang", touch)
    monkeypatch.setattr(review, "ask_note", lambda: "请补充有效期")
    review.actions["request_changes"].trigger()
    assert review.status() == Status.changes_requested
    assert journey.meta.review.history[-1].note == "请补充有效期"
    assert not review.banner.isVisible()

    be(window, "li.na")
    window.document.set_label(touch, "欢迎短信（有效期 30 天）")
    assert review.status() == Status.draft
    assert window.statusBar().currentMessage() == "edited: back to draft"
    assert review.take("submit")

    be(window, "wang.fang")
    review.actions["approve"].trigger()
    assert review.status() == Status.approved and review.badge.text() == "approved"
    assert approval.publish_problem(journey) is None
    assert _publish(store, journey) == 1  # publish succeeds
    steps = [(t.from_.value, t.to.value, t.by) for t in journey.meta.review.history]
    assert steps == [("draft", "in_review", "li.na"),
                     ("in_review", "changes_requested", "wang.fang"),
                     ("changes_requested", "draft", "li.na"),
                     ("draft", "in_review", "li.na"),
                     ("in_review", "approved", "wang.fang")]
    history = review.panel.history_model
    assert history.rowCount() == 5
    assert history.item(4, 2).text() == "in review → approved"
    assert history.item(4, 3).text() == journey.meta.review.history[-1].content_hash[:8]
    assert history.item(1, 4).text() == "请补充有效期"

    # A comment afterwards is no content edit: the approval holds.
    review.panel.text.setPlainText("看过了")
    review.panel.buttons["on_journey"].click()
    assert review.status() == Status.approved and approval.publish_problem(journey) is None
    # A change is: back to draft, said once.
    be(window, "li.na")
    window.document.set_label(touch, "欢迎短信")
    assert review.status() == Status.draft
    assert window.statusBar().currentMessage() == "edited after approval: back to draft"
    assert approval.publish_problem(journey) is not None


def test_review_steps_are_undoable_and_mark_the_document(window):
    be(window, "li.na")
    window.document.set_journey(small_journey())
    assert not window.document.is_modified()
    window.review.take("submit")
    assert window.document.is_modified() and window.review.status() == Status.in_review
    assert window.actions["undo"].text() == "&Undo Submit for review"
    window.undo()
    assert window.review.status() == Status.draft and not window.review.banner.isVisible()
    window.redo()
    assert window.review.status() == Status.in_review


def test_moves_are_no_edits(window):
    be(window, "li.na")
    window.document.set_journey(small_journey())
    node = window.document.journey.node_ids()[0]
    window.document.move_nodes({node: ((0, 0), (40, 40))})
    assert window.document.journey.meta.review.last_edit is None


def test_refusal_is_said_in_chinese(window):
    be(window, "李娜")
    window.set_language("zh_CN")
    window.document.set_journey(small_journey())
    window.document.set_label(touch_of(window.document.journey), "改")
    window.review.take("submit")
    assert window.review.badge.text() == "审核中"
    assert window.review.menu.title() == "审核(&R)"
    window.review.take("approve")
    assert window.review.refusal_box.text().startswith("李娜 是最后编辑者")
    assert window.windowTitle().startswith("开户激活 (未命名)[*] — 李娜")


def test_save_and_reload_keeps_comments_and_history(window, tmp_path, qtbot):
    be(window, "li.na")
    window.document.set_journey(small_journey())
    touch = touch_of(window.document.journey)
    window.scene.select_nodes([touch])
    window.review.add_comment("看这里", on_step=True)
    window.review.reply(window.document.journey.meta.review.comments[0].id, "好")
    window.review.take("submit")
    path = tmp_path / "a.journey.json"
    assert window.save_as(str(path))
    again = MainWindow("en")
    qtbot.addWidget(again)
    assert again.open_file(str(path))
    review = again.document.journey.meta.review
    assert review == fileformat.load(path).meta.review == window.document.journey.meta.review
    assert review.comments[0].replies[0].text == "好"
    assert again.review.status() == Status.in_review
    assert again.review.panel.model.rowCount() == 1
    assert again.review.panel.history_model.rowCount() == 1
    again.document.undo_stack.setClean()


def test_template_opens_as_a_draft_with_the_badge(window):
    assert window.open_file(str(TEMPLATE))
    assert window.review.badge.text() == "draft"
    assert window.review.actions["submit"].isEnabled()
    assert not window.review.actions["approve"].isEnabled()


def test_undoing_an_edit_puts_its_review_change_back(window):
    """The last editor and a return to draft belong to the edit: undo takes them back."""
    be(window, "li.na")
    window.document.set_journey(small_journey())
    journey = window.document.journey
    touch = touch_of(journey)
    window.document.set_label(touch, "改过")
    window.review.take("submit")
    be(window, "wang.fang")
    window.review.take("approve")
    approved = journey.meta.review
    be(window, "li.na")
    window.document.set_label(touch, "又改了")
    assert window.review.status() == Status.draft
    assert journey.meta.review.last_edit.by == "li.na"
    window.undo()
    assert journey.meta.review == approved and window.review.status() == Status.approved
    assert approval.publish_problem(journey) is None
    window.redo()
    assert window.review.status() == Status.draft
    assert journey.meta.review.history[-1].note == "edited after approval: back to draft"
    for _ in range(4):  # the edit, approve, submit, the first edit
        window.undo()
    assert journey.meta.review.last_edit is None and journey.meta.review.history == []

