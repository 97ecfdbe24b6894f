"""Many same-looking dots drawn in one call: one hidden layer on the curve.

pyqtgraph's scatter item works out a style for every spot on every update in
Python; the activation panel moves hundreds of dots per stroke, so this item
keeps one look for all its dots: a filled mark stamped from one small picture,
or a thin square outline that never hides what lies beneath. Hovering a dot
shows its numbers.
"""

import math

import numpy as np
import pyqtgraph as pg

# Limitation: PrimitiveArray is pyqtgraph's internal bridge to QPainter's
# array calls (drawPixmapFragments takes a C array under PySide); it is not
# public API, so tests/test_panel_robustness.py checks the dots really paint.
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap


def dot_stamp(
    colour: QColor, rim: QColor, size: float, square: bool = False, side: int = 0
) -> QPixmap:
    """Return a picture of one filled dot with a thin rim, centred in side pixels."""
    side = side or math.ceil(size) + 2
    stamp = QPixmap(side, side)
    stamp.fill(Qt.GlobalColor.transparent)
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(rim, 1.0))
    painter.setBrush(colour)
    inset = (side - size) / 2
    box = QRectF(inset, inset, size, size)
    painter.drawRect(box) if square else painter.drawEllipse(box)
    painter.end()
    return stamp


def stamp_atlas(looks: list[tuple[QColor, float]], rim: QColor, side: int) -> QPixmap:
    """Return filled round dots side by side, each (colour, size) in side pixels."""
    # One painter for all of them: a pixmap and a painter per dot cost more
    # than the drawing itself.
    atlas = QPixmap(side * len(looks), side)
    atlas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(atlas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(rim, 1.0))
    for i, (colour, size) in enumerate(looks):
        painter.setBrush(colour)
        inset = (side - size) / 2
        painter.drawEllipse(QRectF(i * side + inset, inset, size, size))
    painter.end()
    return atlas


class DotCloud(pg.GraphicsObject):
    """Dots of one look at (x, y) in view units, filled or outlined."""

    def __init__(self, tip=None, clicked=None):
        super().__init__()
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._rects = PrimitiveArray(QRectF, 4)
        self._xy = np.zeros((0, 2))
        self._index = np.zeros(0, dtype=np.int64)
        self._size = 8.0
        self._stamp: QPixmap | None = None
        self._side = 0
        self._choice = np.zeros(0, dtype=np.int64)
        self._outline = QPen()
        self._rect = QRectF()
        self._pixel: tuple[float, float] | None = None
        # tip(i, x, y) -> text shown when hovering the dot given as x[i], y[i].
        self._tip = tip
        self.setAcceptHoverEvents(tip is not None)
        # clicked(i) is called with the index of a clicked dot.
        self._clicked = clicked

    def set_look(self, colour, background, size: float, hollow: bool, square: bool):
        """Draw filled dots with a background rim, or square outlines."""
        colour = QColor(colour)
        self._size = size
        stamp = None if hollow else dot_stamp(colour, QColor(background), size, square)
        self._stamp, self._side = stamp, stamp.width() if stamp else 0
        # See-through, so a crowd of outlines does not become a solid band.
        colour.setAlpha(170)
        self._outline = QPen(colour, 1.0)
        self._outline.setCosmetic(True)
        self.update()

    def set_atlas(self, atlas: QPixmap, side: int, size: float) -> None:
        """Draw each dot with one side-wide square of atlas, chosen in setData."""
        self._stamp, self._side, self._size = atlas, side, size
        self.update()

    def setData(self, x, y, stamp=None) -> None:  # noqa: N802
        """Move the dots to x, y (1-D arrays), drawn with atlas square stamp[i]."""
        xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
        # A broken model's NaN sums have no place on the curve.
        self._index = np.flatnonzero(np.isfinite(xy).all(axis=1))
        self._xy = xy[self._index]
        choice = np.zeros(len(xy), np.int64) if stamp is None else np.asarray(stamp)
        self._choice = choice[self._index]
        self._update_rect()
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802
        """Return the x and y of every dot."""
        return self._xy[:, 0].copy(), self._xy[:, 1].copy()

    def _update_rect(self) -> None:
        rect = QRectF()
        if len(self._xy):
            # Room for a dot around the outermost centres.
            pixel_w, pixel_h = self._pixel_size()
            pad_x, pad_y = (self._size + 2) * pixel_w, (self._size + 2) * pixel_h
            (x0, y0), (x1, y1) = self._xy.min(axis=0), self._xy.max(axis=0)
            rect = QRectF(
                x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y
            )
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def _pixel_size(self) -> tuple[float, float]:
        # Asking pyqtgraph costs more than the rest of an update, and the
        # answer only changes with the view.
        if self._pixel is not None:
            return self._pixel
        size = (self.pixelWidth() or 0.0, self.pixelHeight() or 0.0)
        # before the item is in a shown view there is nothing to keep
        self._pixel = size if all(size) else None
        return size

    def viewTransformChanged(self) -> None:  # noqa: N802
        # The pixel padding is in view units, which change with the view.
        self._pixel = None
        self._update_rect()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, *args) -> None:
        if not len(self._xy):
            return
        # Marks are drawn in screen pixels, so their size ignores the zoom.
        t = painter.transform()
        x, y = self._xy[:, 0], self._xy[:, 1]
        screen_x = t.m11() * x + t.m21() * y + t.dx()
        screen_y = t.m12() * x + t.m22() * y + t.dy()
        painter.save()
        painter.resetTransform()
        if self._stamp is None:
            self._paint_outlines(painter, screen_x, screen_y)
        else:
            self._paint_stamps(painter, screen_x, screen_y)
        painter.restore()

    def _paint_stamps(self, painter, x: np.ndarray, y: np.ndarray) -> None:
        side = self._side
        self._fragments.resize(len(x))
        # per fragment: x, y, source x, y, w, h, scale x, y, rotation, opacity
        frags = self._fragments.ndarray()
        frags[:, 0], frags[:, 1] = x, y
        frags[:, 2] = self._choice * side
        frags[:, 3] = 0.0
        frags[:, 4:6] = side
        frags[:, 6:8] = 1.0
        frags[:, 8] = 0.0
        frags[:, 9] = 1.0
        painter.drawPixmapFragments(*self._fragments.drawargs(), self._stamp)

    def _paint_outlines(self, painter, x: np.ndarray, y: np.ndarray) -> None:
        half = self._size / 2
        self._rects.resize(len(x))
        rects = self._rects.ndarray()
        rects[:, 0], rects[:, 1] = x - half, y - half
        rects[:, 2:] = self._size
        painter.setPen(self._outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects(*self._rects.drawargs())

    def hoverMoveEvent(self, event) -> None:  # noqa: N802
        index = self._nearest(event.pos())
        text = ""
        if index is not None:
            text = self._tip(int(self._index[index]), *self._xy[index])
        self.setToolTip(text)

    def mouseClickEvent(self, event) -> None:  # noqa: N802
        index = self._nearest(event.pos()) if self._clicked else None
        if index is None:
            event.ignore()
            return
        event.accept()
        self._clicked(int(self._index[index]))

    def _nearest(self, pos) -> int | None:
        width, height = self.pixelWidth(), self.pixelHeight()
        if not len(self._xy) or not width or not height:
            return None
        dx = (self._xy[:, 0] - pos.x()) / width
        dy = (self._xy[:, 1] - pos.y()) / height
        distance = np.hypot(dx, dy)
        index = int(np.argmin(distance))
        return index if distance[index] <= self._size / 2 + 2 else None
