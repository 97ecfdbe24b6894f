"""A picture of numbers on the fixed scale 0..1: black at 0, white at 1.

pyqtgraph's image item rescales float data in Python before every paint;
this item turns the values into one byte per pixel once, when they change,
and enlarges them to the screen itself. Values outside 0..1 are clipped,
never rescaled, so a faint drawing stays faint.
"""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage


def grey_bytes(values: np.ndarray) -> np.ndarray:
    """Return values (2-D, 0..1) as uint8 grey levels; NaN is black."""
    grey = np.multiply(values, 255.0, dtype=np.float32)
    # fmax, unlike clip, turns NaN into the lower bound
    np.fmax(grey, 0.0, out=grey)
    np.minimum(grey, 255.0, out=grey)
    grey += 0.5
    return grey.astype(np.uint8)


class GreyImage(pg.GraphicsObject):
    """A 2-D array drawn as grey pixels, one unit per pixel unless placed."""

    def __init__(self):
        super().__init__()
        self._values = np.zeros((0, 0), dtype=np.float32)
        self._bytes = np.zeros((0, 0), dtype=np.uint8)
        self._image = QImage()
        self._rect = QRectF()
        self._placed: QRectF | None = None
        self._screen = QImage()
        self._screen_size: tuple | None = None

    def set_values(self, values: np.ndarray) -> None:
        """Show values (rows, columns) on the fixed scale 0..1."""
        values = np.asarray(values, dtype=np.float32)
        if values.ndim != 2:
            raise ValueError("An image needs rows and columns.")
        shape_changed = values.shape != self._values.shape
        self._values = values
        # the image reads this buffer, so it is kept alongside
        self._bytes = np.ascontiguousarray(grey_bytes(values))
        rows, cols = self._bytes.shape
        grey = QImage.Format.Format_Grayscale8
        self._image = QImage(self._bytes.data, cols, rows, cols, grey)
        self._screen_size = None
        if shape_changed:
            self._fit()
        self.update()

    def values(self) -> np.ndarray:
        """Return the values now shown."""
        return self._values

    def set_rect(self, rect: QRectF) -> None:
        """Stretch the picture over rect, in view units."""
        self._placed = QRectF(rect)
        self._fit()

    def _fit(self) -> None:
        rows, cols = self._values.shape
        rect = self._placed or QRectF(0, 0, cols, rows)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self.informViewBoundsChanged()

    def pixel_at(self, point) -> tuple[int, int] | None:
        """Return the (row, column) under point (view units), or None if outside."""
        rect = self._rect
        if rect.isEmpty():
            return None
        rows, cols = self._values.shape
        # floor, not int(): int() would fold -0.5 into pixel 0
        row = math.floor((point.y() - rect.top()) * rows / rect.height())
        col = math.floor((point.x() - rect.left()) * cols / rect.width())
        return (row, col) if 0 <= row < rows and 0 <= col < cols else None

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, *args) -> None:
        if self._image.isNull():
            return
        t = painter.transform()
        if t.isRotating() or not t.isAffine():
            painter.drawImage(self._rect, self._image)
            return
        # Scaled up here rather than by Qt, whose scaled drawing of a
        # picture this size hands the rows to helper threads and waits.
        box = t.mapRect(self._rect)
        left, top = round(box.left()), round(box.top())
        width, height = round(box.right()) - left, round(box.bottom()) - top
        if width > 0 and height > 0:
            screen = self._screen_image(width, height, t.m11() < 0, t.m22() < 0)
            painter.save()
            painter.resetTransform()
            painter.drawImage(left, top, screen)
            painter.restore()

    def _screen_image(self, width: int, height: int, flip_x: bool, flip_y: bool):
        """Return the picture enlarged to width x height screen pixels."""
        if self._screen_size != (width, height, flip_x, flip_y):
            rows, cols = self._bytes.shape
            # the pixel under each screen pixel's centre
            pick_rows = (2 * np.arange(height) + 1) * rows // (2 * height)
            pick_cols = (2 * np.arange(width) + 1) * cols // (2 * width)
            pick_rows = pick_rows[::-1] if flip_y else pick_rows
            pick_cols = pick_cols[::-1] if flip_x else pick_cols
            grey = self._bytes[np.ix_(pick_rows, pick_cols)].astype(np.uint32)
            pixels = np.ascontiguousarray(grey * 0x010101 + 0xFF000000)
            rgb = QImage.Format.Format_RGB32
            # the image reads the pixels' buffer, so both are kept together
            self._screen = QImage(pixels.data, width, height, 4 * width, rgb)
            self._screen_pixels = pixels
            self._screen_size = (width, height, flip_x, flip_y)
        return self._screen
