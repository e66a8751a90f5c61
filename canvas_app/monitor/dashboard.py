"""运营计划看板 (Plan Board): every journey of the connected store and of a
chosen folder, with the published ones' numbers; open, pause and resume from
the row. The store is read off the GUI thread (runtime.api.plan_board)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nodes.approval import status_name

from .background import Task
from .common import (
    ProgressRow,
    in_store,
    scratch_file,
    set_dock_title,
    shown_dock,
    store_url,
    store_zone,
)
from .dashboard_model import ROW_ROLE, BoardFilter, BoardModel

STATUSES = ("draft", "in_review", "changes_requested", "approved", "published", "paused",
            "ended")


def install(controller) -> None:
    controller.add_action(
        "board", QT_TRANSLATE_NOOP("OperateMenu", "Plan &Board"),
        QT_TRANSLATE_NOOP("OperateMenu", "Every journey with its status and numbers"),
        lambda: open_board(controller.window))


def open_board(window) -> BoardPanel:
    panel = shown_dock(window, "board_dock", BoardPanel)
    panel.refresh()
    return panel


def _board(url: str, folder: str | None) -> list[dict[str, Any]]:
    from runtime import api

    if not url:
        return api.plan_board(None, folder=folder)
    return in_store(url, api.plan_board, folder=folder)


def _change_state(store, journey_id: str, verb: str, skip_missed: bool) -> list[int]:
    from runtime import api

    if verb == "pause":
        return api.pause_journey(store, journey_id)
    return api.resume_journey(store, journey_id, skip_missed_touches=skip_missed)


class BoardPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.folder: str | None = None
        self.task: Task | None = None
        self._again = False
        self.model = BoardModel(self)
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("board_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)  # its hint stays readable in a narrow dock
        self.search.textChanged.connect(lambda text: (self.proxy.set_search(text),
                                                      self._count()))
        self.status = QComboBox(self)
        self.status.setObjectName("board_status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status.currentIndexChanged.connect(
            lambda _i: (self.proxy.set_status(self.status.currentData()), self._count()))
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(self.choose_folder)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.pause_button = QPushButton(self)
        self.pause_button.clicked.connect(lambda: self.change_selected("pause"))
        self.resume_button = QPushButton(self)
        self.resume_button.clicked.connect(lambda: self.change_selected("resume"))
        for widget in (self.search, self.status, self.folder_button, self.refresh_button,
                       self.open_button, self.pause_button, self.resume_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("board_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableView(self)
        self.table.setObjectName("board_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(96, 22))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)  # a sparkline row is no taller
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        set_dock_title(self, self.tr("Plan Board"))
        self.search.setPlaceholderText(self.tr("Search name, id or owner"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status.addItem(status_name(status, self.window.lang), status)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.folder_button.setText(self.tr("Folder…"))
        self.folder_button.setToolTip(self.tr("Also list the journey files of a folder"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.open_button.setText(self.tr("Open"))
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.progress.retranslate_ui()
        self.model.retranslate(self.window.lang)
        self._enable()

    # -- loading -----------------------------------------------------------------------

    def refresh(self) -> Task | None:
        url = store_url(self.window) or ""
        if not url and not self.folder:
            self.message.setText(self.tr("Connect a customer store (File ▸ Customer Store…) "
                                         "or choose a folder of journey files."))
            return None
        if self.task is not None and not self.task.done:
            self._again = True  # asked again meanwhile (another folder, a pause): read once more
            return self.task
        self._again = False
        self.task = Task(_board, url, self.folder, parent=self)
        self.task.finished.connect(self._loaded)
        self.task.failed.connect(lambda problem: self.message.setText(
            self.tr("The board could not be read: %1").replace("%1", problem)))
        self.progress.follow(self.task, self.tr("Reading the store…"), cancellable=False)
        return self.task.start()

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        selected = self.selected_row()
        self.model.set_rows(rows, self.window.lang, store_zone(self.window))
        self.table.resizeColumnsToContents()
        self._count()
        if selected is not None:
            self.select(selected["journey"])
        self._enable()
        if self._again:
            self.refresh()

    def _count(self) -> None:
        rows = self.model.rows
        if not rows:
            self.message.setText(self.tr("No journeys yet: publish one to this store, or choose "
                                         "a folder of journey files."))
            return
        shown = self.proxy.rowCount()
        if shown < len(rows):
            self.message.setText(self.tr("%1 of %2 journeys shown.")
                                 .replace("%1", str(shown)).replace("%2", str(len(rows))))
            return
        live = sum(1 for r in rows if r.get("status") in ("published", "paused"))
        self.message.setText(self.tr("%1 journeys, %2 of them published.")
                             .replace("%1", str(len(rows))).replace("%2", str(live)))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of journey files"),
                                                  self.folder or str(Path.home()))
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> Task | None:
        self.folder = folder
        return self.refresh()

    # -- the selected row --------------------------------------------------------------

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, journey_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ROW_ROLE)["journey"] == journey_id:
                self.table.selectRow(r)
                return True
        return False

    def _enable(self) -> None:
        row = self.selected_row()
        in_store = row is not None and row.get("source") == "store"
        self.open_button.setEnabled(row is not None and not row.get("error"))
        self.pause_button.setEnabled(in_store and row.get("status") == "published")
        self.resume_button.setEnabled(in_store and row.get("status") == "paused")

    def open_selected(self) -> bool:
        row = self.selected_row()
        if row is None or row.get("error"):
            return False
        if row.get("path"):
            return self.window.open_file(row["path"])
        return self._open_from_store(row["journey"])

    def _open_from_store(self, journey_id: str) -> bool:
        """A journey only in the store opens as a copy of its newest published version."""
        from nodes import fileformat

        store = self.window.store
        version = store.journey_version(journey_id) if store is not None else None
        if version is None:
            return False
        path = scratch_file(fileformat.loads(version.document),
                            f"{journey_id}.v{version.version}.journey.json")
        return self.window.open_file(str(path))

    def ask(self, verb: str, row: dict[str, Any]) -> tuple[bool, bool]:
        """The operator's go-ahead: (go on, skip the touches missed while paused)."""
        name = row.get("name") or row["journey"]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        if verb == "pause":
            box.setText(self.tr("Pause “%1”? No one enters and every step waits until it is "
                                "resumed.").replace("%1", name))
            go = box.addButton(self.tr("Pause"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            return box.clickedButton() is go, False
        box.setText(self.tr("Resume “%1”. Touches that fell due while it was paused:")
                    .replace("%1", name))
        late = box.addButton(self.tr("Send them now"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(self.tr("Skip them"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() in (late, skip), box.clickedButton() is skip

    def change_selected(self, verb: str) -> Task | None:
        row, url = self.selected_row(), store_url(self.window)
        if row is None or url is None:
            return None
        go, skip_missed = self.ask(verb, row)
        if not go:
            return None
        task = Task(in_store, url, _change_state, row["journey"], verb, skip_missed, parent=self)
        task.finished.connect(lambda _versions: self.refresh())
        task.failed.connect(lambda problem: self.message.setText(problem))
        return task.start()
