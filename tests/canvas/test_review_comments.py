"""Comments: the panel lists them (replies under them, resolved greyed), a click
goes to the step, the markers on cards count the open ones and open the panel,
and only the author deletes a comment."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent

from canvas_app import settings
from canvas_app.review.comments_model import COMMENT_ID
from canvas_app.review.marker import marker_of
from nodes import approval

from .helpers import send_mouse
from .test_main_window import small_journey


def setup(window):
    settings.set_user_name("li.na")
    window.document.set_journey(small_journey())
    journey = window.document.journey
    touch = next(n for n in journey.node_ids() if journey.kind(n) == "touch")
    return journey, touch


def comment_on(window, node_id: str | None, text: str) -> str:
    panel = window.review.panel
    panel.text.setPlainText(text)
    if node_id is None:
        panel.buttons["on_journey"].click()
    else:
        window.scene.select_nodes([node_id])
        panel.buttons["on_step"].click()
    assert panel.text.toPlainText() == ""  # used, so cleared
    return window.document.journey.meta.review.comments[-1].id


def click_row(qtbot, tree, index) -> None:
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(index).center())


def test_comments_list_go_to_their_step_and_count_on_cards(window, qtbot):
    journey, touch = setup(window)
    digest = approval.content_hash(journey)
    first = comment_on(window, touch, "文案太长")
    comment_on(window, touch, "渠道改成短信？")
    comment_on(window, None, "整体没问题")
    assert approval.content_hash(journey) == digest  # comments are no content edit
    assert journey.meta.review.last_edit is None
    assert window.document.is_modified()

    model, tree = window.review.panel.model, window.review.panel.tree
    assert model.rowCount() == 3
    assert [model.item(0, c).text() for c in (1, 3)] == ["li.na", "欢迎短信"]
    assert model.item(2, 3).text() == "Whole journey"
    marker = marker_of(window.scene.node_items[touch])
    assert marker is not None and marker.open_count == 2 and marker.isVisible()
    assert all(marker_of(window.scene.node_items[n]) is None
               for n in journey.node_ids() if n != touch)

    window.scene.select_nodes([])
    click_row(qtbot, tree, model.index(0, 0))
    assert window.scene.selected_node_ids() == [touch]

    # Reply, resolve (greyed, not counted), reopen.
    window.review.panel.choose(first)
    window.review.panel.text.setPlainText("已缩短")
    window.review.panel.buttons["reply"].click()
    assert journey.meta.review.comments[0].replies[0].text == "已缩短"
    assert model.item(0).rowCount() == 1 and model.item(0).child(0).text() == "已缩短"
    resolve = window.review.panel.buttons["resolve"]
    assert resolve.text() == "Resolve"
    resolve.click()
    assert journey.meta.review.comments[0].resolved
    assert marker.open_count == 1
    assert model.item(0).foreground().color().name() == "#9aa0a6"
    assert model.item(1).foreground().color().name() != "#9aa0a6"
    assert resolve.text() == "Reopen"
    resolve.click()
    assert not journey.meta.review.comments[0].resolved and marker.open_count == 2

    # Undo takes a comment step back; the marker follows.
    window.undo()
    assert journey.meta.review.comments[0].resolved and marker.open_count == 1


def test_the_marker_opens_the_panel_at_the_cards_comment(window, qtbot):
    journey, touch = setup(window)
    comment_on(window, None, "整体")
    wanted = comment_on(window, touch, "这里")
    window.review.dock.hide()
    window.review.panel.tree.setCurrentIndex(window.review.panel.model.index(0, 0))
    marker = marker_of(window.scene.node_items[touch])
    window.view.centerOn(marker)
    centre = marker.mapToScene(marker.shape().boundingRect().center())
    send_mouse(window.view, QMouseEvent.Type.MouseButtonPress, centre)
    send_mouse(window.view, QMouseEvent.Type.MouseButtonRelease, centre,
               buttons=Qt.MouseButton.NoButton)
    assert window.review.dock.isVisible()
    assert window.review.panel.current_comment() == wanted
    assert journey.position(touch) == window.scene.node_items[touch].pos().toTuple()


def test_only_the_author_deletes_a_comment(window):
    journey, touch = setup(window)
    mine = comment_on(window, touch, "我的")
    settings.set_user_name("wang.fang")
    theirs = comment_on(window, None, "王芳的")
    window.review.panel.choose(mine)
    window.review.panel.buttons["delete"].click()
    assert [c.id for c in journey.meta.review.comments] == [mine, theirs]
    box = window.review.refusal_box
    assert box.isVisible() and box.text() == "only li.na can delete this comment"
    box.close()
    window.review.panel.choose(theirs)
    window.review.panel.buttons["delete"].click()
    assert [c.id for c in journey.meta.review.comments] == [mine]
    assert marker_of(window.scene.node_items[touch]).open_count == 1
    # The panel's rows carry the ids their buttons act on.
    assert window.review.panel.model.item(0).data(COMMENT_ID) == mine


def test_an_empty_comment_or_no_step_is_refused(window):
    journey, _touch = setup(window)
    panel = window.review.panel
    assert not panel.buttons["on_step"].isEnabled()  # nothing written yet
    panel.text.setPlainText("x")
    window.scene.select_nodes([])
    panel.buttons["on_step"].click()
    assert journey.meta.review.comments == []
    assert "Select one step" in window.statusBar().currentMessage()
    assert not window.review.add_comment("   ", on_step=False)
    assert window.review.refusal_box.text() == "a comment needs some text"


def test_markers_come_back_with_an_undone_delete(window, qtbot):
    _journey, touch = setup(window)
    comment_on(window, touch, "这里")
    window.scene.select_nodes([touch])
    window.actions["delete"].trigger()
    assert touch not in window.scene.node_items
    assert window.review.panel.model.item(0, 3).text() == "(removed step)"
    window.undo()
    qtbot.waitUntil(lambda: marker_of(window.scene.node_items[touch]) is not None)
    assert marker_of(window.scene.node_items[touch]).open_count == 1
