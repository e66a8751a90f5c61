"""What the review pack says: its texts in the UI's language, as HTML for
Qt's text layout — the cover, every step in path order, the checks, the
comparison with the approved version, simulation numbers, comments and the
history. Everything taken from the journey file is escaped here; the page
layout and the PDF are canvas_app.review.pack's."""
from __future__ import annotations

import html
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from nodes.approval import content_hash, effective_status, last_approval, status_name
from nodes.catalog import STANDARD_CATALOG
from nodes.describe import describe_journey, describe_node
from nodes.journey import Journey
from nodes.kinds import kind_label
from nodes.validation import Severity, validate

HASH_SHOWN = 12  # characters of the content hash in footers and the cover

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("审核资料包", "Review pack"),
    "journey_id": ("旅程编号", "Journey id"),
    "status": ("状态", "Status"),
    "hash": ("内容指纹", "Content hash"),
    "generated": ("生成时间", "Generated"),
    "timezone": ("时区", "Time zone"),
    "summary": ("概要", "Summary"),
    "description": ("说明", "Description"),
    "canvas": ("画布", "Canvas"),
    "canvas_part": ("画布（局部 {n}/{m}，第 {row} 行第 {col} 列）",
                    "Canvas, part {n} of {m} (row {row}, column {col})"),
    "steps": ("步骤（按路径顺序）", "Steps in path order"),
    "no_steps": ("尚无步骤。", "No steps yet."),
    "unreached": ("未从任何触发节点到达的步骤", "Steps no trigger reaches"),
    "ends": ("结束", "ends here"),
    "exits": ("出口", "Exits"),
    "subject": ("主题", "Subject"),
    "msg_title": ("标题", "Title"),
    "message": ("内容", "Message"),
    "quiet_hours": ("免打扰时段内也发送", "Sends during quiet hours too"),
    "frequency_cap": ("不计入频次上限", "Not counted against frequency caps"),
    "validation": ("检查结果", "Validation"),
    "no_issues": ("没有问题。", "No issues."),
    "issue_count": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "journey_wide": ("整个旅程", "whole journey"),
    "comparison": ("与上次批准版本的比较", "Compared with the last approved version"),
    "against": ("对比文件：{file}（内容指纹 {hash}）", "Compared with {file} (content hash {hash})"),
    "against_is_approved": ("该文件即 {by} 于 {date} 批准的版本。",
                            "That file is the version {by} approved on {date}."),
    "against_not_approved": ("注意：该文件的内容与本旅程记录的最后一次批准（{by}，{date}）不一致。",
                             ("Note: that file's content is not the one last approved in this "
                              "journey's history ({by}, {date}).")),
    "against_no_approval": ("注意：本旅程的历史中没有批准记录。",
                            "Note: this journey's history has no approval."),
    "no_changes": ("与对比文件相比没有改动。", "No changes compared with that file."),
    "never_approved": ("尚未获批准，没有可比较的批准版本。",
                       "Not approved yet: there is no approved version to compare with."),
    "is_approved": ("当前内容即 {by} 于 {date} 批准的版本，批准后没有改动。",
                    "The content is the version {by} approved on {date}; unchanged since."),
    "changed_since": (("{by} 于 {date} 批准后内容有改动（未提供批准时的文件，无法列出改动；"
                       "可用 --against 指定）。"),
                      ("Changed since the approval by {by} on {date} (the approved file was "
                       "not given, so the changes cannot be listed; give it with --against).")),
    "no_diff_module": ("本版本尚不能列出改动。",
                       "Listing the changes is not available in this version."),
    "simulation": ("模拟结果", "Simulation"),
    "no_simulation": ("尚未运行模拟。", "No simulation run yet."),
    "sim_count": ("每个步骤的客户人数", "Customers at each step"),
    "comments": ("评论", "Comments"),
    "no_comments": ("没有评论。", "No comments."),
    "on_step": ("关于「{step}」", "on “{step}”"),
    "on_journey": ("关于整个旅程", "on the whole journey"),
    "resolved": ("已解决", "resolved"),
    "open": ("未解决", "open"),
    "history": ("审批记录", "Approval history"),
    "no_history": ("没有审批记录。", "No review steps recorded."),
    "h_note": ("备注", "Note"),
    "h_hash": ("内容指纹", "Content"),
    "page": ("第 {n} 页，共 {m} 页", "Page {n} of {m}"),
    "removed_node": ("（已删除的步骤）", "(a removed step)"),
}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**params)


def _e(text: object) -> str:
    """Untrusted text as HTML, line breaks kept."""
    return html.escape(str(text)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Against:
    """The approved version the pack compares with: its journey and where it came from."""

    journey: Journey
    name: str


# -- the content -----------------------------------------------------------------

def path_order(journey: Journey) -> tuple[list[str], list[str]]:
    """(steps reached from the triggers, breadth first along each step's outlets in
    their order; steps no trigger reaches, in file order)."""
    seen: set[str] = set()
    order: list[str] = []
    queue = deque(journey.triggers())
    seen.update(queue)
    while queue:
        node = queue.popleft()
        order.append(node)
        for _, target in _exits(journey, node):
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return order, [n for n in journey.node_ids() if n not in seen]


def _exits(journey: Journey, node: str) -> list[tuple[str, str | None]]:
    """(outlet, where it leads or None) in the kind's outlet order, then any line
    leaving by an outlet the kind no longer has."""
    names = list(journey.outlets(node))
    names += [o for source, _, o in journey.edges() if source == node and o not in names]
    return [(o, journey.edge_from(node, o)) for o in names]


class _Outlets:
    """Outlet names as the canvas shows them, in `lang`, without touching the
    translators the app has installed."""

    def __init__(self, lang: str):
        from PySide6.QtCore import QTranslator

        from .. import i18n

        self.translator = QTranslator()
        if not self.translator.load(f"canvas_app_{lang}", str(i18n.TRANSLATIONS_DIR)):
            self.translator = None

    def name(self, kind: str, outlet: str) -> str:
        from ..look import OUTLET_CONTEXT, look_for

        try:
            source = look_for(kind).outlet_names.get(outlet)
        except Exception:  # noqa: BLE001 - a kind without a look: show the outlet's own name
            source = None
        if not source:
            return outlet
        found = self.translator.translate(OUTLET_CONTEXT, source) if self.translator else ""
        return (found or source).replace("&", "")


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _zone(journey: Journey) -> ZoneInfo:
    try:
        return ZoneInfo(journey.meta.timezone)
    except Exception:  # noqa: BLE001 - validated on load; never fail a pack on it
        return ZoneInfo("UTC")


def _step_name(journey: Journey, node: str, lang: str) -> str:
    return journey.label(node) or kind_label(journey.kind(node), lang)


def _heading(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def cover_html(journey: Journey, lang: str, digest: str, generated: datetime,
               description: bool = True) -> str:
    """The first page's text; without the description when it would crowd out the
    canvas (it then opens the body: `description_html`)."""
    meta, zone = journey.meta, _zone(journey)
    rows = [
        (_t("journey_id", lang), meta.id),
        (_t("status", lang), status_name(effective_status(journey), lang)),
        (_t("hash", lang), digest),
        (_t("generated", lang), f"{_when(generated, zone)} ({meta.timezone})"),
        (_t("summary", lang), describe_journey(journey, lang, STANDARD_CATALOG)),
    ]
    if description and meta.description.strip():
        rows.append((_t("description", lang), meta.description.strip()))
    table = "".join(f"<tr><td class='k'>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
    return (f"<p class='kicker'>{_e(_t('title', lang))}</p>"
            f"<h1>{_e(meta.name or meta.id)}</h1>"
            f"<table class='meta' cellspacing='0' cellpadding='3'>{table}</table>")


def description_html(journey: Journey, lang: str) -> str:
    text = journey.meta.description.strip()
    return f"{_heading(_t('description', lang))}<p>{_e(text)}</p>" if text else ""


def steps_html(journey: Journey, lang: str, outlets: _Outlets) -> str:
    order, unreached = path_order(journey)
    number = {node: i for i, node in enumerate([*order, *unreached], 1)}
    parts = [_heading(_t("steps", lang))]
    if not number:
        parts.append(f"<p>{_e(_t('no_steps', lang))}</p>")

    def one(node: str) -> str:
        kind = journey.kind(node)
        lines = [(f"<p class='step'><b>{number[node]}. {_e(_step_name(journey, node, lang))}</b>"
                  f" <span class='dim'>· {_e(kind_label(kind, lang))} · {_e(node)}</span></p>"),
                 f"<p class='desc'>{_e(describe_node(journey, node, lang, STANDARD_CATALOG))}</p>"]
        lines += _message_lines(journey.config(node), lang)
        exits = []
        for outlet, target in _exits(journey, node):
            where = (f"{number[target]}. {_e(_step_name(journey, target, lang))}"
                     if target is not None else _e(_t("ends", lang)))
            exits.append(f"{_e(outlets.name(kind, outlet))} → {where}")
        if exits:
            colon, sep = ("：", "；") if lang.startswith("zh") else (": ", "; ")
            lines.append(f"<p class='exits'>{_e(_t('exits', lang))}{colon}"
                         f"{sep.join(exits)}</p>")
        return "".join(lines)

    parts += [one(node) for node in order]
    if unreached:
        parts.append(f"<h3>{_e(_t('unreached', lang))}</h3>")
        parts += [one(node) for node in unreached]
    return "".join(parts)


def _message_lines(config: object, lang: str) -> list[str]:
    """What a customer receives, in full (the description shortens it), and the
    rules a message may skip: what compliance reads."""
    template = getattr(config, "template", None)
    if not isinstance(template, str):
        return []
    lines = []
    for key, value in (("subject", getattr(config, "subject", None)),
                       ("msg_title", getattr(config, "title", None)), ("message", template)):
        if isinstance(value, str) and value.strip():
            lines.append(f"<p class='msg'><span class='dim'>{_e(_t(key, lang))}</span> "
                         f"{_e(value)}</p>")
    for key, flag in (("quiet_hours", "ignore_quiet_hours"),
                      ("frequency_cap", "ignore_frequency_cap")):
        if getattr(config, flag, False) is True:
            lines.append(f"<p class='msg'><span class='warn'>{_e(_t(key, lang))}</span></p>")
    return lines


def validation_html(journey: Journey, lang: str) -> str:
    issues = validate(journey, STANDARD_CATALOG)
    parts = [_heading(_t("validation", lang))]
    if not issues:
        return parts[0] + f"<p>{_e(_t('no_issues', lang))}</p>"
    errors = sum(i.severity == Severity.error for i in issues)
    parts.append(f"<p>{_e(_t('issue_count', lang, errors=errors, warnings=len(issues) - errors))}</p>")
    rows = []
    for issue in sorted(issues, key=lambda i: i.severity != Severity.error):
        where = (_step_name(journey, issue.node_id, lang) if issue.node_id in journey
                 else _t("journey_wide", lang))
        css = "err" if issue.severity == Severity.error else "warn"
        rows.append(f"<li><span class='{css}'>{_e(_t(issue.severity.value, lang))}</span> "
                    f"<span class='dim'>[{_e(where)}]</span> {_e(issue.message(lang))}</li>")
    parts.append("<ul>" + "".join(rows) + "</ul>")
    return "".join(parts)


def comparison_html(journey: Journey, lang: str, digest: str, against: Against | None) -> str:
    zone = _zone(journey)
    approval = last_approval(journey)
    parts = [_heading(_t("comparison", lang))]

    def said(key: str, **params: object) -> None:
        parts.append(f"<p>{_e(_t(key, lang, **params))}</p>")

    if against is None:
        if approval is None:
            said("never_approved")
        elif approval.content_hash == digest:
            said("is_approved", by=approval.by, date=_when(approval.at, zone))
        else:
            said("changed_since", by=approval.by, date=_when(approval.at, zone))
        return "".join(parts)
    old_digest = content_hash(against.journey)
    said("against", file=against.name, hash=old_digest[:HASH_SHOWN])
    if approval is None:
        said("against_no_approval")
    elif approval.content_hash == old_digest:
        said("against_is_approved", by=approval.by, date=_when(approval.at, zone))
    else:
        said("against_not_approved", by=approval.by, date=_when(approval.at, zone))
    if old_digest == digest:
        said("no_changes")
        return "".join(parts)
    try:
        from nodes.diff import diff_journeys
    except ImportError:
        said("no_diff_module")
        return "".join(parts)
    changes = diff_journeys(against.journey, journey, STANDARD_CATALOG)
    if not changes:
        said("no_changes")
        return "".join(parts)
    parts.append("<ul>" + "".join(f"<li>{_e(change.text(lang))}</li>" for change in changes)
                 + "</ul>")
    return "".join(parts)


def simulation_html(journey: Journey, lang: str,
                    simulation: Mapping[str, int] | None) -> str:
    head = _heading(_t("simulation", lang))
    if not simulation:
        return head + f"<p>{_e(_t('no_simulation', lang))}</p>"
    order, unreached = path_order(journey)
    known = [*order, *unreached]
    rows = [(_step_name(journey, n, lang), simulation[n]) for n in known if n in simulation]
    rows += [(f"{n} {_t('removed_node', lang)}", v) for n, v in simulation.items()
             if n not in journey]
    colon = "：" if lang.startswith("zh") else ": "
    return head + f"<p class='dim'>{_e(_t('sim_count', lang))}</p>" + "".join(
        f"<p class='sim'>{_e(name)}{colon}<b>{_e(count)}</b></p>" for name, count in rows)


def comments_html(journey: Journey, lang: str) -> str:
    comments = journey.meta.review.comments
    zone = _zone(journey)
    head = _heading(_t("comments", lang))
    if not comments:
        return head + f"<p>{_e(_t('no_comments', lang))}</p>"
    parts = [head]
    for comment in comments:
        if comment.node_id is None:
            where = _t("on_journey", lang)
        elif comment.node_id in journey:
            where = _t("on_step", lang, step=_step_name(journey, comment.node_id, lang))
        else:
            where = _t("on_step", lang, step=f"{comment.node_id} {_t('removed_node', lang)}")
        state = _t("resolved" if comment.resolved else "open", lang)
        parts.append(f"<p class='comment'><b>{_e(comment.author)}</b> "
                     f"<span class='dim'>{_e(_when(comment.at, zone))} · {_e(where)} · "
                     f"{_e(state)}</span><br/>{_e(comment.text)}</p>")
        for answer in comment.replies:
            parts.append(f"<p class='reply'><b>{_e(answer.author)}</b> "
                         f"<span class='dim'>{_e(_when(answer.at, zone))}</span><br/>"
                         f"{_e(answer.text)}</p>")
    return "".join(parts)


def history_html(journey: Journey, lang: str) -> str:
    history = journey.meta.review.history
    zone = _zone(journey)
    head = _heading(_t("history", lang))
    if not history:
        return head + f"<p>{_e(_t('no_history', lang))}</p>"
    # Paragraphs, not a table: a line never breaks across pages, a table row can.
    colon = "：" if lang.startswith("zh") else ": "
    parts = [head]
    for step in history:
        note = (f"<br/><span class='dim'>{_e(_t('h_note', lang))}{colon}</span>{_e(step.note)}"
                if step.note.strip() else "")
        parts.append(
            f"<p class='hist'><b>{_e(_when(step.at, zone))}</b>　"
            f"{_e(status_name(step.from_, lang))} → {_e(status_name(step.to, lang))} · "
            f"{_e(step.by)} <span class='dim'>· {_e(_t('h_hash', lang))} "
            f"{_e(step.content_hash[:HASH_SHOWN])}</span>{note}</p>")
    return "".join(parts)


STYLE = """
h1 { font-size: 20pt; margin: 0 0 8px 0; }
h2 { font-size: 14pt; margin: 18px 0 6px 0; color: #1f3a5f; }
h3 { font-size: 11pt; margin: 12px 0 4px 0; }
p { margin: 2px 0 2px 0; }
.kicker { color: #5b6b7f; font-size: 10pt; }
.k { color: #5b6b7f; white-space: nowrap; padding-right: 10px; }
.dim { color: #6b7785; font-size: 8.5pt; }
.step { margin-top: 10px; }
.desc { margin-left: 16px; }
.msg { margin-left: 16px; color: #2b3642; }
.exits { margin-left: 16px; color: #3a4756; font-size: 9pt; }
.err { color: #b3261e; font-weight: bold; }
.warn { color: #9a6700; font-weight: bold; }
.comment { margin-top: 8px; }
.reply { margin-left: 22px; }
.hist { margin-top: 6px; }
.sim { margin-left: 16px; }
"""


def body_html(journey: Journey, lang: str, digest: str, against: Against | None,
              simulation: Mapping[str, int] | None, description: bool = False) -> str:
    sections = [
        description_html(journey, lang) if description else "",
        steps_html(journey, lang, _Outlets(lang)),
        validation_html(journey, lang),
        comparison_html(journey, lang, digest, against),
        simulation_html(journey, lang, simulation),
        comments_html(journey, lang),
        history_html(journey, lang),
    ]
    return "<html><body>" + "".join(sections) + "</body></html>"


# -- the pages -------------------------------------------------------------------

