"""Choose which neurons and links the network diagram draws, and where.

Pure numpy, so the choice can be tested without a window: big layers are
summarised by their most active neurons, and only the links that push a
weighted sum hardest (largest |weight x input|) are drawn.
"""

import numpy as np

# Layers up to this size are drawn whole; bigger ones show SHOWN_UNITS.
DRAW_ALL_UP_TO = 24
SHOWN_UNITS = 16
# Links drawn between two neighbouring columns.
LINKS_PER_GAP = 40
# Vertical room for a column, in diagram units, and the widest spacing.
COLUMN_HEIGHT = 10.0
MAX_SPACING = 0.8


def shown_units(activations: np.ndarray | None, n: int) -> np.ndarray:
    """Return the sorted indices of the units to draw for a layer of n units."""
    if n <= DRAW_ALL_UP_TO:
        return np.arange(n)
    if activations is None:
        return np.arange(SHOWN_UNITS)
    # Strongest by size, so tanh units firing at -1 count as active too.
    top = np.argpartition(-np.abs(activations), SHOWN_UNITS - 1)[:SHOWN_UNITS]
    return np.sort(top)


def column_ys(count: int) -> np.ndarray:
    """Return the heights of count neurons centred in the column."""
    spacing = min(MAX_SPACING, COLUMN_HEIGHT / max(count, 1))
    middle = COLUMN_HEIGHT / 2
    return middle + (np.arange(count) - (count - 1) / 2) * spacing


def strongest_links(
    a_in: np.ndarray,
    weights: np.ndarray,
    sources: np.ndarray,
    targets: np.ndarray,
    count: int = LINKS_PER_GAP,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (source, target, contribution) of the count largest |w·a| links.

    sources and targets index the drawn units; the returned positions index
    into them, and contribution is a_in[source] * weights[source, target].
    """
    c = a_in[sources, None] * weights[np.ix_(sources, targets)]  # (src, dst)
    c = np.nan_to_num(c, nan=0.0, posinf=0.0, neginf=0.0)
    flat = np.abs(c).ravel()
    count = min(count, int(np.count_nonzero(flat)))
    if count == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    best = np.argpartition(-flat, count - 1)[:count]
    src, dst = np.unravel_index(best, c.shape)
    return src, dst, c[src, dst]


def width_buckets(contributions: np.ndarray, buckets: int = 3) -> np.ndarray:
    """Return 0..buckets-1 per link: its strength as a share of the strongest."""
    size = np.abs(contributions)
    if size.size == 0:
        return np.zeros(0, dtype=np.int64)
    share = size / max(float(size.max()), 1e-12)
    return np.minimum((share * buckets).astype(np.int64), buckets - 1)
