"""Operate and measure: the plan board, the marketing calendar, simulation and
live counts on the canvas, the local runtime, drill-down and results."""
