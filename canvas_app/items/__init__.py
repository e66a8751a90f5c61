"""Graphics items of the canvas: node cards, outlet ports, edges."""
from .edge_item import EdgeItem
from .node_item import NodeItem, OutletRef

__all__ = ["EdgeItem", "NodeItem", "OutletRef"]
