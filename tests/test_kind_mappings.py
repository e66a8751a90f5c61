"""Every node kind has a model, runtime behaviour and a look in the editor.

Adding a kind to `nodes.kinds.NodeKind` without teaching the runtime how to
run it, or the canvas how to show it, fails here rather than in front of an
operator.

The engine's table is `runtime.engine_steps.STEPS`; the reference interpreter,
written for clarity, dispatches with an `if` chain whose coverage is read
from its code.
"""
from __future__ import annotations

import ast
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import runtime
from canvas_app import theme
from nodes.kinds import CONFIG_TYPES, KIND_LABELS, NodeKind

ALL_KINDS = set(NodeKind)
RUNTIME_DIR = Path(runtime.__file__).resolve().parent


def kinds_named_in(path: Path) -> set[NodeKind]:
    """The NodeKind members a module's code mentions (`NodeKind.wait`, …)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        NodeKind[node.attr] for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        and node.value.id == "NodeKind" and node.attr in NodeKind.__members__
    }


def test_the_model_knows_every_kind():
    assert set(CONFIG_TYPES) == ALL_KINDS
    assert set(KIND_LABELS) == ALL_KINDS


def test_the_engine_runs_every_kind():
    from runtime.engine_steps import STEPS

    assert set(STEPS) == ALL_KINDS


def test_the_reference_interprets_every_kind():
    """The reference is written for clarity as an `if kind == NodeKind.x` chain;
    its coverage is read from the code. Waits are the only kind it schedules
    rather than executes."""
    tree = ast.parse((RUNTIME_DIR / "reference.py").read_text(encoding="utf-8"))
    found = next(f for f in ast.walk(tree)
                 if isinstance(f, ast.FunctionDef) and f.name == "execute")
    compared = {
        NodeKind[c.comparators[0].attr] for c in ast.walk(found)
        if isinstance(c, ast.Compare) and isinstance(c.comparators[0], ast.Attribute)
        and isinstance(c.comparators[0].value, ast.Name)
        and c.comparators[0].value.id == "NodeKind"
    }
    assert ALL_KINDS - {NodeKind.trigger} <= compared
    assert kinds_named_in(RUNTIME_DIR / "reference.py") == ALL_KINDS


def test_the_canvas_shows_every_kind(qapp):
    from canvas_app.palette import PaletteWidget

    assert set(theme.KIND_COLORS) == ALL_KINDS
    icons = {path.stem for path in theme.ICONS_DIR.glob("*.svg")}
    assert icons == {kind.value for kind in ALL_KINDS}
    for kind in NodeKind:
        assert not theme.kind_icon(kind).pixmap(22, 22).isNull(), kind
    palette = PaletteWidget()
    entries = [palette.item(row).data(0x0100) for row in range(palette.count())]
    assert sorted(entries) == sorted(kind.value for kind in ALL_KINDS)
    assert all(palette.item(row).text() for row in range(palette.count()))
    assert set(palette.descriptions()) == {kind.value for kind in ALL_KINDS}
