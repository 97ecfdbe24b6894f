"""Turn a drawing into the network's 28x28 input, the way MNIST was made.

MNIST digits were cropped to their ink, scaled so the longer side is 20 px
(area averaging, keeping the aspect ratio) and placed in a 28x28 frame with
their intensity centre of mass at the centre. Measured on the 60,000 training
images, that centre is at (row, column) = (14.00, 14.01) in 0-based pixel
coordinates (spread 0.29 px: MNIST shifted by whole pixels), and the ink box
is exactly 20 px on the longer side. Both paths here aim at (14, 14).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from engine import strokes as pen
from engine.resample import area_average, centre_of_mass, shift_into

Array = np.ndarray

PREPROCESSING_VERSION = 1

SIDE = 28
BOX = 20
CENTRE = 14.0

# Values at or below this count as background when cropping an image.
INK_THRESHOLD = 0.05

# Pen radius in 28x28 pixels. MNIST strokes, measured as 2 * ink mass / total
# variation (the mean stroke width by the co-area formula), have a median
# width of 2.36 px over the 60,000 training images; the drawn-digit templates
# rendered with this radius give 2.35 (tests/test_preprocess.py checks it).
# The soft edge of one pixel also matches MNIST's grey levels: 47% of ink
# pixels above 0.9 (MNIST 46%), 29% below 0.5 (MNIST 31%).
PEN_RADIUS = 1.22

# Longer side of the pen path, so that its ink (pen and soft edge included)
# spans BOX pixels like an MNIST digit; the 0.9 was measured to give a 20 px
# ink box for 88% of drawings and 21 px for nearly all the rest.
PATH_BOX = BOX - 2 * PEN_RADIUS - 0.9

# Drawings smaller than this share of the canvas are not enlarged further.
SMALLEST_DRAWING = 0.02

# Mouse paths are thinned to points about this far apart (28x28 pixels).
DECIMATE_STEP = 1.0

# The strokes' display raster fits the canvas into this many pixels; images
# larger than DRAWN_LIMIT are shown with rows and columns skipped.
DRAWN_SIDE = 112
DRAWN_LIMIT = 448


@dataclass
class Stages:
    """Every step from a drawing to the network input, for display.

    drawn is the drawing, cropped its ink box, scaled the ink at MNIST size
    (for strokes: re-drawn in 28x28 with its box centred), centred the final
    28x28 image in 0..1 with the ink's centre of mass at the centre (all 2-D
    float32). drawn and cropped come from make_display on first use, since
    only a visible stages view needs them.
    """

    scaled: Array
    centred: Array
    make_display: Callable[[], tuple[Array, Array]] = field(repr=False)

    @cached_property
    def _display_images(self) -> tuple[Array, Array]:
        return self.make_display()

    @property
    def drawn(self) -> Array:
        return self._display_images[0]

    @property
    def cropped(self) -> Array:
        return self._display_images[1]

    @property
    def input(self) -> Array:
        """Return the centred image as the network input (784,) float32."""
        return self.centred.reshape(-1)


def preprocess_image(image) -> Stages | None:
    """Return the MNIST-style stages of an ink image (h, w), or None if empty."""
    # Limitation: as in MNIST's own scaling, strokes thin next to the image
    # fade to grey when area-averaged down; preprocess_strokes avoids this by
    # re-drawing the pen path at MNIST's stroke width.
    drawn = np.asarray(image)
    if drawn.ndim != 2 or drawn.size == 0:
        return None
    ink = drawn > INK_THRESHOLD  # NaN counts as background
    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) == 0:
        return None
    cols = np.flatnonzero(ink.any(axis=0))
    cropped = drawn[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    if not (cropped.min() >= 0.0 and cropped.max() <= 1.0):  # NaN fails too
        cropped = _unit(cropped)

    h, w = cropped.shape
    longer = max(h, w)
    out_h = max(1, round(h * BOX / longer))
    out_w = max(1, round(w * BOX / longer))
    scaled = area_average(area_average(cropped, out_h, 0), out_w, 1)

    cy, cx = centre_of_mass(scaled)
    centred = shift_into(scaled, SIDE, CENTRE - cy, 0)
    centred = shift_into(centred, SIDE, CENTRE - cx, 1)
    display = (_thinned(drawn), _thinned(cropped))
    return Stages(scaled, _unit(centred), lambda: display)


def preprocess_strokes(strokes, canvas_size) -> Stages | None:
    """Return the stages of mouse strokes on a canvas (width, height), or None.

    The pen path is rescaled so that its longer side fits the MNIST box and
    re-drawn with a pen of MNIST's width, so neither the size of the drawing
    nor the brush on the canvas changes how thick the strokes look.
    """
    paths = pen.clean_strokes(strokes)
    if not paths:
        return None
    points = np.concatenate(paths)
    low, high = points.min(axis=0), points.max(axis=0)
    # a click that wobbled a pixel stays a dot instead of filling the box
    smallest = SMALLEST_DRAWING * max(1.0, *(float(v) for v in canvas_size))
    scale = PATH_BOX / max(float((high - low).max()), smallest)

    # pen path in 28x28 pixels with its box centred on the frame
    middle = (low + high) / 2
    paths_28 = [(p - middle) * scale + CENTRE for p in paths]
    segments = pen.to_segments([pen.decimate(p, DECIMATE_STEP) for p in paths_28])
    scaled = pen.render(segments, (SIDE, SIDE), PEN_RADIUS)

    shift = _centring_shift(scaled, (high - low) * scale)
    centred = pen.render(
        segments + np.concatenate((shift, shift)), (SIDE, SIDE), PEN_RADIUS
    )
    return Stages(
        scaled, centred, lambda: _display_stages(paths, canvas_size, low, high)
    )


def _centring_shift(image: Array, path_size: Array) -> Array:
    """Return the (dx, dy) moving the image's centre of mass to the centre.

    The shift is limited so the ink never leaves the 28x28 frame.
    """
    cy, cx = centre_of_mass(image)
    room = (SIDE - 1 - path_size) / 2 - PEN_RADIUS - 0.5  # (2,) as x, y
    room = np.maximum(room, 0.0)
    return np.clip(np.array([CENTRE - cx, CENTRE - cy]), -room, room)


def _display_stages(paths, canvas_size, low, high) -> tuple[Array, Array]:
    """Return the canvas and its ink box as small rasters for display."""
    width, height = (max(1.0, float(v)) for v in canvas_size)
    zoom = DRAWN_SIDE / max(width, height)
    shape = (max(1, round(height * zoom)), max(1, round(width * zoom)))
    # points far off the canvas would cost samples without showing
    limit = np.array([shape[1], shape[0]] * 2) + 1.0
    segments = np.clip(pen.to_segments(paths) * zoom, -1.0, limit)
    drawn = pen.sketch(segments, shape)

    y0, x0 = (np.floor(low[::-1] * zoom).astype(int) - 1).clip(0)
    y1, x1 = np.ceil(high[::-1] * zoom).astype(int) + 2
    cropped = drawn[y0:y1, x0:x1]
    if cropped.size == 0:
        cropped = drawn
    return drawn, cropped


def _thinned(image: Array) -> Array:
    """Return the image for display: float32 in 0..1, huge ones thinned out."""
    step = -(-max(image.shape) // DRAWN_LIMIT)
    return _unit(image[::step, ::step])


def _unit(image: Array) -> Array:
    """Return the image as float32 in 0..1, with non-finite values as 0."""
    image = np.clip(image, 0.0, 1.0).astype(np.float32, copy=False)
    bad = np.isnan(image)
    if bad.any():
        image[bad] = 0.0
    return image
