"""Publish a journey: freeze an immutable, numbered version in the store (§7).

A journey is refused when validation finds errors against the store's
catalog, when it names attributes or events the store does not know, or,
when the store requires approval (`journey-runtime policy --require-approval`),
when its exact content was not approved by someone other than its last editor
(`nodes.approval.publish_problem`). Publishing the same content as the newest
version publishes nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from nodes import approval, fileformat
from nodes.catalog import Catalog
from nodes.conditions import AttributeCondition, EventCondition, leaves
from nodes.journey import Journey
from nodes.validation import Issue, Severity, has_errors, validate

from .store import Store, schema


@dataclass(frozen=True)
class PublishResult:
    journey_id: str
    version: int
    content_hash: str
    already_published: bool
    warnings: tuple[Issue, ...] = ()  # published all the same; worth a look

    def summary(self, lang: str = "en") -> str:
        if lang.startswith("zh"):
            head = "已发布过（内容相同），未新建版本" if self.already_published else "已发布"
            line = f"{head}：旅程 {self.journey_id} 版本 {self.version} 哈希 {self.content_hash}"
        else:
            head = ("already published (same content), no new version"
                    if self.already_published else "published")
            line = (f"{head}: journey {self.journey_id} version {self.version} "
                    f"hash {self.content_hash}")
        label = "  注意" if lang.startswith("zh") else "  warning"
        notes = [f"{label}{f' [{i.node_id}]' if i.node_id else ''} {i.message(lang)}"
                 for i in self.warnings]
        return "\n".join([line, *notes])


class PublishRefused(Exception):
    """The journey cannot be published; `issues` say why. When the store's
    approval rule is among the reasons, `review` is that refusal (its `code`:
    not_approved, changed_since_approval or own_edit) and the last issue says it
    as the step that is missing."""

    def __init__(self, journey_id: str, issues: list[Issue],
                 review: approval.ReviewRefused | None = None) -> None:
        super().__init__(f"{journey_id}: {len(issues)} error(s)")
        self.journey_id, self.issues, self.review = journey_id, issues, review

    def message(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        lines = [f"未发布旅程 {self.journey_id}，存在以下错误：" if zh
                 else f"journey {self.journey_id} was not published because of:"]
        for issue in self.issues:
            where = f"[{issue.node_id}] " if issue.node_id else ""
            lines.append(f"  {where}{issue.message(lang)}")
        return "\n".join(lines)


def content_hash(document_text: str) -> str:
    return hashlib.sha256(document_text.encode("utf-8")).hexdigest()


def referenced_names(journey: Journey) -> tuple[set[str], set[str]]:
    """(attributes, events) that the journey's conditions and nodes name."""
    attributes: set[str] = set()
    events: set[str] = set()

    def walk(condition: Any) -> None:
        if condition is None:
            return
        for leaf in leaves(condition):
            if isinstance(leaf, AttributeCondition):
                attributes.add(leaf.attribute)
            elif isinstance(leaf, EventCondition):
                events.add(leaf.event)

    for node_id in journey.node_ids():
        config = journey.config(node_id)
        for name in ("audience", "condition"):
            walk(getattr(config, name, None))
        for path in getattr(config, "paths", None) or []:
            walk(path.condition)
        if isinstance(getattr(config, "event", None), str):
            events.add(config.event)
        if journey.kind(node_id) == "trigger" and isinstance(getattr(config, "attribute", None),
                                                             str):
            attributes.add(config.attribute)  # key_date
        attributes.update(getattr(config, "set", None) or {})
        if getattr(config, "add_tags", None) or getattr(config, "remove_tags", None):
            attributes.add("tags")
    for rule in (journey.meta.goal, journey.meta.exit_when):
        if rule is not None:
            events.add(rule.event)
    return attributes, events


def unknown_name_issues(journey: Journey, catalog: Catalog) -> list[Issue]:
    attributes, events = referenced_names(journey)
    issues = [Issue(Severity.error, "unknown_attribute", None,
                    f"the store has no attribute '{name}' (import it first)",
                    f"客户库中没有属性「{name}」（请先导入）")
              for name in sorted(attributes - set(catalog.attributes))]
    issues += [Issue(Severity.error, "unknown_event", None,
                     f"the store has no event '{name}' (import it first)",
                     f"客户库中没有事件「{name}」（请先导入）")
               for name in sorted(events - set(catalog.events))]
    return issues


def issues_against(journey: Journey, catalog: Catalog) -> list[Issue]:
    """Every issue of the journey against a store's catalog: validation (unknown
    names are errors), then unknown names that validation did not already report."""
    issues = validate(journey, catalog, store_catalog=True)
    for extra in unknown_name_issues(journey, catalog):
        name = extra.en.split("'")[1]
        if not any(i.code == extra.code and name in i.en for i in issues):
            issues.append(extra)
    return issues


def check(journey: Journey, catalog: Catalog) -> list[Issue]:
    """The errors that block publishing (validation, then unknown names that
    validation did not already report)."""
    return [i for i in issues_against(journey, catalog) if i.severity == Severity.error]


def approval_issue(problem: approval.ReviewRefused) -> Issue:
    """The store's approval rule as the issue naming the missing step."""
    return Issue(Severity.error, f"review_{problem.code}", None, problem.message("en"),
                 problem.message("zh"))


def publish(store: Store, journey: Journey | str | os.PathLike,
            published_at: int | None = None, *,
            require_approval: bool | None = None) -> PublishResult:
    """Publish a journey (or a .journey.json path; file errors raise
    `nodes.JourneyFileError`). Raises `PublishRefused` when it has errors or,
    under a store that requires approval (`require_approval` None: the store's
    policy), when its content is not approved by a second person."""
    if not isinstance(journey, Journey):
        journey = fileformat.load(journey)
    found = issues_against(journey, store.catalog())
    issues = [i for i in found if i.severity == Severity.error]
    if require_approval is None:
        require_approval = store.policies().require_approval
    problem = approval.publish_problem(journey) if require_approval else None
    if problem is not None:
        issues.append(approval_issue(problem))
    if has_errors(issues):
        raise PublishRefused(journey.id, issues, problem)
    warnings = tuple(i for i in found if i.severity == Severity.warning)
    document = fileformat.dumps(journey)
    digest = content_hash(document)
    t = schema.journey_versions
    for _attempt in range(3):  # another publisher may take the same number
        try:
            with store.writing() as conn:  # reads the newest, then writes
                newest = conn.execute(select(t.c.version, t.c.content_hash, t.c.document)
                                      .where(t.c.journey_id == journey.id)
                                      .order_by(t.c.version.desc()).limit(1)).first()
                if newest is not None and _without_review(newest.document) == \
                        _without_review(document):
                    return PublishResult(journey.id, newest.version, newest.content_hash, True,
                                         warnings)
                version = (newest.version if newest else 0) + 1
                conn.execute(insert(t).values(
                    journey_id=journey.id, version=version, content_hash=digest,
                    document=document, state="active",
                    published_at=int(time.time()) if published_at is None else published_at))
            return PublishResult(journey.id, version, digest, False, warnings)
        except IntegrityError:
            continue
    raise RuntimeError("could not publish: the version number kept changing")


def _without_review(document: str) -> dict:
    """A stored document less its review block: the publish step recorded in the
    file, or a comment added since, is no new version of the journey."""
    data = json.loads(document)
    data.get("journey", {}).pop("review", None)
    return data


def version_count(store: Store, journey_id: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.journey_versions)
                            .where(schema.journey_versions.c.journey_id == journey_id)).scalar()
