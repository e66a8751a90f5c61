"""Automatic left-to-right layout: longest-path layers from the triggers,
ordered inside each layer by where their parents sit (one barycentre pass)."""
from __future__ import annotations

import networkx as nx

from nodes.journey import Journey

from .theme import CARD_WIDTH, GRID

COLUMN_STEP = CARD_WIDTH + 100
ROW_STEP = 150


def _acyclic(journey: Journey) -> nx.DiGraph:
    """The graph without back edges (loops through a wait), found by a DFS from the roots."""
    graph = nx.DiGraph()
    graph.add_nodes_from(journey.graph.nodes)
    roots = journey.triggers() or [n for n in journey.graph if journey.graph.in_degree(n) == 0]
    order = roots + [n for n in journey.graph if n not in roots]
    state: dict[str, int] = {}  # 1 = on the DFS stack, 2 = done
    for root in order:
        if root in state:
            continue
        stack = [(root, iter(_ordered_successors(journey, root)))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                continue  # a back edge: leave it out
            else:
                graph.add_edge(node, child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(_ordered_successors(journey, child))))
    return graph


def _ordered_successors(journey: Journey, node_id: str) -> list[str]:
    """Targets in outlet order, so the first outlet's path is drawn on top."""
    targets = [journey.edge_from(node_id, outlet) for outlet in journey.outlets(node_id)]
    return [t for t in targets if t is not None]


def layered_positions(journey: Journey, origin: tuple[float, float] = (0.0, 0.0)
                      ) -> dict[str, tuple[float, float]]:
    """Node id → top-left position; columns are layers, so the journey reads left to right."""
    if not journey.graph:
        return {}
    graph = _acyclic(journey)
    rank: dict[str, float] = {}
    positions: dict[str, tuple[float, float]] = {}
    for column, generation in enumerate(nx.topological_generations(graph)):
        def order_key(node: str) -> tuple:
            parents = [p for p in graph.predecessors(node) if p in rank]
            if not parents:  # triggers and stray steps keep their vertical order
                return (1, journey.position(node)[1], node)
            # Mean row of the parents; the outlet index keeps siblings in outlet order.
            centre = sum(rank[p] for p in parents) / len(parents)
            nudge = sum(_outlet_index(journey, p, node) for p in parents) / len(parents)
            return (0, centre + nudge * 0.01, node)

        ordered = sorted(generation, key=order_key)
        top = -(len(ordered) - 1) * ROW_STEP / 2
        for row, node in enumerate(ordered):
            rank[node] = float(row)
            x = origin[0] + column * COLUMN_STEP
            y = origin[1] + round((top + row * ROW_STEP) / GRID) * GRID
            positions[node] = (float(x), float(y))
    return positions


def _outlet_index(journey: Journey, source: str, target: str) -> int:
    outlet = journey.graph.edges[source, target].get("outlet") if journey.graph.has_edge(
        source, target) else None
    outlets = journey.outlets(source)
    return outlets.index(outlet) if outlet in outlets else len(outlets)
