"""User settings kept in QSettings, and the autosave folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "JourneyCanvas"
APPLICATION = "JourneyCanvas"
MAX_RECENT = 8


def _settings() -> QSettings:
    # INI everywhere: the same readable file on every platform, and tests can move it.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APPLICATION)


def language_override() -> str:
    """'' means follow the system language."""
    return str(_settings().value("language", "") or "")


def set_language_override(lang: str) -> None:
    _settings().setValue("language", lang)


def snap_to_grid() -> bool:
    return _settings().value("snap_to_grid", True, type=bool)


def set_snap_to_grid(on: bool) -> None:
    _settings().setValue("snap_to_grid", on)


def show_minimap() -> bool:
    return _settings().value("show_minimap", True, type=bool)


def set_show_minimap(on: bool) -> None:
    _settings().setValue("show_minimap", on)


def recent_files() -> list[str]:
    value = _settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or [] if v]


def add_recent_file(path: str) -> list[str]:
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    _settings().setValue("recent_files", files)
    return files


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    s = _settings()
    return s.value("window/geometry"), s.value("window/state")


def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    s = _settings()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)


def autosave_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base or Path.home() / ".journey-canvas") / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_url() -> str:
    """The customer store chosen in File ▸ Connect ('' when none)."""
    return str(_settings().value("store_url", "") or "")


def set_store_url(url: str) -> None:
    _settings().setValue("store_url", url)


def user_name() -> str:
    """Who is at the keyboard, for comments and review steps: the name set in
    Settings, else the system's user name."""
    import getpass

    name = str(_settings().value("user_name", "") or "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return ""


def set_user_name(name: str) -> None:
    _settings().setValue("user_name", name.strip())


# What one message costs, per channel, for the simulation's cost forecast
# (in the bank's currency; an operator's estimate, not a tariff).
DEFAULT_MESSAGE_PRICES = {"sms": 0.05, "email": 0.0, "push": 0.0, "wechat": 0.0, "webhook": 0.0}


def message_price(channel: str) -> float:
    value = _settings().value(f"message_price/{channel}",
                              DEFAULT_MESSAGE_PRICES.get(channel, 0.0))
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return DEFAULT_MESSAGE_PRICES.get(channel, 0.0)


def set_message_price(channel: str, price: float) -> None:
    _settings().setValue(f"message_price/{channel}", float(price))


def show_customer_details() -> bool:
    """Whether drill-down tables show names and phone numbers in full. Off
    unless the operator turns it on: a screen is often shared or filmed."""
    return str(_settings().value("show_customer_details", "false")).lower() == "true"


def set_show_customer_details(on: bool) -> None:
    _settings().setValue("show_customer_details", "true" if on else "false")
