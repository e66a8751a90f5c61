"""The journey model shared by the canvas and the runtime.

Imports only the standard library, pydantic, networkx, Jinja2 (template
syntax checks) and APScheduler's trigger base (recurring triggers are an
APScheduler trigger): no Qt, no SQL. Each node kind is declared once, in
`nodes/kinds/`.
"""
from .catalog import STANDARD_CATALOG, AttributeDef, AttrType, Catalog, EventDef
from .conditions import AttributeCondition, EventCondition, Op, parse_condition
from .durations import Duration, Unit
from .errors import ConnectionRefused, JourneyError, JourneyFileError, UnsupportedVersionError
from .fileformat import dumps, load, loads, save
from .journey import Journey
from .kinds import kind_label, kind_names, kind_of, kinds, outlets
from .meta import JourneyMeta

__all__ = [
    "STANDARD_CATALOG",
    "AttrType",
    "AttributeCondition",
    "AttributeDef",
    "Catalog",
    "ConnectionRefused",
    "Duration",
    "EventCondition",
    "EventDef",
    "Journey",
    "JourneyError",
    "JourneyFileError",
    "JourneyMeta",
    "Op",
    "Unit",
    "UnsupportedVersionError",
    "dumps",
    "kind_label",
    "kind_names",
    "kind_of",
    "kinds",
    "load",
    "loads",
    "outlets",
    "parse_condition",
    "save",
]
