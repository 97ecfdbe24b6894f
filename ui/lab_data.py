"""Where the lab gets MNIST from, and plain words for a training's progress."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.mnist import DataError, MnistData, load_mnist
from engine.paths import find_mnist

if TYPE_CHECKING:
    # the window loads training code only when training starts
    from engine.training import BatchReport

NOT_FOUND = (
    "MNIST is not on this computer yet; get it with the dataset manager "
    "(download or import a folder) first."
)


def mnist_loader(folder: Path | None = None) -> Callable[[], MnistData]:
    """Return a function that loads MNIST from folder or the data folder."""

    def load() -> MnistData:
        found = folder or find_mnist()
        if found is None:
            raise DataError(NOT_FOUND)
        return load_mnist(found)

    return load


def duration_text(seconds: float) -> str:
    """Return seconds as "42 s", "3 min 5 s" or "1 h 20 min"."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def progress_text(report: "BatchReport", epochs: int) -> str:
    """Return "Epoch 2/5 · batch 120/430 · about 1 min 5 s left"."""
    done = report.epoch * report.batches + report.batch + 1
    total = epochs * report.batches
    left = report.seconds / done * (total - done)
    return (
        f"Epoch {report.epoch + 1}/{epochs} · batch {report.batch + 1}/"
        f"{report.batches} · about {duration_text(left)} left"
    )
