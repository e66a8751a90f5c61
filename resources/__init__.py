"""Static resources: templates, icons, translations, theme."""
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = RESOURCES_DIR / "templates"
ICONS_DIR = RESOURCES_DIR / "icons"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
