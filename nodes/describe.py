"""Plain-language summaries (stub being replaced)."""
from __future__ import annotations

from .catalog import STANDARD_CATALOG
from .kinds import kind_label


def describe_node(journey, node_id, lang="en", catalog=STANDARD_CATALOG) -> str:
    return kind_label(journey.kind(node_id), lang)


def describe_journey(journey, lang="en", catalog=STANDARD_CATALOG) -> str:
    return journey.meta.name
