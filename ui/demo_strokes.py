"""Hand-made pen paths for each digit, to draw without a mouse."""

import numpy as np

# Each digit is a list of strokes written the way a person draws it; each
# stroke is "x y" points in percent of the canvas side, y downwards.
_SHAPES: dict[int, list[str]] = {
    0: ["50 15, 34 22, 27 40, 28 62, 37 80, 50 86, 63 80, 72 62, 73 40, 66 22, 50 15"],
    1: ["40 28, 55 15, 55 86"],
    2: ["30 30, 38 18, 52 14, 66 20, 70 33, 62 50, 45 66, 28 84, 74 84"],
    3: ["30 20, 46 14, 63 18, 68 30, 60 43, 45 48, 62 53, 70 66, 64 80, 48 86, 30 80"],
    4: ["60 14, 28 60, 76 60", "60 36, 60 88"],
    5: ["70 15, 36 15, 32 46, 48 42, 64 47, 71 62, 65 79, 50 86, 30 80"],
    6: ["64 15, 46 28, 34 48, 30 66, 37 82, 52 87, 66 80, 70 65, 62 53, 48 51, 35 60"],
    7: ["27 16, 73 16, 58 42, 46 86"],
    8: [
        "64 24, 50 14, 35 22, 37 38, 50 48, 65 60, 66 77, 50 87, 34 77, 36 60, "
        "50 48, 63 38, 64 24",
    ],
    9: ["66 27, 57 17, 44 15, 34 21, 31 33, 38 44, 51 46, 62 40, 66 27, 65 56, 60 86"],
}


def _points(stroke: str) -> np.ndarray:
    pairs = [pair.split() for pair in stroke.split(",")]
    return np.asarray(pairs, dtype=np.float32) / 100


def densify(points: np.ndarray, step: float) -> np.ndarray:
    """Return points (n, 2) with extra points so no gap exceeds step."""
    parts = [points[:1]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        count = max(1, int(np.ceil(np.hypot(*(b - a)) / step)))
        t = np.arange(1, count + 1, dtype=np.float32)[:, None] / count
        parts.append(a + (b - a) * t)
    return np.concatenate(parts).astype(np.float32)


def smooth(points: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Return points with corners cut, as a hand rounds them; ends stay put."""
    for _ in range(rounds):
        if len(points) < 3:
            return points
        a, b = points[:-1], points[1:]
        cut = np.stack([0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b], axis=1)
        points = np.concatenate([points[:1], cut.reshape(-1, 2), points[-1:]])
    return points


def digit_strokes(digit: int, size: tuple[int, int]) -> list[np.ndarray]:
    """Return pen paths drawing digit on a canvas of size (width, height)."""
    if digit not in _SHAPES:
        raise ValueError(f"There is no demo drawing for {digit!r}; use 0 to 9.")
    scale = np.float32(size)
    step = max(2.0, min(size) / 60)
    return [densify(smooth(_points(stroke)) * scale, step) for stroke in _SHAPES[digit]]
