"""A picture of numbers on the fixed scale 0..1: black at 0, white at 1.

pyqtgraph's image item rescales float data in Python before every paint;
this item turns the values into one byte per pixel once, when they change,
and paints them with a single call. Values outside 0..1 are clipped, never
rescaled, so a faint drawing stays faint.
"""

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

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, *args) -> None:
        if not self._image.isNull():
            painter.drawImage(self._rect, self._image)
