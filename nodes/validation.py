"""Validation: everything wrong with a journey, as a list of issues.

Each issue has a severity, a stable code (tests and tools key on it), the
node it is about and a plain-language message in zh_CN and en. Errors block
publishing; warnings are shown while drawing.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import networkx as nx
from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from .catalog import AttrType, Catalog
from .conditions import (
    OPS_BY_TYPE,
    VALUE_PROBLEMS_ZH,
    AttributeCondition,
    EventCondition,
    leaves,
    value_problem,
    value_type_problem,
)
from .configs import (
    CHANNELS_WITH_SUBJECT,
    DurationWait,
    EventTrigger,
    ForEventWait,
    KeyDateTrigger,
    RecurringTrigger,
    UntilTimeWait,
)
from .cron import cron_problem
from .durations import Duration
from .journey import Journey, cycles_without_wait
from .kinds import NodeKind, kind_label, optional_outlets, outlets
from .messages import FIELD_NAMES, JOURNEY_PLACES, MESSAGES
from .template_errors import describe_syntax_error


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


_TEMPLATES = SandboxedEnvironment()


def validate(journey: Journey, catalog: Catalog | None = None) -> list[Issue]:
    """All issues of `journey`; conditions are checked against `catalog` when given."""
    checker = _Checker(journey, catalog)
    checker.run()
    return checker.issues


class _Checker:
    def __init__(self, journey: Journey, catalog: Catalog | None):
        self.journey = journey
        self.catalog = catalog
        self.issues: list[Issue] = []

    # -- reporting ---------------------------------------------------------------

    def add(self, code: str, node_id: str | None, severity=Severity.error, **params: Any):
        zh_text, en_text = MESSAGES[code]
        zh_params, en_params = dict(params), dict(params)
        if node_id is not None:
            zh_params.setdefault("node", self.name(node_id, "zh_CN"))
            en_params.setdefault("node", self.name(node_id, "en"))
        for key, value in params.items():
            if isinstance(value, tuple) and len(value) == 2:  # (zh, en) pairs
                zh_params[key], en_params[key] = value
        self.issues.append(
            Issue(severity, code, node_id, en_text.format(**en_params), zh_text.format(**zh_params))
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
            kind, config = journey.kind(node_id), journey.config(node_id)
            getattr(self, f"check_{kind.value}")(node_id, config)
            self.check_outlets_lead_somewhere(node_id, kind, config)
        self.check_journey_settings()

    def check_edges(self) -> None:
        graph = self.journey.graph
        for node_id in graph.nodes:
            if self.journey.kind(node_id) == NodeKind.trigger and graph.in_degree(node_id):
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

    def check_outlets_lead_somewhere(self, node_id: str, kind: NodeKind, config: Any) -> None:
        connected = {d.get("outlet") for _, _, d in self.journey.graph.out_edges(node_id, data=True)}
        names = outlets(kind, config)
        if kind == NodeKind.wait and isinstance(config, ForEventWait):
            if not connected & set(names):
                self.add("step_leads_nowhere", node_id, Severity.warning)
            return
        optional = optional_outlets(kind, config)
        for outlet in names:
            if outlet in connected or outlet in optional:
                continue
            if kind == NodeKind.trigger:
                self.add("trigger_leads_nowhere", node_id)
            elif kind == NodeKind.branch:
                self.add("path_leads_nowhere", node_id, Severity.warning, outlet=outlet)
            elif kind == NodeKind.split:
                self.add("variant_leads_nowhere", node_id, Severity.warning, outlet=outlet)
            else:
                self.add("step_leads_nowhere", node_id, Severity.warning)

    # -- per kind ----------------------------------------------------------------

    def check_trigger(self, node_id: str, config: Any) -> None:
        if isinstance(config, EventTrigger):
            self.check_event_use(node_id, config.event, config.where)
        elif isinstance(config, RecurringTrigger):
            problem = cron_problem(config.cron, self.journey.meta.timezone)
            if problem:
                self.add("cron_invalid", node_id, cron=config.cron, reason=problem)
        elif isinstance(config, KeyDateTrigger):
            self.check_key_date(node_id, config.attribute)
        if config.audience is not None:
            self.check_condition(node_id, config.audience)

    def check_filter(self, node_id: str, config: Any) -> None:
        self.check_condition(node_id, config.condition)

    def check_wait(self, node_id: str, config: Any) -> None:
        if isinstance(config, DurationWait):
            self.check_duration(node_id, config.duration, "duration")
        elif isinstance(config, ForEventWait):
            self.check_duration(node_id, config.timeout, "timeout")
            self.check_event_use(node_id, config.event, config.where)
        elif isinstance(config, UntilTimeWait) and config.weekdays == []:
            self.add("weekdays_empty", node_id)

    def check_branch(self, node_id: str, config: Any) -> None:
        if not config.paths:
            self.add("branch_no_paths", node_id)
        self.check_outlet_names(node_id, [p.name for p in config.paths], reserved={"else"})
        for path in config.paths:
            self.check_condition(node_id, path.condition)

    def check_split(self, node_id: str, config: Any) -> None:
        if not config.variants:
            self.add("split_no_variants", node_id)
            return
        self.check_outlet_names(node_id, [v.name for v in config.variants], reserved=set())
        total = sum(v.percent for v in config.variants)
        if total != 100:
            self.add("split_percent_sum", node_id, total=total)

    def check_touch(self, node_id: str, config: Any) -> None:
        texts = [config.template] + [t for t in (config.subject, config.title) if t]
        if not config.template.strip():
            self.add("template_empty", node_id)
        if config.channel in CHANNELS_WITH_SUBJECT and not (config.subject or "").strip():
            self.add("subject_missing", node_id, Severity.warning)
        for text in texts:
            try:
                parsed = _TEMPLATES.parse(text)
            except TemplateSyntaxError as exc:
                self.add("template_syntax", node_id, line=exc.lineno,
                         reason=describe_syntax_error(exc))
                continue
            if self.catalog is not None:
                known = set(self.catalog.attributes) | {"customer_id"}
                for name in sorted(meta.find_undeclared_variables(parsed) - known):
                    self.add("template_unknown_variable", node_id, Severity.warning, name=name)

    def check_reward(self, node_id: str, config: Any) -> None:
        if config.amount <= 0:
            self.add("reward_amount_not_positive", node_id)
        elif config.budget is not None and config.budget < config.amount:
            self.add("reward_budget_too_small", node_id, Severity.warning)

    def check_update(self, node_id: str, config: Any) -> None:
        if not (config.set or config.add_tags or config.remove_tags):
            self.add("update_empty", node_id)
        if self.catalog is not None:
            for name in config.set:
                if name not in self.catalog.attributes:
                    self.add("unknown_attribute", node_id, name=name)

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

    def check_outlet_names(self, node_id: str, names: list[str], reserved: set[str]) -> None:
        seen: set[str] = set()
        for name in names:
            if not name.strip() or name in seen or name in reserved:
                self.add("duplicate_outlet_name", node_id, outlet=name)
            seen.add(name)

    def check_key_date(self, node_id: str, attribute: str) -> None:
        if not attribute:
            self.add("attribute_missing", node_id)
        elif self.catalog is not None:
            found = self.catalog.attributes.get(attribute)
            if found is None:
                self.add("unknown_attribute", node_id, name=attribute)
            elif found.type not in (AttrType.date, AttrType.datetime):
                self.add("key_date_not_date", node_id, name=attribute)

    def check_event_use(self, node_id: str, event: str, where: list[AttributeCondition],
                        place: bool = False) -> None:
        if not event.strip():
            self.add_at("event_missing", node_id, place)
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
        for leaf in leaves(condition):
            if isinstance(leaf, EventCondition):
                self.check_event_use(node_id, leaf.event, leaf.where)
                if isinstance(leaf.within, Duration):
                    self.check_duration(node_id, leaf.within, "within")
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
