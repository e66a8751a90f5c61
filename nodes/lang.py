"""The one language rule of every layer: a code starting with "zh" is Chinese
(zh_CN), anything else English; with no code given, the user's locale."""
from __future__ import annotations

import locale
import os


def shipped(code: str | None) -> str:
    """The shipped language for any language or locale code."""
    return "zh_CN" if (code or "").lower().replace("-", "_").startswith("zh") else "en"


def language_from_locale() -> str:
    """'zh_CN' when the user's locale is Chinese, else 'en' (POSIX order of the variables)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return shipped(value)
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return shipped(code)


def normalise(lang: str | None) -> str:
    """A language option as given (`--lang`), else the locale's."""
    return shipped(lang) if lang else language_from_locale()
