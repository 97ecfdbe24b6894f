"""The models shipped in resources/models meet their accuracy targets."""

from pathlib import Path

import pytest

from engine.activations import ACTIVATIONS
from engine.mnist import load_mnist
from engine.model_file import load_model
from engine.training import evaluate

MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"
FILES = sorted(MODELS.glob("*.npz"))
# The lowest MNIST test accuracy each kind of bundled model must reach.
TARGETS = {"sigmoid-256-128": 0.985, "sigmoid-16-16": 0.955}


@pytest.fixture(scope="module")
def test_set(mnist_dir):
    data = load_mnist(mnist_dir)
    return data.test_images, data.test_labels


def test_every_activation_has_a_default_model_and_the_classics_exist():
    names = {p.stem for p in FILES}
    wanted = {f"{a}-256-128" for a in ACTIVATIONS if a != "identity"}
    assert wanted | {"sigmoid-16-16", "relu-16-16"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_model_is_small_and_its_recorded_accuracy_is_true(path, test_set):
    assert path.stat().st_size < 2_000_000
    network, meta = load_model(path)
    result = evaluate(network, *test_set)
    assert result.total == 10_000
    assert meta["test_accuracy"] == pytest.approx(result.accuracy, abs=1e-4)
    assert result.accuracy >= TARGETS.get(path.stem, 0.95)
    assert meta["training"]["seed"] == meta["seed"]
    assert len(meta["activation_max"]) == len(network.layer_sizes) - 2


def test_best_default_model_reaches_99_percent():
    best = max(load_model(p)[1]["test_accuracy"] for p in MODELS.glob("*-256-128.npz"))
    assert best >= 0.99
