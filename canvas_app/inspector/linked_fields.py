"""Fields whose meaning hangs on a sibling's value: shown only when they mean
something (a subject for email only), labelled by it (a reward's amount is a
number of points or of coupons, or yuan) and started afresh when a person's
change of the sibling makes them mean something else (points to coupons).

Keys are field names; a link applies in a form that has both the field and
the sibling."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nodes.kinds.reward import benefit_spec, switched_benefit
from nodes.kinds.touch import CHANNELS_WITH_SUBJECT, CHANNELS_WITH_TITLE

from .labels import benefit_field_label


def _channel_in(channels) -> Callable[[Any], bool]:
    values = {c.value for c in channels}
    return lambda channel: getattr(channel, "value", channel) in values


def _has_item(benefit: Any) -> bool:
    spec = benefit_spec(benefit)
    return spec is None or spec.item is not None  # unknown benefit: show what the file holds


# field -> (sibling, whether the field means something for the sibling's value)
RELEVANT_WHEN: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "subject": ("channel", _channel_in(CHANNELS_WITH_SUBJECT)),
    "title": ("channel", _channel_in(CHANNELS_WITH_TITLE)),
    "item": ("benefit", _has_item),
}

# field -> (sibling, its label for the sibling's value and a language; None: the plain one)
LABEL_WHEN: dict[str, tuple[str, Callable[[Any, str], str | None]]] = {
    name: ("benefit", lambda benefit, lang, name=name: benefit_field_label(benefit, name, lang))
    for name in ("amount", "item", "budget")
}

# sibling -> (the form's values before the change, the new value) -> the values after it
RESET_WHEN: dict[str, Callable[[dict, Any], dict]] = {
    "benefit": switched_benefit,
}
