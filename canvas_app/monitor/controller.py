"""The 运营 (Operate) menu and what hangs off it.

Each feature module (board, simulation, runtime control, results) has an
`install(controller)` that adds its actions and docks; the controller owns
the menu, the translations of its actions and the canvas context-menu hook,
so the main window knows one object, not six."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

CONTEXT = "OperateMenu"  # translation context of every text given to add_action

ContextHook = Callable[[QMenu, list[str]], None]


class OperateController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.menu = QMenu(window)
        self.menu.setObjectName("operate_menu")
        window.menuBar().insertMenu(window.menus["help"].menuAction(), self.menu)
        window.menus["operate"] = self.menu
        self.actions: dict[str, QAction] = {}
        self._texts: dict[str, tuple[str, str]] = {}
        self._retranslators: list[Callable[[], None]] = []
        self._context_hooks: list[ContextHook] = []
        from . import dashboard, drill, marketing_calendar, results, runtime_control, simulation

        for feature in (dashboard, marketing_calendar, simulation, runtime_control, results,
                        drill):
            feature.install(self)
            self.menu.addSeparator()

    def add_action(self, name: str, text: str, tip: str, callback: Callable[[], object],
                   *, checkable: bool = False) -> QAction:
        """An action of the menu; `text` and `tip` are source strings marked with
        QT_TRANSLATE_NOOP("OperateMenu", …), translated here whenever the
        language changes."""
        action = QAction(self.window)
        action.setObjectName(f"operate_{name}")
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(lambda on: callback(on))
        else:
            action.triggered.connect(lambda _=False: callback())
        self.menu.addAction(action)
        self.actions[name] = action
        self._texts[name] = (text, tip)
        self._translate(name)
        return action

    def on_retranslate(self, fn: Callable[[], None]) -> None:
        """Call `fn` after every language change (and once now)."""
        self._retranslators.append(fn)
        fn()

    def on_context_menu(self, hook: ContextHook) -> None:
        """`hook(menu, selected_node_ids)` adds entries to the canvas's
        right-click menu on selected steps."""
        self._context_hooks.append(hook)

    def extend_context_menu(self, menu: QMenu, node_ids: list[str]) -> None:
        for hook in self._context_hooks:
            hook(menu, node_ids)

    def _translate(self, name: str) -> None:
        text, tip = self._texts[name]
        action = self.actions[name]
        action.setText(QCoreApplication.translate(CONTEXT, text))
        action.setStatusTip(QCoreApplication.translate(CONTEXT, tip))
        action.setToolTip(action.statusTip())

    def retranslate_ui(self) -> None:
        self.menu.setTitle(QCoreApplication.translate("OperateMenu", "O&perate"))
        for name in self.actions:
            self._translate(name)
        for fn in self._retranslators:
            fn()
