"""Headless runtime: runs published journeys against the customer store."""
