"""What changed between two versions of a journey, in plain words (zh_CN, en).

`diff_journeys(old, new)` lists the changes an operator or a reviewer cares
about, one `Change` per edit:

1. journey-wide settings first (name, description, time zone, entry rules,
   window, goal, exit rule), `node_id=None`;
2. then the steps in the order of the journey (path order from the triggers,
   outlets in drawing order; a removed step where it stood in the old version):
   a step added or removed (its own lines go with it), its label, what it does
   (the kind's own `describe`; a branch path's condition by `wording`), and
   each of its outlets connected, disconnected or led elsewhere;
3. last, the steps only moved on the canvas (`kind="moved"`): quiet, since
   they change nothing a customer sees.

Nodes are matched by id (ids are stable and never reused). The review block
(status, history, comments) and unknown keys of the file are never a change.
Two journeys are the same for this module exactly when the list is empty.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from .catalog import STANDARD_CATALOG, Catalog
from .journey import Journey
from .kinds import ELSE, EVENT, EXHAUSTED, NEXT, REJECTED, TIMEOUT, dump_config, kind_of
from .kinds.branch import BranchConfig
from .meta import Cooldown, JourneyMeta
from .wording import describe_condition, instant_text, value_text

ChangeKind = Literal["added", "removed", "changed", "moved"]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    node_id: str | None  # None: journey-wide (name, entry rules, window, goal, exit, timezone…)
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


# The fixed outlets as the canvas names them (canvas_app.look, "Outlets" context).
OUTLET_NAMES = {
    NEXT: ("下一步", "Next"), REJECTED: ("不符合", "Not matched"),
    EXHAUSTED: ("预算用完", "Out of budget"), ELSE: ("其他情况", "Otherwise"),
    EVENT: ("行为发生", "Event happened"), TIMEOUT: ("超时未发生", "Timed out"),
}
# Fields of a config whose change `describe` may not show (e.g. a long message).
_FIELD_NAMES = {
    "template": ("内容", "message"), "subject": ("主题", "subject"), "title": ("标题", "title"),
    "ignore_quiet_hours": ("免打扰时段内发送", "send during quiet hours"),
    "ignore_frequency_cap": ("不计频次上限", "ignore frequency caps"),
    "budget": ("总预算", "total budget"), "per_customer_limit": ("每人次数", "times per customer"),
    "item": ("券批次/产品代码", "coupon batch / product code"), "where": ("事件条件", "event filter"),
    "audience": ("客群", "audience"), "weekdays": ("星期", "weekdays"),
    "holdout": ("对照组", "holdout"),
}
_SHORT = 40


def diff_journeys(old: Journey, new: Journey, catalog: Catalog | None = None) -> list[Change]:
    """The changes from `old` to `new`, in the order described in the module's docstring."""
    catalog = catalog or STANDARD_CATALOG
    changes = _meta_changes(old.meta, new.meta, catalog)
    moved: list[Change] = []
    for node_id in _order(old, new):
        in_old, in_new = node_id in old, node_id in new
        if in_new and not in_old:
            changes.append(_added(old, new, node_id, catalog))
        elif in_old and not in_new:
            changes.append(_removed(old, node_id, catalog))
        else:
            changes.extend(_node_changes(old, new, node_id, catalog))
            if _position(old, node_id) != _position(new, node_id):
                name = _name(new, node_id, "zh", catalog), _name(new, node_id, "en", catalog)
                moved.append(Change("moved", node_id, f"移动了「{name[0]}」的位置",
                                    f"Moved '{name[1]}' on the canvas"))
    return changes + moved


# -- order ---------------------------------------------------------------------

def path_order(journey: Journey) -> list[str]:
    """Node ids in the order of the journey: breadth first from each trigger (a
    step after the steps fewer steps from the start), outlets in drawing order;
    steps no path reaches follow, left to right."""
    seen: list[str] = []
    known: set[str] = set()

    def visit(start: str) -> None:
        queue = deque([start])
        while queue:
            node_id = queue.popleft()
            if node_id in known:
                continue
            known.add(node_id)
            seen.append(node_id)
            following = [journey.edge_from(node_id, o) for o in _outlet_order(journey, node_id)]
            queue.extend(t for t in following if t is not None and t not in known)

    triggers = sorted(journey.triggers(), key=lambda n: (*_position(journey, n), n))
    for trigger in triggers:
        visit(trigger)
    for node_id in sorted(journey.node_ids(), key=lambda n: (*_position(journey, n), n)):
        visit(node_id)
    return seen


def _outlet_order(journey: Journey, node_id: str) -> list[str]:
    outlets = list(journey.outlets(node_id))
    extra = sorted(d.get("outlet", "") for _, _, d in journey.graph.out_edges(node_id, data=True)
                   if d.get("outlet", "") not in outlets)
    return outlets + extra


def _order(old: Journey, new: Journey) -> list[str]:
    """The new journey's order, with each removed step after the step it followed
    in the old one (first when none did)."""
    order = path_order(new)
    present = set(order)
    previous: str | None = None
    for node_id in path_order(old):
        if node_id not in present:
            at = order.index(previous) + 1 if previous is not None else 0
            while at < len(order) and order[at] not in new:  # removed ones in old order
                at += 1
            order.insert(at, node_id)
            present.add(node_id)
        previous = node_id
    return order


# -- naming ----------------------------------------------------------------------

def _position(journey: Journey, node_id: str) -> tuple[float, float]:
    x, y = journey.position(node_id)
    return float(x), float(y)


def _name(journey: Journey, node_id: str, lang: str, catalog: Catalog) -> str:
    label = journey.label(node_id).strip()
    if label:
        return label
    return kind_of(journey.kind(node_id)).describe(journey.config(node_id), lang, catalog)


def _names(journey: Journey, node_id: str, catalog: Catalog) -> tuple[str, str]:
    return _name(journey, node_id, "zh", catalog), _name(journey, node_id, "en", catalog)


def outlet_name(outlet: str, lang: str) -> str:
    pair = OUTLET_NAMES.get(outlet)
    return outlet if pair is None else (pair[0] if lang.startswith("zh") else pair[1])


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _kind_label(journey: Journey, node_id: str, lang: str) -> str:
    return kind_of(journey.kind(node_id)).label(lang)


# -- steps -----------------------------------------------------------------------

def _added(old: Journey, new: Journey, node_id: str, catalog: Catalog) -> Change:
    zh_name, en_name = _names(new, node_id, catalog)
    zh = f"新增{_kind_label(new, node_id, 'zh')}「{zh_name}」"
    en = f"Added {_kind_label(new, node_id, 'en').lower()} '{en_name}'"
    before = [(s, o) for s, t, o in new.edges() if t == node_id]
    if before:
        source, outlet = before[0]
        s_zh, s_en = _names(new, source, catalog)
        zh += f"，接在「{s_zh}」的「{outlet_name(outlet, 'zh')}」之后"
        en += f", after '{s_en}' › {outlet_name(outlet, 'en')}"
    return Change("added", node_id, zh, en)


def _removed(old: Journey, node_id: str, catalog: Catalog) -> Change:
    zh_name, en_name = _names(old, node_id, catalog)
    return Change("removed", node_id, f"删除{_kind_label(old, node_id, 'zh')}「{zh_name}」",
                  f"Removed {_kind_label(old, node_id, 'en').lower()} '{en_name}'")


def _node_changes(old: Journey, new: Journey, node_id: str, catalog: Catalog) -> list[Change]:
    found: list[Change] = []
    old_label, new_label = old.label(node_id), new.label(node_id)
    if old_label != new_label:
        a = old_label or _name(old, node_id, "zh", catalog)
        b = new_label or _name(new, node_id, "zh", catalog)
        a_en = old_label or _name(old, node_id, "en", catalog)
        b_en = new_label or _name(new, node_id, "en", catalog)
        found.append(Change("changed", node_id, f"「{a}」改名为「{b}」",
                            f"Renamed '{a_en}' to '{b_en}'"))
    found.extend(_config_changes(old, new, node_id, catalog))
    found.extend(_connection_changes(old, new, node_id, catalog))
    return found


def _dump(config: Any) -> Any:
    return dump_config(config) if isinstance(config, BaseModel) else config


def _config_changes(old: Journey, new: Journey, node_id: str, catalog: Catalog) -> list[Change]:
    a, b = old.config(node_id), new.config(node_id)
    kind = kind_of(new.kind(node_id))
    if old.kind(node_id) != new.kind(node_id):  # never by the editor; a hand-edited file
        before = kind_of(old.kind(node_id)).describe(a, "zh", catalog)
        return [Change("changed", node_id,
                       f"「{before}」→「{kind.describe(b, 'zh', catalog)}」",
                       f"'{kind_of(old.kind(node_id)).describe(a, 'en', catalog)}' → "
                       f"'{kind.describe(b, 'en', catalog)}'")]
    if _dump(a) == _dump(b):
        return []
    name = _names(new, node_id, catalog)
    if isinstance(a, BranchConfig) and isinstance(b, BranchConfig):
        paths = _branch_path_changes(a, b, name, catalog, node_id)
        if paths is not None:
            return paths
    said = kind.describe(a, "zh", catalog), kind.describe(b, "zh", catalog)
    said_en = kind.describe(a, "en", catalog), kind.describe(b, "en", catalog)
    if said[0] != said[1] or said_en[0] != said_en[1]:
        return [Change("changed", node_id, f"「{said[0]}」→「{said[1]}」",
                       f"'{said_en[0]}' → '{said_en[1]}'")]
    # What describe leaves out (a long message, a flag): the fields, one line.
    old_fields, new_fields = _dump(a), _dump(b)
    keys = [k for k in sorted(set(old_fields) | set(new_fields))
            if old_fields.get(k) != new_fields.get(k)]
    zh = "、".join(_FIELD_NAMES.get(k, (k, k))[0] for k in keys)
    en = ", ".join(_FIELD_NAMES.get(k, (k, k))[1] for k in keys)
    if len(keys) == 1:
        k = keys[0]
        before, after = old_fields.get(k), new_fields.get(k)
        return [Change("changed", node_id,
                       f"「{name[0]}」的{zh}由「{_short(value_text(before, 'zh'))}」"
                       f"改为「{_short(value_text(after, 'zh'))}」",
                       f"The {en} of '{name[1]}' changed from '{_short(value_text(before, 'en'))}'"
                       f" to '{_short(value_text(after, 'en'))}'")]
    return [Change("changed", node_id, f"「{name[0]}」的{zh}已修改",
                   f"Changed the {en} of '{name[1]}'")]


def _branch_path_changes(a: BranchConfig, b: BranchConfig, name: tuple[str, str],
                         catalog: Catalog, node_id: str) -> list[Change] | None:
    """One change per path whose condition changed, when the paths keep their
    names and order; None otherwise (describe says what the paths became)."""
    if [p.name for p in a.paths] != [p.name for p in b.paths]:
        return None
    found = []
    for before, after in zip(a.paths, b.paths, strict=True):
        if before.condition.model_dump(mode="json", by_alias=True) == \
                after.condition.model_dump(mode="json", by_alias=True):
            continue
        c = [describe_condition(x.condition, lang, catalog) for x in (before, after)
             for lang in ("zh", "en")]
        found.append(Change("changed", node_id,
                            f"「{name[0]}」：分支「{after.name}」的条件由「{c[0]}」改为「{c[2]}」",
                            f"'{name[1]}': the condition of path '{after.name}' changed from "
                            f"'{c[1]}' to '{c[3]}'"))
    if not found:  # something beside the conditions (unknown keys): say it plainly
        found.append(Change("changed", node_id, f"「{name[0]}」的设置已修改",
                            f"Changed the settings of '{name[1]}'"))
    return found


def _renamed_outlets(old: Journey, new: Journey, node_id: str) -> dict[str, str]:
    """Old outlet → new outlet where a path or variant was renamed (matched by
    position, as `Journey.set_config` moves lines along)."""
    before, after = old.outlets(node_id), new.outlets(node_id)
    return {o: n for o, n in zip(before, after, strict=False)
            if o != n and o not in after and n not in before}


def _connection_changes(old: Journey, new: Journey, node_id: str,
                        catalog: Catalog) -> list[Change]:
    renames = _renamed_outlets(old, new, node_id)
    old_edges = {renames.get(o, o): t for s, t, o in old.edges() if s == node_id}
    new_edges = {o: t for s, t, o in new.edges() if s == node_id}
    src = _names(new, node_id, catalog)
    found = []
    order = _outlet_order(new, node_id)
    outlets = order + sorted(o for o in old_edges if o not in order)
    for outlet in outlets:
        was, now = old_edges.get(outlet), new_edges.get(outlet)
        if was == now:
            continue
        o_zh, o_en = outlet_name(outlet, "zh"), outlet_name(outlet, "en")
        added = now is not None and now not in old  # an added step says where it hangs
        removed = was is not None and was not in new  # a removed step takes its lines
        if (added or now is None) and (removed or was is None):
            continue
        if was is None:
            t = _names(new, now, catalog)
            found.append(Change("changed", node_id,
                                f"「{src[0]}」的出口「{o_zh}」连到「{t[0]}」",
                                f"'{src[1]}' › {o_en} now leads to '{t[1]}'"))
        elif now is None:
            t = _names(old, was, catalog)
            found.append(Change("changed", node_id,
                                f"「{src[0]}」的出口「{o_zh}」不再连到「{t[0]}」",
                                f"'{src[1]}' › {o_en} no longer leads to '{t[1]}'"))
        else:
            t_old, t_new = _names(old, was, catalog), _names(new, now, catalog)
            found.append(Change("changed", node_id,
                                f"「{src[0]}」的出口「{o_zh}」改为连到「{t_new[0]}」"
                                f"（原为「{t_old[0]}」）",
                                f"'{src[1]}' › {o_en} now leads to '{t_new[1]}' "
                                f"(was '{t_old[1]}')"))
    return found


# -- journey-wide settings ---------------------------------------------------------

def _reentry_text(value: Any, lang: str) -> str:
    zh = lang.startswith("zh")
    if isinstance(value, Cooldown):
        span = value.cooldown.describe(lang)
        return f"退出后且间隔 {span}" if zh else f"after leaving, {span} apart"
    return {"never": ("从不", "never"), "after_exit": ("退出后", "after leaving")}.get(
        str(value), (str(value), str(value)))[0 if zh else 1]


def _entries_text(value: int | None, lang: str) -> str:
    if value is None:
        return "不限" if lang.startswith("zh") else "no limit"
    return value_text(value, lang)


def _instant(value: Any, lang: str) -> str:
    if value is None:
        return "不限" if lang.startswith("zh") else "none"
    return instant_text(value)


def _event_text(event: str, where: list, lang: str, catalog: Catalog) -> str:
    """An event by its label, with the details it must have (goal, exit rule)."""
    zh, name = lang.startswith("zh"), catalog.event_label(event, lang)
    if where:
        detail = ("且" if zh else " and ").join(describe_condition(w, lang, catalog)
                                                for w in where)
        name = f"{name}（{detail}）" if zh else f"{name} ({detail})"
    return name


def _goal_text(meta: JourneyMeta, lang: str, catalog: Catalog) -> str:
    zh, goal = lang.startswith("zh"), meta.goal
    if goal is None:
        return "无" if zh else "none"
    name = _event_text(goal.event, goal.where, lang, catalog)
    span = goal.within.describe(lang) if goal.within else ""
    text = (f"{span}内{name}" if span else name) if zh else (
        name + (f" within {span}" if span else ""))
    if not goal.exit_on_goal:
        text += "，达成后不退出" if zh else ", staying in the journey after it"
    return text


def _exit_text(meta: JourneyMeta, lang: str, catalog: Catalog) -> str:
    zh, rule = lang.startswith("zh"), meta.exit_when
    if rule is None:
        return "无" if zh else "none"
    name = _event_text(rule.event, rule.where, lang, catalog)
    return f"{name}时退出" if zh else f"leave on {name}"


def _meta_changes(a: JourneyMeta, b: JourneyMeta, catalog: Catalog) -> list[Change]:
    found: list[Change] = []

    def setting(label: tuple[str, str], before: tuple[str, str], after: tuple[str, str]) -> None:
        found.append(Change("changed", None, f"{label[0]}由「{before[0]}」改为「{after[0]}」",
                            f"{label[1]} changed from '{before[1]}' to '{after[1]}'"))

    def both(func, value) -> tuple[str, str]:
        return func(value, "zh"), func(value, "en")

    if a.name != b.name:
        setting(("旅程名称", "Journey name"), (a.name, a.name), (b.name, b.name))
    if a.id != b.id:
        setting(("旅程 ID", "Journey ID"), (a.id, a.id), (b.id, b.id))
    if a.description != b.description:
        shown = _short(b.description) or ("（空）", "(empty)")[0]
        found.append(Change("changed", None, f"旅程说明改为「{shown}」",
                            f"Description changed to '{_short(b.description) or '(empty)'}'"))
    if a.timezone != b.timezone:
        setting(("时区", "Time zone"), (a.timezone,) * 2, (b.timezone,) * 2)
    ea, eb = a.entry, b.entry
    if ea.reentry != eb.reentry:
        setting(("再次进入", "Re-entry"), both(_reentry_text, ea.reentry),
                both(_reentry_text, eb.reentry))
    if ea.sample_percent != eb.sample_percent:
        setting(("抽样比例", "Sample"), both(lambda v, lang: f"{value_text(v, lang)}%",
                                         ea.sample_percent),
                both(lambda v, lang: f"{value_text(v, lang)}%", eb.sample_percent))
    if ea.max_entries_per_run != eb.max_entries_per_run:
        setting(("每次触发最多进入人数", "Max entries per firing"),
                both(_entries_text, ea.max_entries_per_run),
                both(_entries_text, eb.max_entries_per_run))
    if a.window.start != b.window.start:
        setting(("开始时间", "Start"), both(_instant, a.window.start),
                both(_instant, b.window.start))
    if a.window.end != b.window.end:
        setting(("结束时间", "End"), both(_instant, a.window.end), both(_instant, b.window.end))
    if _model(a.goal) != _model(b.goal):
        setting(("转化目标", "Goal"), (_goal_text(a, "zh", catalog), _goal_text(a, "en", catalog)),
                (_goal_text(b, "zh", catalog), _goal_text(b, "en", catalog)))
    if _model(a.exit_when) != _model(b.exit_when):
        setting(("退出条件", "Exit rule"),
                (_exit_text(a, "zh", catalog), _exit_text(a, "en", catalog)),
                (_exit_text(b, "zh", catalog), _exit_text(b, "en", catalog)))
    return found


def _model(value: Any) -> Any:
    return value.model_dump(mode="json", by_alias=True) if isinstance(value, BaseModel) else value
