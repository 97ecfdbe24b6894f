"""Exact 1-D resampling matrices: area averaging and sub-pixel shifts.

A 2-D image is resampled by applying a matrix to each axis:
out = rows @ image @ columns.T, which is fast for the small outputs used here
and exact for any ratio of sizes.
"""

import numpy as np

Array = np.ndarray


def area_matrix(n_in: int, n_out: int) -> Array:
    """Return the (n_out, n_in) matrix that area-averages n_in pixels into n_out.

    Output pixel i covers input coordinates [i, i + 1) * n_in / n_out; each
    weight is the overlap of an input pixel with that span, divided by its
    length, so constant images stay constant and grey edges appear where an
    output pixel straddles ink and background.
    """
    ratio = n_in / n_out
    start = np.arange(n_out)[:, None] * ratio  # (n_out, 1)
    j = np.arange(n_in)[None, :]  # (1, n_in)
    overlap = np.minimum(j + 1, start + ratio) - np.maximum(j, start)
    return (np.clip(overlap, 0.0, None) / ratio).astype(np.float32)


def shift_matrix(n_in: int, n_out: int, offset: float) -> Array:
    """Return the (n_out, n_in) matrix moving pixel k to k + offset (linearly).

    The offset is limited so all n_in pixels stay inside n_out; a fractional
    offset splits each pixel between two neighbours, which keeps the total
    ink and moves the centre of mass by exactly the offset.
    """
    offset = float(np.clip(offset, 0.0, max(0, n_out - n_in)))
    whole = int(np.floor(offset))
    part = offset - whole
    matrix = np.zeros((n_out, n_in), dtype=np.float32)
    k = np.arange(n_in)
    matrix[k + whole, k] = 1.0 - part
    if part > 0:
        matrix[k + whole + 1, k] = part
    return matrix


def centre_of_mass(image: Array) -> tuple[float, float]:
    """Return the intensity centre of mass (row, column) of a 2-D image."""
    total = float(image.sum())
    if total <= 0:
        h, w = image.shape
        return (h - 1) / 2, (w - 1) / 2
    rows = image.sum(axis=1) @ np.arange(image.shape[0]) / total
    cols = image.sum(axis=0) @ np.arange(image.shape[1]) / total
    return float(rows), float(cols)
