"""A journey whose own content stops a step: named, so the run can pause it
and go on with the others (a store-wide failure is never blamed on one)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import CompileError, StatementError

from runtime.errors import first_line, is_store_wide, pause_reason_text
from runtime.plan import Plan

# What a journey's own conditions, durations and values can make fail: Python
# on its values, SQLAlchemy compiling its statements, the database running them.
JOURNEY_ERRORS = (ValueError, TypeError, ArithmeticError, RecursionError, StatementError,
                  CompileError)

# (reason code, lower-case fragments of the error's text), first match wins.
_REASONS = (
    ("condition_too_deep", ("parser stack overflow", "stack depth limit",
                            "expression tree is too large", "maximum recursion depth")),
    ("statement_too_large", ("too many sql variables", "too many terms",
                             "number of parameters", "string or blob too big")),
    ("bad_event_data", ("malformed json", "type json", "json")),
    ("number_out_of_range", ("out of range", "too large to convert", "int too large",
                             "overflow")),
)


class UnstorableValue(ValueError):
    """An update would write a value the store cannot hold (NaN, ±Infinity, an
    integer beyond 64 bits, a NUL character)."""


def is_journey_error(exc: BaseException) -> bool:
    """Raised by one journey's own step, not by the store as a whole."""
    return isinstance(exc, JOURNEY_ERRORS) and not is_store_wide(exc)


def reason_of(exc: BaseException) -> str:
    """A stable code for why a journey's step failed (see runtime.errors.REASONS)."""
    if isinstance(exc, UnstorableValue):
        return "unstorable_value"
    text = f"{type(exc).__name__} {exc} {getattr(exc, 'orig', '')}".lower()
    for code, fragments in _REASONS:
        if any(f in text for f in fragments):
            return code
    return "bad_value" if isinstance(exc, (ValueError, TypeError)) else "step_failed"


class JourneyRunError(RuntimeError):
    """One journey's step cannot run (e.g. a condition value the store cannot
    read); the run rolls its tick back, pauses that journey and goes on."""

    def __init__(self, plan: Plan, node: str | None, cause: BaseException) -> None:
        super().__init__(first_line(cause))
        self.journey_id, self.version, self.node, self.cause = plan.id, plan.version, node, cause
        self.reason, self.detail = reason_of(cause), first_line(cause)

    def message(self, lang: str = "en") -> str:
        at = f" [{self.node}]" if self.node else ""
        why = pause_reason_text(self.reason, lang)
        if lang.startswith("zh"):
            return (f"旅程「{self.journey_id}」版本 {self.version}{at} 无法执行：{why}"
                    f"（{self.detail}）")
        return (f"journey '{self.journey_id}' version {self.version}{at} cannot run: {why} "
                f"({self.detail})")


@contextmanager
def blame(plan: Plan, node: str | None = None) -> Iterator[None]:
    """Name the journey (and step) whose own content made a step fail."""
    try:
        yield
    except JourneyRunError:
        raise
    except JOURNEY_ERRORS as exc:
        if is_store_wide(exc):
            raise
        raise JourneyRunError(plan, node, exc) from exc
