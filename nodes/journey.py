"""`Journey`: a journey's settings plus its graph, with the editing operations
an editor needs. Connection rules live here and raise typed errors. Every
edit is announced on `journey.events` once it is made, so an editor shows
the model without reaching into the graph.

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
from .events import JourneyEvents
from .kinds import default_config, dump_config, kind_of, node_adapter, outlets, parse_config
from .meta import JourneyMeta

FRAGMENT_FORMAT = "journey-canvas-fragment"
_NODE_KEYS = ("kind", "label", "position", "config")


def new_node_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:8]}"


@dataclass
class RemovedNode:
    """Everything needed to put a removed node back exactly as it was."""

    node_id: str
    attrs: dict[str, Any]
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    # The journey's node and edge order before the removal: put back in it, the
    # file (and so its content hash, which approvals and publishing compare) is
    # the same again after an undo.
    node_order: list[str] = field(default_factory=list)
    edge_order: list[tuple[str, str]] = field(default_factory=list)


class Journey:
    def __init__(self, meta: JourneyMeta | None = None, graph: nx.DiGraph | None = None):
        self.meta = meta or JourneyMeta(id="journey-" + uuid.uuid4().hex[:8])
        self.graph = graph if graph is not None else nx.DiGraph()
        # Unknown keys of the file, written back on save (§1).
        self.file_extras: dict[str, Any] = {}
        self.graph_extras: dict[str, Any] = {}
        self.events = JourneyEvents()

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

    def kind(self, node_id: str) -> str:
        return self.attrs(node_id)["kind"]

    def config(self, node_id: str) -> Any:
        return self.attrs(node_id)["config"]

    def label(self, node_id: str) -> str:
        return self.attrs(node_id).get("label", "")

    def position(self, node_id: str) -> tuple[float, float]:
        return tuple(self.attrs(node_id).get("position", (0.0, 0.0)))  # type: ignore[return-value]

    def outlets(self, node_id: str) -> list[str]:
        return outlets(self.kind(node_id), self.config(node_id))

    def offered_outlets(self, node_id: str) -> list[str]:
        """The outlets its card offers (`Kind.offered_outlets`): those that mean
        something in its config, and any a line already leaves."""
        connected = {d.get("outlet") for _, _, d in self.graph.out_edges(node_id, data=True)}
        return kind_of(self.kind(node_id)).offered_outlets(self.config(node_id), connected)

    def edge_from(self, node_id: str, outlet: str) -> str | None:
        """The node that `outlet` of `node_id` leads to, or None."""
        for _, target, data in self.graph.out_edges(node_id, data=True):
            if data.get("outlet") == outlet:
                return target
        return None

    def edges(self) -> list[tuple[str, str, str]]:
        return [(s, t, d.get("outlet", "")) for s, t, d in self.graph.edges(data=True)]

    def triggers(self) -> list[str]:
        return [n for n, d in self.graph.nodes(data=True) if kind_of(d["kind"]).entry]

    # -- editing: each change is announced on `events` once made ---------------

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
        kind = kind_of(kind).name
        node_id = node_id or new_node_id(kind)
        if node_id in self.graph:
            raise DuplicateNodeIdError(node_id)
        config = default_config(kind) if config is None else parse_config(kind, config)
        self.graph.add_node(
            node_id,
            **(extra or {}),
            kind=kind,
            label=label,
            position=(float(position[0]), float(position[1])),
            config=config,
        )
        self.events.node_added.emit(node_id)
        return node_id

    def remove_node(self, node_id: str) -> RemovedNode:
        return self.remove_nodes([node_id])[0]

    def remove_nodes(self, node_ids: Iterable[str]) -> list[RemovedNode]:
        """Remove nodes with every edge touching them. Edges go (and are
        announced) first, so no listener ever holds a line without its ends."""
        node_ids = list(node_ids)
        order, edge_order = list(self.graph.nodes), list(self.graph.edges())
        removed = [RemovedNode(n, dict(self.attrs(n)), self._touching(n), order, edge_order)
                   for n in node_ids]
        for source, target, data in {(s, t): (s, t, d) for item in removed
                                     for s, t, d in item.edges}.values():
            self.graph.remove_edge(source, target)
            self.events.edge_removed.emit(source, data.get("outlet", ""), target)
        for item in removed:
            self.graph.remove_node(item.node_id)
            self.events.node_removed.emit(item.node_id)
        return removed

    def _touching(self, node_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [(s, t, dict(d)) for s, t, d in [*self.graph.in_edges(node_id, data=True),
                                                 *self.graph.out_edges(node_id, data=True)]]

    def restore_node(self, removed: RemovedNode) -> None:
        self.restore_nodes([removed])

    def restore_nodes(self, removed: list[RemovedNode]) -> None:
        """Put removed nodes back exactly as they were: nodes first, then their
        edges (an edge between two restored nodes needs both)."""
        for item in removed:
            if item.node_id in self.graph:
                raise DuplicateNodeIdError(item.node_id)
        for item in removed:
            self.graph.add_node(item.node_id, **item.attrs)
            self.events.node_added.emit(item.node_id)
        seen: set[tuple[str, str]] = set()
        for item in removed:
            for source, target, data in item.edges:
                if (source, target) not in seen:
                    seen.add((source, target))
                    self.restore_edge(source, target, data)
        if removed and removed[0].node_order:
            self._put_in_order(removed[0].node_order, removed[0].edge_order)

    def _put_in_order(self, nodes: list[str], edges: list[tuple[str, str]]) -> None:
        """Rebuild the graph with its nodes and edges in this order (others after)."""
        old, rank, edge_rank = self.graph, {n: i for i, n in enumerate(nodes)}, {
            e: i for i, e in enumerate(edges)}
        graph = nx.DiGraph()
        graph.graph.update(old.graph)
        for node in sorted(old.nodes, key=lambda n: rank.get(n, len(rank))):
            graph.add_node(node, **old.nodes[node])
        for source, target, data in sorted(old.edges(data=True), key=lambda e: edge_rank.get(
                (e[0], e[1]), len(edge_rank))):
            graph.add_edge(source, target, **data)
        self.graph = graph

    def restore_edge(self, source: str, target: str, data: dict[str, Any]) -> None:
        """Put back an edge this journey had (undo): its rules held when it was made."""
        self.attrs(source), self.attrs(target)
        self.graph.add_edge(source, target, **data)
        self.events.edge_added.emit(source, data.get("outlet", ""), target)

    def check_connect(self, source: str, outlet: str, target: str) -> None:
        """Raise a `ConnectionRefused` if `outlet` of `source` may not lead to `target`."""
        self.attrs(source)
        if kind_of(self.kind(target)).entry:
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
        self.events.edge_added.emit(source, outlet, target)

    def disconnect(self, source: str, outlet: str) -> tuple[str, dict[str, Any]] | None:
        """Remove the edge leaving `outlet`; return (target, edge attributes) or None."""
        target = self.edge_from(source, outlet)
        if target is None:
            return None
        data = dict(self.graph.edges[source, target])
        self.graph.remove_edge(source, target)
        self.events.edge_removed.emit(source, outlet, target)
        return target, data

    def move_node(self, node_id: str, position: tuple[float, float]) -> None:
        self.attrs(node_id)["position"] = (float(position[0]), float(position[1]))
        self.events.node_moved.emit(node_id)

    def move_nodes(self, positions: dict[str, tuple[float, float]]) -> None:
        for node_id, position in positions.items():
            self.move_node(node_id, position)

    def set_label(self, node_id: str, label: str) -> None:
        self.attrs(node_id)["label"] = label
        self.events.node_changed.emit(node_id)

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
        removed, renamed = [], []
        for source, target, data in list(self.graph.out_edges(node_id, data=True)):
            outlet = data.get("outlet")
            if outlet in renames:
                data["outlet"] = renames[outlet]
                renamed.append((source, outlet, target))
            elif outlet not in new_outlets:
                removed.append((source, target, dict(data)))
                self.graph.remove_edge(source, target)
        self.attrs(node_id)["config"] = new_config
        for source, outlet, target in renamed:
            self.events.edge_removed.emit(source, outlet or "", target)
        for source, target, data in removed:
            self.events.edge_removed.emit(source, data.get("outlet") or "", target)
        for source, outlet, target in renamed:
            self.events.edge_added.emit(source, renames[outlet], target)
        self.events.node_changed.emit(node_id)
        return removed

    def set_meta(self, meta: JourneyMeta | dict) -> None:
        self.meta = meta if isinstance(meta, JourneyMeta) else JourneyMeta.model_validate(meta)
        self.events.meta_changed.emit()

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
                parsed.append((raw, node_adapter().validate_python(raw)))
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
    waits = {n for n, d in graph.nodes(data=True) if kind_of(d["kind"]).takes_time(d["config"])}
    rest = graph.subgraph(n for n in graph.nodes if n not in waits)
    return [sorted(c) for c in nx.strongly_connected_components(rest)
            if len(c) > 1 or any(rest.has_edge(n, n) for n in c)]
