"""`JourneyScene` mirrors a `JourneyDocument`: it adds, moves and removes items
when the document says so, and turns gestures into document calls."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from nodes.catalog import STANDARD_CATALOG
from nodes.describe import describe_node

from .interactions import ConnectInteraction, Interaction, MoveNodesInteraction
from .items import EdgeItem, NodeItem, OutletRef
from .items.add_button import AddStepItem, sync_add_buttons
from .items.node_item import view_scale


class JourneyScene(QGraphicsScene):
    connection_refused = Signal(str)
    add_requested = Signal(str, str, QPoint)  # a "+" clicked: node, outlet, screen position
    node_created = Signal(str)  # a person just added this node (drop, "+", menu)

    def __init__(self, document, lang: str = "en", parent=None):
        super().__init__(parent)
        self.document = document
        self.lang = lang
        self.catalog = STANDARD_CATALOG
        self.snap = False
        self.cache_on = True
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.interaction: Interaction | None = None
        self._pressed_add: AddStepItem | None = None
        self.setSceneRect(QRectF(-3000, -2000, 6000, 4000))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.reset.connect(self.rebuild)
        document.node_added.connect(self._on_node_added)
        document.node_removed.connect(self._on_node_removed)
        document.node_moved.connect(self._on_node_moved)
        document.node_changed.connect(self._on_node_changed)
        document.edge_added.connect(self._on_edge_added)
        document.edge_removed.connect(self._on_edge_removed)
        self.rebuild()

    # -- mirroring the document -------------------------------------------------

    def rebuild(self) -> None:
        self.cancel_interaction()
        self._pressed_add = None
        self.clear()
        self.node_items.clear()
        self.edge_items.clear()
        journey = self.document.journey
        for node_id in journey.node_ids():
            self._on_node_added(node_id)
        for source, target, outlet in journey.edges():
            self._on_edge_added(source, outlet, target)

    def summary(self, node_id: str) -> str:
        return describe_node(self.document.journey, node_id, self.lang, self.catalog)

    def _on_node_added(self, node_id: str) -> None:
        journey = self.document.journey
        item = NodeItem(node_id, journey.kind(node_id))
        item.refresh(journey, self.lang, self.summary(node_id))
        item.setPos(*journey.position(node_id))
        item.snap = self.snap
        if not self.cache_on:
            item.setCacheMode(NodeItem.CacheMode.NoCache)
        self.node_items[node_id] = item
        self.addItem(item)
        self._grow(item)
        self._sync_add_buttons(node_id)

    def _grow(self, item: NodeItem) -> None:
        """Keep room to pan around every card (the rect only grows, so views never jump)."""
        room = item.sceneBoundingRect().adjusted(-2000, -1500, 2000, 1500)
        if not self.sceneRect().contains(room):
            self.setSceneRect(self.sceneRect().united(room))

    def _on_node_removed(self, node_id: str) -> None:
        item = self.node_items.pop(node_id, None)
        if item is not None:
            self.removeItem(item)

    def _on_node_moved(self, node_id: str) -> None:
        item = self.node_items[node_id]
        x, y = self.document.journey.position(node_id)
        if (item.pos().x(), item.pos().y()) != (x, y):  # a drag has already put it there
            snap, item.snap = item.snap, False
            item.setPos(x, y)
            item.snap = snap
            self._grow(item)

    def _on_node_changed(self, node_id: str) -> None:
        item = self.node_items[node_id]
        item.refresh(self.document.journey, self.lang, self.summary(node_id))
        for edge in item.edges:
            edge.adjust()
        self._sync_add_buttons(node_id)

    def _sync_add_buttons(self, node_id: str) -> None:
        item = self.node_items.get(node_id)
        if item is not None:
            sync_add_buttons(item, [o for o in item.outlets
                                    if (node_id, o) not in self.edge_items])

    def free_outlet_at(self, scene_pos) -> tuple[str, str] | None:
        """(node, outlet) of the free outlet whose "+" or dot is at `scene_pos`."""
        transform = self.views()[0].transform() if self.views() else QTransform()
        item = self.itemAt(scene_pos, transform)
        if isinstance(item, AddStepItem):
            return item.card.node_id, item.outlet
        if isinstance(item, NodeItem):
            outlet = item.outlet_at(item.mapFromScene(scene_pos))
            if outlet is not None and (item.node_id, outlet) not in self.edge_items:
                return item.node_id, outlet
        return None

    def _on_edge_added(self, source: str, outlet: str, target: str) -> None:
        edge = EdgeItem(self.node_items[source], outlet, self.node_items[target])
        self.node_items[source].edges.append(edge)
        self.node_items[target].edges.append(edge)
        self.edge_items[(source, outlet)] = edge
        self.addItem(edge)
        self._offer_outlets(source)
        self._sync_add_buttons(source)

    def _on_edge_removed(self, source: str, outlet: str, target: str) -> None:
        edge = self.edge_items.pop((source, outlet), None)
        if edge is None:
            return
        for end in (edge.source, edge.target):
            if edge in end.edges:
                end.edges.remove(edge)
        self.removeItem(edge)
        self._offer_outlets(source)
        self._sync_add_buttons(source)

    def _offer_outlets(self, node_id: str) -> None:
        """A line can decide whether an outlet is offered (a reward's `exhausted`
        without a budget): the card follows when its lines change."""
        item, journey = self.node_items.get(node_id), self.document.journey
        if item is not None and node_id in journey and (
                item.outlets != journey.offered_outlets(node_id)):
            self._on_node_changed(node_id)

    # -- presentation ----------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for node_id, item in self.node_items.items():
            item.refresh(self.document.journey, lang, self.summary(node_id))

    def set_item_cache(self, on: bool) -> None:
        """Cards keep a device pixmap while the zoom stays put (panning blits it); while
        zooming that pixmap would be rebuilt every frame, so cards draw from their zoom
        faces instead (items/faces.py)."""
        mode = NodeItem.CacheMode.DeviceCoordinateCache if on else NodeItem.CacheMode.NoCache
        for item in self.node_items.values():
            item.setCacheMode(mode)
        self.cache_on = on
        if on:
            self.update()  # lines drawn as hairlines while zooming get their smooth look back

    def set_snap(self, on: bool) -> None:
        self.snap = on
        for item in self.node_items.values():
            item.snap = on

    def set_issues(self, issues: Iterable) -> None:
        """Badges from validation issues: the worst severity per node, messages as tooltip."""
        by_node: dict[str, list] = {}
        for issue in issues:
            if issue.node_id in self.node_items:
                by_node.setdefault(issue.node_id, []).append(issue)
        for node_id, item in self.node_items.items():
            found = by_node.get(node_id, [])
            severity = None
            if found:
                severity = "error" if any(i.severity == "error" for i in found) else "warning"
            item.set_issue(severity, [i.message(self.lang) for i in found])

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_edges(self) -> list[tuple[str, str]]:
        return [i.key for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, node_ids: Iterable[str]) -> None:
        self.clearSelection()
        for node_id in node_ids:
            if node_id in self.node_items:
                self.node_items[node_id].setSelected(True)

    # -- gestures ----------------------------------------------------------------

    def cancel_interaction(self) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
            self.interaction = None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            # A press in an outlet's hit zone (the dot and a few pixels around it, part of
            # the card's shape) connects; anywhere else on the card moves it.
            transform = self.views()[0].transform() if self.views() else QTransform()
            item = self.itemAt(event.scenePos(), transform)
            if isinstance(item, AddStepItem):  # its menu opens on release, as a button's
                self._pressed_add = item
                item.set_hot(True)
                event.accept()
                return
            outlet = item.outlet_at(item.mapFromScene(event.scenePos()),
                                    view_scale(self)) if isinstance(item, NodeItem) else None
            if outlet is not None:
                self.interaction = ConnectInteraction(self, OutletRef(item, outlet))
                self.interaction.start(event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.mouseGrabberItem() is not None:
            self.interaction = MoveNodesInteraction(self)
            self.interaction.start(event.scenePos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if isinstance(self.interaction, ConnectInteraction):
            self.interaction.move(event.scenePos(), event.screenPos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        pressed, self._pressed_add = self._pressed_add, None
        if pressed is not None:
            transform = self.views()[0].transform() if self.views() else QTransform()
            released_on = self.itemAt(event.scenePos(), transform)
            pressed.set_hot(released_on is pressed)
            if released_on is pressed and event.button() == Qt.MouseButton.LeftButton:
                self.add_requested.emit(pressed.card.node_id, pressed.outlet,
                                        self._beside(pressed, event.screenPos()))
            event.accept()
            return
        interaction, self.interaction = self.interaction, None
        if not isinstance(interaction, ConnectInteraction):
            super().mouseReleaseEvent(event)
        if interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            interaction.end(event.scenePos(), event.screenPos())
        elif interaction is not None:
            interaction.cancel()

    def _beside(self, button: AddStepItem, fallback: QPoint) -> QPoint:
        """The screen point just right of a "+", where its menu opens: the outlet and
        its "+" stay in sight while choosing."""
        if not self.views():
            return fallback
        view = self.views()[0]
        corner = button.mapToScene(QPointF(button.boundingRect().right() + 2,
                                           button.boundingRect().top()))
        return view.viewport().mapToGlobal(view.mapFromScene(corner))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            event.accept()
            return
        super().keyPressEvent(event)
