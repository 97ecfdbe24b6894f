"""Bundled models read mouse-drawn digits, not only MNIST's test set."""

from pathlib import Path

import numpy as np
import pytest
from drawn_digits import drawn_digit_accuracy

from engine.model_file import load_model
from engine.network import Network

MODELS = sorted(
    (Path(__file__).resolve().parents[1] / "resources" / "models").glob("*.npz")
)

# Measured on 1000 neat synthetic drawings: the bundled ReLU, sigmoid and
# tanh 784-256-128-10 models score 100%, sigmoid 784-16-16-10 97.7%; on
# sloppy ones (jitter 0.08) 96% and 89%. Tiny models may err more.
MIN_ACCURACY_LARGE = 0.95
MIN_ACCURACY_TINY = 0.85


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_bundled_model_reads_drawn_digits(path):
    network, _ = load_model(path)
    score = drawn_digit_accuracy(network, n_per_digit=20, seed=0)
    tiny = min(network.layer_sizes[1:-1]) < 64
    assert score.accuracy >= (MIN_ACCURACY_TINY if tiny else MIN_ACCURACY_LARGE)


def test_untrained_network_scores_near_chance():
    # Shows the score can fail: a fresh network guesses.
    network = Network.create([784, 32, 10], "relu", seed=0)
    score = drawn_digit_accuracy(network, n_per_digit=10, seed=1)
    assert score.accuracy < 0.3
    assert score.confusion.sum() == 100
    assert np.isclose(score.per_digit.mean(), score.accuracy)
    assert sum(count for *_, count in score.per_size) == 100
