"""Inputs for the panel tests: stand-in preprocessing stages and shown panels."""

from types import SimpleNamespace

import numpy as np

SMALL = [784, 16, 16, 10]
BIG = [784, 256, 128, 10]


def make_stages(seed: int = 0) -> SimpleNamespace:
    """Return stand-in preprocessing stages: a blurry random stroke image."""
    rng = np.random.default_rng(seed)
    centred = np.zeros((28, 28), dtype=np.float32)
    rows = rng.integers(6, 22, 40)
    cols = rng.integers(8, 20, 40)
    centred[rows, cols] = rng.uniform(0.3, 1.0, 40).astype(np.float32)
    drawn = rng.uniform(0, 1, (60, 80)).astype(np.float32)
    return SimpleNamespace(
        drawn=drawn,
        cropped=drawn[5:50, 10:40],
        scaled=centred[4:24, 4:24].copy(),
        centred=centred,
        input=centred.reshape(-1),
    )


def run(network, stages):
    """Return the engine's trace for stages, as the window computes it."""
    return network.forward(stages.input[None, :])


def panel(qtbot, cls, network, metadata=None):
    """Return a shown panel of type cls with network loaded."""
    widget = cls()
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    widget.show()
    widget.set_model(network, metadata)
    return widget
