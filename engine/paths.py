"""Where Digit Lens keeps MNIST on this computer.

The only engine module that uses platformdirs, so the rest of the engine
stays numpy and the standard library.
"""

import os
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
