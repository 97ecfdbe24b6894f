"""Where the window keeps its preferences between runs."""

import os

from PySide6.QtCore import QSettings

ORGANISATION = "Digit Lens"
APPLICATION = "Digit Lens"

# Tests and portable set-ups point the settings at an .ini file with this.
SETTINGS_ENV = "DIGIT_LENS_SETTINGS"

GEOMETRY = "window/geometry"
BRUSH = "canvas/brush_fraction"
LAST_MODEL = "model/last"


def open_settings() -> QSettings:
    """Return the user's settings, or the .ini file named by DIGIT_LENS_SETTINGS."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def read_float(settings: QSettings | None, key: str, default: float) -> float:
    """Return the number stored under key, or default if absent or unreadable."""
    if settings is None:
        return default
    try:
        return float(settings.value(key, default))
    except (TypeError, ValueError):
        return default
