"""Random distortions of 28x28 digits, vectorised over a batch.

Drawn digits differ from MNIST's in slant, size, position and stroke weight
even after preprocessing; training on distorted copies teaches the network
to shrug those differences off.
"""

from dataclasses import dataclass

import numpy as np

Array = np.ndarray
SIDE = 28


@dataclass(frozen=True)
class Augmentation:
    """How far each random distortion may go."""

    shift: float = 1.5  # pixels, each axis
    rotation: float = 15.0  # degrees, either way
    scale: tuple[float, float] = (0.85, 1.15)
    shear: float = 0.2
    thickness: float = 0.6  # 0 = never thicken or thin, 1 = a full pixel


def augment_batch(images: Array, rng: np.random.Generator, spec=Augmentation()):
    """Return randomly distorted copies of images (batch, 784) float32."""
    x = images.reshape(-1, SIDE, SIDE)
    x = _affine(x, rng, spec)
    x = _change_thickness(x, rng, spec.thickness)
    return x.reshape(len(images), SIDE * SIDE)


def _affine(x: Array, rng: np.random.Generator, spec: Augmentation) -> Array:
    n = len(x)
    angle = np.deg2rad(rng.uniform(-spec.rotation, spec.rotation, n))
    scale = rng.uniform(*spec.scale, (n, 2))
    shear = rng.uniform(-spec.shear, spec.shear, n)
    shift = rng.uniform(-spec.shift, spec.shift, (n, 2))

    # inverse map: for each output pixel, where to sample in the source
    cos, sin = np.cos(angle), np.sin(angle)
    m = np.empty((n, 2, 2))
    m[:, 0, 0], m[:, 0, 1] = cos / scale[:, 0], (sin + shear * cos) / scale[:, 0]
    m[:, 1, 0], m[:, 1, 1] = -sin / scale[:, 1], (cos - shear * sin) / scale[:, 1]
    centre = (SIDE - 1) / 2
    grid = np.stack(np.mgrid[0:SIDE, 0:SIDE][::-1], -1).reshape(-1, 2) - centre
    m = m.astype(np.float32)
    gx, gy = grid[:, 0].astype(np.float32), grid[:, 1].astype(np.float32)
    offset = (centre - shift).astype(np.float32)
    sx = m[:, 0, :1] * gx + m[:, 0, 1:] * gy + offset[:, :1]
    sy = m[:, 1, :1] * gx + m[:, 1, 1:] * gy + offset[:, 1:]
    return _bilinear(x, sx, sy).reshape(n, SIDE, SIDE)


def _bilinear(x: Array, sx: Array, sy: Array) -> Array:
    # Sample each image at float coordinates; outside the image reads zero.
    n = len(x)
    padded = np.zeros((n, SIDE + 2, SIDE + 2), np.float32)
    padded[:, 1:-1, 1:-1] = x
    flat = padded.ravel()
    sx = np.clip(sx + 1, 0, SIDE + 0.999)
    sy = np.clip(sy + 1, 0, SIDE + 0.999)
    x0, y0 = sx.astype(np.intp), sy.astype(np.intp)
    fx, fy = (sx - x0).astype(np.float32), (sy - y0).astype(np.float32)
    width = SIDE + 2
    i00 = y0 * width + x0 + (np.arange(n) * width * width)[:, None]
    v00, v01 = flat[i00], flat[i00 + 1]
    v10, v11 = flat[i00 + width], flat[i00 + width + 1]
    top = v00 + fx * (v01 - v00)
    bottom = v10 + fx * (v11 - v10)
    return top + fy * (bottom - top)


def _change_thickness(x: Array, rng: np.random.Generator, amount: float) -> Array:
    # Blend towards a 4-neighbour dilation (thicker) or erosion (thinner).
    if amount <= 0:
        return x
    k = rng.uniform(-amount, amount, (len(x), 1, 1)).astype(np.float32)
    p = np.pad(x, ((0, 0), (1, 1), (1, 1)))
    neighbours = (p[:, :-2, 1:-1], p[:, 2:, 1:-1], p[:, 1:-1, :-2], p[:, 1:-1, 2:])
    grown = np.maximum(x, np.maximum.reduce(neighbours))
    shrunk = np.minimum(x, np.minimum.reduce(neighbours))
    target = np.where(k > 0, grown, shrunk)
    return x + np.abs(k) * (target - x)
