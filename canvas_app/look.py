"""How each node kind looks in the editor, declared once per kind: colours,
icon, palette text, the display names of its fixed outlets, what the "+" of an
outlet offers for it and which field a new one opens on.

The model's registry (`nodes.kinds`) says what a kind is; this one says how
it is drawn. A new kind adds one `KindLook` here (or registers its own);
the palette, cards and outlet labels read nothing else.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QIcon, QPixmap

from nodes.kinds import kind_label
from nodes.registry import Registry

from . import i18n

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PALETTE_CONTEXT = "PaletteWidget"
OUTLET_CONTEXT = "Outlets"
ADD_MENU_CONTEXT = "AddMenu"

NEXT = QT_TRANSLATE_NOOP("Outlets", "Next")


@dataclass(frozen=True)
class Preset:
    """A starting point the "+" menu offers: its name (English source, translated in
    ADD_MENU_CONTEXT) and the config it starts with, given the catalog (None: the
    kind's own)."""

    label: str
    config: Callable[[Any], dict] | None = None


@dataclass(frozen=True)
class KindLook:
    kind: str
    accent: str  # header stripe and icon
    fill: str  # the card
    palette_text: str  # English source, translated in PALETTE_CONTEXT
    outlet_names: dict[str, str] = field(default_factory=lambda: {"next": NEXT})
    icon: Path | None = None  # default: resources/icons/<kind>.svg
    estimated_field: str | None = None  # the condition whose audience the inspector counts
    presets: tuple[Preset, ...] = ()  # what the "+" menu offers; none: the kind by its name
    # A node just added opens with the cursor in the first of these its form shows.
    first_fields: tuple[str, ...] = ()
    # What a new test on an action in its conditions counts over (None: ever).
    event_window: str | None = None

    @property
    def icon_path(self) -> Path:
        return self.icon or ICONS_DIR / f"{self.kind}.svg"


LOOKS: Registry[KindLook] = Registry("look of node kind", lambda look: look.kind)
register_look, unregister_look, look_for = LOOKS.register, LOOKS.unregister, LOOKS.get


def looks() -> dict[str, KindLook]:
    return {look.kind: look for look in LOOKS.items()}


def accent(kind: str) -> QColor:
    return QColor(look_for(kind).accent)


def fill(kind: str) -> QColor:
    return QColor(look_for(kind).fill)


def add_menu_entries(kind: str) -> list[tuple[str, Callable[[Any], dict] | None]]:
    """(translated name, config given the catalog or None) of each entry the "+" menu
    offers for `kind`; a kind without presets is offered once, by its own name."""
    presets = look_for(kind).presets
    if not presets:
        return [(kind_label(kind, i18n.current_language()), None)]
    return [(QCoreApplication.translate(ADD_MENU_CONTEXT, p.label), p.config) for p in presets]


def palette_text(kind: str) -> str:
    return QCoreApplication.translate(PALETTE_CONTEXT, look_for(kind).palette_text)


def outlet_display_name(kind: str, outlet: str) -> str:
    """A fixed outlet's translated name; branch paths and split variants carry
    names people typed, shown as they are."""
    source = look_for(kind).outlet_names.get(outlet)
    return QCoreApplication.translate(OUTLET_CONTEXT, source) if source else outlet


_ICONS: dict[str, QIcon] = {}
_PIXMAPS: dict[str, QPixmap] = {}
LOOKS.changed.append(_ICONS.clear)
LOOKS.changed.append(_PIXMAPS.clear)


def kind_icon(kind: str) -> QIcon:
    if kind not in _ICONS:
        _ICONS[kind] = QIcon(str(look_for(kind).icon_path))
    return _ICONS[kind]


def kind_pixmap(kind: str) -> QPixmap:
    """The kind's icon rendered once, large enough to stay sharp up to 200% zoom."""
    if kind not in _PIXMAPS:
        _PIXMAPS[kind] = kind_icon(kind).pixmap(72, 72)
    return _PIXMAPS[kind]


def _wait_for_first_event(catalog) -> dict:
    # The inspector's switch to "for an event" starts on the catalog's first event too.
    first = next(iter(catalog.events), "")
    return {"type": "for_event", "event": first, "timeout": {"amount": 1, "unit": "days"}}


for _look in (
    KindLook("trigger", "#3f7d58", "#eef6f0",
             QT_TRANSLATE_NOOP("PaletteWidget",
                               "Starts the journey: an event, a date or a schedule"),
             estimated_field="audience", first_fields=("event",)),
    KindLook("filter", "#4a6fa5", "#edf2f9",
             QT_TRANSLATE_NOOP("PaletteWidget", "Lets through only the customers who match"),
             {"next": NEXT, "rejected": QT_TRANSLATE_NOOP("Outlets", "Not matched")},
             estimated_field="condition", first_fields=("condition",)),
    KindLook("wait", "#8a7a3c", "#f8f5e9",
             QT_TRANSLATE_NOOP("PaletteWidget", "Waits for a time, a date or an event"),
             {"next": NEXT, "event": QT_TRANSLATE_NOOP("Outlets", "Event happened"),
              "timeout": QT_TRANSLATE_NOOP("Outlets", "Timed out")},
             presets=(Preset(QT_TRANSLATE_NOOP("AddMenu", "Wait: a length of time")),
                      Preset(QT_TRANSLATE_NOOP("AddMenu", "Wait: for an action"),
                             _wait_for_first_event)),
             first_fields=("event", "duration", "time", "at")),
    KindLook("branch", "#7a5aa6", "#f3eff9",
             QT_TRANSLATE_NOOP("PaletteWidget",
                               "Sends each customer down the first path that matches"),
             {"else": QT_TRANSLATE_NOOP("Outlets", "Otherwise")}, first_fields=("paths",),
             # Paths ask what customers did since they entered (so every template does).
             event_window="since_entry"),
    KindLook("split", "#a3627a", "#f9eef2",
             QT_TRANSLATE_NOOP("PaletteWidget",
                               "Divides customers at random, e.g. for an A/B test"),
             {}, first_fields=("variants",)),
    KindLook("touch", "#2f7f8f", "#ebf5f7",
             QT_TRANSLATE_NOOP("PaletteWidget",
                               "Sends a message: SMS, push, e-mail, WeChat, call"),
             first_fields=("template",)),
    KindLook("reward", "#b0713a", "#fbf1e8",
             QT_TRANSLATE_NOOP("PaletteWidget", "Grants points, a coupon or another benefit"),
             {"next": NEXT, "exhausted": QT_TRANSLATE_NOOP("Outlets", "Out of budget")},
             presets=(Preset(QT_TRANSLATE_NOOP("AddMenu", "Reward: points")),
                      Preset(QT_TRANSLATE_NOOP("AddMenu", "Reward: coupon"),
                             lambda _catalog: {"benefit": "coupon", "amount": 1})),
             # A coupon's batch is what is left to fill; points need only their number.
             first_fields=("item", "amount")),
    KindLook("update", "#5f6b78", "#f0f2f4",
             QT_TRANSLATE_NOOP("PaletteWidget", "Sets customer attributes or tags"),
             first_fields=("set",)),
):
    register_look(_look)
