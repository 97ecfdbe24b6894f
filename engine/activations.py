"""The registry of hidden-layer activation functions.

Every part of Digit Lens that needs an activation (the network, training,
model files, the selector and the curve in the window) reads this one table.
Each function takes and returns float32 and stays finite, without numpy
warnings, for any z in ±1e4.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """A hidden-layer nonlinearity with what the window needs to explain it."""

    name: str
    display_name: str
    formula: str
    value: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    # (low, high); None where the function is unbounded on that side.
    output_range: tuple[float | None, float | None]
    # "glorot" for functions centred on a linear region, "he" for ReLU-like.
    init: str
    description: str


def _f32(x: Array) -> Array:
    # float32 stays float32 and float64 stays float64 (for gradient checks);
    # anything else becomes float32.
    x = np.asarray(x)
    if x.dtype in (np.float32, np.float64):
        return x
    return x.astype(np.float32)


def _sigmoid(z: Array) -> Array:
    # The tanh form never overflows, unlike 1 / (1 + exp(-z)).
    z = _f32(z)
    return np.float32(0.5) * (np.tanh(np.float32(0.5) * z) + np.float32(1))


def _sigmoid_grad(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (np.float32(1) - s)


def _tanh(z: Array) -> Array:
    return np.tanh(_f32(z))


def _tanh_grad(z: Array) -> Array:
    t = np.tanh(_f32(z))
    return np.float32(1) - t * t


def _relu(z: Array) -> Array:
    return np.maximum(_f32(z), np.float32(0))


def _relu_grad(z: Array) -> Array:
    z = _f32(z)
    return (z > 0).astype(z.dtype)


_LEAK = np.float32(0.01)


def _leaky_relu(z: Array) -> Array:
    z = _f32(z)
    return np.where(z > 0, z, _LEAK * z)


def _leaky_relu_grad(z: Array) -> Array:
    z = _f32(z)
    return np.where(z > 0, z.dtype.type(1), z.dtype.type(_LEAK))


def _elu(z: Array) -> Array:
    z = _f32(z)
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))


def _elu_grad(z: Array) -> Array:
    z = _f32(z)
    return np.where(z > 0, z.dtype.type(1), np.exp(np.minimum(z, 0)))


# GELU by its tanh approximation: numpy has no erf, and the two differ by
# less than 1e-3 everywhere.
_GELU_C = np.float32(np.sqrt(2 / np.pi))
_GELU_K = np.float32(0.044715)


def _gelu_inner(z: Array) -> Array:
    # Clipping keeps z³ far from float32 overflow; tanh is flat there anyway.
    zc = np.clip(z, np.float32(-50), np.float32(50))
    return np.tanh(_GELU_C * (zc + _GELU_K * zc * zc * zc)), zc


def _gelu(z: Array) -> Array:
    z = _f32(z)
    t, _ = _gelu_inner(z)
    return np.float32(0.5) * z * (np.float32(1) + t)


def _gelu_grad(z: Array) -> Array:
    z = _f32(z)
    t, zc = _gelu_inner(z)
    dt = (
        (np.float32(1) - t * t)
        * _GELU_C
        * (np.float32(1) + np.float32(3) * _GELU_K * zc * zc)
    )
    return np.float32(0.5) * (np.float32(1) + t) + np.float32(0.5) * zc * dt


def _silu(z: Array) -> Array:
    z = _f32(z)
    return z * _sigmoid(z)


def _silu_grad(z: Array) -> Array:
    z = _f32(z)
    s = _sigmoid(z)
    return s * (np.float32(1) + z * (np.float32(1) - s))


def _softplus(z: Array) -> Array:
    return np.logaddexp(np.float32(0), _f32(z))


def _identity(z: Array) -> Array:
    return _f32(z).copy()


def _identity_grad(z: Array) -> Array:
    return np.ones_like(_f32(z))


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in [
        Activation(
            "sigmoid",
            "Sigmoid",
            "σ(z) = 1 / (1 + e^−z)",
            _sigmoid,
            _sigmoid_grad,
            (0.0, 1.0),
            "glorot",
            "Squashes any sum into 0..1; flat at both ends, so large sums "
            "stop learning (saturation).",
        ),
        Activation(
            "tanh",
            "Tanh",
            "tanh(z) = (e^z − e^−z) / (e^z + e^−z)",
            _tanh,
            _tanh_grad,
            (-1.0, 1.0),
            "glorot",
            "Like the sigmoid but centred on zero, ranging −1..1.",
        ),
        Activation(
            "relu",
            "ReLU",
            "ReLU(z) = max(0, z)",
            _relu,
            _relu_grad,
            (0.0, None),
            "he",
            "Passes positive sums unchanged and silences negative ones; a "
            "unit whose sum is always negative is dead.",
        ),
        Activation(
            "leaky_relu",
            "Leaky ReLU",
            "LReLU(z) = max(0.01·z, z)",
            _leaky_relu,
            _leaky_relu_grad,
            (None, None),
            "he",
            "ReLU with a small slope for negative sums, so no unit dies.",
        ),
        Activation(
            "elu",
            "ELU",
            "ELU(z) = z if z > 0, else e^z − 1",
            _elu,
            _elu_grad,
            (-1.0, None),
            "he",
            "ReLU with a smooth negative part that levels off at −1.",
        ),
        Activation(
            "gelu",
            "GELU",
            "GELU(z) ≈ ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))",
            _gelu,
            _gelu_grad,
            (-0.17, None),
            "he",
            "A smooth ReLU that weighs each sum by how likely it is to be "
            "positive; used in transformers.",
        ),
        Activation(
            "silu",
            "SiLU (swish)",
            "SiLU(z) = z · σ(z)",
            _silu,
            _silu_grad,
            (-0.28, None),
            "he",
            "The sum times its own sigmoid: a smooth ReLU with a small dip below zero.",
        ),
        Activation(
            "softplus",
            "Softplus",
            "softplus(z) = ln(1 + e^z)",
            _softplus,
            _sigmoid,
            (0.0, None),
            "he",
            "A smooth version of ReLU; its slope is the sigmoid.",
        ),
        Activation(
            "identity",
            "Identity (linear)",
            "f(z) = z",
            _identity,
            _identity_grad,
            (None, None),
            "glorot",
            "No nonlinearity: the whole network collapses to one linear map.",
        ),
    ]
}


def get(name: str) -> Activation:
    """Return the activation called name, or raise a one-sentence KeyError."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise KeyError(
            f"Unknown activation '{name}'; choose one of: {known}."
        ) from None
