"""Measure a trained network's typical activations for honest fixed scales.

The window draws bars on fixed scales; for unbounded activations such as
ReLU the top of the scale is measured once on training data and stored
with the model, never taken from the drawing on screen.
"""

import numpy as np

from engine.network import Network


def activation_scales(network: Network, images: np.ndarray) -> dict:
    """Return per-hidden-layer 99.5th percentiles of a and of |z| on images."""
    trace = network.forward(images)
    hidden = range(len(network.weights) - 1)
    a_max = [float(np.percentile(trace.activations[i + 1], 99.5)) for i in hidden]
    z_max = [float(np.percentile(np.abs(trace.zs[i]), 99.5)) for i in hidden]
    return {
        "activation_max": [round(v, 4) for v in a_max],
        "weighted_sum_max": [round(v, 4) for v in z_max],
    }
