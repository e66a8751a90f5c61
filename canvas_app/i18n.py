"""Language choice and Qt translators.

Switching language swaps the installed translators; Qt then sends a
LanguageChange event to every widget, and each widget re-reads its texts in
`retranslate_ui`. Node kind names and summaries come from `nodes` in both
languages, so they are refreshed from the language code, not from Qt.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from nodes import lang as languages

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []
_current = "en"


def normalize(lang: str | None) -> str:
    """Map any language code to one we ship (`nodes.lang`: the rule of every layer)."""
    return languages.shipped(lang)


def system_language() -> str:
    return languages.language_from_locale()


def current_language() -> str:
    return _current


def install(lang: str) -> str:
    """Install the translators for `lang` (replacing earlier ones); return the code used."""
    global _current
    app = QCoreApplication.instance()
    lang = normalize(lang)
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _current = lang
    if app is None:
        return lang
    ours = QTranslator()
    if ours.load(f"canvas_app_{lang}", str(TRANSLATIONS_DIR)):
        _installed.append(ours)
    if lang != "en":  # Qt's own dialog buttons (Save, Cancel…)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        base = QTranslator()
        if base.load(f"qtbase_{lang}", qt_dir):
            _installed.append(base)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(lang))
    return lang

