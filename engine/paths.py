"""Where Digit Lens finds MNIST and its bundled models on this computer.

The only engine module that uses platformdirs, so the rest of the engine
stays numpy and the standard library.
"""

import os
import sys
from pathlib import Path

import platformdirs

from engine.mnist import missing_files

APP_NAME = "digit-lens"
# Tests and unusual set-ups point the data folder elsewhere with this.
DATA_ENV = "DIGIT_LENS_DATA"


def default_data_dir() -> Path:
    """Return the folder MNIST is downloaded to and looked for in."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "mnist"


def find_mnist() -> Path | None:
    """Return the default data folder if all four MNIST files are there."""
    folder = default_data_dir()
    if folder.is_dir() and not missing_files(folder):
        return folder
    return None


def resources_dir() -> Path:
    """Return the resources folder, from a source tree or a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def bundled_models_dir() -> Path:
    """Return the folder of the models shipped with Digit Lens."""
    return resources_dir() / "models"
