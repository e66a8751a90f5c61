"""The document is the only mutator: every edit is one undo step and one signal."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from canvas_app.document import JourneyDocument
from nodes.errors import ConnectionRefused, JourneyError, OutletTakenError
from nodes.kinds.branch import BranchConfig, BranchPath
from nodes.kinds.wait import ForEventWait

from .helpers import canonical


@pytest.fixture
def doc(qapp):
    return JourneyDocument()


def record(doc):
    seen = []
    for name in ("node_added", "node_removed", "node_moved", "node_changed", "edge_added",
                 "edge_removed", "meta_changed"):
        getattr(doc, name).connect(lambda *args, n=name: seen.append((n, *args)))
    return seen


def test_each_edit_is_one_undo_step_with_a_past_tense_signal(doc):
    seen = record(doc)
    a = doc.add_node("trigger", (0, 0))
    b = doc.add_node("wait", (300, 0))
    doc.connect(a, "next", b)
    doc.move_nodes({b: ((300, 0), (320, 20))})
    doc.set_label(b, "Cool down")
    doc.set_meta({"id": doc.journey.id, "name": "开户激活"})
    assert doc.undo_stack.count() == 6
    assert [s[0] for s in seen] == ["node_added", "node_added", "edge_added", "node_moved",
                                    "node_changed", "meta_changed"]
    assert seen[2] == ("edge_added", a, "next", b)
    assert doc.journey.meta.name == "开户激活"
    doc.undo_stack.undo()
    assert doc.journey.meta.name == ""


def test_refused_connection_pushes_nothing(doc):
    a = doc.add_node("trigger", (0, 0))
    b = doc.add_node("wait", (300, 0))
    c = doc.add_node("touch", (600, 0))
    doc.connect(a, "next", b)
    count = doc.undo_stack.count()
    with pytest.raises(OutletTakenError):
        doc.connect(a, "next", c)
    with pytest.raises(ConnectionRefused) as refused:
        doc.connect(b, "next", a)
    assert "触发" in refused.value.message("zh_CN")
    assert doc.undo_stack.count() == count


def test_remove_nodes_takes_their_edges_and_undo_brings_all_back(doc):
    a = doc.add_node("trigger", (0, 0))
    b = doc.add_node("wait", (300, 0))
    c = doc.add_node("touch", (600, 0))
    doc.connect(a, "next", b)
    doc.connect(b, "next", c)
    before = canonical(doc.journey)
    seen = record(doc)
    doc.remove_nodes([b, c])
    assert doc.journey.node_ids() == [a]
    assert doc.journey.edges() == []
    # Lines are announced gone before their cards, so a view never holds a dangling line.
    kinds = [s[0] for s in seen]
    assert kinds.index("edge_removed") < kinds.index("node_removed")
    assert kinds.count("edge_removed") == 2
    doc.undo_stack.undo()
    assert canonical(doc.journey) == before


def test_config_change_that_drops_an_outlet_is_undone_with_its_line(doc):
    branch = doc.add_node("branch", (0, 0))
    x = doc.add_node("touch", (300, 0))
    y = doc.add_node("touch", (300, 200))
    doc.connect(branch, "Path 1", x)
    doc.connect(branch, "else", y)
    before = canonical(doc.journey)
    two = BranchConfig(paths=[BranchPath(name="高净值"), BranchPath(name="普通")])
    doc.set_config(branch, two)
    # The first path was renamed by position; its line followed.
    assert doc.journey.edge_from(branch, "高净值") == x
    doc.set_config(branch, BranchConfig(paths=[]))
    assert doc.journey.edge_from(branch, "else") is None or doc.journey.outlets(branch) == [
        "else"]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert canonical(doc.journey) == before


def test_invalid_config_is_refused_before_the_stack(doc):
    wait = doc.add_node("wait", (0, 0))
    count = doc.undo_stack.count()
    with pytest.raises(ValidationError):
        doc.set_config(wait, {"type": "duration", "duration": {"amount": "soon"}})
    assert doc.undo_stack.count() == count
    doc.set_config(wait, {"type": "for_event", "event": "login"})
    assert isinstance(doc.journey.config(wait), ForEventWait)
    assert doc.journey.outlets(wait) == ["event", "timeout"]


def test_paste_redo_keeps_the_same_ids(doc):
    a = doc.add_node("trigger", (0, 0))
    b = doc.add_node("wait", (300, 0))
    doc.connect(a, "next", b)
    fragment = doc.journey.copy_selection([a, b])
    new_ids = doc.paste(fragment, (0, 200))
    assert len(new_ids) == 2 and not set(new_ids) & {a, b}
    pasted = canonical(doc.journey)
    doc.undo_stack.undo()
    assert sorted(doc.journey.node_ids()) == sorted([a, b])
    doc.undo_stack.redo()
    assert canonical(doc.journey) == pasted
    assert len(doc.journey.edges()) == 2


def test_paste_of_garbage_pushes_nothing(doc):
    with pytest.raises(JourneyError):
        doc.paste({"format": "something else"})
    assert doc.undo_stack.count() == 0


def test_clean_state_follows_save(doc, tmp_path):
    doc.add_node("trigger", (0, 0))
    assert doc.is_modified()
    doc.save(tmp_path / "a.journey.json")
    assert not doc.is_modified()
    doc.undo_stack.undo()
    assert doc.is_modified()
    doc.undo_stack.redo()
    assert not doc.is_modified()
    loaded = JourneyDocument()
    loaded.load(str(tmp_path / "a.journey.json"))
    assert canonical(loaded.journey) == canonical(doc.journey)
    assert loaded.undo_stack.count() == 0 and not loaded.is_modified()
