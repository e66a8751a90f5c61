"""Benchmarks: each prints one JSON line with a ratio against a baseline measured in the same run."""
