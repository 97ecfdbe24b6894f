"""Choose which neurons and links the network diagram draws, and where.

Pure numpy, so the choice can be tested without a window: big layers are
summarised by their most active neurons, and only the links that push a
weighted sum hardest (largest |weight x input|) are drawn, thicker for a
stronger push on a scale fixed per model.
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


def brightness(values: np.ndarray, low: float, high: float, steps: int) -> np.ndarray:
    """Return how lit each neuron is: 0..steps-1, negative for negative outputs.

    values are scaled by the fixed range low..high (low <= 0 < high), never
    by the current maximum.
    """
    # each sign against its own end of the scale; infinities clip to the ends
    values = np.asarray(values)
    span = np.where(values < 0, -min(low, -1e-12), high)
    # in the values' own precision, so halves round as they always have
    span = span.astype(np.result_type(values.dtype, np.float32), copy=False)
    fraction = np.clip(values / span, -1.0, 1.0)
    # A broken model (NaN) shows dark neurons rather than failing.
    fraction[np.isnan(fraction)] = 0.0
    return np.rint(fraction * (steps - 1)).astype(int)


def pixel_centres(left: float, top: float, width: float, height: float) -> np.ndarray:
    """Return the (784, 2) centres of the 28x28 input pixels drawn in a rectangle."""
    rows, cols = np.divmod(np.arange(784), 28)
    x = left + (cols + 0.5) * width / 28
    y = top + (rows + 0.5) * height / 28
    return np.column_stack([x, y])


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
    c = a_in[sources, None] * weights[sources][:, targets]  # (src, dst)
    if not np.isfinite(c).all():
        c = np.nan_to_num(c, nan=0.0, posinf=0.0, neginf=0.0)
    flat = np.abs(c).ravel()
    count = min(count, int(np.count_nonzero(flat)))
    if count == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    best = np.argpartition(-flat, count - 1)[:count]
    src, dst = np.unravel_index(best, c.shape)
    return src, dst, c[src, dst]


# A link pushing with at least these shares of the reference is drawn
# medium or thick; weaker ones thin.
WIDTH_EDGES = (0.15, 0.4)


def link_reference(weights: np.ndarray, input_high: float) -> float:
    """Return a fixed strong push for a layer: a large weight times a high input.

    It depends on the model only, so the same push is drawn equally thick
    for every drawing, and a faint scribble gives thin lines.
    """
    magnitudes = np.abs(weights).ravel()
    # the 99th percentile, by partition: a full percentile sorts and is slower
    k = int(0.99 * (len(magnitudes) - 1))
    big_weight = float(np.partition(magnitudes, k)[k]) if len(magnitudes) else 0.0
    return max(big_weight * abs(input_high), 1e-6)


def width_buckets(contributions: np.ndarray, reference: float) -> np.ndarray:
    """Return 0 (thin), 1 or 2 (thick) per link from its share of reference."""
    share = np.abs(contributions) / reference
    return np.digitize(share, WIDTH_EDGES)
