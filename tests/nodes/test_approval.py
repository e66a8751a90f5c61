"""Review rules: content-bound approval, four eyes, transitions, comments."""
import json

import pytest

from nodes import approval, fileformat
from nodes.review import Status
from resources import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "account-opening-breakpoint.journey.json"


@pytest.fixture
def journey():
    return fileformat.load(TEMPLATE)


def _first_node(journey):
    return next(iter(journey.graph.nodes))


def test_a_template_needs_an_approval_before_it_is_published(journey):
    problem = approval.publish_problem(journey)
    assert problem is not None and problem.code == "not_approved"
    assert "--submit" in problem.message("en") and "提交审核" in problem.message("zh")


def test_four_eyes_the_last_editor_cannot_approve(journey):
    approval.record_edit(journey, "li.na")
    approval.apply_action(journey, "submit", "li.na")
    with pytest.raises(approval.ReviewRefused) as refused:
        approval.apply_action(journey, "approve", "li.na")
    assert refused.value.code == "own_edit" and "li.na" in refused.value.message("zh")
    approval.apply_action(journey, "approve", "wang.fang", note="好")
    assert journey.meta.review.status == Status.approved
    assert approval.publish_problem(journey) is None


def test_whoever_submits_an_unrecorded_file_counts_as_its_last_editor(journey):
    approval.apply_action(journey, "submit", "zhao")
    assert approval.last_editor(journey) == "zhao"
    with pytest.raises(approval.ReviewRefused):
        approval.apply_action(journey, "approve", "zhao")


def test_an_edit_after_approval_sends_it_back_to_draft_and_says_so(journey):
    approval.apply_action(journey, "submit", "li.na")
    approval.apply_action(journey, "approve", "wang.fang")
    journey.set_label(_first_node(journey), "改过的名字")
    # Edited outside the app: the file still says approved, but it is a draft again.
    assert approval.stale_status(journey) == Status.approved
    assert approval.effective_status(journey) == Status.draft
    assert approval.publish_problem(journey).code == "changed_since_approval"
    assert approval.record_edit(journey, "li.na", "zh") is True
    last = journey.meta.review.history[-1]
    assert (last.from_, last.to, last.by) == (Status.approved, Status.draft, "li.na")
    assert "审批后" in last.note
    with pytest.raises(approval.ReviewRefused) as refused:
        approval.apply_action(journey, "approve", "wang.fang")
    assert refused.value.code == "wrong_status"


def test_moving_cards_and_commenting_keep_the_approval(journey):
    approval.apply_action(journey, "submit", "li.na")
    approval.apply_action(journey, "approve", "wang.fang")
    node = _first_node(journey)
    journey.move_node(node, (999.0, 999.0))
    approval.add_comment(journey, "wang.fang", "留意短信长度", node_id=node)
    assert approval.publish_problem(journey) is None
    assert approval.effective_status(journey) == Status.approved


def test_request_changes_then_resubmit(journey):
    approval.apply_action(journey, "submit", "li.na")
    approval.apply_action(journey, "request_changes", "wang.fang", note="补充退出条件")
    assert journey.meta.review.status == Status.changes_requested
    approval.apply_action(journey, "submit", "li.na")
    assert [t.to for t in journey.meta.review.history] == [
        Status.in_review, Status.changes_requested, Status.in_review]


def test_review_block_round_trips_through_the_file(journey, tmp_path):
    node = _first_node(journey)
    comment = approval.add_comment(journey, "wang.fang", "为什么是 2 小时？", node_id=node)
    approval.reply(journey, comment.id, "li.na", "业务要求")
    approval.set_resolved(journey, comment.id, True)
    approval.apply_action(journey, "submit", "li.na", note="请审")
    path = tmp_path / "j.journey.json"
    fileformat.save(journey, path)
    stored = json.loads(path.read_text(encoding="utf-8"))["journey"]["review"]
    assert stored["history"][0]["from"] == "draft" and stored["status"] == "in_review"
    again = fileformat.load(path)
    assert again.meta.review == journey.meta.review
    assert approval.content_hash(again) == approval.content_hash(journey)


def test_only_the_author_deletes_a_comment(journey):
    comment = approval.add_comment(journey, "wang.fang", "看一下")
    with pytest.raises(approval.ReviewRefused) as refused:
        approval.delete_comment(journey, comment.id, "li.na")
    assert "wang.fang" in refused.value.message("en")
    approval.delete_comment(journey, comment.id, "wang.fang")
    assert journey.meta.review.comments == []
    with pytest.raises(approval.ReviewRefused):
        approval.add_comment(journey, "wang.fang", "   ")
