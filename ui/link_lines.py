"""The diagram's links as one graphics item: a few groups of straight lines.

Each group has its own pen (a sign and a strength); drawing all groups from
one item costs one paint and one Python update per drawing, where one
pyqtgraph curve per group costs several. The lines are drawn in screen
pixels: Qt strokes a wide pen through a scaling transform about three times
slower than the same lines already mapped to the screen.
"""

import numpy as np
import pyqtgraph as pg

# Limitation: PrimitiveArray is pyqtgraph's internal bridge to QPainter's
# array calls (see ui/dot_cloud.py); it fills the lines from numpy without a
# Python QLineF per link.
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPen

# Room for the widest pen around the lines' end points, in view units.
MARGIN = 0.2


class LinkLines(pg.GraphicsObject):
    """Groups of line segments, each group drawn with its own pen."""

    def __init__(self):
        super().__init__()
        self._pens: list[QPen] = []
        self._lines: list[PrimitiveArray] = []
        self._counts: list[int] = []
        self._ends = np.zeros((0, 2))
        self._rect = QRectF()

    def set_pens(self, pens: list[QPen]) -> None:
        """Use pens[i] for group i."""
        self._pens = list(pens)
        self.update()

    def set_lines(self, lines: np.ndarray, counts: np.ndarray) -> None:
        """Draw (k, 4) rows of x1, y1, x2, y2, sorted by pen: counts[i] per pen."""
        while len(self._lines) < len(counts):
            self._lines.append(PrimitiveArray(QLineF, 4))
        self._counts = [int(n) for n in counts]
        self._ends = np.asarray(lines, dtype=np.float64).reshape(-1, 2)
        rect = QRectF()
        if len(self._ends):
            (left, top), (right, bottom) = self._ends.min(0), self._ends.max(0)
            rect = QRectF(left, top, right - left, bottom - top)
            rect.adjust(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def line_count(self) -> int:
        """Return how many links are drawn."""
        return sum(self._counts)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, *args) -> None:
        t = painter.transform()
        x, y = self._ends[:, 0], self._ends[:, 1]
        # (k, 4) again, in screen pixels
        screen = np.column_stack(
            [t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()]
        ).reshape(-1, 4)
        painter.save()
        painter.resetTransform()
        start = 0
        for pen, group, count in zip(
            self._pens, self._lines, self._counts, strict=False
        ):
            if count:
                group.resize(count)
                group.ndarray()[:] = screen[start : start + count]
                painter.setPen(pen)
                painter.drawLines(*group.drawargs())
            start += count
        painter.restore()
