"""A published version read once into what both interpreters look up at
every step: each node's kind and config, where each outlet leads, the entry
nodes, and the instants its triggers may fire in (journey-semantics §3, §4).
The journey document is parsed and walked here only, when the version loads.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from nodes.fileformat import loads
from nodes.journey import Journey
from nodes.kinds import kind_of
from runtime.instants import epoch_of


class Plan:
    def __init__(self, journey: Journey, version: int) -> None:
        self.journey, self.version = journey, version
        self.node_ids = sorted(journey.node_ids())
        self.kinds = {n: journey.kind(n) for n in self.node_ids}
        self.configs = {n: journey.config(n) for n in self.node_ids}
        self.entry_nodes = [n for n in self.node_ids if kind_of(self.kinds[n]).entry]
        self.targets = _targets(journey, self.kinds, self.configs)
        self.flow_order = _flow_order(self.node_ids, self.targets)
        self.looping = _on_loops(self.targets)

    @property
    def id(self) -> str:
        return self.journey.id

    @property
    def meta(self) -> Any:
        return self.journey.meta

    @property
    def timezone(self) -> str:
        return self.journey.meta.timezone

    def kind(self, node_id: str) -> str:
        return self.kinds[node_id]

    def config(self, node_id: str) -> Any:
        return self.configs[node_id]

    def nodes_of(self, kind: str) -> list[str]:
        return [n for n in self.node_ids if self.kinds[n] == kind]

    def target(self, node_id: str, outlet: str) -> str | None:
        """Where `outlet` leads (None: the enrollment ends there)."""
        return self.targets[node_id].get(outlet)

    def attributes_read(self, node_id: str) -> set[str]:
        return kind_of(self.kinds[node_id]).attributes_read(self.configs[node_id])

    def attributes_written(self, node_id: str) -> set[str]:
        return kind_of(self.kinds[node_id]).attributes_written(self.configs[node_id])

    def reachable(self, node_id: str) -> set[str]:
        """The node and every node an enrollment there may reach later."""
        seen, todo = {node_id}, [node_id]
        while todo:
            for target in self.targets[todo.pop()].values():
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def end_status(self, node_id: str, outlet: str) -> tuple[str, str | None]:
        """Status and reason of an enrollment leaving `node_id` by an unconnected outlet."""
        return kind_of(self.kinds[node_id]).ending(outlet)

    def firing_bounds(self, after: int, until: int) -> tuple[int, int]:
        """Trigger instants fire in (low, high]: after `after` (the publication
        or the trigger's cursor) and up to `until`, inside the journey's window."""
        low, high = after, until
        window = self.meta.window
        if window.start is not None:
            low = max(low, epoch_of(window.start) - 1)
        if window.end is not None:
            high = min(high, epoch_of(window.end))
        return low, high


def _targets(journey: Journey, kinds: dict[str, str],
             configs: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per node, outlet → next node, with the outlets its kind lets fall back
    to another when unconnected (a reward's `exhausted` goes on by `next`, §3)."""
    found: dict[str, dict[str, str]] = {n: {} for n in kinds}
    for source, target, outlet in journey.edges():
        found[source].setdefault(outlet, target)
    for node, outlets in found.items():
        fallbacks = kind_of(kinds[node]).unconnected_leads_on(configs[node])
        for outlet, other in fallbacks.items():
            if outlet not in outlets and other in outlets:
                outlets[outlet] = outlets[other]
    return found


def _on_loops(targets: dict[str, dict[str, str]]) -> set[str]:
    """The nodes an enrollment may pass more than once (on a loop)."""
    graph = nx.DiGraph((a, b) for a, outlets in targets.items() for b in outlets.values())
    return {n for part in nx.strongly_connected_components(graph)
            for n in part if len(part) > 1 or graph.has_edge(n, n)}


def _flow_order(nodes: list[str], targets: dict[str, dict[str, str]]) -> list[str]:
    """The nodes so that each comes before the ones it leads to (loops aside):
    one pass in this order carries an enrollment down a chain of steps that
    take no time."""
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b) for a, outlets in targets.items() for b in outlets.values())
    loops = nx.condensation(graph)
    order = nx.lexicographical_topological_sort(
        loops, key=lambda c: min(loops.nodes[c]["members"]))
    return [n for c in order for n in sorted(loops.nodes[c]["members"])]


def load_plan(document: str, version: int) -> Plan:
    return Plan(loads(document), version)
