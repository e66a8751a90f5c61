"""A journey whose own content stops a step, named so the operator can pause it."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DataError

from runtime.plan import Plan


class JourneyRunError(RuntimeError):
    """One journey's step cannot run (e.g. a condition value the store cannot
    read); the tick stops untouched, and the message says which to pause."""

    def __init__(self, plan: Plan, node: str | None, cause: Exception) -> None:
        super().__init__(str(cause))
        self.journey_id, self.version, self.node, self.cause = plan.id, plan.version, node, cause

    def message(self, lang: str = "en") -> str:
        at = f" [{self.node}]" if self.node else ""
        if lang.startswith("zh"):
            return (f"旅程「{self.journey_id}」版本 {self.version}{at} 无法执行：{self.cause}。"
                    f"可先暂停它（journey-runtime pause --store … {self.journey_id}），"
                    "其他旅程即可继续运行")
        return (f"journey '{self.journey_id}' version {self.version}{at} cannot run: "
                f"{self.cause}. Pause it (journey-runtime pause --store … {self.journey_id}) "
                "to let the other journeys run")


@contextmanager
def blame(plan: Plan, node: str | None = None) -> Iterator[None]:
    """Name the journey (and step) whose own content made a step fail."""
    try:
        yield
    except (ValueError, TypeError, ArithmeticError, DataError) as exc:
        raise JourneyRunError(plan, node, exc) from exc
