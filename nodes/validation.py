"""Validation of a journey: a list of issues (stub being replaced)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    node_id: str | None
    en: str
    zh: str

    def message(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def validate(journey, catalog=None) -> list[Issue]:
    return []
