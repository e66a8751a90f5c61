"""Choosing the message language from an option or the locale."""
from __future__ import annotations

import locale
import os


def language_from_locale() -> str:
    """'zh_CN' when the user's locale is Chinese, else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh_CN" if code.lower().startswith("zh") else "en"


def normalise(lang: str | None) -> str:
    if not lang:
        return language_from_locale()
    return "zh_CN" if lang.lower().replace("-", "_").startswith("zh") else "en"
