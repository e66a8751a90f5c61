"""A branch's audience per path, as the trigger's and the filter's are estimated.

A customer takes the first path that matches (journey-semantics §3), so a path
counts those who match it and no path above it, and 其他情况 those who match
none (`Kind.conditions_by_outlet`): the rows add up to the whole store. Each row
is an `EstimateLabel`, so counting runs off the GUI thread the same way.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nodes.kinds import kind_of

from ..look import OUTLET_CONTEXT, look_for
from .estimate import DASH, EstimateLabel
from .translator import translator_for


class PathEstimateLabel(EstimateLabel):
    """"路径1：≈ 1,234 位客户" — one outlet's share."""

    name = ""  # the outlet as the card shows it

    def _said(self, text: str) -> str:
        return translator_for(self.lang).translate("Inspector", "{path}: {estimate}").format(
            path=self.name, estimate=text)

    def _matching_dash(self) -> str:
        return self._said(DASH)

    def _fill_in_first(self) -> str:
        tr = translator_for(self.lang)
        return self._said(tr.translate("Inspector", "fill in the conditions first"))

    def _after_entry(self) -> str:
        tr = translator_for(self.lang)
        return self._said(tr.translate("Inspector", "depends on what customers do after they "
                                       "enter; not counted in advance"))

    def _counting(self) -> str:
        return self._said(translator_for(self.lang).translate("Inspector", "Counting…"))

    def _count_text(self, count: int) -> str:
        tr = translator_for(self.lang)
        # English has one form for 1 and one for the rest; Chinese the same for both.
        text = (tr.translate("Inspector", "≈ {count:,} customer") if count == 1
                else tr.translate("Inspector", "≈ {count:,} customers"))
        return self._said(text.format(count=count))


class PathEstimates(QWidget):
    """A heading and one row per outlet of a kind that decides by conditions."""

    counted = Signal(object)  # {outlet: count or None} once every row has answered

    def __init__(self, kind: str, lang: str = "en", delay_ms: int = 400, parent=None):
        super().__init__(parent)
        self.kind, self.lang, self.delay_ms = kind, lang, delay_ms
        self.store: Any = None
        self.counter: Callable[..., int] | None = None
        self.rows: dict[str, PathEstimateLabel] = {}
        self._answers: dict[str, Any] = {}
        tr = translator_for(lang)
        self.heading = QLabel(tr.translate("Inspector", "Customers per path now. A customer "
                                           "takes the first path that matches, so each path "
                                           "counts only those no path above it takes:"))
        self.heading.setWordWrap(True)
        self.heading.setToolTip(tr.translate("Inspector", "Counted over every customer in the "
                                             "store as they are now; who reaches this branch "
                                             "also depends on the steps before it."))
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 8, 0, 0)
        self.column.addWidget(self.heading)

    def set_store(self, store: Any, counter: Callable[..., int] | None = None) -> None:
        self.store, self.counter = store, counter
        for row in self.rows.values():
            row.set_store(store, counter)

    def request(self, config: Any) -> None:
        """Count each outlet's customers of `config` soon (rows follow its paths)."""
        conditions = kind_of(self.kind).conditions_by_outlet(config) or []
        names = [outlet for outlet, _ in conditions]
        if names != list(self.rows):
            self._rebuild(names)
        self._answers = {}
        for outlet, condition in conditions:
            self.rows[outlet].request(condition)

    def _rebuild(self, names: list[str]) -> None:
        for row in self.rows.values():
            self.column.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        for outlet in dict.fromkeys(names):  # a duplicate name is validation's to flag
            row = PathEstimateLabel(self.lang, self.delay_ms)
            row.name = self._outlet_name(outlet)
            row.setText(row._matching_dash())
            row.set_store(self.store, self.counter)
            row.counted.connect(lambda count, o=outlet: self._answered(o, count))
            self.rows[outlet] = row
            self.column.addWidget(row)

    def _outlet_name(self, outlet: str) -> str:
        """As the card names it, in the inspector's language: typed names as typed."""
        source = look_for(self.kind).outlet_names.get(outlet)
        return translator_for(self.lang).translate(OUTLET_CONTEXT, source) if source else outlet

    def _answered(self, outlet: str, count: Any) -> None:
        self._answers[outlet] = count
        if set(self._answers) == set(self.rows):
            self.counted.emit(dict(self._answers))
