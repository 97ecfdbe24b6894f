"""Synthetic mouse-drawn digits: placement, a brush and a score for models.

`draw_digit` puts a template from digit_templates on a canvas the way a
person with a mouse would: any size, anywhere, slanted, a little wobbly,
sampled every few pixels at whole-pixel positions.
"""

from dataclasses import dataclass

import numpy as np
from digit_templates import STYLES, TEMPLATES

from engine.preprocess import preprocess_image, preprocess_strokes
from engine.strokes import squared_distances

Array = np.ndarray

__all__ = [
    "STYLES",
    "TEMPLATES",
    "DrawnScore",
    "brush",
    "draw_digit",
    "drawn_digit_accuracy",
    "random_digit",
]


def draw_digit(
    digit: int,
    style: str,
    rng: np.random.Generator,
    size: float = 200.0,
    offset=None,
    jitter: float = 0.03,
    slant: float = 0.0,
    canvas=(280, 280),
) -> list[Array]:
    """Return a digit as mouse strokes (n, 2) in canvas pixels.

    size is the longer side of the pen path in pixels, offset the (x, y)
    centre of that path (default: the canvas centre), jitter the wobble as a
    share of the size, slant the shear (positive leans the top right).
    """
    strokes = [s.copy() for s in TEMPLATES[digit][style]]
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    middle = (low + high) / 2
    strokes = [(s - middle) / (high - low).max() for s in strokes]

    warp = _random_warp(rng, jitter)
    if offset is None:
        offset = (canvas[0] / 2, canvas[1] / 2)
    placed = []
    for s in strokes:
        s = warp(s)
        s[:, 0] -= slant * s[:, 1]
        placed.append(_mouse_samples(s * size + offset, rng, canvas, jitter))
    return placed


def _random_warp(rng: np.random.Generator, jitter: float):
    """Return a smooth random deformation of unit-box points."""
    angle = rng.normal(0.0, jitter * 2)
    stretch = 1.0 + rng.normal(0.0, jitter * 2, size=2)
    rotate = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    freq = rng.uniform(1.5, 4.0, size=(2, 2))
    phase = rng.uniform(0.0, 2 * np.pi, size=2)
    amp = rng.normal(0.0, jitter, size=2)

    def warp(p: Array) -> Array:
        q = (p * stretch) @ rotate.T
        wobble = np.sin(p @ freq + phase) * amp  # (n, 2)
        return q + wobble

    return warp


def _mouse_samples(path: Array, rng: np.random.Generator, canvas, jitter) -> Array:
    """Return the path sampled every 2-4 pixels at whole-pixel positions.

    Each end loses up to `jitter` of the stroke's length, the way a hurried
    hand leaves loops open.
    """
    step = rng.uniform(2.0, 4.0)
    length = np.hypot(*np.diff(path, axis=0).T)
    arc = np.concatenate(([0.0], np.cumsum(length)))
    start, stop = rng.uniform(0.0, jitter, size=2) * arc[-1]
    at = np.append(np.arange(start, arc[-1] - stop, step), arc[-1] - stop)
    points = np.column_stack([np.interp(at, arc, path[:, k]) for k in range(2)])
    points = np.rint(points)
    return np.clip(points, 0, np.array(canvas) - 1)


def random_digit(
    digit: int,
    rng: np.random.Generator,
    canvas=(280, 280),
    share=(0.1, 0.95),
    jitter: float = 0.03,
) -> tuple[list[Array], float]:
    """Return a random drawing of digit and its size as a share of the canvas."""
    style = STYLES[digit][rng.integers(len(STYLES[digit]))]
    fraction = rng.uniform(*share)
    size = fraction * min(canvas)
    slant = rng.uniform(-0.3, 0.3)
    room = np.maximum(np.array(canvas) - size * 1.2, 0) / 2
    offset = np.array(canvas) / 2 + rng.uniform(-room, room)
    strokes = draw_digit(digit, style, rng, size, offset, jitter, slant, canvas)
    return strokes, fraction


def brush(strokes: list[Array], canvas=(280, 280), width: float = 16.0) -> Array:
    """Return the strokes painted with an anti-aliased round brush (h, w)."""
    w, h = canvas
    image = np.zeros((h, w), dtype=np.float32)
    reach = width / 2 + 0.5
    for points in strokes:
        ends = np.concatenate((points[:-1], points[1:]), axis=1)
        if len(points) == 1:
            ends = np.concatenate((points, points), axis=1)
        for seg in ends.astype(np.float32):
            x0, y0 = np.floor(np.minimum(seg[:2], seg[2:]) - reach).astype(int).clip(0)
            x1, y1 = np.ceil(np.maximum(seg[:2], seg[2:]) + reach).astype(int) + 1
            ys, xs = np.mgrid[y0 : min(y1, h), x0 : min(x1, w)]
            d2 = squared_distances(xs.reshape(-1, 1), ys.reshape(-1, 1), seg[None])
            ink = np.clip(reach - np.sqrt(d2[:, 0]), 0, 1).reshape(xs.shape)
            window = image[y0 : min(y1, h), x0 : min(x1, w)]
            np.maximum(window, ink, out=window)
    return image


SIZE_BUCKETS = ((0.1, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.95))


@dataclass
class DrawnScore:
    """How well a network reads synthetic mouse drawings.

    per_size holds (low, high, accuracy, count) per bucket of the drawing's
    size as a share of the canvas.
    """

    accuracy: float
    per_digit: Array  # (10,)
    per_size: list[tuple[float, float, float, int]]
    confusion: Array  # (10, 10), rows are the drawn digits


def drawn_digit_accuracy(
    network,
    n_per_digit: int = 50,
    seed: int = 0,
    through: str = "strokes",
    jitter: float = 0.03,
) -> DrawnScore:
    """Return the network's score on random drawings of every digit.

    through is "strokes" (the window's path) or "image" (painted with a
    random brush of 4 to 24 px, then preprocess_image); jitter is the wobble
    as a share of the digit's size (0.03 is neat, 0.08 sloppy).
    """
    rng = np.random.default_rng(seed)
    inputs, labels, shares = [], [], []
    for digit in np.repeat(np.arange(10), n_per_digit):
        strokes, share = random_digit(int(digit), rng, jitter=jitter)
        if through == "image":
            stages = preprocess_image(brush(strokes, (280, 280), rng.uniform(4, 24)))
        else:
            stages = preprocess_strokes(strokes, (280, 280))
        inputs.append(stages.input)
        labels.append(digit)
        shares.append(share)
    return _score(network.predict(np.array(inputs)), np.array(labels), np.array(shares))


def _score(guesses: Array, labels: Array, shares: Array) -> DrawnScore:
    """Return the score of guesses against labels, split by digit and size."""
    right = guesses == labels
    per_digit = np.array([right[labels == d].mean() for d in range(10)])
    per_size = []
    for low, high in SIZE_BUCKETS:
        inside = (shares >= low) & (shares < high)
        accuracy = float(right[inside].mean()) if inside.any() else float("nan")
        per_size.append((low, high, accuracy, int(inside.sum())))
    confusion = np.zeros((10, 10), np.int64)
    np.add.at(confusion, (labels, guesses), 1)
    return DrawnScore(float(right.mean()), per_digit, per_size, confusion)
