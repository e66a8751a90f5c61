"""JourneyCanvas desktop editor (PySide6)."""
