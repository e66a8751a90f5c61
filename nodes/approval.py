"""Review rules: the content an approval is bound to, the allowed status
transitions and four eyes (journey-semantics §1). Pure functions over a
`Journey`; the app, `journey-canvas review` and `journey-runtime publish`
all decide with these, so a refusal reads the same everywhere."""
from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

from .errors import JourneyError
from .journey import Journey
from .review import Comment, LastEdit, Reply, Review, Status, Transition

# Which action leads from which statuses to which.
ACTIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "submit": (frozenset({Status.draft, Status.changes_requested}), Status.in_review),
    "approve": (frozenset({Status.in_review}), Status.approved),
    "request_changes": (frozenset({Status.in_review}), Status.changes_requested),
    "publish": (frozenset({Status.approved, Status.paused}), Status.published),
    "pause": (frozenset({Status.published}), Status.paused),
    "resume": (frozenset({Status.paused}), Status.published),
    "end": (frozenset({Status.published, Status.paused}), Status.ended),
}

STATUS_NAMES = {
    Status.draft: ("草稿", "draft"), Status.in_review: ("审核中", "in review"),
    Status.approved: ("已批准", "approved"),
    Status.changes_requested: ("需修改", "changes requested"),
    Status.published: ("已发布", "published"), Status.paused: ("已暂停", "paused"),
    Status.ended: ("已结束", "ended"),
}
_ACTION_NAMES = {
    "submit": ("提交审核", "submit for review"), "approve": ("批准", "approve"),
    "request_changes": ("退回修改", "request changes"), "publish": ("发布", "publish"),
    "pause": ("暂停", "pause"), "resume": ("恢复", "resume"), "end": ("结束", "end"),
}


def status_name(status: Status | str, lang: str) -> str:
    zh, en = STATUS_NAMES[Status(status)]
    return zh if lang.startswith("zh") else en


def action_name(action: str, lang: str) -> str:
    zh, en = _ACTION_NAMES[action]
    return zh if lang.startswith("zh") else en


class ReviewRefused(JourneyError):
    """A review step that the rules do not allow; the message says why."""

    def __init__(self, code: str, en: str, zh: str) -> None:
        super().__init__(en, zh)
        self.code = code


def content_hash(journey: Journey) -> str:
    """sha256 of what the journey does: everything in the file except the review
    block itself and where the cards sit (a tidied layout changes no customer's
    path, so it keeps an approval)."""
    from .fileformat import to_document  # fileformat imports the journey model

    document = to_document(journey)
    document["journey"] = {k: v for k, v in document["journey"].items() if k != "review"}
    for node in document["graph"]["nodes"]:
        node.pop("position", None)
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _review(journey: Journey) -> Review:
    return journey.meta.review


def _set_review(journey: Journey, review: Review) -> None:
    journey.set_meta(journey.meta.model_copy(update={"review": review}))


def last_approval(journey: Journey) -> Transition | None:
    return next((t for t in reversed(_review(journey).history) if t.to == Status.approved), None)


def last_editor(journey: Journey) -> str | None:
    """Who made the content as it is now; None when nobody the file knows of did
    (edited outside the app since the last recorded edit)."""
    edit = _review(journey).last_edit
    return edit.by if edit is not None and edit.content_hash == content_hash(journey) else None


def stale_status(journey: Journey) -> Status | None:
    """The status the file claims when its content changed since that status was
    given (edited outside the app): it is a draft again. None when it holds."""
    review = _review(journey)
    if review.status == Status.draft or not review.history:
        return None
    entered = review.history[-1]
    return review.status if entered.content_hash != content_hash(journey) else None


def effective_status(journey: Journey) -> Status:
    return Status.draft if stale_status(journey) is not None else _review(journey).status


def record_edit(journey: Journey, by: str, note_lang: str = "en") -> bool:
    """`by` changed the content: remember the last editor; a journey past draft
    goes back to draft, recorded in its history. True when the status changed."""
    review = _review(journey)
    digest = content_hash(journey)
    if review.last_edit == LastEdit(by=by, content_hash=digest) and \
            review.status == Status.draft:
        return False
    back = review.status != Status.draft and (
        not review.history or review.history[-1].content_hash != digest)
    history = list(review.history)
    if back:
        zh = "审批后内容有改动，已退回草稿" if review.status == Status.approved else "内容有改动，已退回草稿"
        en = ("edited after approval: back to draft" if review.status == Status.approved
              else "edited: back to draft")
        history.append(Transition(from_=review.status, to=Status.draft, by=by, at=_now(),
                                  note=zh if note_lang.startswith("zh") else en,
                                  content_hash=digest))
    _set_review(journey, review.model_copy(update={
        "last_edit": LastEdit(by=by, content_hash=digest), "history": history,
        "status": Status.draft if back else review.status}))
    return back


def check_action(journey: Journey, action: str, by: str) -> None:
    """Raise `ReviewRefused` when `by` may not take `action` now."""
    if action not in ACTIONS:
        raise ValueError(f"unknown review action '{action}'")
    sources = ACTIONS[action][0]
    status = effective_status(journey)
    if status not in sources:
        allowed_zh = "、".join(status_name(s, "zh") for s in sorted(sources, key=list(Status).index))
        allowed_en = ", ".join(status_name(s, "en") for s in sorted(sources, key=list(Status).index))
        stale = stale_status(journey)
        why_en = (f" (the content changed since it was {status_name(stale, 'en')}, so it is a "
                  "draft again)") if stale else ""
        why_zh = f"（{status_name(stale, 'zh')}后内容有改动，已回到草稿）" if stale else ""
        raise ReviewRefused(
            "wrong_status",
            f"cannot {action_name(action, 'en')}: the journey is {status_name(status, 'en')}"
            f"{why_en}; this needs it {allowed_en}",
            f"无法{action_name(action, 'zh')}：旅程当前为「{status_name(status, 'zh')}」{why_zh}，"
            f"需为「{allowed_zh}」")
    if action == "approve":
        editor = last_editor(journey) or _submitter(journey)
        if editor is not None and editor == by:
            raise ReviewRefused(
                "own_edit",
                f"{by} made the last edit, so {by} cannot approve it: approval needs a second "
                "person (four eyes)",
                f"{by} 是最后编辑者，不能批准自己的改动：审批需要另一个人（四眼原则）")


def _submitter(journey: Journey) -> str | None:
    return next((t.by for t in reversed(_review(journey).history) if t.to == Status.in_review),
                None)


def apply_action(journey: Journey, action: str, by: str, note: str = "",
                 at: datetime | None = None) -> Transition:
    """Take a review step, recorded in the history with the content it applies to.
    Whoever submits a file nobody is recorded as having edited counts as its last editor."""
    if not by.strip():
        raise ReviewRefused("no_name", "a review step needs a person's name",
                            "审核操作需要填写操作人姓名")
    check_action(journey, action, by)
    review = _review(journey)
    digest = content_hash(journey)
    update: dict = {}
    if action == "submit" and last_editor(journey) is None:
        update["last_edit"] = LastEdit(by=by, content_hash=digest)
    step = Transition(from_=effective_status(journey), to=ACTIONS[action][1], by=by,
                      at=at or _now(), note=note, content_hash=digest)
    update.update(status=step.to, history=[*review.history, step])
    _set_review(journey, review.model_copy(update=update))
    return step


def publish_problem(journey: Journey) -> ReviewRefused | None:
    """Why this exact content may not be published under a store that requires
    approval, or None: it needs an approval of this content, by someone other
    than its last editor."""
    approval = last_approval(journey)
    digest = content_hash(journey)
    if approval is None:
        return ReviewRefused(
            "not_approved",
            "not approved: submit it for review (journey-canvas review FILE --submit) and have "
            "someone other than its last editor approve it (--approve)",
            "未经审批：请先提交审核（journey-canvas review 文件 --submit），"
            "再由最后编辑者以外的人批准（--approve）")
    if approval.content_hash != digest:
        return ReviewRefused(
            "changed_since_approval",
            f"changed since {approval.by} approved it on {approval.at:%Y-%m-%d %H:%M}: submit "
            "it again and have it approved",
            f"{approval.by} 于 {approval.at:%Y-%m-%d %H:%M} 批准后内容有改动：请重新提交审核并获批准")
    editor = _review(journey).last_edit
    if editor is not None and editor.content_hash == digest and editor.by == approval.by:
        return ReviewRefused(
            "own_edit", f"approved by {approval.by}, who also made the last edit: a second "
            "person must approve it",
            f"批准人 {approval.by} 也是最后编辑者：需要另一个人批准")
    return None


# -- comments ------------------------------------------------------------------

def add_comment(journey: Journey, author: str, text: str, node_id: str | None = None,
                at: datetime | None = None) -> Comment:
    if not text.strip():
        raise ReviewRefused("empty_comment", "a comment needs some text", "评论内容不能为空")
    if node_id is not None and node_id not in journey.graph:
        raise ReviewRefused("unknown_node", f"no step '{node_id}' to comment on",
                            f"没有可评论的节点「{node_id}」")
    comment = Comment(id="c-" + uuid.uuid4().hex[:8], node_id=node_id, author=author,
                      at=at or _now(), text=text.strip())
    review = _review(journey)
    _set_review(journey, review.model_copy(update={"comments": [*review.comments, comment]}))
    return comment


def _replace_comment(journey: Journey, comment_id: str, change) -> Comment:
    review = _review(journey)
    comments = list(review.comments)
    for index, comment in enumerate(comments):
        if comment.id == comment_id:
            comments[index] = change(comment)
            _set_review(journey, review.model_copy(update={"comments": comments}))
            return comments[index]
    raise ReviewRefused("unknown_comment", f"no comment '{comment_id}'",
                        f"没有编号为「{comment_id}」的评论")


def reply(journey: Journey, comment_id: str, author: str, text: str,
          at: datetime | None = None) -> Comment:
    if not text.strip():
        raise ReviewRefused("empty_comment", "a reply needs some text", "回复内容不能为空")
    answer = Reply(id="r-" + uuid.uuid4().hex[:8], author=author, at=at or _now(),
                   text=text.strip())
    return _replace_comment(journey, comment_id,
                            lambda c: c.model_copy(update={"replies": [*c.replies, answer]}))


def set_resolved(journey: Journey, comment_id: str, resolved: bool) -> Comment:
    return _replace_comment(journey, comment_id,
                            lambda c: c.model_copy(update={"resolved": resolved}))


def delete_comment(journey: Journey, comment_id: str, by: str) -> None:
    """Only the author deletes a comment (replies go with it)."""
    review = _review(journey)
    found = next((c for c in review.comments if c.id == comment_id), None)
    if found is None:
        raise ReviewRefused("unknown_comment", f"no comment '{comment_id}'",
                            f"没有编号为「{comment_id}」的评论")
    if found.author != by:
        raise ReviewRefused("not_yours", f"only {found.author} can delete this comment",
                            f"只有 {found.author} 可以删除这条评论")
    _set_review(journey, review.model_copy(update={
        "comments": [c for c in review.comments if c.id != comment_id]}))
