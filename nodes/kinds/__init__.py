"""The node kinds: one module each, found and registered on import.
Everything that lists kinds (palette, file format, validation, engine) asks
the registry in `base`; a new kind is a new module here plus its engine step
and its look."""
from ..registry import import_submodules
from .base import (
    ELSE,
    EVENT,
    EXHAUSTED,
    NEXT,
    REJECTED,
    TIMEOUT,
    Config,
    Kind,
    UnknownKindError,
    config_type,
    default_config,
    dump_config,
    kind_label,
    kind_names,
    kind_of,
    kinds,
    node_adapter,
    optional_outlets,
    outlets,
    parse_config,
    proposed_config,
    register,
    unregister,
)

__all__ = [
    "ELSE", "EVENT", "EXHAUSTED", "NEXT", "REJECTED", "TIMEOUT", "Config", "Kind",
    "UnknownKindError", "config_type", "default_config", "dump_config", "kind_label",
    "kind_names", "kind_of", "kinds", "node_adapter", "optional_outlets", "outlets",
    "parse_config", "proposed_config", "register", "unregister",
]

import_submodules(__name__, __path__)  # each module registers its own
