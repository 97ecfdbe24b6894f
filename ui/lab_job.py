"""What a training run needs and what it leaves behind, free of Qt.

A job trains one or more networks ("lanes") that share everything but the
settings in their TrainingConfig. A race is a job with several lanes whose
configs differ only in the activation.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from engine.mnist import MnistData
from engine.model_file import save_model
from engine.network import Network
from engine.training import Evaluation, TrainingConfig

log = logging.getLogger(__name__)

# Images held back from training to measure accuracy after every epoch.
VALIDATION_SIZE = 5000
# Training images used to measure each hidden layer's typical top value.
ACTIVATION_SAMPLE = 2000
ACTIVATION_PERCENTILE = 99.5


@dataclass
class Split:
    """Training, validation and test images with their labels."""

    train_images: np.ndarray
    train_labels: np.ndarray
    val_images: np.ndarray
    val_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


@dataclass
class TrainingJob:
    """One run: the configs to train and where the data comes from.

    load_data runs on the worker thread, so reading MNIST never blocks the
    window. train_count and test_count limit the images used (None = all).
    share_weights sends copies of the networks being trained to the window.
    """

    configs: list[TrainingConfig]
    load_data: Callable[[], MnistData]
    train_count: int | None = None
    val_count: int = VALIDATION_SIZE
    test_count: int | None = None
    save_folder: Path | None = None
    share_weights: bool = True


@dataclass
class LaneResult:
    """How one network ended: its test evaluation and where it was saved."""

    config: TrainingConfig
    network: Network
    evaluation: Evaluation | None = None
    metadata: dict = field(default_factory=dict)
    saved_to: Path | None = None
    diverged: str | None = None
    stopped: bool = False


def split_data(data: MnistData, job: TrainingJob) -> Split:
    """Return the job's training, validation and test sets from MNIST."""
    n = len(data.train_images)
    n_val = min(job.val_count, n // 5)
    n_train = n - n_val
    if job.train_count is not None:
        n_train = min(job.train_count, n_train)
    test = slice(0, job.test_count)
    return Split(
        data.train_images[:n_train],
        data.train_labels[:n_train],
        data.train_images[n - n_val :],
        data.train_labels[n - n_val :],
        data.test_images[test],
        data.test_labels[test],
    )


def activation_max(network: Network, images: np.ndarray) -> list[float]:
    """Return per hidden layer a high percentile of its activations on images."""
    sample = images[:ACTIVATION_SAMPLE]
    trace = network.forward(sample)
    hidden = trace.activations[1:-1]
    return [float(np.percentile(a, ACTIVATION_PERCENTILE)) for a in hidden]


def display_name(network: Network) -> str:
    """Return a name such as "ReLU 784-256-128-10 (trained 2026-05-01 14:03)"."""
    sizes = "-".join(str(n) for n in network.layer_sizes)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"{network.activation.display_name} {sizes} (trained {stamp})"


def model_metadata(result: LaneResult, images: np.ndarray) -> dict:
    """Return the metadata saved with a trained network."""
    evaluation = result.evaluation
    return {
        "name": display_name(result.network),
        "training": result.config.to_dict(),
        "seed": result.config.seed,
        "test_accuracy": evaluation.accuracy if evaluation else None,
        "preprocessing_version": _preprocessing_version(),
        "activation_max": activation_max(result.network, images),
    }


def save_result(result: LaneResult, folder: Path, images: np.ndarray) -> Path:
    """Save the trained network into folder and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    result.metadata = model_metadata(result, images)
    hidden = "-".join(str(n) for n in result.config.hidden)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # "trained" keeps the name from parsing as a bundled model's name.
    path = folder / f"{result.config.activation}-{hidden}-trained-{stamp}.npz"
    save_model(path, result.network, result.metadata)
    log.info("Saved the trained model to %s", path)
    return path


def _preprocessing_version() -> int:
    try:
        from engine.preprocess import PREPROCESSING_VERSION
    except ImportError:
        return 1
    return PREPROCESSING_VERSION
