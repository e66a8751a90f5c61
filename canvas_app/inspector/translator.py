"""The inspector's text in one language, from the app's translations
(resources/translations/*.ts, compiled to .qm by `canvas_app.build_translations`).

Inspector widgets are built for a language (`EditorContext.lang`), which need
not be the one installed in the app: for the installed language the installed
translators answer (so a translator loaded on top wins), for another language
its .qm file is read. Write calls as
`translator_for(lang).translate("Inspector", "English text")`: lupdate only
extracts literal strings from `….translate("Context", "text")` calls.
"""
from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QTranslator

from .. import i18n

CONTEXT = "Inspector"


class Translator:
    def __init__(self, lang: str):
        self.lang = lang
        self._compiled: QTranslator | None = None

    def translate(self, context: str, source: str, disambiguation: str | None = None) -> str:
        if self.lang == i18n.current_language() and QCoreApplication.instance() is not None:
            return QCoreApplication.translate(context, source, disambiguation)
        return self._file().translate(context, source, disambiguation) or source

    def _file(self) -> QTranslator:
        if self._compiled is None:
            self._compiled = QTranslator()
            self._compiled.load(f"canvas_app_{self.lang}", str(i18n.TRANSLATIONS_DIR))
        return self._compiled


@cache
def _translator(lang: str) -> Translator:
    return Translator(lang)


def translator_for(lang: str) -> Translator:
    return _translator(i18n.normalize(lang))
