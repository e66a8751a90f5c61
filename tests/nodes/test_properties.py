"""Property tests: valid journeys round-trip; broken files only raise JourneyFileError."""
import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodes import JourneyFileError, dumps, loads
from nodes.fileformat import to_document

from .strategies import journeys

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(journeys())
def test_valid_journeys_round_trip_unchanged(journey):
    text = dumps(journey)
    again = loads(text)
    assert dumps(again) == text
    assert to_document(again) == to_document(journey)
    assert sorted(again.edges()) == sorted(journey.edges())


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _get(doc, path):
    for key in path:
        doc = doc[key]
    return doc


WRONG_VALUES = st.sampled_from([None, True, -1, 3.5, "", "x", [], {}, [1, "a"], {"k": None}])


@st.composite
def mutated_documents(draw):
    doc = json.loads(dumps(draw(journeys(max_nodes=5))))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(doc, path[:-1])
        if draw(st.booleans()):
            del parent[path[-1]]  # deleted key or list item
        else:
            # wrong type; a copy, or a later mutation could put a list inside itself
            parent[path[-1]] = copy.deepcopy(draw(WRONG_VALUES))
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@st.composite
def corrupted_bytes(draw):
    data = bytearray(dumps(draw(journeys(max_nodes=4))).encode("utf-8"))
    for _ in range(draw(st.integers(1, 5))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _load_or_typed_error(data: bytes) -> None:
    try:
        journey = loads(data)
    except JourneyFileError as exc:
        assert str(exc)
        return
    dumps(journey)  # whatever loads must also save


@SETTINGS
@given(mutated_documents())
def test_mutated_files_only_raise_the_typed_error(data):
    _load_or_typed_error(data)


@SETTINGS
@given(corrupted_bytes() | st.binary(max_size=200))
def test_random_bytes_only_raise_the_typed_error(data):
    _load_or_typed_error(data)
