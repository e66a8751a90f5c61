"""The window's customer store: the status-bar indicator, connecting at start,
and handing the store and its catalog to the inspector and to validation.

It also asks the store (off the GUI thread) whether the run paused the open
journey by itself, when the store connects and when a journey is opened; the
problems panel then says why, above the validation issues."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QToolButton

from nodes.kinds import kind_label

from . import i18n, settings
from .store_connection import StoreConnector, configured_store_url, store_label
from .store_dialog import StoreDialog


def automatic_pause(store: Any, journey_id: str) -> dict | None:
    """`runtime.api.journey_states`' entry for `journey_id` when the run paused it
    by itself, with `reason_text` as {language: text}; else None."""
    from runtime.api import journey_states

    found, texts = None, {}
    for lang in i18n.LANGUAGES:
        for entry in journey_states(store, lang):
            if entry["journey"] == journey_id and entry["state"] == "paused" and entry[
                    "automatic"]:
                found, texts[lang] = entry, entry["reason_text"]
    return None if found is None else dict(found, reason_text=texts)


class _PauseRelay(QObject):
    finished = Signal(int, object)  # request number, the automatic pause or None


class _PauseJob(QRunnable):
    def __init__(self, number: int, store: Any, journey_id: str):
        super().__init__()
        self.number, self.store, self.journey_id = number, store, journey_id
        self.relay = _PauseRelay()

    def run(self) -> None:
        try:
            found = automatic_pause(self.store, self.journey_id)
        except Exception:  # noqa: BLE001 — a store closed or too old to say: no pause to show
            found = None
        self.relay.finished.emit(self.number, found)


class StoreStatus(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store: Any = None
        self.catalog: Any = None  # None until a store is connected
        self.url = ""
        self.count = 0
        self.state = "none"  # none | opening | connected | failed
        self.problem = ""
        self.button = QToolButton(window)
        self.button.setObjectName("store_status")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(lambda: self.open_dialog())
        self.connector = StoreConnector(self)
        self.connector.connected.connect(self.use_store)
        self.connector.failed.connect(self._failed)
        self.pause: dict | None = None  # the store's automatic pause of the open journey
        self._announced: tuple | None = None  # the pause last told in the status bar
        self._pause_number = 0
        self._pause_jobs: dict[int, _PauseJob] = {}
        window.document.reset.connect(self.check_pause)
        self.retranslate_ui()

    def connect_configured(self) -> None:
        """Connect to the environment's or the saved store, if any (in the background)."""
        url = configured_store_url()
        if url:
            self.url, self.state = url, "opening"
            self.retranslate_ui()
            self.connector.open(url)

    def open_dialog(self) -> StoreDialog:
        dialog = StoreDialog(self.url, self.window)
        dialog.store_opened.connect(lambda store, url, count: self.use_store(
            store, url, count, remember=True))
        dialog.open()
        return dialog

    def use_store(self, store: Any, url: str, count: int, remember: bool = False) -> None:
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store, self.url, self.count, self.state = store, url, count, "connected"
        self.catalog = store.catalog()
        if remember:
            settings.set_store_url(url)
        self.window.scene.catalog = self.catalog  # card summaries name its attributes
        self.window.scene.set_language(self.window.lang)
        panel = self.window.inspector.panel
        if panel is not None:
            panel.set_catalog(self.catalog)
            panel.set_store(store)
        self.window.refresh_validation()
        self.retranslate_ui()
        self.check_pause()

    def check_pause(self) -> None:
        """Ask the store, in the background, whether the run paused the open journey."""
        self._pause_number += 1
        journey_id = self.window.document.journey.id
        if self.store is None or not journey_id:
            self._pause_found(self._pause_number, None)
            return
        job = _PauseJob(self._pause_number, self.store, journey_id)
        job.relay.finished.connect(self._pause_found)
        self._pause_jobs[self._pause_number] = job  # keeps the relay alive until it reports
        QThreadPool.globalInstance().start(job)

    @Slot(int, object)
    def _pause_found(self, number: int, found: Any) -> None:
        self._pause_jobs.pop(number, None)
        if number != self._pause_number:
            return  # a newer question is on its way
        self.pause = found
        self.show_pause()
        key = None if found is None else tuple(
            found.get(k) for k in ("journey", "version", "reason", "node", "noticed_at"))
        if key is not None and key != self._announced:
            reason = self._reason_text(found)
            self.window.statusBar().showMessage(self.tr(
                "This journey is paused in the store: %1 — see Problems.").replace(
                "%1", reason), 10000)
        self._announced = key

    def _reason_text(self, pause: dict) -> str:
        texts = pause["reason_text"]
        return texts.get(self.window.lang) or texts.get("en") or pause.get("reason") or ""

    def show_pause(self) -> None:
        """Hand the open journey's automatic pause (if any) to the problems panel,
        naming the failed step as its card does."""
        panel = self.window.validation_panel
        journey = self.window.document.journey
        pause = self.pause
        if pause is None or pause["journey"] != journey.id:
            panel.set_store_pause(None)
            return
        node = pause.get("node")
        if node and node in journey:
            name = journey.label(node) or kind_label(journey.kind(node), self.window.lang)
        else:
            name, node = node or "", None
        panel.set_store_pause(self._reason_text(pause), node, name, pause.get("detail") or "")

    def _failed(self, url: str, message: str) -> None:
        self.url, self.state, self.problem = url, "failed", message
        self.retranslate_ui()
        self.window.statusBar().showMessage(message, 10000)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    def retranslate_ui(self) -> None:
        name = store_label(self.url) if self.url else ""
        if self.state == "connected":
            text = self.tr("Store: %1 · %2 customers").replace("%1", name).replace(
                "%2", f"{self.count:,}")
            tip = self.tr("Conditions are checked against this store, and audiences are "
                          "estimated from it. Click to connect another store.")
        elif self.state == "opening":
            text = self.tr("Store: opening %1…").replace("%1", name)
            tip = ""
        elif self.state == "failed":
            text = self.tr("Store: not connected")
            tip = self.problem + "\n" + self.tr("Click to choose a customer store.")
        else:
            text = self.tr("Store: not connected")
            tip = self.tr("Click to choose a customer store.")
        self.button.setText(text)
        self.button.setToolTip(tip)
