"""Building a journey from its outlets: the "+" of a free outlet offers the steps that
may follow and adds the chosen one already connected; a kind from the palette dropped
onto an outlet does the same. The new card goes to the right of the outlet, below
any card already there, and is selected with the cursor in its first field
(look.first_fields), as is any card a person adds. A blank canvas offers its trigger.

Each addition is one undo step named after what was added and where:
"在「等待 3 天」后添加「分支」"."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRectF
from PySide6.QtWidgets import QMenu, QPushButton

from nodes.errors import ConnectionRefused
from nodes.kinds import kind_label, kind_names, kind_of, parse_config, proposed_config

from . import i18n, look, theme
from .items.add_button import add_buttons

GAP = 60  # between a card and the one added after it
CLEARANCE = 8  # kept free around a new card


def card_height(kind: str, config: Any) -> float:
    """How tall the card of a node of `kind` holding `config` is drawn (NodeItem)."""
    outlets = kind_of(kind).offered_outlets(config, set())
    rows = 0 if outlets == ["next"] else len(outlets)
    return theme.HEADER_HEIGHT + theme.SUMMARY_HEIGHT + rows * theme.OUTLET_ROW


def clear_spot(scene, x: float, y: float, height: float = theme.HEADER_HEIGHT,
               upward: bool = False) -> tuple[float, float]:
    """(x, y), stepped down (or up) past the cards a card `height` tall there would
    overlap."""
    while True:
        rect = QRectF(x, y, theme.CARD_WIDTH, height).adjusted(
            -CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)
        hit = [item.sceneBoundingRect() for item in scene.node_items.values()
               if item.sceneBoundingRect().intersects(rect)]
        if not hit:
            return x, y
        if upward:
            y = min(r.top() for r in hit) - height - theme.GRID
        else:
            y = max(r.bottom() for r in hit) + theme.GRID


def spot_after(scene, node_id: str, outlet: str, height: float) -> tuple[float, float]:
    """Where a card led to by `outlet` goes: its input level with the outlet, to the
    right of the card, past whatever is there already — above it when that is where an
    outlet further down leads, so the lines do not cross."""
    card = scene.node_items[node_id]
    x = card.pos().x() + theme.CARD_WIDTH + GAP
    y = card.mapToScene(card.outlet_pos(outlet)).y() - card.input_pos().y()
    if scene.snap:
        x, y = round(x / theme.GRID) * theme.GRID, round(y / theme.GRID) * theme.GRID
    below = card.outlets[card.outlets.index(outlet) + 1:] if outlet in card.outlets else []
    led_below = [scene.edge_items[(node_id, o)].target.sceneBoundingRect()
                 for o in below if (node_id, o) in scene.edge_items]
    spot = QRectF(x, y, theme.CARD_WIDTH, height)
    return clear_spot(scene, x, y, height, upward=any(r.intersects(spot) for r in led_below))


def step_text(scene, kind: str, node_id: str, outlet: str) -> str:
    """The undo step's name, in the language of the moment (as inspector edits are)."""
    card = scene.node_items[node_id]
    after = card.title
    if card.outlets == ["next"]:
        text = QCoreApplication.translate("commands", "Add “%1” after “%2”")
    else:
        text = QCoreApplication.translate("commands", "Add “%1” after “%2” › %3")
        text = text.replace("%3", card.outlet_names.get(outlet, outlet))
    return text.replace("%1", kind_label(kind, scene.lang)).replace("%2", after)


def add_after(scene, node_id: str, outlet: str, kind: str, config: Any = None) -> str | None:
    """Add a `kind` node led to by `outlet` of `node_id`, placed and announced as made
    by a person (`node_created`); None, with the reason shown, if it may not follow."""
    config = (proposed_config(kind, i18n.current_language()) if config is None
              else parse_config(kind, config))
    position = spot_after(scene, node_id, outlet, card_height(kind, config))
    try:
        added = scene.document.add_after(node_id, outlet, kind, position, config,
                                         step_text(scene, kind, node_id, outlet))
    except ConnectionRefused as refused:
        scene.connection_refused.emit(refused.message(scene.lang))
        return None
    scene.node_created.emit(added)
    return added


def show_drop_target(scene, scene_pos: QPointF | None) -> tuple[str, str] | None:
    """Light the "+" a palette drag is over (none for None); the free outlet there."""
    target = scene.free_outlet_at(scene_pos) if scene_pos is not None else None
    for node_id, item in scene.node_items.items():
        for outlet, button in add_buttons(item).items():
            button.set_hot(target == (node_id, outlet))
    return target


class StartButton(QPushButton):
    """On a blank canvas, below its hint: one click puts the trigger down."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setObjectName("start_button")
        self.setStyleSheet(f"QPushButton#start_button {{ padding: 6px 14px; "
                           f"color: {theme.CARD_SELECTED}; }}")
        view.installEventFilter(self)
        self.retranslate_ui()
        self.follow()

    def retranslate_ui(self) -> None:
        self.setText(QCoreApplication.translate("JourneyView", "+ Add a trigger to begin"))
        self.adjustSize()
        self.place()

    def place(self) -> None:
        area = self.view.viewport().geometry()
        self.move(area.center().x() - self.width() // 2, area.center().y() + 44)

    def follow(self, *_args) -> None:
        self.setVisible(not self.view.scene().node_items)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.place()
        return False

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class QuickAdd(QObject):
    """The main window's part in it: the "+" menu, the start button, and what a card
    just added gets (selection, a place in sight, the cursor in its first field)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.menu: QMenu | None = None
        scene, view = window.scene, window.view
        scene.add_requested.connect(self.offer)
        scene.node_created.connect(self.created)
        self.start_button = StartButton(view)
        self.start_button.clicked.connect(self.add_trigger)
        document = window.document
        for signal in (document.node_added, document.node_removed, document.reset):
            signal.connect(self.start_button.follow)

    def menu_for(self, node_id: str, outlet: str) -> QMenu:
        """Every step that may follow an outlet (entries never do), presets included."""
        menu = QMenu(self.window)
        menu.setObjectName("add_step_menu")
        for kind in kind_names():
            if kind_of(kind).entry:
                continue
            for name, make in look.add_menu_entries(kind):
                action = menu.addAction(look.kind_icon(kind), name)
                action.setData(kind)
                action.triggered.connect(
                    lambda _=False, k=kind, m=make: self.add(node_id, outlet, k, m))
        return menu

    def offer(self, node_id: str, outlet: str, screen_pos: QPoint) -> QMenu:
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = self.menu_for(node_id, outlet)
        self.menu.popup(screen_pos)
        return self.menu

    def add(self, node_id: str, outlet: str, kind: str, make=None) -> str | None:
        if node_id not in self.window.scene.node_items:  # undone while the menu was open
            return None
        config = make(self.window.catalog) if make is not None else None
        return add_after(self.window.scene, node_id, outlet, kind, config)

    def add_trigger(self) -> str:
        view = self.window.view
        centre = view.mapToScene(view.viewport().rect().center())
        return view.add_node_at("trigger", centre, beside_others=True)

    def created(self, node_id: str) -> None:
        item = self.window.scene.node_items.get(node_id)
        if item is None:
            return
        self.window.scene.select_nodes([node_id])
        # The card and its "+" handles, with room for the step that comes after it.
        shown = item.sceneBoundingRect().united(item.mapRectToScene(item.childrenBoundingRect()))
        self.window.view.ensureVisible(shown, 80, 40)
        self.window.inspector.panel.focus_first_field()
