"""`journey-canvas review FILE`: a journey's review from the command line.

With `--submit`, `--approve` or `--request-changes` and `--as NAME` it takes
that step (nodes.approval: the same rules as the app, four eyes included),
saves the file atomically and prints the new status; without an action it
prints the status, the last editor, the history and the open comments. No Qt
here: it runs on a build server or in a git hook.

Exit codes: 0 done, 1 the step is refused (the reason is printed), 2 the file
cannot be read or written (the message names it) or no --as NAME was given.
"""
from __future__ import annotations

import argparse
import sys

from nodes import approval, fileformat
from nodes.errors import JourneyFileError
from nodes.journey import Journey
from nodes.lang import normalise
from nodes.review import Status

_TEXT = {
    "status": ("{file}：状态 {status}", "{file}: {status}"),
    "stale": ("（文件中记为「{claimed}」，之后内容有改动，已回到草稿）",
              " (the file says {claimed}, but the content changed since, so it is a draft again)"),
    "editor": ("最后编辑者：{name}", "last editor: {name}"),
    "editor_unknown": ("最后编辑者：未知（在应用之外改动过；提交审核的人将算作最后编辑者）",
                       ("last editor: unknown (edited outside the app; whoever submits it "
                        "counts as its last editor)")),
    "history": ("历史：", "history:"),
    "no_history": ("历史：无", "history: none"),
    "comments": ("未解决的评论：", "open comments:"),
    "no_comments": ("未解决的评论：无", "open comments: none"),
    "replies": ("（{n} 条回复）", " ({n} replies)"),
    "whole": ("整个旅程", "whole journey"),
    "done": ("{file}：{action}完成，状态 {status}", "{file}: {action} done, now {status}"),
    "refused": ("{file}：{reason}", "{file}: {reason}"),
    "needs_name": ("--{action} 需要 --as 姓名（执行这一步的人）",
                   "--{action} needs --as NAME (the person taking this step)"),
    "write": ("{file}：无法保存：{reason}", "{file}: cannot be saved: {reason}"),
    "read": ("{file}：无法读取：{reason}", "{file}: cannot be read: {reason}"),
    "approve_needs": ("发布前需要：{reason}", "before it can be published: {reason}"),
    "publishable": ("可以发布：内容已由最后编辑者以外的人批准",
                    ("ready to publish: its content was approved by someone other than its "
                     "last editor")),
}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**params)


def add_review_parser(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser(
        "review", help="show a journey's review, or submit, approve or request changes",
        description="Without an action: print the status, last editor, history and open "
                    "comments. With one: take the step as --as NAME and save the file.")
    review.add_argument("file", metavar="FILE")
    steps = review.add_mutually_exclusive_group()
    steps.add_argument("--submit", dest="action", action="store_const", const="submit",
                       help="submit the journey for review")
    steps.add_argument("--approve", dest="action", action="store_const", const="approve",
                       help="approve it (not by its last editor: four eyes)")
    steps.add_argument("--request-changes", dest="action", action="store_const",
                       const="request_changes", help="send it back for changes")
    review.add_argument("--as", dest="by", metavar="NAME",
                        help="who takes the step (recorded in the file's history)")
    review.add_argument("--note", default="", metavar="TEXT",
                        help="a note recorded with the step")
    review.add_argument("--lang", help="zh_CN or en (default: from the locale)")
    review.add_argument("--json", action="store_true",
                        help="print the review (after the step, if one is taken) as JSON")


def review_command(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    lang = normalise(args.lang)
    name = args.file
    try:
        journey = fileformat.load(name)
    except JourneyFileError as exc:
        print(exc.message(lang) if name in exc.message(lang) else
              _t("read", lang, file=name, reason=exc.message(lang)), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_t("read", lang, file=name, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    if args.action is None:
        print(as_json(journey, name) if args.json else describe(journey, name, lang))
        return 0
    action = args.action
    flag = action.replace("_", "-")
    if not (args.by or "").strip():
        print(_t("needs_name", lang, action=flag), file=sys.stderr)
        return 2
    try:
        step = approval.apply_action(journey, action, args.by.strip(), args.note)
    except approval.ReviewRefused as exc:
        print(_t("refused", lang, file=name, reason=exc.message(lang)), file=sys.stderr)
        return 1
    try:
        fileformat.save(journey, name)
    except OSError as exc:
        print(_t("write", lang, file=name, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    print(as_json(journey, name) if args.json else
          _t("done", lang, file=name, action=approval.action_name(action, lang),
             status=approval.status_name(step.to, lang)))
    return 0


def as_json(journey: Journey, name: str) -> str:
    """The review as a build server reads it: status (the effective one, and
    what the file claims if that is stale), last editor, the content hash,
    whether it may be published under an approval policy, history, comments."""
    import json

    review = journey.meta.review
    stale = approval.stale_status(journey)
    problem = approval.publish_problem(journey)
    return json.dumps({
        "file": name, "journey": journey.id,
        "status": approval.effective_status(journey).value,
        "file_says": stale.value if stale else None,
        "last_editor": approval.last_editor(journey),
        "content_hash": approval.content_hash(journey),
        "publishable": problem is None,
        "publish_problem": None if problem is None else {"code": problem.code,
                                                         "en": problem.en, "zh": problem.zh},
        "history": [{"from": t.from_.value, "to": t.to.value, "by": t.by,
                     "at": t.at.isoformat(), "note": t.note, "content_hash": t.content_hash}
                    for t in review.history],
        "comments": [c.model_dump(mode="json") for c in review.comments],
    }, ensure_ascii=False, indent=2)


def describe(journey: Journey, name: str, lang: str) -> str:
    """Status, last editor, history and open comments, one thing a line."""
    review = journey.meta.review
    status = approval.effective_status(journey)
    stale = approval.stale_status(journey)
    lines = [_t("status", lang, file=name, status=approval.status_name(status, lang))
             + (_t("stale", lang, claimed=approval.status_name(stale, lang)) if stale else "")]
    editor = approval.last_editor(journey)
    lines.append(_t("editor", lang, name=editor) if editor else _t("editor_unknown", lang))
    if review.history:
        lines.append(_t("history", lang))
        for step in review.history:
            note = f" — {step.note}" if step.note else ""
            lines.append(f"  {step.at.isoformat(timespec='minutes')}  {step.by}: "
                         f"{approval.status_name(step.from_, lang)} → "
                         f"{approval.status_name(step.to, lang)}{note}")
    else:
        lines.append(_t("no_history", lang))
    open_comments = [c for c in review.comments if not c.resolved]
    if open_comments:
        lines.append(_t("comments", lang))
        for comment in open_comments:
            where = (f"[{comment.node_id}]" if comment.node_id
                     else f"[{_t('whole', lang)}]")
            replies = _t("replies", lang, n=len(comment.replies)) if comment.replies else ""
            lines.append(f"  {comment.id} {where} {comment.author}: {comment.text}{replies}")
    else:
        lines.append(_t("no_comments", lang))
    if status in (Status.approved, Status.published, Status.paused):
        problem = approval.publish_problem(journey)
        lines.append(_t("approve_needs", lang, reason=problem.message(lang)) if problem
                     else _t("publishable", lang))
    return "\n".join(lines)
