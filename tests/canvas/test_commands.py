"""Random edit sequences: undo all returns to empty, redo all returns to the end."""
from __future__ import annotations

import random

import pytest

from canvas_app import commands
from canvas_app.document import JourneyDocument
from nodes.errors import ConnectionRefused
from nodes.kinds import kind_names

from .helpers import canonical


def random_edits(doc: JourneyDocument, rng: random.Random, steps: int) -> None:
    journey = doc.journey
    for _ in range(steps):
        ids = journey.node_ids()
        choice = rng.choice(["add", "add", "connect", "connect", "move", "label", "remove",
                             "disconnect", "paste", "layout", "config"])
        if choice == "add" or not ids:
            doc.add_node(rng.choice(kind_names()), (rng.randint(0, 900), rng.randint(
                0, 600)))
        elif choice == "connect":
            source, target = rng.choice(ids), rng.choice(ids)
            try:
                doc.connect(source, rng.choice(journey.outlets(source)), target)
            except ConnectionRefused:
                pass
        elif choice == "move":
            node = rng.choice(ids)
            doc.move_nodes({node: (journey.position(node), (rng.randint(0, 900), 50.0))})
        elif choice == "label":
            doc.set_label(rng.choice(ids), f"步骤 {rng.randint(1, 99)}")
        elif choice == "remove":
            doc.remove_nodes(rng.sample(ids, min(2, len(ids))))
        elif choice == "disconnect" and journey.edges():
            source, _target, outlet = rng.choice(journey.edges())
            doc.disconnect(source, outlet)
        elif choice == "paste":
            doc.paste(journey.copy_selection(rng.sample(ids, min(3, len(ids)))))
        elif choice == "layout":
            doc.auto_layout()
        elif choice == "config":
            node = rng.choice(ids)
            if journey.kind(node) == "split":
                doc.set_config(node, {"variants": [{"name": "甲", "percent": 100}]})


@pytest.mark.parametrize("seed", range(6))
def test_undo_all_then_redo_all(qapp, seed):
    doc = JourneyDocument()
    empty = canonical(doc.journey)
    random_edits(doc, random.Random(seed), 40)
    final = canonical(doc.journey)
    stack = doc.undo_stack
    while stack.canUndo():
        stack.undo()
    assert canonical(doc.journey) == empty
    while stack.canRedo():
        stack.redo()
    assert canonical(doc.journey) == final


def test_commands_touch_only_the_model(qapp):
    """A command needs no scene: it works on a document nobody draws."""
    doc = JourneyDocument()
    command = commands.AddNodeCommand(doc, "reward", (10, 10), None, "reward-1")
    command.redo()
    assert doc.journey.kind("reward-1") == "reward"
    command.undo()
    assert "reward-1" not in doc.journey


def test_one_move_command_per_drag(qapp):
    doc = JourneyDocument()
    a = doc.add_node("trigger", (0, 0))
    b = doc.add_node("wait", (100, 0))
    count = doc.undo_stack.count()
    doc.move_nodes({a: ((0, 0), (40, 40)), b: ((100, 0), (140, 40))})
    doc.move_nodes({a: ((40, 40), (40, 40))})  # a click without a move is no step
    assert doc.undo_stack.count() == count + 1
    assert isinstance(doc.undo_stack.command(count), commands.MoveNodesCommand)
    doc.auto_layout()
    assert isinstance(doc.undo_stack.command(doc.undo_stack.count() - 1),
                      commands.AutoLayoutCommand)
