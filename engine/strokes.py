"""Render pen strokes as anti-aliased round-pen lines on a small pixel grid.

A stroke is an (n, 2) array of (x, y) points; a single point is a dot. Pixel
(row i, column j) has its centre at (x, y) = (j, i), so a grid of width w
covers x from -0.5 to w - 0.5.
"""

import numpy as np

Array = np.ndarray

# A turn sharper than this (cosine between successive directions) keeps its
# point during decimation, so corners of a 4 or a 7 stay sharp.
_CORNER_COSINE = 0.7


def clean_strokes(strokes) -> list[Array]:
    """Return the strokes as float64 (n, 2) arrays without non-finite points."""
    cleaned = []
    for stroke in strokes:
        points = np.asarray(stroke, dtype=np.float64).reshape(-1, 2)
        points = points[np.isfinite(points).all(axis=1)]
        if len(points):
            cleaned.append(points)
    return cleaned


def decimate(points: Array, step: float) -> Array:
    """Return a subset of points (n, 2) about `step` apart, keeping corners."""
    if len(points) < 3:
        return points
    delta = np.diff(points, axis=0)  # (n - 1, 2)
    length = np.hypot(delta[:, 0], delta[:, 1])
    arc = np.concatenate(([0.0], np.cumsum(length)))
    bucket = np.floor(arc / step)
    new_bucket = np.flatnonzero(np.diff(bucket) > 0) + 1

    # cosine of the turn at each interior point
    dot = (delta[:-1] * delta[1:]).sum(axis=1)
    norm = length[:-1] * length[1:]
    sharp = np.flatnonzero(dot < _CORNER_COSINE * norm) + 1

    keep = np.concatenate(([0], new_bucket, sharp, [len(points) - 1]))
    return points[np.unique(keep)]


def to_segments(strokes: list[Array]) -> Array:
    """Return the strokes as segments (s, 4) of x0, y0, x1, y1; dots have length 0."""
    parts = []
    for points in strokes:
        if len(points) == 1:
            parts.append(np.concatenate((points, points), axis=1))
        else:
            parts.append(np.concatenate((points[:-1], points[1:]), axis=1))
    return np.concatenate(parts, axis=0)


def render(segments: Array, shape: tuple[int, int], radius: float) -> Array:
    """Return the segments (s, 4) drawn with a round pen as a float32 image.

    Ink falls off linearly over one pixel around distance `radius` from the
    pen path, so the ink mass per unit of length is 2 * radius.
    """
    h, w = shape
    image = np.zeros(shape, dtype=np.float32)
    reach = radius + 0.5
    lo = np.floor(segments.min(axis=0) - reach).astype(int)
    hi = np.ceil(segments.max(axis=0) + reach).astype(int)
    x0, x1 = max(0, min(lo[0], lo[2])), min(w, max(hi[0], hi[2]) + 1)
    y0, y1 = max(0, min(lo[1], lo[3])), min(h, max(hi[1], hi[3]) + 1)
    if x0 >= x1 or y0 >= y1:
        return image

    px = np.arange(x0, x1, dtype=np.float32)[None, :, None]  # (1, w, 1)
    py = np.arange(y0, y1, dtype=np.float32)[:, None, None]  # (h, 1, 1)
    d2 = squared_distances(px, py, segments.astype(np.float32))  # (h, w, s)
    distance = np.sqrt(d2.min(axis=2))
    image[y0:y1, x0:x1] = np.clip(reach - distance, 0.0, 1.0)
    return image


def squared_distances(px: Array, py: Array, segments: Array) -> Array:
    """Return squared distances from points to segments (s, 4), by broadcasting.

    px and py hold point coordinates in any shapes ending in an axis of
    length 1; the result ends in an axis over the segments.
    """
    ax, ay = segments[:, 0], segments[:, 1]
    abx, aby = segments[:, 2] - ax, segments[:, 3] - ay
    length2 = np.maximum(abx * abx + aby * aby, 1e-12)
    apx, apy = px - ax, py - ay
    t = np.clip((apx * abx + apy * aby) / length2, 0.0, 1.0)
    dx, dy = apx - t * abx, apy - t * aby
    return dx * dx + dy * dy


def sketch(segments: Array, shape: tuple[int, int], width: int = 3) -> Array:
    """Return a cheap unsmoothed raster of the segments for display."""
    h, w = shape
    dx = segments[:, 2] - segments[:, 0]
    dy = segments[:, 3] - segments[:, 1]
    counts = np.ceil(np.maximum(np.abs(dx), np.abs(dy))).astype(int) + 1
    starts = np.cumsum(counts) - counts
    k = np.arange(counts.sum()) - np.repeat(starts, counts)
    t = k / np.repeat(np.maximum(counts - 1, 1), counts)
    s = np.repeat(segments, counts, axis=0)
    x = np.rint(s[:, 0] + t * (s[:, 2] - s[:, 0])).astype(int)
    y = np.rint(s[:, 1] + t * (s[:, 3] - s[:, 1])).astype(int)
    inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
    pad = width // 2
    dots = np.zeros((h + width, w + width), dtype=bool)
    dots[y[inside] + pad, x[inside] + pad] = True

    # a square pen of `width` pixels, one axis at a time
    rows = np.zeros((h, w + width), dtype=bool)
    for oy in range(width):
        rows |= dots[oy : oy + h]
    image = np.zeros(shape, dtype=bool)
    for ox in range(width):
        image |= rows[:, ox : ox + w]
    return image.astype(np.float32)
