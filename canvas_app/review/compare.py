"""The compare view: two versions of a journey drawn as one, read-only.

`union_journey(old, new)` is the new version with the steps the old one had
and the new one lacks put back at their old places (with their lines, where
they fit); `CompareScene` draws it with the editor's own cards and adds a
decoration per changed card (`ChangeOutline`, a child item: the cards
themselves draw as they always do). Added cards are outlined green, removed
ones red and faint, changed ones amber, moved ones a quiet dashed grey.
Nothing here edits: presses select and pan, they never move, connect or add.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene

from nodes.diff import Change, diff_journeys
from nodes.journey import Journey

from .. import theme
from ..document import JourneyDocument
from ..items import NodeItem
from ..scene import JourneyScene
from ..view import JourneyView

COLOURS = {"added": "#2e9d4f", "removed": "#d64545", "changed": "#e0a100", "moved": "#9aa4b2"}
REMOVED_OPACITY = 0.4
_RANK = {"added": 3, "removed": 3, "changed": 2, "moved": 1}


def status_by_node(changes: list[Change]) -> dict[str, str]:
    """Each changed node's one status: added / removed over changed over moved."""
    found: dict[str, str] = {}
    for change in changes:
        if change.node_id is None:
            continue
        now = found.get(change.node_id)
        if now is None or _RANK[change.kind] > _RANK[now]:
            found[change.node_id] = change.kind
    return found


def union_journey(old: Journey, new: Journey) -> Journey:
    """The new journey plus the old one's removed steps, at their old places, with
    the old lines that touch them where the outlet is still free."""
    union = new.clone()
    removed = [n for n in old.node_ids() if n not in new]
    for node_id in removed:
        attrs = old.attrs(node_id)
        union.add_node(attrs["kind"], attrs["config"], label=attrs.get("label", ""),
                       position=old.position(node_id), node_id=node_id)
    gone = set(removed)
    for source, target, outlet in old.edges():
        if (source in gone or target in gone) and source in union and target in union \
                and union.edge_from(source, outlet) is None \
                and not union.graph.has_edge(source, target):
            union.restore_edge(source, target, {"outlet": outlet})
    return union


class ChangeOutline(QGraphicsPathItem):
    """The coloured frame around a card that changed (a child of its card)."""

    def __init__(self, card: NodeItem, status: str):
        super().__init__(card)
        self.status = status
        self.colour = QColor(COLOURS[status])
        pen = QPen(self.colour, 1.5 if status == "moved" else 3.5)
        if status == "moved":
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # A removed card is drawn faintly; its red frame stays clear.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, True)
        self.reshape(card)

    def reshape(self, card: NodeItem) -> None:
        rect = QRectF(0, 0, theme.CARD_WIDTH, card._height).adjusted(-4, -4, 4, 4)
        path = QPainterPath()
        path.addRoundedRect(rect, 10, 10)
        self.setPath(path)


class CompareScene(JourneyScene):
    """The union of two versions, drawn by the editor's cards, decorated, read-only."""

    def __init__(self, old: Journey, new: Journey, lang: str = "en", catalog=None, parent=None):
        document = JourneyDocument(union_journey(old, new), parent)
        super().__init__(document, lang, parent)
        document.setParent(self)
        self.old, self.new = old, new
        self.changes = diff_journeys(old, new, catalog)
        self.status = status_by_node(self.changes)
        self.outlines: dict[str, ChangeOutline] = {}
        self.ghosts: dict[str, QGraphicsPathItem] = {}  # moved cards' old places
        if catalog is not None:
            self.catalog = catalog
        self.decorate()

    def decorate(self) -> None:
        for outline in [*self.outlines.values(), *self.ghosts.values()]:
            if outline.scene() is not None:
                self.removeItem(outline)
        self.outlines.clear()
        self.ghosts.clear()
        flags = QGraphicsItem.GraphicsItemFlag
        for node_id, item in self.node_items.items():
            item.setFlag(flags.ItemIsMovable, False)
            status = self.status.get(node_id)
            item.setOpacity(REMOVED_OPACITY if status == "removed" else 1.0)
            if status is not None:
                self.outlines[node_id] = ChangeOutline(item, status)
            if status == "moved":  # where it stood: a faint dotted frame
                ghost = QGraphicsPathItem(self.outlines[node_id].path())
                ghost.setPen(QPen(QColor(COLOURS["moved"]), 1.0, Qt.PenStyle.DotLine))
                ghost.setOpacity(0.7)
                ghost.setZValue(-1)
                ghost.setPos(*self.old.position(node_id))
                ghost.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self.addItem(ghost)
                self.ghosts[node_id] = ghost
        for (source, _outlet), edge in self.edge_items.items():
            faint = "removed" in (self.status.get(source), self.status.get(edge.target.node_id))
            edge.setOpacity(REMOVED_OPACITY if faint else 1.0)

    def rebuild(self) -> None:
        super().rebuild()
        if hasattr(self, "outlines"):
            self.outlines.clear()
            self.ghosts.clear()
            self.decorate()

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for node_id, outline in self.outlines.items():
            outline.reshape(self.node_items[node_id])

    def _sync_add_buttons(self, node_id: str) -> None:
        """No "+" on outlets: nothing is added here."""

    def free_outlet_at(self, scene_pos):
        return None

    # Presses select (and the view pans); nothing is dragged, connected or added.
    def mousePressEvent(self, event) -> None:
        QGraphicsScene.mousePressEvent(self, event)

    def mouseMoveEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        QGraphicsScene.mouseReleaseEvent(self, event)

    def keyPressEvent(self, event) -> None:
        QGraphicsScene.keyPressEvent(self, event)


class CompareView(JourneyView):
    """The editor's view on a `CompareScene`: zoom and pan, no drops, no context menu."""

    def __init__(self, scene: CompareScene, parent=None):
        super().__init__(scene, parent)
        self.setAcceptDrops(False)
        self.setObjectName("compare_view")

    def contextMenuEvent(self, event) -> None:
        event.accept()

    def dragEnterEvent(self, event) -> None:
        event.ignore()

    def dropEvent(self, event) -> None:
        event.ignore()

    def show_node(self, node_id: str) -> bool:
        item = self.scene().node_items.get(node_id)
        if item is None:
            return False
        self.scene().select_nodes([node_id])
        self.centerOn(item)
        return True
