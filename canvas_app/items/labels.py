"""Display names of the fixed outlets (path and variant names are the user's own)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

OUTLET_NAMES = {
    "next": QT_TRANSLATE_NOOP("Outlets", "Next"),
    "rejected": QT_TRANSLATE_NOOP("Outlets", "Not matched"),
    "exhausted": QT_TRANSLATE_NOOP("Outlets", "Out of budget"),
    "else": QT_TRANSLATE_NOOP("Outlets", "Otherwise"),
    "event": QT_TRANSLATE_NOOP("Outlets", "Event happened"),
    "timeout": QT_TRANSLATE_NOOP("Outlets", "Timed out"),
}


def outlet_display_name(kind: str, outlet: str) -> str:
    # Branch paths and split variants carry names people typed; show them as they are.
    if kind in ("branch", "split") and outlet != "else":
        return outlet
    source = OUTLET_NAMES.get(outlet)
    return QCoreApplication.translate("Outlets", source) if source else outlet
