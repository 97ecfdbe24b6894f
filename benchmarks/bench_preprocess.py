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


def dense_digit(rng: np.random.Generator, points: int = 200) -> list[np.ndarray]:
    """Return a two-stroke digit resampled to `points` whole-pixel mouse points."""
    strokes = draw_digit(4, "open", rng, size=240, canvas=(400, 400))
    total = sum(len(s) for s in strokes)
    return [_resample(s, round(points * len(s) / total)) for s in strokes]


def _resample(points: np.ndarray, n: int) -> np.ndarray:
    """Return n points evenly spaced along the polyline, at whole pixels."""
    t = np.linspace(0, len(points) - 1, n)
    at = np.arange(len(points))
    return np.rint(np.column_stack([np.interp(t, at, points[:, k]) for k in range(2)]))


def report(name: str, times: np.ndarray) -> None:
    """Print the median and p95 of times."""
    median, p95 = np.percentile(times, [50, 95])
    print(f"{name:44s} median {median:8.0f} us   p95 {p95:8.0f} us")


def main() -> None:
    """Run every timing and print the figures."""
    strokes = dense_digit(np.random.default_rng(0))
    size = (400, 400)
    label = f"preprocess_strokes ({sum(len(s) for s in strokes)} points)"
    report(label, timings(lambda: preprocess_strokes(strokes, size), 2000))
    with_display = lambda: preprocess_strokes(strokes, size).drawn  # noqa: E731
    report(label + " + display", timings(with_display, 2000))

    canvas = brush(strokes, size, 14.0)
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
