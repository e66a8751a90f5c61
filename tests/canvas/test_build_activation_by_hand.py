"""The issue's proof: an operator builds the activation template from an empty
canvas with UI actions only — palette drops, outlet-to-card drags, inspector
edits — saves it, and the file means exactly what the shipped template means.
Then every edit is undone back to empty and redone.

Inspector edits go through each field editor's own contract (`set_value`, then
`value_changed` as a person's edit emits it), so every config reaches the model
the way the form sends it: validated by the form, turned into an undo command.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QPointF

from nodes import fileformat, load
from resources import TEMPLATES_DIR

from .test_scene import connect_by_drag, drop_kind

TEMPLATE = TEMPLATES_DIR / "new-customer-activation.journey.json"


def meaning(journey) -> dict:
    """The document without ids, positions and the journey's identity: what it does."""
    doc = fileformat.to_document(journey)
    by_id = {n["id"]: n for n in doc["graph"]["nodes"]}
    key = {nid: (n["kind"], n["label"]) for nid, n in by_id.items()}
    nodes = sorted((json.dumps({k: v for k, v in n.items() if k not in ("id", "position")},
                               sort_keys=True, ensure_ascii=False)) for n in by_id.values())
    edges = sorted((key[e["source"]], e["outlet"], key[e["target"]]) for e in doc["graph"]["edges"])
    # The review block says who made it and when, not what it does.
    meta = {k: v for k, v in doc["journey"].items() if k not in ("id", "review")}
    return {"nodes": nodes, "edges": edges, "journey": meta}


def edit_field(editor, value) -> None:
    """What a person's finished edit does: the editor holds `value` and says so."""
    editor.set_value(value)
    editor.value_changed.emit(editor.get_value())


def inspector_edit(window, node_id: str, label: str, config: dict) -> None:
    window.scene.select_nodes([node_id])
    panel = window.inspector.panel
    assert panel.node_id == node_id
    edit_field(panel.label_editor, label)
    form = panel.form
    if "type" in config:  # trigger and wait: choose the type first, as a person would
        edit_field(form.type_editor, config["type"])
    for name, value in config.items():
        if name != "type":
            edit_field(panel.form.editor(name), value)


def test_build_the_activation_template_by_hand_then_undo_and_redo(window, tmp_path):
    template = load(TEMPLATE)
    window.view.set_zoom(1.0)
    ids: dict[str, str] = {}
    for node_id in template.node_ids():  # file order: the trigger first
        x, y = template.position(node_id)
        ids[node_id] = drop_kind(window, template.kind(node_id), QPointF(x * 1.3, y * 1.3))
        config = fileformat.to_document(template)["graph"]["nodes"]
        data = next(n["config"] for n in config if n["id"] == node_id)
        inspector_edit(window, ids[node_id], template.label(node_id), data)
    for source, target, outlet in template.edges():
        connect_by_drag(window, ids[source], outlet, ids[target])

    window.scene.clearSelection()  # the journey's own settings
    panel = window.inspector.panel
    meta = template.meta.dump()
    for name in ("name", "description", "goal"):
        edit_field(panel.form.editor(name), meta[name])

    built = window.document.journey
    assert meaning(built) == meaning(template)

    saved = tmp_path / "mine.journey.json"
    assert window.save_as(str(saved))
    assert meaning(load(saved)) == meaning(template)

    stack = window.document.undo_stack
    steps = stack.count()
    assert steps >= template.graph.number_of_nodes() + template.graph.number_of_edges()
    while stack.canUndo():
        stack.undo()
    assert built.node_ids() == [] and built.edges() == []
    assert window.scene.node_items == {}
    while stack.canRedo():
        stack.redo()
    assert meaning(window.document.journey) == meaning(template)
    assert len(window.scene.node_items) == template.graph.number_of_nodes()
