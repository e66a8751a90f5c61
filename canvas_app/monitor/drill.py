"""Drill-down: the customers behind a node's or an outlet's number, as a table
(names and phones masked unless the setting says otherwise), exported as CSV
or tagged; pick one to read her path through the journey with the reason for
every decision. Opened from a card's right-click menu."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from canvas_app import settings
from canvas_app.look import outlet_display_name

from .background import Task
from .common import ProgressRow, in_store, local_time, store_url, store_zone

PAGE = 500
NO_PARENT = QModelIndex()
HEADERS = {"customer_id": QT_TRANSLATE_NOOP("CustomerDrill", "Customer"),
           "name": QT_TRANSLATE_NOOP("CustomerDrill", "Name"),
           "phone": QT_TRANSLATE_NOOP("CustomerDrill", "Phone"),
           "email": QT_TRANSLATE_NOOP("CustomerDrill", "Email"),
           "status": QT_TRANSLATE_NOOP("CustomerDrill", "Status"),
           "node_id": QT_TRANSLATE_NOOP("CustomerDrill", "Now at"),
           "entered_at": QT_TRANSLATE_NOOP("CustomerDrill", "Entered"),
           "passed_at": QT_TRANSLATE_NOOP("CustomerDrill", "Passed the step"),
           "due_at": QT_TRANSLATE_NOOP("CustomerDrill", "Moves on at")}


def install(controller) -> None:
    """A card's right-click menu gains \"Customers here…\"."""
    def hook(menu, node_ids: list[str]) -> None:
        if len(node_ids) != 1:
            return
        action = menu.addAction(QCoreApplication.translate("CustomerDrill", "Customers here…"))
        action.setObjectName("drill_customers")
        action.triggered.connect(lambda: open_drill(controller.window, node_ids[0]))
    controller.on_context_menu(hook)


def open_drill(window, node_id: str, outlet: str | None = None) -> DrillDialog:
    dialog = DrillDialog(window, node_id, outlet)
    dialog.show()
    dialog.load()
    return dialog


def _call(fn_name: str, url: str, *args: Any, **kwargs: Any) -> Any:
    """runtime.api's `fn_name` on a store opened for the call."""
    from runtime import api

    return in_store(url, getattr(api, fn_name), *args, **kwargs)


STATUSES = {"active": QT_TRANSLATE_NOOP("CustomerDrill", "in the journey"),
            "completed": QT_TRANSLATE_NOOP("CustomerDrill", "completed"),
            "exited": QT_TRANSLATE_NOOP("CustomerDrill", "left early")}


class CustomersModel(QAbstractTableModel):
    def __init__(self, journey, zone, parent=None) -> None:
        super().__init__(parent)
        self.journey, self.zone = journey, zone
        self.columns: list[str] = []
        self.rows: list[dict[str, Any]] = []

    def set_page(self, columns: list[str], rows: list[dict[str, Any]], append: bool) -> None:
        self.beginResetModel()
        self.columns = [c for c in columns if c in HEADERS]
        self.rows = (self.rows + rows) if append else rows
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CustomerDrill", HEADERS[self.columns[section]])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.columns[index.column()]
        value = self.rows[index.row()].get(column)
        if column in ("entered_at", "passed_at", "due_at"):
            return local_time(value, self.zone)
        if column == "status" and value in STATUSES:
            return QCoreApplication.translate("CustomerDrill", STATUSES[value])
        if column == "node_id" and value in self.journey:
            return self.journey.label(value) or value
        return "" if value is None else str(value)


class DrillDialog(QDialog):
    def __init__(self, window, node_id: str, outlet: str | None = None) -> None:
        super().__init__(window)
        self.setObjectName("drill_dialog")
        self.window_ = window
        self.journey = window.document.journey
        self.node_id = node_id
        self.total = 0
        self.tasks: list[Task] = []
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.where = QComboBox(self)
        self.where.setObjectName("drill_where")
        row.addWidget(self.where, 1)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.export())  # not `checked` as a path
        self.tag_button = QPushButton(self)
        self.tag_button.clicked.connect(lambda: self.add_tag())
        self.more_button = QPushButton(self)
        self.more_button.clicked.connect(lambda: self.load(more=True))
        for widget in (self.more_button, self.export_button, self.tag_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("drill_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.zone = store_zone(window)
        self.model = CustomersModel(self.journey, self.zone, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.show_path(
            cur.row()))
        self.path = QTreeWidget(split)
        self.path.setObjectName("drill_path")
        self.path.setColumnCount(3)
        self.path.setWordWrap(True)
        self.path.header().setStretchLastSection(True)  # the reason wraps in what is left
        split.setSizes([560, 440])
        layout.addWidget(split, 1)
        self._fill_where(outlet)
        self.where.currentIndexChanged.connect(lambda _i: self.load())
        self.retranslate_ui()

    def _fill_where(self, outlet: str | None) -> None:
        label = self.journey.label(self.node_id) or self.node_id
        self.where.addItem(self.tr("Reached “%1”").replace("%1", label), "reached")
        self.where.addItem(self.tr("Waiting at “%1” now").replace("%1", label), "waiting")
        kind = self.journey.kind(self.node_id)
        for name in self.journey.outlets(self.node_id):
            self.where.addItem(self.tr("Left “%1” by “%2”").replace("%1", label)
                               .replace("%2", outlet_display_name(kind, name)), f"outlet:{name}")
        if outlet is not None:
            self.where.setCurrentIndex(max(0, self.where.findData(f"outlet:{outlet}")))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customers — %1").replace(
            "%1", self.journey.meta.name or self.journey.id))
        self.export_button.setText(self.tr("Export CSV…"))
        self.tag_button.setText(self.tr("Add tag…"))
        self.tag_button.setToolTip(self.tr("Add a tag to the selected customers (all shown, "
                                           "when none is selected)"))
        self.more_button.setText(self.tr("Show more"))
        self.path.setHeaderLabels([self.tr("When"), self.tr("Step"), self.tr("Why")])

    # -- the table ---------------------------------------------------------------------

    def _options(self) -> dict[str, Any]:
        what = self.where.currentData() or "reached"
        outlet = what.split(":", 1)[1] if what.startswith("outlet:") else None
        return {"outlet": outlet, "waiting": what == "waiting",
                "unmasked": settings.show_customer_details()}

    def _run(self, fn, *args: Any, done, text: str, progress: bool = False, **kw: Any) -> Task:
        task = Task(fn, *args, progress=progress, parent=self, **kw)
        task.finished.connect(done)
        task.failed.connect(lambda problem: self.message.setText(problem))
        self.tasks.append(task)
        self.progress.follow(task, text, cancellable=progress)
        return task.start()

    def load(self, more: bool = False) -> Task | None:
        url = store_url(self.window_)
        if url is None:
            self.message.setText(self.tr("Connect the customer store the journey runs in "
                                         "first."))
            return None
        offset = len(self.model.rows) if more else 0
        return self._run(_call, "customers_at", url, self.journey.id, self.node_id,
                         limit=PAGE, offset=offset, **self._options(),
                         done=lambda page: self._loaded(page, more),
                         text=self.tr("Finding the customers…"))

    def _loaded(self, page: dict[str, Any], more: bool) -> None:
        self.total = page["total"]
        self.model.set_page(page["columns"], page["rows"], append=more)
        self.table.resizeColumnsToContents()
        shown = len(self.model.rows)
        text = self.tr("%1 of %2 shown.").replace("%1", f"{shown:,}").replace(
            "%2", f"{self.total:,}")
        if page["masked"]:
            text += " " + self.tr("Names and phone numbers are masked; Settings can show them "
                                  "in full.")
        self.message.setText(text)
        self.more_button.setEnabled(shown < self.total)
        self.export_button.setEnabled(self.total > 0)
        self.tag_button.setEnabled(self.total > 0)

    # -- export and tag ----------------------------------------------------------------

    def export(self, path: str | None = None) -> Task | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export customers"),
                                                  f"{self.journey.id}-{self.node_id}.csv",
                                                  self.tr("CSV files (*.csv)"))
        if not path:
            return None
        return self._run(_call, "export_customers_at", store_url(self.window_), self.journey.id,
                         self.node_id, path, **self._options(), progress=True,
                         text=self.tr("Exporting…"),
                         done=lambda n: self.message.setText(
                             self.tr("Exported %1 customers to %2.").replace("%1", f"{n:,}")
                             .replace("%2", path)))

    def selected_ids(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        chosen = [self.model.rows[r] for r in sorted(rows)] or self.model.rows
        return sorted({r["customer_id"] for r in chosen})

    def add_tag(self, tag: str | None = None) -> Task | None:
        ids = self.selected_ids()
        if not ids:
            return None
        if tag is None:
            tag, ok = QInputDialog.getText(self, self.tr("Add tag"), self.tr(
                "Tag for %1 customers:").replace("%1", f"{len(ids):,}"))
            if not ok:
                return None
        from runtime.api import TagRefused

        lang = self.window_.lang

        def tag_them(url: str) -> Any:
            try:
                return _call("tag_customers", url, ids, tag)
            except TagRefused as exc:
                return exc.message(lang)
        return self._run(tag_them, store_url(self.window_), text=self.tr("Tagging…"),
                         done=self._tagged)

    def _tagged(self, result: Any) -> None:
        if isinstance(result, str):
            self.message.setText(result)
        else:
            self.message.setText(self.tr("%1 customers got the tag.").replace("%1",
                                                                              f"{result:,}"))

    # -- one customer's path -----------------------------------------------------------

    def show_path(self, row: int) -> Task | None:
        if not 0 <= row < len(self.model.rows):
            return None
        customer = self.model.rows[row]["customer_id"]
        return self._run(_call, "customer_path", store_url(self.window_), self.journey.id,
                         customer, lang=self.window_.lang, done=self._path_loaded,
                         text=self.tr("Reading her path…"))

    def _path_loaded(self, enrollments: list[dict[str, Any]]) -> None:
        self.path.clear()
        for enrollment in enrollments:
            top = QTreeWidgetItem(self.path, [
                local_time(enrollment["entered_at"], self.zone),
                self.tr("Entry (version %1)").replace("%1", str(enrollment["version"])), ""])
            for step in enrollment["steps"]:
                item = QTreeWidgetItem(top, [
                    local_time(step["at"], self.zone, "%m-%d %H:%M"),
                    step["label"], step["reason"]])
                item.setToolTip(2, step["reason"])
            top.setExpanded(True)
        for column in (0, 1):
            self.path.resizeColumnToContents(column)
