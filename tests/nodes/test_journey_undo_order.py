"""Deleting steps and undoing it gives back the very same file: an approval or
a published version (both compare the content hash) still matches."""
from __future__ import annotations

from pathlib import Path

from nodes import fileformat
from nodes.approval import content_hash

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def test_remove_then_restore_keeps_the_file_byte_for_byte():
    journey = fileformat.load(TEMPLATES / "new-customer-activation.journey.json")
    before, approved = fileformat.dumps(journey), content_hash(journey)
    removed = journey.remove_nodes(["sms-invite", "check-day3"])
    assert fileformat.dumps(journey) != before
    journey.restore_nodes(removed)
    assert fileformat.dumps(journey) == before
    assert content_hash(journey) == approved
    journey.restore_nodes(journey.remove_nodes(["register"]))  # the first node too
    assert fileformat.dumps(journey) == before
