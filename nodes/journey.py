"""`Journey`: a journey's settings plus its graph, with the editing operations
an editor needs. Connection rules live here and raise typed errors.

Graph node attributes: `kind`, `label`, `position`, `config` (a pydantic
model) and any unknown keys read from a file. Edge attributes: `outlet` and
any unknown keys.
"""
from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pydantic import BaseModel, ValidationError

from .configs import DurationWait, ForEventWait
from .errors import (
    CycleWithoutWaitError,
    DuplicateEdgeError,
    DuplicateNodeIdError,
    JourneyFileError,
    OutletTakenError,
    TriggerInputError,
    UnknownNodeError,
    UnknownOutletError,
)
from .kinds import NODE_ADAPTER, NodeKind, default_config, dump_config, outlets, parse_config
from .meta import JourneyMeta

FRAGMENT_FORMAT = "journey-canvas-fragment"
_NODE_KEYS = ("kind", "label", "position", "config")


def is_positive_wait(kind: str, config: Any) -> bool:
    """A wait that always takes time, so a loop through it cannot spin in place."""
    if kind != NodeKind.wait:
        return False
    if isinstance(config, DurationWait):
        return config.duration is not None and config.duration.amount > 0
    if isinstance(config, ForEventWait):
        return config.timeout is not None and config.timeout.amount > 0
    return False


def new_node_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:8]}"


@dataclass
class RemovedNode:
    """Everything needed to put a removed node back exactly as it was."""

    node_id: str
    attrs: dict[str, Any]
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


class Journey:
    def __init__(self, meta: JourneyMeta | None = None, graph: nx.DiGraph | None = None):
        self.meta = meta or JourneyMeta(id="journey-" + uuid.uuid4().hex[:8])
        self.graph = graph if graph is not None else nx.DiGraph()
        # Unknown keys of the file, written back on save (§1).
        self.file_extras: dict[str, Any] = {}
        self.graph_extras: dict[str, Any] = {}

    # -- reading -------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.meta.id

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.graph

    def node_ids(self) -> list[str]:
        return list(self.graph.nodes)

    def attrs(self, node_id: str) -> dict[str, Any]:
        if node_id not in self.graph:
            raise UnknownNodeError(node_id)
        return self.graph.nodes[node_id]

    def kind(self, node_id: str) -> NodeKind:
        return NodeKind(self.attrs(node_id)["kind"])

    def config(self, node_id: str) -> Any:
        return self.attrs(node_id)["config"]

    def label(self, node_id: str) -> str:
        return self.attrs(node_id).get("label", "")

    def position(self, node_id: str) -> tuple[float, float]:
        return tuple(self.attrs(node_id).get("position", (0.0, 0.0)))  # type: ignore[return-value]

    def outlets(self, node_id: str) -> list[str]:
        return outlets(self.kind(node_id), self.config(node_id))

    def edge_from(self, node_id: str, outlet: str) -> str | None:
        """The node that `outlet` of `node_id` leads to, or None."""
        for _, target, data in self.graph.out_edges(node_id, data=True):
            if data.get("outlet") == outlet:
                return target
        return None

    def edges(self) -> list[tuple[str, str, str]]:
        return [(s, t, d.get("outlet", "")) for s, t, d in self.graph.edges(data=True)]

    def triggers(self) -> list[str]:
        return [n for n, d in self.graph.nodes(data=True) if d["kind"] == NodeKind.trigger]

    # -- editing -------------------------------------------------------------

    def add_node(
        self,
        kind: str,
        config: Any = None,
        *,
        label: str = "",
        position: tuple[float, float] = (0.0, 0.0),
        node_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        kind = NodeKind(kind)
        node_id = node_id or new_node_id(kind)
        if node_id in self.graph:
            raise DuplicateNodeIdError(node_id)
        config = default_config(kind) if config is None else parse_config(kind, config)
        self.graph.add_node(
            node_id,
            **(extra or {}),
            kind=kind.value,
            label=label,
            position=(float(position[0]), float(position[1])),
            config=config,
        )
        return node_id

    def remove_node(self, node_id: str) -> RemovedNode:
        attrs = dict(self.attrs(node_id))
        edges = [(s, t, dict(d)) for s, t, d in self.graph.in_edges(node_id, data=True)]
        edges += [(s, t, dict(d)) for s, t, d in self.graph.out_edges(node_id, data=True)]
        self.graph.remove_node(node_id)
        return RemovedNode(node_id, attrs, edges)

    def restore_node(self, removed: RemovedNode) -> None:
        if removed.node_id in self.graph:
            raise DuplicateNodeIdError(removed.node_id)
        self.graph.add_node(removed.node_id, **removed.attrs)
        for source, target, data in removed.edges:
            self.graph.add_edge(source, target, **data)

    def check_connect(self, source: str, outlet: str, target: str) -> None:
        """Raise a `ConnectionRefused` if `outlet` of `source` may not lead to `target`."""
        self.attrs(source)
        if self.kind(target) == NodeKind.trigger:
            raise TriggerInputError()
        available = self.outlets(source)
        if outlet not in available:
            raise UnknownOutletError(outlet, available)
        if self.edge_from(source, outlet) is not None:
            raise OutletTakenError(outlet)
        if self.graph.has_edge(source, target):
            raise DuplicateEdgeError(self.graph.edges[source, target].get("outlet", ""))
        trial = self.graph.copy(as_view=False)
        trial.add_edge(source, target)
        if cycles_without_wait(trial):
            raise CycleWithoutWaitError()

    def connect(self, source: str, outlet: str, target: str, **extra: Any) -> None:
        self.check_connect(source, outlet, target)
        self.graph.add_edge(source, target, **extra, outlet=outlet)

    def disconnect(self, source: str, outlet: str) -> tuple[str, dict[str, Any]] | None:
        """Remove the edge leaving `outlet`; return (target, edge attributes) or None."""
        target = self.edge_from(source, outlet)
        if target is None:
            return None
        data = dict(self.graph.edges[source, target])
        self.graph.remove_edge(source, target)
        return target, data

    def move_node(self, node_id: str, position: tuple[float, float]) -> None:
        self.attrs(node_id)["position"] = (float(position[0]), float(position[1]))

    def set_label(self, node_id: str, label: str) -> None:
        self.attrs(node_id)["label"] = label

    def set_config(self, node_id: str, config: Any) -> list[tuple[str, str, dict[str, Any]]]:
        """Replace a node's config. Edges follow renamed outlets (matched by
        position); edges whose outlet no longer exists are removed and returned."""
        kind = self.kind(node_id)
        old_outlets = self.outlets(node_id)
        new_config = parse_config(kind, config)
        new_outlets = outlets(kind, new_config)
        renames = {
            old: new
            for old, new in zip(old_outlets, new_outlets)
            if old != new and old not in new_outlets and new not in old_outlets
        }
        removed = []
        for source, target, data in list(self.graph.out_edges(node_id, data=True)):
            outlet = data.get("outlet")
            if outlet in renames:
                data["outlet"] = renames[outlet]
            elif outlet not in new_outlets:
                removed.append((source, target, dict(data)))
                self.graph.remove_edge(source, target)
        self.attrs(node_id)["config"] = new_config
        return removed

    def set_meta(self, meta: JourneyMeta | dict) -> None:
        self.meta = meta if isinstance(meta, JourneyMeta) else JourneyMeta.model_validate(meta)

    # -- copy and paste --------------------------------------------------------

    def copy_selection(self, node_ids: Iterable[str]) -> dict[str, Any]:
        """A JSON-ready fragment with the selected nodes and the edges between them."""
        chosen = [n for n in node_ids if n in self.graph]
        keep = set(chosen)
        return {
            "format": FRAGMENT_FORMAT,
            "nodes": [node_to_dict(self.graph, n) for n in chosen],
            "edges": [
                {**d, "source": s, "target": t}
                for s, t, d in self.graph.edges(data=True)
                if s in keep and t in keep
            ],
        }

    def paste(
        self, fragment: dict[str, Any], offset: tuple[float, float] = (40.0, 40.0)
    ) -> dict[str, str]:
        """Add a fragment's nodes with fresh ids; return old id → new id."""
        if not isinstance(fragment, dict) or fragment.get("format") != FRAGMENT_FORMAT:
            raise JourneyFileError("", "not a copied journey fragment", "不是复制的旅程片段")
        parsed = []
        for index, raw in enumerate(fragment.get("nodes", [])):
            try:
                parsed.append((raw, NODE_ADAPTER.validate_python(raw)))
            except ValidationError as exc:
                raise JourneyFileError(f"nodes[{index}]", str(exc.errors()[0]["msg"])) from None
        mapping: dict[str, str] = {}
        for raw, node in parsed:
            extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in (*_NODE_KEYS, "id")}
            x, y = node.position
            mapping[node.id] = self.add_node(
                node.kind,
                node.config,
                label=node.label,
                position=(x + offset[0], y + offset[1]),
                extra=extra,
            )
        for edge in fragment.get("edges", []):
            source, target = mapping.get(edge.get("source")), mapping.get(edge.get("target"))
            if source and target and edge.get("outlet"):
                extra = {k: v for k, v in edge.items() if k not in ("source", "target", "outlet")}
                self.connect(source, edge["outlet"], target, **extra)
        return mapping

    def clone(self) -> Journey:
        twin = Journey(self.meta, copy.deepcopy(self.graph))
        twin.file_extras = copy.deepcopy(self.file_extras)
        twin.graph_extras = copy.deepcopy(self.graph_extras)
        return twin


def node_to_dict(graph: nx.DiGraph, node_id: str) -> dict[str, Any]:
    attrs = graph.nodes[node_id]
    out = {k: copy.deepcopy(v) for k, v in attrs.items() if k not in _NODE_KEYS}
    config = attrs["config"]
    out.update(
        id=node_id,
        kind=attrs["kind"],
        label=attrs.get("label", ""),
        position=list(attrs.get("position", (0.0, 0.0))),
        config=dump_config(config) if isinstance(config, BaseModel) else config,
    )
    return out


def cycles_without_wait(graph: nx.DiGraph) -> list[list[str]]:
    """Node lists of loops that pass no positive wait (for validation)."""
    waits = {n for n, d in graph.nodes(data=True) if is_positive_wait(d["kind"], d["config"])}
    rest = graph.subgraph(n for n in graph.nodes if n not in waits)
    return [sorted(c) for c in nx.strongly_connected_components(rest)
            if len(c) > 1 or any(rest.has_edge(n, n) for n in c)]
