"""The diagram's links as one graphics item: a few groups of straight lines.

Each group has its own pen (a sign and a strength); drawing all groups from
one item costs one paint and one Python update per drawing, where one
pyqtgraph curve per group costs several.
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
        self._rect = QRectF()

    def set_pens(self, pens: list[QPen]) -> None:
        """Use pens[i] for group i."""
        self._pens = list(pens)
        self.update()

    def set_lines(self, groups: list[np.ndarray]) -> None:
        """Draw groups[i], a (k, 4) array of x1, y1, x2, y2, with pens[i]."""
        while len(self._lines) < len(groups):
            self._lines.append(PrimitiveArray(QLineF, 4))
        self._counts = [len(g) for g in groups]
        for lines, g in zip(self._lines, groups, strict=False):
            lines.resize(len(g))
            lines.ndarray()[:] = g
        ends = np.concatenate([g.reshape(-1, 2) for g in groups] + [np.zeros((0, 2))])
        rect = QRectF()
        if len(ends):
            low, high = ends.min(axis=0) - MARGIN, ends.max(axis=0) + MARGIN
            rect = QRectF(low[0], low[1], high[0] - low[0], high[1] - low[1])
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
        for pen, lines, count in zip(
            self._pens, self._lines, self._counts, strict=False
        ):
            if count:
                painter.setPen(pen)
                painter.drawLines(*lines.drawargs())
