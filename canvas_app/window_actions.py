"""The main window's actions, menus and toolbar, with their translatable texts."""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar
from shiboken6 import isValid

Key = QKeySequence.StandardKey

# name: (text, status tip). Kept as source strings; translated when shown.
TEXTS = {
    "new": (QT_TRANSLATE_NOOP("MainWindow", "&New"),
            QT_TRANSLATE_NOOP("MainWindow", "Start a new, empty journey")),
    "open": (QT_TRANSLATE_NOOP("MainWindow", "&Open…"),
             QT_TRANSLATE_NOOP("MainWindow", "Open a journey file")),
    "save": (QT_TRANSLATE_NOOP("MainWindow", "&Save"),
             QT_TRANSLATE_NOOP("MainWindow", "Save the journey")),
    "save_as": (QT_TRANSLATE_NOOP("MainWindow", "Save &As…"),
                QT_TRANSLATE_NOOP("MainWindow", "Save the journey under a new name")),
    "compare": (QT_TRANSLATE_NOOP("MainWindow", "Co&mpare with…"),
                QT_TRANSLATE_NOOP("MainWindow", "Show what changed between another journey "
                                  "file and this one, on the canvas")),
    "compare_published": (QT_TRANSLATE_NOOP("MainWindow", "Compare with &Published Version…"),
                          QT_TRANSLATE_NOOP("MainWindow", "Show what changed between a version "
                                            "published in the customer store and this one")),
    "export_png": (QT_TRANSLATE_NOOP("MainWindow", "Picture (PNG)…"),
                   QT_TRANSLATE_NOOP("MainWindow", "Export the canvas as a PNG picture")),
    "export_svg": (QT_TRANSLATE_NOOP("MainWindow", "Drawing (SVG)…"),
                   QT_TRANSLATE_NOOP("MainWindow", "Export the canvas as an SVG drawing")),
    "export_pdf": (QT_TRANSLATE_NOOP("MainWindow", "Document (PDF)…"),
                   QT_TRANSLATE_NOOP("MainWindow", "Export the canvas as a PDF document")),
    "export_review_pack": (QT_TRANSLATE_NOOP("MainWindow", "Review Pack (PDF)…"),
                           QT_TRANSLATE_NOOP("MainWindow", "One PDF for reviewers: the canvas, "
                                             "every step in plain words, the checks, the "
                                             "changes since the approval, comments and "
                                             "history")),
    "settings": (QT_TRANSLATE_NOOP("MainWindow", "Settin&gs…"),
                 QT_TRANSLATE_NOOP("MainWindow", "Language and editing settings")),
    "quit": (QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
             QT_TRANSLATE_NOOP("MainWindow", "Close the window")),
    "undo": (QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
             QT_TRANSLATE_NOOP("MainWindow", "Undo the last change")),
    "redo": (QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
             QT_TRANSLATE_NOOP("MainWindow", "Redo the change you undid")),
    "cut": (QT_TRANSLATE_NOOP("MainWindow", "Cu&t"),
            QT_TRANSLATE_NOOP("MainWindow", "Cut the selected steps")),
    "duplicate": (QT_TRANSLATE_NOOP("MainWindow", "Dup&licate"),
                  QT_TRANSLATE_NOOP("MainWindow", "Make a copy of the selected steps")),
    "connect_store": (QT_TRANSLATE_NOOP("MainWindow", "Connect to &Customer Store…"),
                      QT_TRANSLATE_NOOP("MainWindow", "Choose the customer store used for "
                                        "checking conditions and estimating audiences")),
    "copy": (QT_TRANSLATE_NOOP("MainWindow", "&Copy"),
             QT_TRANSLATE_NOOP("MainWindow", "Copy the selected steps")),
    "paste": (QT_TRANSLATE_NOOP("MainWindow", "&Paste"),
              QT_TRANSLATE_NOOP("MainWindow", "Paste copied steps")),
    "delete": (QT_TRANSLATE_NOOP("MainWindow", "&Delete"),
               QT_TRANSLATE_NOOP("MainWindow", "Delete the selected steps and lines")),
    "select_all": (QT_TRANSLATE_NOOP("MainWindow", "Select &All"),
                   QT_TRANSLATE_NOOP("MainWindow", "Select every step")),
    "find": (QT_TRANSLATE_NOOP("MainWindow", "&Find…"),
             QT_TRANSLATE_NOOP("MainWindow", "Find a step by name or summary")),
    "layout": (QT_TRANSLATE_NOOP("MainWindow", "Tid&y Layout"),
               QT_TRANSLATE_NOOP("MainWindow", "Arrange the steps from left to right")),
    "zoom_in": (QT_TRANSLATE_NOOP("MainWindow", "Zoom &In"),
                QT_TRANSLATE_NOOP("MainWindow", "Make the canvas bigger")),
    "zoom_out": (QT_TRANSLATE_NOOP("MainWindow", "Zoom &Out"),
                 QT_TRANSLATE_NOOP("MainWindow", "Make the canvas smaller")),
    "zoom_fit": (QT_TRANSLATE_NOOP("MainWindow", "Zoom to &Fit"),
                 QT_TRANSLATE_NOOP("MainWindow", "Show the whole journey")),
    "zoom_reset": (QT_TRANSLATE_NOOP("MainWindow", "&Actual Size"),
                   QT_TRANSLATE_NOOP("MainWindow", "Show the canvas at 100%")),
    "snap": (QT_TRANSLATE_NOOP("MainWindow", "&Snap to Grid"),
             QT_TRANSLATE_NOOP("MainWindow", "Line steps up on the grid while moving them")),
    "guide": (QT_TRANSLATE_NOOP("MainWindow", "&User Guide"),
              QT_TRANSLATE_NOOP("MainWindow", "How to build, check and save a journey, "
                                "beside the canvas")),
    "about": (QT_TRANSLATE_NOOP("MainWindow", "&About JourneyCanvas"),
              QT_TRANSLATE_NOOP("MainWindow", "Version, Qt version and licence")),
    "minimap": (QT_TRANSLATE_NOOP("MainWindow", "&Minimap"),
                QT_TRANSLATE_NOOP("MainWindow", "Show the whole journey in miniature in a "
                                  "corner of the canvas while part of it is out of sight")),
}

MENU_TITLES = {
    "file": QT_TRANSLATE_NOOP("MainWindow", "&File"),
    "templates": QT_TRANSLATE_NOOP("MainWindow", "New from &Template"),
    "recent": QT_TRANSLATE_NOOP("MainWindow", "Open &Recent"),
    "export": QT_TRANSLATE_NOOP("MainWindow", "&Export"),
    "edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    "view": QT_TRANSLATE_NOOP("MainWindow", "&View"),
    "help": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
}
TOOLBAR_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Main toolbar")
UNDO_WITH_TEXT = QT_TRANSLATE_NOOP("MainWindow", "&Undo %1")
REDO_WITH_TEXT = QT_TRANSLATE_NOOP("MainWindow", "&Redo %1")


def preferences_keys() -> list[QKeySequence]:
    """The platform's Preferences keys (Ctrl+, on macOS). Without a desktop's theme,
    Linux offers only the keyboard's Settings key, which a menu shows by its name
    ("设置" beside 设置): then Ctrl+, as most Linux editors use."""
    keys = [k for k in QKeySequence.keyBindings(Key.Preferences)
            if k.count() and k[0].keyboardModifiers()]
    return keys or [QKeySequence("Ctrl+,")]


def _compare_with(window):
    from .review.compare_panel import compare_with  # File ▸ Compare with…

    return compare_with(window)


def _compare_with_published(window):
    from .review.compare_panel import compare_with_published  # File ▸ Compare with published…

    return compare_with_published(window)


def _export_review_pack(window):
    from .review.pack_action import export_review_pack  # File ▸ Export ▸ Review Pack

    return export_review_pack(window)


def create_actions(window) -> dict[str, QAction]:
    stack = window.document.undo_stack
    view = window.view
    slots = {
        "new": (window.new_journey, Key.New),
        "open": (lambda: window.open_file(), Key.Open),
        "save": (window.save, Key.Save),
        "save_as": (lambda: window.save_as(), Key.SaveAs),
        "compare": (lambda: _compare_with(window), None),
        "compare_published": (lambda: _compare_with_published(window), None),
        "export_png": (lambda: window.export("png"), None),
        "export_svg": (lambda: window.export("svg"), None),
        "export_pdf": (lambda: window.export("pdf"), None),
        "export_review_pack": (lambda: _export_review_pack(window), None),
        "settings": (window.open_settings, preferences_keys()),
        "quit": (window.close, Key.Quit),
        "undo": (window.undo, Key.Undo),
        "redo": (window.redo, Key.Redo),
        "cut": (window.cut_selection, Key.Cut),
        "copy": (window.copy_selection, Key.Copy),
        "duplicate": (window.duplicate_selection, "Ctrl+D"),
        "connect_store": (lambda: window.open_store_dialog(), None),
        "paste": (window.paste, Key.Paste),
        "delete": (window.delete_selection, Key.Delete),
        "select_all": (window.select_all, Key.SelectAll),
        "find": (window.find_bar.open, Key.Find),
        "layout": (window.tidy_layout, "Ctrl+L"),
        "zoom_in": (view.zoom_in, Key.ZoomIn),
        "zoom_out": (view.zoom_out, Key.ZoomOut),
        "zoom_fit": (view.zoom_to_fit, "Ctrl+0"),
        "zoom_reset": (lambda: view.set_zoom(1.0), "Ctrl+1"),
        "snap": (None, None),
        "minimap": (None, None),
        "guide": (window.show_guide, Key.HelpContents),
        "about": (window.show_about, None),
    }
    actions = {}
    for name, (slot, shortcut) in slots.items():
        action = QAction(window)
        action.setObjectName(name)
        if isinstance(shortcut, str):
            action.setShortcut(QKeySequence(shortcut))
        elif isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        if slot is not None:
            action.triggered.connect(lambda _=False, s=slot: s())
        actions[name] = action
    actions["snap"].setCheckable(True)
    actions["snap"].setChecked(window.scene.snap)
    actions["snap"].toggled.connect(window.toggle_snap)
    actions["minimap"].setCheckable(True)
    actions["minimap"].setChecked(window.view.minimap.switched_on)
    actions["minimap"].toggled.connect(window.toggle_minimap)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the app menu
    actions["undo"].setEnabled(False)
    actions["redo"].setEnabled(False)
    stack.canUndoChanged.connect(actions["undo"].setEnabled)
    stack.canRedoChanged.connect(actions["redo"].setEnabled)
    stack.indexChanged.connect(lambda _=0: update_undo_texts(window))
    stack.cleanChanged.connect(lambda _=False: update_undo_texts(window))
    return actions


def fill_menus(window) -> tuple[dict[str, QMenu], QToolBar]:
    a = window.actions
    bar = window.menuBar()
    menus = {name: QMenu(window) for name in MENU_TITLES}
    file_menu = menus["file"]
    file_menu.addAction(a["new"])
    file_menu.addMenu(menus["templates"])
    file_menu.addAction(a["open"])
    file_menu.addMenu(menus["recent"])
    file_menu.addSeparator()
    file_menu.addAction(a["save"])
    file_menu.addAction(a["save_as"])
    file_menu.addMenu(menus["export"])
    file_menu.addAction(a["compare"])
    file_menu.addAction(a["compare_published"])
    for name in ("export_png", "export_svg", "export_pdf"):
        menus["export"].addAction(a[name])
    menus["export"].addSeparator()
    menus["export"].addAction(a["export_review_pack"])
    file_menu.addSeparator()
    file_menu.addAction(a["connect_store"])
    file_menu.addAction(a["settings"])
    file_menu.addAction(a["quit"])
    for name in ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete",
                 "select_all", None, "find",
                 "layout"):
        menus["edit"].addSeparator() if name is None else menus["edit"].addAction(a[name])
    for name in ("zoom_in", "zoom_out", "zoom_fit", "zoom_reset", None, "snap", "minimap"):
        menus["view"].addSeparator() if name is None else menus["view"].addAction(a[name])
    menus["view"].addSeparator()
    for dock in (window.palette_dock, window.validation_dock, window.inspector_dock):
        menus["view"].addAction(dock.toggleViewAction())
    menus["help"].addAction(a["guide"])
    menus["help"].addSeparator()
    menus["help"].addAction(a["about"])
    for name in ("file", "edit", "view", "help"):
        bar.addMenu(menus[name])
    menus["recent"].aboutToShow.connect(window.recent_menu_about_to_show)
    menus["templates"].aboutToShow.connect(window.templates_menu_about_to_show)

    toolbar = QToolBar(window)
    toolbar.setObjectName("main_toolbar")
    for name in ("new", "open", "save", None, "undo", "redo", None, "zoom_in", "zoom_out",
                 "zoom_fit", "layout"):
        toolbar.addSeparator() if name is None else toolbar.addAction(a[name])
    window.addToolBar(toolbar)
    return menus, toolbar


def retranslate_actions(window) -> None:
    def tr(text: str) -> str:
        return QCoreApplication.translate("MainWindow", text)

    for name, (text, tip) in TEXTS.items():
        action = window.actions[name]
        action.setText(tr(text))
        # Toolbar buttons need no mnemonic: "新建(&N)" shows as "新建", "&Open…" as "Open".
        action.setIconText(re.sub(r"\(&\w\)|&|…", "", tr(text)).strip())
        action.setStatusTip(tr(tip))
        action.setToolTip(tr(tip))
    for name, title in MENU_TITLES.items():
        window.menus[name].setTitle(tr(title))
    window.toolbar.setWindowTitle(tr(TOOLBAR_TITLE))
    update_undo_texts(window)


def update_undo_texts(window) -> None:
    """Edit ▸ Undo says what it undoes ("Undo Move steps" / "撤销 移动节点"); the
    toolbar keeps its short label and shows the full text as its tooltip."""
    stack = window.document.undo_stack
    if not isValid(stack):  # the window is being destroyed
        return
    for name, pending, fallback in (
            ("undo", stack.undoText(), TEXTS["undo"][0]),
            ("redo", stack.redoText(), TEXTS["redo"][0])):
        action = window.actions[name]
        if pending:
            what = QCoreApplication.translate("commands", pending)
            source = UNDO_WITH_TEXT if name == "undo" else REDO_WITH_TEXT
            action.setText(QCoreApplication.translate("MainWindow", source).replace("%1", what))
        else:
            action.setText(QCoreApplication.translate("MainWindow", fallback))
        action.setToolTip(re.sub(r"\(&\w\)|&", "", action.text()))
