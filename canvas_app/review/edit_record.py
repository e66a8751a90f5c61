"""Who made the content as it is: after every step on the undo stack that changes
what the journey does (moves do not: approval.content_hash leaves positions out),
`approval.record_edit` names the person at the keyboard as its last editor, and a
journey past draft becomes a draft again.

That review change belongs to the step that caused it: undoing the step puts the
last editor, status and history back as they were before it, redoing it puts
them back as after. The stack is linear, so when a step is undone every later
step (review steps too) already has been, and "as before" is exact."""
from __future__ import annotations

from collections.abc import Callable

from shiboken6 import isValid

from nodes import approval
from nodes.review import Review

FIELDS = ("last_edit", "status", "history")  # what record_edit changes


def _fields(journey) -> dict:
    review = journey.meta.review
    return {name: getattr(review, name) for name in FIELDS}


def _put(journey, values: dict) -> None:
    review: Review = journey.meta.review.model_copy(update=values)
    journey.set_meta(journey.meta.model_copy(update={"review": review}))


class EditRecorder:
    def __init__(self, document, user: Callable[[], str], lang: Callable[[], str],
                 said: Callable[[str], None]):
        self.document, self.user, self.lang, self.said = document, user, lang, said
        # Stack index after a content step -> the review fields (before, after) it made.
        self.steps: dict[int, tuple[dict, dict]] = {}
        self.start()
        document.undo_stack.indexChanged.connect(self.stepped)

    def start(self) -> None:
        """A new journey (or a cleared stack): nothing recorded yet."""
        self.steps.clear()
        self.index = self.document.undo_stack.index()
        self.digest = approval.content_hash(self.document.journey)

    def stepped(self, index: int) -> None:
        stack = self.document.undo_stack
        if not isValid(stack):  # the window is being destroyed
            return
        journey = self.document.journey
        old, self.index = self.index, index
        digest = approval.content_hash(journey)
        changed, self.digest = digest != self.digest, digest
        if stack.count() == 0:  # cleared for another journey (the reset follows)
            return
        if stack.pushing and index < old:  # typed, then typed back: the step is gone
            if old in self.steps:
                _put(journey, self.steps[old][0])
            self.steps = {i: s for i, s in self.steps.items() if i < old}
        elif stack.pushing:
            merged = index == old  # typing in one field: the same step, grown
            if not merged:  # a new step: the undone ones it replaced are gone
                self.steps = {i: s for i, s in self.steps.items() if i < index}
            if changed:
                before = self.steps[index][0] if merged and index in self.steps \
                    else _fields(journey)
                back = approval.record_edit(journey, self.user(), self.lang())
                self.steps[index] = (before, _fields(journey))
                if back:
                    self.said(journey.meta.review.history[-1].note)
        elif index == old - 1 and old in self.steps:
            _put(journey, self.steps[old][0])
        elif index == old + 1 and index in self.steps:
            _put(journey, self.steps[index][1])
