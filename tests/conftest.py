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
