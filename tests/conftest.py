"""Shared fixtures: headless Qt, the MNIST files beside the project."""

import os
from pathlib import Path

import pytest

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """Return the folder with the four gzipped MNIST files."""
    if not (SHARED_MNIST / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"MNIST files not found in {SHARED_MNIST}")
    return SHARED_MNIST


@pytest.fixture(scope="session")
def small_mnist(mnist_dir):
    """Return 1,200 training and 1,000 test images of the real MNIST."""
    from engine.mnist import MnistData, load_mnist

    data = load_mnist(mnist_dir)
    return MnistData(
        data.train_images[:1200], data.train_labels[:1200],
        data.test_images[:1000], data.test_labels[:1000],
    )  # fmt: skip


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory) -> Path:
    """Return a folder of small untrained models named like the bundled ones."""
    from window_helpers import make_models

    folder = tmp_path_factory.getbasetemp() / "models"
    folder.mkdir(exist_ok=True)
    return make_models(folder)


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Keep every test's window settings in its own file, not the user's."""
    from ui.settings import SETTINGS_ENV

    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))


@pytest.fixture
def window(qtbot, models_dir):
    """Return a shown 1280x720 window on the stand-in models."""
    from window_helpers import open_window

    return open_window(qtbot, models_dir)
