"""Exact resampling along one axis: area averaging and sub-pixel shifts.

Both work with sums over slices instead of matrix products, so they stay
fast when a busy machine keeps the BLAS threads waiting.
"""

import numpy as np

Array = np.ndarray


def area_average(image: Array, n_out: int, axis: int) -> Array:
    """Return the image with `axis` area-averaged from its length to n_out.

    Output pixel i covers input coordinates [i, i + 1) * n_in / n_out and is
    the mean of the ink there, partial pixels counted by their overlap, so
    constant images stay constant and grey edges appear where an output pixel
    straddles ink and background. Works for shrinking and enlarging alike.
    """
    x = np.moveaxis(np.asarray(image), axis, 0)
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    n_in = x.shape[0]
    ratio = n_in / n_out

    # whole pixels between edges, then the partial pixels at both ends; the
    # last edge is exactly n_in, where the last sum already ends
    edges = np.append(np.arange(n_out) * ratio, n_in)
    whole = np.floor(edges).astype(int)
    part = (edges - whole).reshape((-1,) + (1,) * (x.ndim - 1))
    span = np.add.reduceat(x, whole[:-1], axis=0).astype(np.float64)
    empty = (whole[1:] <= whole[:-1]).reshape(part[1:].shape)
    span = np.where(empty, 0.0, span)
    edge_pixels = x[np.minimum(whole, n_in - 1)].astype(np.float64)
    inked = span - part[:-1] * edge_pixels[:-1] + part[1:] * edge_pixels[1:]

    out = inked / ratio
    return np.moveaxis(out, 0, axis).astype(np.float32)


def shift_into(image: Array, n_out: int, offset: float, axis: int) -> Array:
    """Return the image placed on an axis of length n_out, pixel k at k + offset.

    The offset is limited so all the ink stays inside; a fractional offset
    splits each pixel linearly between two neighbours, which keeps the total
    ink and moves the centre of mass by exactly the offset.
    """
    x = np.moveaxis(image, axis, 0)
    n_in = x.shape[0]
    offset = float(np.clip(offset, 0.0, max(0, n_out - n_in)))
    whole = int(np.floor(offset))
    part = offset - whole

    out = np.zeros((n_out,) + x.shape[1:], dtype=np.float32)
    out[whole : whole + n_in] = (1.0 - part) * x
    if part > 0:
        out[whole + 1 : whole + 1 + n_in] += part * x
    return np.moveaxis(out, 0, axis)


def centre_of_mass(image: Array) -> tuple[float, float]:
    """Return the intensity centre of mass (row, column) of a 2-D image."""
    total = float(image.sum())
    if total <= 0:
        h, w = image.shape
        return (h - 1) / 2, (w - 1) / 2
    rows = float(image.sum(axis=1) @ np.arange(image.shape[0])) / total
    cols = float(image.sum(axis=0) @ np.arange(image.shape[1])) / total
    return rows, cols
