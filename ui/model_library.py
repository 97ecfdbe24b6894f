"""Find the bundled and the user's model files, without opening them."""

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from engine import paths
from engine.activations import ACTIVATIONS

log = logging.getLogger(__name__)

# (hidden layer sizes, what the selector calls it)
ARCHITECTURES: list[tuple[tuple[int, ...], str]] = [
    ((256, 128), "784-256-128-10 (default)"),
    ((16, 16), "784-16-16-10 (3Blue1Brown classic)"),
]
DEFAULT_HIDDEN = (256, 128)
DEFAULT_ACTIVATION = "relu"

_BUNDLED_NAME = re.compile(r"^(?P<activation>[a-z_]+)-(?P<hidden>\d+(?:-\d+)*)\.npz$")


@dataclass(frozen=True)
class ModelEntry:
    """A model file on disk and what its name says about it."""

    path: Path
    activation: str
    hidden: tuple[int, ...]

    @property
    def name(self) -> str:
        """Return a display name such as "ReLU 784-256-128-10"."""
        sizes = "-".join(str(n) for n in (784, *self.hidden, 10))
        return f"{ACTIVATIONS[self.activation].display_name} {sizes}"


def resources_dir() -> Path:
    """Return the resources folder, from source or inside a frozen bundle."""
    return paths.resources_dir()


def bundled_dir() -> Path:
    """Return the folder of the models shipped with the application."""
    return paths.bundled_models_dir()


def user_models_dir() -> Path:
    """Return the folder where the user's own trained models are kept."""
    from platformdirs import user_data_dir

    # the same user data folder as the downloaded MNIST files
    return Path(user_data_dir(paths.APP_NAME, appauthor=False)) / "models"


def parse_entry(path: Path) -> ModelEntry | None:
    """Return the entry a bundled-style file name describes, or None."""
    match = _BUNDLED_NAME.match(path.name)
    if not match or match["activation"] not in ACTIVATIONS:
        return None
    hidden = tuple(int(n) for n in match["hidden"].split("-"))
    return ModelEntry(path, match["activation"], hidden)


def bundled_models(folder: Path | None = None) -> list[ModelEntry]:
    """Return the bundled models in registry order, then by architecture."""
    folder = folder or bundled_dir()
    if not folder.is_dir():
        log.warning("No bundled models found in %s", folder)
        return []
    entries = [parse_entry(p) for p in sorted(folder.glob("*.npz"))]
    order = list(ACTIVATIONS)
    return sorted(
        (e for e in entries if e is not None),
        key=lambda e: (order.index(e.activation), e.hidden),
    )


def user_models(folder: Path | None = None) -> list[Path]:
    """Return the user's model files, newest first."""
    folder = folder or user_models_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.npz") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


_BUNDLED_PREFIX = "bundled:"


def remembered_name(path: str | Path, folder: Path | None = None) -> str:
    """Return path as remembered in the settings: bundled models by name."""
    # A frozen bundle unpacks to a new folder on every run.
    path = Path(path)
    if path.parent.resolve() == (folder or bundled_dir()).resolve():
        return _BUNDLED_PREFIX + path.name
    return str(path)


def recall(name: str | None, folder: Path | None = None) -> Path | None:
    """Return the existing file a remembered name refers to, or None."""
    if not name:
        return None
    if name.startswith(_BUNDLED_PREFIX):
        path = (folder or bundled_dir()) / name[len(_BUNDLED_PREFIX) :]
    else:
        path = Path(name)
    return path if path.is_file() else None


def find(
    entries: list[ModelEntry], activation: str, hidden: tuple[int, ...]
) -> ModelEntry | None:
    """Return the entry with this activation and architecture, or None."""
    for entry in entries:
        if entry.activation == activation and entry.hidden == tuple(hidden):
            return entry
    return None


def default_entry(entries: list[ModelEntry]) -> ModelEntry | None:
    """Return ReLU 784-256-128-10 if bundled, else the best available entry."""
    preferred = find(entries, DEFAULT_ACTIVATION, DEFAULT_HIDDEN)
    if preferred or not entries:
        return preferred

    # the default architecture first, then the largest network
    def rank(entry: ModelEntry) -> tuple[bool, int]:
        return entry.hidden == DEFAULT_HIDDEN, sum(entry.hidden)

    return max(entries, key=rank)
