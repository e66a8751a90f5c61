"""Mid-zoom the canvas scales card faces; they must show what the settled card shows,
and the validation the document worked out is shared, not repeated."""
from __future__ import annotations

from canvas_app.items import faces
from canvas_app.items.node_item import TILE_BELOW, TITLE_ONLY_BELOW


def band(lod: float) -> int:
    return 0 if lod < TILE_BELOW else 1 if lod < TITLE_ONLY_BELOW else 2


def test_a_face_is_only_shrunk_and_shows_the_settled_detail():
    edges = [0.5 / 2 ** (k / 2) for k in range(6)] + [0.6, 1.0, 2.0, 3.0]
    for lod in [i / 100 for i in range(10, 301)] + edges:
        resolution, detail = faces.face_level(lod, TILE_BELOW, TITLE_ONLY_BELOW)
        assert lod <= resolution <= 2 * lod, lod  # never blown up, never needlessly big
        assert band(detail) == band(lod), lod


def test_mid_zoom_cards_draw_faces_and_an_edit_retires_them(window):
    doc = window.document
    node = doc.add_node("wait", (0, 0))
    window.view.set_zoom(0.8)
    window.view.centerOn(window.scene.node_items[node])
    assert not window.scene.cache_on  # the zoom has not settled yet
    window.view.viewport().repaint()
    item = window.scene.node_items[node]
    assert any(key[0] == item.face_version for key in faces._faces)
    before = item.face_version
    doc.set_label(node, "Wait for the weekend")
    assert item.face_version != before  # the old face can never be drawn again
    window.view.viewport().repaint()
    assert any(key[0] == item.face_version for key in faces._faces)


def test_one_validation_per_change_for_the_window_and_the_inspector(window, monkeypatch):
    import canvas_app.document as document_module

    calls = []
    real = document_module.validate
    monkeypatch.setattr(document_module, "validate",
                        lambda *args: calls.append(1) or real(*args))
    node = window.document.add_node("touch", (0, 0))
    window.scene.select_nodes([node])  # the inspector shows it, with its issues
    window.refresh_after_edit()
    assert len(calls) == 1
    assert window.inspector.panel.issues.text()  # a touch without a message has issues
    window.refresh_after_edit()  # nothing changed: nothing to work out again
    assert len(calls) == 1
