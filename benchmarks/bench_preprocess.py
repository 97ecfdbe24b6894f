"""Time preprocessing, which runs on every mouse move in the window.

Prints the median and 95th percentile in microseconds for a typical mouse
digit (about 200 points) through preprocess_strokes, and for a painted
400x400 canvas through preprocess_image.
"""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from drawn_digits import brush, draw_digit  # noqa: E402

from engine.preprocess import preprocess_image, preprocess_strokes  # noqa: E402


def timings(function, repeats: int) -> np.ndarray:
    """Return the run times of function() in microseconds."""
    function()
    times = np.empty(repeats)
    for k in range(repeats):
        start = time.perf_counter()
        function()
        times[k] = time.perf_counter() - start
    return times * 1e6


def dense_digit(rng: np.random.Generator) -> list[np.ndarray]:
    """Return a digit resampled to about 200 mouse points."""
    strokes = draw_digit(3, "round", rng, size=240, canvas=(400, 400))
    total = sum(len(s) for s in strokes)
    factor = max(1, round(200 / total))
    return [_densify(s, factor) for s in strokes]


def _densify(points: np.ndarray, factor: int) -> np.ndarray:
    """Return the polyline with factor points per original segment."""
    t = np.arange((len(points) - 1) * factor + 1) / factor
    return np.column_stack(
        [np.interp(t, np.arange(len(points)), points[:, k]) for k in range(2)]
    )


def report(name: str, times: np.ndarray) -> None:
    """Print the median and p95 of times."""
    median, p95 = np.percentile(times, [50, 95])
    print(f"{name:44s} median {median:8.0f} us   p95 {p95:8.0f} us")


def main() -> None:
    """Run every timing and print the figures."""
    rng = np.random.default_rng(0)
    strokes = dense_digit(rng)
    points = sum(len(s) for s in strokes)
    report(
        f"preprocess_strokes ({points} points)",
        timings(lambda: preprocess_strokes(strokes, (400, 400)), 2000),
    )

    canvas = brush(strokes, (400, 400), 14.0)
    report(
        "preprocess_image (400x400 canvas)",
        timings(lambda: preprocess_image(canvas), 500),
    )

    huge = np.zeros((4000, 4000), dtype=np.float32)
    huge[1234, 2345] = 1.0
    report(
        "preprocess_image (one dot on 4000x4000)",
        timings(lambda: preprocess_image(huge), 20),
    )


if __name__ == "__main__":
    main()
