"""The inspector: forms generated from the journey's pydantic models, the
condition builder and the touch-template editor, hosted in a dock."""
from .panel import InspectorPanel

__all__ = ["InspectorPanel"]
