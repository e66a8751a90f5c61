"""Validation: everything wrong with a journey, as a list of issues.

Each issue has a severity, a stable code (tests and tools key on it), the
node it is about and a plain-language message in zh_CN and en. Errors block
publishing; warnings are shown while drawing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import networkx as nx

from .catalog import STANDARD_CATALOG, AttrType, Catalog
from .conditions import (
    MAX_DEPTH,
    MAX_NUMBER,
    MAX_PARTS,
    OPS_BY_TYPE,
    VALUE_PROBLEMS_ZH,
    AttributeCondition,
    EventCondition,
    depth,
    leaves,
    parts,
    value_problem,
    value_type_problem,
    where_parts,
)
from .durations import Duration
from .fileformat import document_problem, to_document
from .journey import Journey, cycles_without_wait
from .kinds import kind_label, kind_of, kinds
from .messages import (
    FIELD_NAMES,
    JOURNEY_PLACES,
    LIMIT_TEXTS,
    MESSAGES,
    NOT_IN_STANDARD_CATALOG,
)
from .meta import MAX_ENTRIES_PER_RUN


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    node_id: str | None
    en: str
    zh: str

    def message(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def has_errors(issues: list[Issue]) -> bool:
    return any(i.severity == Severity.error for i in issues)


def all_messages() -> dict[str, tuple[str, str]]:
    """Every issue code's (zh, en) text: the journey-wide ones and each kind's own."""
    found = dict(MESSAGES)
    for kind in kinds():
        found.update(kind.messages)
    return found


# Names a catalog may not know: errors against a store's catalog (publishing
# there would fail), warnings against the standard one (a bank's own attribute
# such as `stage` is no mistake while no store is at hand to ask).
UNKNOWN_NAME_CODES = frozenset(NOT_IN_STANDARD_CATALOG)


def validate(journey: Journey, catalog: Catalog | None = None, *,
             store_catalog: bool | None = None) -> list[Issue]:
    """All issues of `journey`; conditions are checked against `catalog` when given.

    `store_catalog` says whether `catalog` is a store's (unknown attribute and
    event names are errors) or the standard vocabulary (they are warnings); by
    default it is a store's unless it is `STANDARD_CATALOG` itself."""
    if store_catalog is None:
        store_catalog = catalog is not STANDARD_CATALOG
    checker = _Checker(journey, catalog, store_catalog)
    checker.run()
    return checker.issues


class _Checker:
    def __init__(self, journey: Journey, catalog: Catalog | None, store_catalog: bool = True):
        self.journey = journey
        self.catalog = catalog
        self.store_catalog = store_catalog
        self.issues: list[Issue] = []
        self.messages = all_messages()

    # -- reporting ---------------------------------------------------------------

    def add(self, code: str, node_id: str | None, severity: str = Severity.error,
            **params: Any) -> None:
        zh_text, en_text = self.messages[code]
        if code in UNKNOWN_NAME_CODES and not self.store_catalog:
            severity = Severity.warning
            zh_text, en_text = NOT_IN_STANDARD_CATALOG[code]
        zh_params, en_params = dict(params), dict(params)
        if node_id is not None:
            zh_params.setdefault("node", self.name(node_id, "zh_CN"))
            en_params.setdefault("node", self.name(node_id, "en"))
        for key, value in params.items():
            if isinstance(value, tuple) and len(value) == 2:  # (zh, en) pairs
                zh_params[key], en_params[key] = value
        self.issues.append(
            Issue(Severity(severity), code, node_id, en_text.format(**en_params),
                  zh_text.format(**zh_params))
        )

    def name(self, node_id: str, lang: str) -> str:
        if node_id in JOURNEY_PLACES:
            zh, en = JOURNEY_PLACES[node_id]
            return zh if lang.startswith("zh") else en
        return self.journey.label(node_id) or kind_label(self.journey.kind(node_id), lang)

    def attribute_name(self, leaf: AttributeCondition) -> tuple[str, str] | str:
        """(zh, en) labels from the catalog, else the attribute's own name."""
        found = self.catalog.attributes.get(leaf.attribute) if self.catalog else None
        return (found.label_zh, found.label_en) if found else leaf.attribute

    # -- checks ------------------------------------------------------------------

    def run(self) -> None:
        journey, graph = self.journey, self.journey.graph
        if not journey.triggers():
            self.add("no_trigger", None)
        self.check_edges()
        self.check_reachability()
        for cycle in cycles_without_wait(graph):
            labels = [self.name(n, "zh_CN") for n in cycle], [self.name(n, "en") for n in cycle]
            self.add("cycle_without_wait", cycle[0], nodes=("、".join(labels[0]), ", ".join(labels[1])))
        for node_id in graph.nodes:
            kind, config = kind_of(journey.kind(node_id)), journey.config(node_id)
            kind.validate(self, node_id, config)
            connected = {d.get("outlet") for _, _, d in graph.out_edges(node_id, data=True)}
            kind.check_outlets(self, node_id, config, connected)
        self.check_journey_settings()
        self.check_document()

    def check_document(self) -> None:
        """What the file would hold must be writable and readable again: publish
        hashes and stores exactly that text (no lone surrogates, NaN, ...)."""
        try:
            doc = to_document(self.journey)
            problem = document_problem(doc)
            if problem is None:
                json.dumps(doc, allow_nan=False, ensure_ascii=False).encode("utf-8")
        except (ValueError, TypeError, RecursionError) as exc:
            problem = "", f"cannot be written as JSON ({type(exc).__name__})", "无法写成 JSON"
        if problem is None:
            return
        path, en, zh = problem
        nodes, node_id = list(self.journey.graph.nodes), None
        if path.startswith("graph.nodes["):
            node_id = nodes[int(path[len("graph.nodes["):].split("]")[0])]
        self.add_at("value_not_storable", node_id or "journey", node_id is None,
                    path=path or "—", reason=(zh, en))

    def check_edges(self) -> None:
        graph = self.journey.graph
        for node_id in graph.nodes:
            if kind_of(self.journey.kind(node_id)).entry and graph.in_degree(node_id):
                self.add("trigger_has_input", node_id)
            available = self.journey.outlets(node_id)
            seen: set[str] = set()
            for _, _, data in graph.out_edges(node_id, data=True):
                outlet = data.get("outlet", "")
                if outlet not in available:
                    self.add("unknown_outlet", node_id, outlet=outlet)
                elif outlet in seen:
                    self.add("outlet_multiple_edges", node_id, outlet=outlet)
                seen.add(outlet)

    def check_reachability(self) -> None:
        graph = self.journey.graph
        reached = set(self.journey.triggers())
        for trigger in list(reached):
            reached |= nx.descendants(graph, trigger)
        if not reached:
            return  # no trigger: already reported once, not once per node
        for node_id in graph.nodes:
            if node_id not in reached:
                self.add("unreachable_node", node_id, Severity.warning)

    # -- journey-wide ------------------------------------------------------------

    def check_journey_settings(self) -> None:
        meta_ = self.journey.meta
        if meta_.goal is not None:
            self.check_event_use("goal", meta_.goal.event, meta_.goal.where, place=True)
            if meta_.goal.within is not None:
                self.check_duration("goal", meta_.goal.within, "within", place=True)
        if meta_.exit_when is not None:
            self.check_event_use("exit_when", meta_.exit_when.event, meta_.exit_when.where,
                                 place=True)
        most = meta_.entry.max_entries_per_run
        if most is not None and most > MAX_ENTRIES_PER_RUN:
            self.add_at("value_out_of_range", "entry", True,
                        field=FIELD_NAMES["max_entries_per_run"], limit=LIMIT_TEXTS["entries"])
        reentry = meta_.entry.reentry
        if not isinstance(reentry, str):
            self.check_duration("entry", reentry.cooldown, "cooldown", place=True)
        window = meta_.window
        if window.start and window.end and window.end <= window.start:
            self.add("window_inverted", None)

    # -- shared pieces -----------------------------------------------------------

    def place_params(self, place: str) -> dict[str, tuple[str, str]]:
        zh, en = JOURNEY_PLACES[place]
        return {"node": (zh, en)}

    def add_at(self, code: str, node_id: str, place: bool, severity=Severity.error, **params):
        if place:
            self.add(code, None, severity, **self.place_params(node_id), **params)
        else:
            self.add(code, node_id, severity, **params)

    def check_duration(self, node_id: str, duration: Duration | None, field: str,
                       place: bool = False) -> None:
        label = FIELD_NAMES[field]
        if duration is None:
            self.add_at("duration_empty", node_id, place, field=label)
        elif duration.amount <= 0:
            self.add_at("duration_not_positive", node_id, place, field=label)
        elif not duration.in_range:
            self.add_at("value_out_of_range", node_id, place, field=label,
                        limit=LIMIT_TEXTS["duration"])

    def check_outlet_names(self, node_id: str, names: list[str], reserved: set[str]) -> None:
        seen: set[str] = set()
        for name in names:
            if not name.strip() or name in seen or name in reserved:
                self.add("duplicate_outlet_name", node_id, outlet=name)
            seen.add(name)

    def check_event_use(self, node_id: str, event: str, where: list[AttributeCondition],
                        place: bool = False) -> None:
        if not event.strip():
            self.add_at("event_missing", node_id, place)
            return
        if where_parts(where) > MAX_PARTS:
            self.add_at("condition_too_large", node_id, place, parts=where_parts(where),
                        limit=MAX_PARTS)
            return
        if self.catalog is None:
            self.check_values(node_id, where, place)
            return
        definition = self.catalog.events.get(event)
        if definition is None:
            self.add_at("unknown_event", node_id, place, name=event)
            return
        for leaf in where:
            prop_type = definition.properties.get(leaf.attribute)
            if prop_type is None:
                self.add_at("unknown_event_property", node_id, place, name=leaf.attribute,
                            event=event)
            else:
                self.check_operator(node_id, leaf, prop_type, place)
        self.check_values(node_id, where, place)

    def check_values(self, node_id: str, where: list[AttributeCondition], place: bool) -> None:
        for leaf in where:
            problem = value_problem(leaf)
            if problem:
                self.add_at("condition_value_invalid", node_id, place, name=leaf.attribute,
                            reason=(VALUE_PROBLEMS_ZH.get(problem, problem), problem))

    def check_operator(self, node_id: str, leaf: AttributeCondition, type_: AttrType,
                       place: bool = False, name: Any = None) -> None:
        if leaf.op not in OPS_BY_TYPE[type_]:
            self.add_at("operator_not_for_type", node_id, place, name=leaf.attribute,
                        type=type_.value, op=leaf.op.value)
            return
        problem = value_type_problem(leaf, type_)
        if problem:
            self.add_at("condition_value_invalid", node_id, place, name=name or leaf.attribute,
                        reason=(VALUE_PROBLEMS_ZH.get(problem, problem), problem))

    def check_condition(self, node_id: str, condition: Any) -> None:
        levels = depth(condition)
        if levels > MAX_DEPTH:  # before anything else walks it
            self.add("condition_too_deep", node_id, depth=levels, limit=MAX_DEPTH)
            return
        if parts(condition) > MAX_PARTS:
            self.add("condition_too_large", node_id, parts=parts(condition), limit=MAX_PARTS)
            return
        for leaf in leaves(condition):
            if isinstance(leaf, EventCondition):
                self.check_event_use(node_id, leaf.event, leaf.where)
                if isinstance(leaf.within, Duration):
                    self.check_duration(node_id, leaf.within, "within")
                if leaf.count.value > MAX_NUMBER:
                    self.add("value_out_of_range", node_id, field=FIELD_NAMES["count"],
                             limit=LIMIT_TEXTS["number"])
                continue
            problem = value_problem(leaf)
            if problem:
                self.add("condition_value_invalid", node_id, name=self.attribute_name(leaf),
                         reason=(VALUE_PROBLEMS_ZH.get(problem, problem), problem))
            if self.catalog is None:
                continue
            found = self.catalog.attributes.get(leaf.attribute)
            if found is None:
                self.add("unknown_attribute", node_id, name=leaf.attribute)
            else:
                self.check_operator(node_id, leaf, found.type, name=self.attribute_name(leaf))
