"""The main window: menus, toolbar, docks, files, clipboard, autosave, language."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from nodes import fileformat
from nodes.catalog import STANDARD_CATALOG
from nodes.errors import JourneyError
from nodes.kinds import kind_label, kind_names

from . import help_menu, i18n, saving, settings
from .autosave import Autosaver, find_orphans
from .document import JourneyDocument
from .find import FindBar
from .help_menu import GuideDock
from .inspector_host import InspectorHost
from .monitor.controller import OperateController
from .palette import PaletteWidget
from .quick_add import QuickAdd
from .review.controller import ReviewController
from .scene import JourneyScene
from .settings_dialog import SettingsDialog
from .store_status import StoreStatus
from .validation_panel import ValidationPanel
from .view import JourneyView
from .window_actions import create_actions, fill_menus, retranslate_actions

FRAGMENT_MIME = "application/x-journey-fragment"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"


def list_templates(folder: Path = TEMPLATES_DIR) -> list[tuple[str, Path]]:
    """(journey name, path) of each template, read from the file's `journey.name`."""
    found = []
    for path in sorted(folder.glob("*" + fileformat.SUFFIX)):
        try:
            name = json.loads(path.read_text(encoding="utf-8"))["journey"].get("name")
        except (OSError, ValueError, KeyError, AttributeError):
            continue  # a broken template is left out rather than breaking the menu
        found.append((name or path.name.removesuffix(fileformat.SUFFIX), path))
    return found


class MainWindow(QMainWindow):
    def __init__(self, lang: str | None = None, autosave_interval_ms: int = 60_000,
                 templates_dir: Path | None = None):
        super().__init__()
        self.lang = i18n.normalize(lang or i18n.current_language())
        self.templates_dir = templates_dir or TEMPLATES_DIR
        self.document = JourneyDocument(parent=self)
        self.scene = JourneyScene(self.document, self.lang, self)
        self.scene.set_snap(settings.snap_to_grid())
        self.view = JourneyView(self.scene, self)
        self.view.minimap.set_switched_on(settings.show_minimap())
        self.find_bar = FindBar(self.scene, self)
        self.find_bar.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view)
        self.setCentralWidget(central)

        self.palette = PaletteWidget(self)
        self.validation_panel = ValidationPanel(self)
        self.inspector = InspectorHost(self.document, self)
        self.palette_dock = self._dock("palette", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.validation_dock = self._dock("problems", self.validation_panel,
                                          Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock("inspector", self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.guide_dock = GuideDock.below(self.inspector_dock, self)  # Help ▸ User Guide
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.store_status = StoreStatus(self)  # the customer store and its catalog
        self.statusBar().addPermanentWidget(self.store_status.button)

        self.actions = create_actions(self)
        self.menus, self.toolbar = fill_menus(self)
        self.review = ReviewController(self)  # 审核 menu, status badge, comments dock
        self.operate = OperateController(self)  # 运营 menu: board, calendar, simulate, monitor
        self.validation_timer = QTimer(self, singleShot=True, interval=150)
        self.validation_timer.timeout.connect(self.refresh_after_edit)
        self.autosaver = Autosaver(self.document, autosave_interval_ms, self)
        self._paste_count = 0
        self.restored_windows: list[MainWindow] = []
        self._wire()
        self.quick_add = QuickAdd(self)  # "+" on outlets; a card just added is ready to fill
        self.retranslate_ui()
        self.read_settings()
        self.refresh_validation()
        self._selection_changed()  # the inspector starts on the journey's own settings

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _dock(self, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)  # saveState needs stable names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _wire(self) -> None:
        stack = self.document.undo_stack
        stack.cleanChanged.connect(self._clean_changed)
        stack.indexChanged.connect(self.validation_timer.start)
        self.document.reset.connect(self.refresh_validation)
        self.document.reset.connect(self.update_title)
        self.document.reset.connect(self._selection_changed)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.connection_refused.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.inspector.edit_refused.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.view.zoom_changed.connect(self._show_zoom)
        self.view.context_menu_requested.connect(self.show_context_menu)
        self.palette.kind_activated.connect(self._add_from_palette)
        self.validation_panel.node_activated.connect(self.show_node)
        self.find_bar.node_found.connect(self.show_node)

    # -- customer store ----------------------------------------------------------------

    @property
    def store(self):
        return self.store_status.store

    @property
    def catalog(self):
        """The connected store's catalog, else the standard one."""
        return self.store_status.catalog or STANDARD_CATALOG

    def connect_configured_store(self) -> None:
        self.store_status.connect_configured()

    def open_store_dialog(self):
        return self.store_status.open_dialog()

    # -- language --------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the whole interface; Qt's LanguageChange reaches the other windows."""
        self.lang = i18n.install(lang)
        self.retranslate_ui()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.lang = i18n.current_language()
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        retranslate_actions(self)
        self.palette_dock.setWindowTitle(self.tr("Steps"))
        self.validation_dock.setWindowTitle(self.tr("Problems"))
        self.inspector_dock.setWindowTitle(self.tr("Step settings"))
        self.store_status.retranslate_ui()
        self.review.retranslate_ui()
        self.operate.retranslate_ui()
        self.palette.retranslate_ui()
        self.find_bar.retranslate_ui()
        self.quick_add.start_button.retranslate_ui()
        self.guide_dock.set_language(self.lang)
        self.inspector.set_language(self.lang)
        self.scene.set_language(self.lang)
        self.refresh_validation()
        self._show_zoom(self.view.zoom())
        self.update_title()

    def update_title(self) -> None:
        name = Path(self.document.path).name if self.document.path else self.tr("Untitled")
        journey_name = self.document.journey.meta.name
        shown = f"{journey_name} ({name})" if journey_name else name
        user = settings.user_name()  # who comments and reviews from this window
        self.setWindowTitle(f"{shown}[*] — {user} — JourneyCanvas" if user
                            else f"{shown}[*] — JourneyCanvas")
        self.setWindowModified(self.document.is_modified())

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom %1%").replace("%1", str(round(zoom * 100))))

    # -- live validation -----------------------------------------------------------

    def refresh_after_edit(self) -> None:
        """Shortly after edits stop: re-check the journey and refresh the inspector."""
        self.refresh_validation()
        self.inspector.refresh()

    def refresh_validation(self) -> None:
        # A blank canvas is a beginning, not an error: its hint says what to do.
        blank = not self.document.journey.graph
        issues = [] if blank else self.document.issues(self.catalog)
        self.validation_panel.set_issues(issues, self.lang, blank=blank)
        self.store_status.show_pause()  # the store's own pause of this journey, if any
        self.scene.set_issues(issues)

    def show_node(self, node_id: str) -> None:
        item = self.scene.node_items.get(node_id)
        if item is not None:
            self.scene.select_nodes([node_id])
            self.view.centerOn(item)

    def _selection_changed(self) -> None:
        self.inspector.show_selection(self.scene.selected_node_ids())

    # -- files -----------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask before unsaved work would be lost; False means the user cancelled."""
        if not self.document.is_modified():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self, self.tr("Unsaved changes"),
            self.tr("This journey has changes that are not saved. Save them?"),
            buttons.Save | buttons.Discard | buttons.Cancel)
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def new_journey(self) -> None:
        if self.maybe_save():
            self.document.set_journey(fileformat.Journey())
            self.view.zoom_to_fit()  # an empty canvas: back to 100%

    def new_from_template(self, path: Path) -> None:
        if not self.maybe_save():
            return
        journey = self._load(path)
        if journey is not None:
            # A copy gets its own id so it never overwrites the template's runs.
            journey.meta = journey.meta.model_copy(
                update={"id": f"{journey.meta.id}-{uuid.uuid4().hex[:6]}"})
            self.document.set_journey(journey)
            self._fit_soon()

    def open_file(self, path: str | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open journey"), "", self.tr("Journeys (*.journey.json *.json)"))
            if not path:
                return False
        journey = self._load(Path(path))
        if journey is None:
            return False
        self.document.set_journey(journey, str(path))
        settings.add_recent_file(str(path))
        self._fit_soon()
        return True

    def _fit_soon(self) -> None:
        """Show the journey once the window has its final size (and again after the
        docks settle, which can happen a moment later on first start)."""
        self.view.show_start()
        QTimer.singleShot(0, self.view.show_start)

    def tidy_layout(self) -> None:
        """Tidy, then show the tidied journey readable (not just where the view was)."""
        self.document.auto_layout()
        self.view.show_start()

    def _add_from_palette(self, kind: str) -> None:
        """A double-clicked kind lands mid-view, below cards already there, selected."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        node_id = self.view.add_node_at(kind, centre, beside_others=True)
        self.scene.select_nodes([node_id])

    def _load(self, path: Path):
        try:
            return fileformat.load(path)
        except JourneyError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the journey"), exc.message(self.lang))
            return None

    def save(self) -> bool:
        return self.save_as(self.document.path) if self.document.path else self.save_as()

    def _proposed_path(self, suffix: str) -> str:
        """The journey's name as a file name, beside the file it was opened from."""
        name = saving.file_stem(self.document.journey) + suffix
        folder = Path(self.document.path).parent if self.document.path else None
        return str(folder / name) if folder else name

    def save_as(self, path: str | None = None) -> bool:
        self.inspector.panel.flush_typing()  # Ctrl+S straight after typing saves it too
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save journey"), self._proposed_path(fileformat.SUFFIX),
                self.tr("Journeys (*.journey.json)"))
            if not path:
                return False
        try:
            self.document.save(path)  # atomic: nodes.fileformat writes a temp file, then renames
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save the journey"), str(exc))
            return False
        self.autosaver.discard()
        settings.add_recent_file(str(path))
        self.update_title()
        self.statusBar().showMessage(self.tr("Saved"), 3000)
        return True

    def export(self, fmt: str, path: str | None = None) -> bool:
        from .export import export_journey

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export picture"), self._proposed_path(f".{fmt}"), f"*.{fmt}")
            if not path:
                return False
        export_journey(self.document.journey, path, fmt, self.lang)
        return True

    def offer_restore(self) -> bool:
        """After a crash: offer the unsaved work the last session left behind."""
        restored = False
        for orphan in find_orphans():
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore unsaved work?"),
                              self.tr("JourneyCanvas closed before this work was saved. "
                                      "Restore it?"), parent=self)
            restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
            box.setObjectName("restore_offer")
            box.exec()
            if box.clickedButton() is restore:
                try:
                    journey = orphan.load()
                except JourneyError as exc:
                    QMessageBox.warning(self, self.tr("Cannot open the journey"),
                                        exc.message(self.lang))
                    continue
                target = self if not restored else MainWindow(self.lang)
                if target is not self:
                    self.restored_windows.append(target)  # keep it alive
                target.document.set_journey(journey, orphan.origin)
                target.document.undo_stack.resetClean()  # restored work is still unsaved
                target.update_title()
                target.show()
                restored = True
            orphan.discard()
        return restored

    # -- editing ----------------------------------------------------------------------

    def undo(self) -> None:
        self.inspector.panel.flush_typing()  # what is still being typed is the last step
        self.document.undo_stack.undo()
        self.inspector.refresh(rebuild=True)  # the field being typed in shows it undone

    def redo(self) -> None:
        self.inspector.panel.flush_typing()
        self.document.undo_stack.redo()
        self.inspector.refresh(rebuild=True)

    def delete_selection(self) -> None:
        nodes, edges = self.scene.selected_node_ids(), self.scene.selected_edges()
        stack = self.document.undo_stack
        stack.beginMacro(QT_TRANSLATE_NOOP("commands", "Delete"))
        for source, outlet in edges:
            if source not in nodes:
                self.document.disconnect(source, outlet)
        self.document.remove_nodes(nodes)
        stack.endMacro()

    def cut_selection(self) -> None:
        if not self.scene.selected_node_ids():
            return
        self.copy_selection()
        stack = self.document.undo_stack
        stack.beginMacro(QT_TRANSLATE_NOOP("commands", "Cut"))
        self.delete_selection()
        stack.endMacro()

    def duplicate_selection(self) -> list[str]:
        """Copy the selected steps (and the lines between them) beside themselves,
        leaving the clipboard alone."""
        fragment = self.document.journey.copy_selection(self.scene.selected_node_ids())
        if not fragment["nodes"]:
            return []
        node_ids = self.document.paste(fragment, (40.0, 40.0),
                                       QT_TRANSLATE_NOOP("commands", "Duplicate"))
        self.scene.select_nodes(node_ids)
        return node_ids

    def copy_selection(self) -> None:
        fragment = self.document.journey.copy_selection(self.scene.selected_node_ids())
        if not fragment["nodes"]:
            return
        text = json.dumps(fragment, ensure_ascii=False)
        mime = QMimeData()
        mime.setData(FRAGMENT_MIME, text.encode("utf-8"))
        mime.setText(text)  # so it can be pasted into a chat or an issue as well
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_count = 0

    def paste(self) -> list[str]:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return []
        raw = bytes(mime.data(FRAGMENT_MIME)).decode("utf-8") if mime.hasFormat(
            FRAGMENT_MIME) else mime.text()
        try:
            fragment = json.loads(raw)
            self._paste_count += 1
            step = 40.0 * self._paste_count
            node_ids = self.document.paste(fragment, (step, step))
        except (ValueError, JourneyError) as exc:
            message = exc.message(self.lang) if isinstance(exc, JourneyError) else str(exc)
            self.statusBar().showMessage(
                self.tr("Nothing to paste: %1").replace("%1", message), 6000)
            return []
        self.scene.select_nodes(node_ids)
        pasted = [self.scene.node_items[n].sceneBoundingRect() for n in node_ids]
        if pasted:  # steps from another window may sit far from what this one shows
            area = pasted[0]
            for rect in pasted[1:]:
                area = area.united(rect)
            self.view.ensureVisible(area, 40, 40)
        return node_ids

    def select_all(self) -> None:
        self.scene.select_nodes(self.scene.node_items)

    def toggle_snap(self, on: bool) -> None:
        settings.set_snap_to_grid(on)
        self.scene.set_snap(on)

    def show_guide(self) -> GuideDock:
        self.guide_dock.open()
        return self.guide_dock

    def show_about(self) -> QMessageBox:
        return help_menu.show_about(self)

    def toggle_minimap(self, on: bool) -> None:
        settings.set_show_minimap(on)
        self.view.minimap.set_switched_on(on)

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog))
        dialog.open()
        return dialog

    def apply_settings(self, dialog: SettingsDialog) -> None:
        chosen = dialog.chosen_language()
        settings.set_language_override(chosen)
        settings.set_user_name(dialog.user_name.text())
        settings.set_message_price("sms", dialog.sms_price.value())
        settings.set_show_customer_details(dialog.show_details.isChecked())
        self.actions["snap"].setChecked(dialog.snap.isChecked())
        self.set_language(chosen or i18n.system_language())

    def show_context_menu(self, global_pos, scene_pos: QPointF) -> QMenu:
        menu = QMenu(self)
        item = self.scene.itemAt(scene_pos, self.view.transform())
        if item is not None and not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        if self.scene.selectedItems():
            menu.addAction(self.actions["cut"])
            menu.addAction(self.actions["copy"])
            menu.addAction(self.actions["duplicate"])
            menu.addAction(self.actions["delete"])
            self.operate.extend_context_menu(menu, self.scene.selected_node_ids())
        else:
            add = QMenu(self.tr("Add step here"), menu)
            menu.addMenu(add)
            for kind in kind_names():
                action = add.addAction(kind_label(kind, self.lang))
                action.triggered.connect(
                    lambda _=False, k=kind: self.view.add_node_at(k, scene_pos))
            menu.addAction(self.actions["paste"])
            menu.addAction(self.actions["layout"])
        menu.popup(global_pos)
        return menu

    # -- window state -------------------------------------------------------------------

    def read_settings(self) -> None:
        geometry, state = settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        if state is not None:
            self.restoreState(state)
        else:  # first start: room for the inspector's forms, the palette stays narrow
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        self.resizeDocks([self.palette_dock, self.inspector_dock], [230, 440],
                         Qt.Orientation.Horizontal)
        # The comments dock below: low, so the canvas keeps most of the height.
        self.resizeDocks([self.review.dock], [170], Qt.Orientation.Vertical)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        settings.save_window_state(self.saveGeometry(), self.saveState())
        self.store_status.close()
        self.autosaver.close()
        event.accept()

    def recent_menu_about_to_show(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        files = settings.recent_files()
        for path in files:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not files:
            menu.addAction(self.tr("No recent files")).setEnabled(False)

    def templates_menu_about_to_show(self) -> None:
        menu = self.menus["templates"]
        menu.clear()
        templates = list_templates(self.templates_dir)
        for name, path in templates:
            action = menu.addAction(name)
            action.triggered.connect(lambda _=False, p=path: self.new_from_template(p))
        if not templates:
            menu.addAction(self.tr("No templates found")).setEnabled(False)

