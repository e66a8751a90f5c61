"""The plan board's rows (runtime.api.plan_board) as a Qt table model: text to
read, raw values to sort by, a sparkline pixmap for the last 14 days."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from nodes.approval import status_name
from nodes.describe import channel_label

from .charts import sparkline_pixmap

CONTEXT = "PlanBoard"
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("PlanBoard", "Journey")),
    ("status", QT_TRANSLATE_NOOP("PlanBoard", "Status")),
    ("trigger", QT_TRANSLATE_NOOP("PlanBoard", "Trigger")),
    ("channels", QT_TRANSLATE_NOOP("PlanBoard", "Channels")),
    ("window", QT_TRANSLATE_NOOP("PlanBoard", "Window")),
    ("owner", QT_TRANSLATE_NOOP("PlanBoard", "Owner")),
    ("last_change", QT_TRANSLATE_NOOP("PlanBoard", "Last change")),
    ("entered", QT_TRANSLATE_NOOP("PlanBoard", "Entered")),
    ("active", QT_TRANSLATE_NOOP("PlanBoard", "Active")),
    ("completed", QT_TRANSLATE_NOOP("PlanBoard", "Completed")),
    ("converted", QT_TRANSLATE_NOOP("PlanBoard", "Converted")),
    ("conversion_rate", QT_TRANSLATE_NOOP("PlanBoard", "Rate")),
    ("sent", QT_TRANSLATE_NOOP("PlanBoard", "Sent")),
    ("suppressed", QT_TRANSLATE_NOOP("PlanBoard", "Held back")),
    ("sparkline", QT_TRANSLATE_NOOP("PlanBoard", "Last 14 days")),
)
TRIGGERS = {"event": QT_TRANSLATE_NOOP("PlanBoard", "event"),
            "schedule": QT_TRANSLATE_NOOP("PlanBoard", "once"),
            "recurring": QT_TRANSLATE_NOOP("PlanBoard", "recurring"),
            "key_date": QT_TRANSLATE_NOOP("PlanBoard", "key date")}
REASONS = {"frequency_cap": QT_TRANSLATE_NOOP("PlanBoard", "cap"),
           "no_consent": QT_TRANSLATE_NOOP("PlanBoard", "no consent"),
           "paused": QT_TRANSLATE_NOOP("PlanBoard", "paused")}
NUMBERS = {"entered", "active", "completed", "converted", "conversion_rate", "sent",
           "suppressed"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dict
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NO_PARENT = QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class BoardModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.lang = "en"
        self.zone = None
        self._sparks: dict[int, Any] = {}

    def set_rows(self, rows: list[dict[str, Any]], lang: str, zone=None) -> None:
        """`zone`: the store's timezone, for the last-change times."""
        self.beginResetModel()
        self.rows, self.lang, self._sparks, self.zone = rows, lang, {}, zone
        self.endResetModel()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(COLUMNS) - 1))

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], COLUMNS[index.column()][0]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._sort_value(row, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "sparkline" and row.get("sparkline"):
            if index.row() not in self._sparks:
                self._sparks[index.row()] = sparkline_pixmap(row["sparkline"])
            return self._sparks[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.get("error"):
                return row["error"]["zh" if self.lang.startswith("zh") else "en"]
            if key == "sparkline" and row.get("sparkline"):
                return QCoreApplication.translate("PlanBoard", "Entries per day: %1").replace(
                    "%1", ", ".join(str(n) for n in row["sparkline"]))
            return row.get("path") or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _sort_value(self, row: dict[str, Any], key: str) -> Any:
        value = row.get(key)
        if key == "suppressed":
            return sum((value or {}).values())
        if key == "sparkline":
            return sum(value or [])
        if key in NUMBERS or key == "last_change":
            return -1 if value is None else value
        return self.text(row, key)

    def text(self, row: dict[str, Any], key: str) -> str:
        value = row.get(key)
        if row.get("error") and key not in ("name",):
            return (QCoreApplication.translate("PlanBoard", "cannot be read") if key == "status"
                    else "")
        if key == "name":
            return row.get("name") or row["journey"]
        if key == "status":
            return _capital(status_name(value, self.lang)) if value else ""
        if key == "trigger":
            return ", ".join(_tr(TRIGGERS.get(t, t)) for t in value or [])
        if key == "channels":
            return ", ".join(channel_label(c, self.lang) for c in value or [])
        if key == "window":
            start, end = (value or {}).get("start"), (value or {}).get("end")
            if not start and not end:
                return ""
            return f"{(start or '')[:10]} – {(end or '')[:10]}"
        if key == "last_change":
            return datetime.fromtimestamp(value, self.zone).strftime("%Y-%m-%d %H:%M") if value else ""
        if row.get("source") != "store" and key in NUMBERS:
            return ""
        if key == "conversion_rate":
            return f"{100 * value:.1f}%" if value is not None else "—"
        if key == "suppressed":
            return ", ".join(f"{_tr(REASONS.get(r, r))} {n:,}" for r, n in (value or {}).items())
        if key == "sparkline":
            return ""
        if isinstance(value, int):
            return f"{value:,}"
        return "" if value is None else str(value)


def _capital(text: str) -> str:
    """"published" → "Published" (a table cell starts like a sentence); Chinese as is."""
    return text[:1].upper() + text[1:]


class BoardFilter(QSortFilterProxyModel):
    """Rows whose status is `status` (None: all) and whose name, id or owner
    contains the search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str | None) -> None:
        self._refilter(lambda: setattr(self, "status", status))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "search", text.strip().lower()))

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 on; invalidateFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row = self.sourceModel().rows[source_row]
        if self.status is not None and row.get("status") != self.status:
            return False
        if not self.search:
            return True
        haystack = " ".join(str(row.get(k) or "") for k in ("name", "journey", "owner")).lower()
        return self.search in haystack
