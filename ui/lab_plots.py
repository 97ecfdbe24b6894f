"""Cheap growing curves for live training plots.

Points go into preallocated numpy buffers; the plot item is redrawn only
when the owner calls redraw() (from a timer), never once per point.
"""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from ui import panel_style

# Colour-blind-safe hues (Okabe and Ito), in the order lines are added.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)


def colour(index: int) -> QColor:
    """Return the palette colour for line number index."""
    return QColor(PALETTE[index % len(PALETTE)])


def make_plot(
    title: str, x_label: str, y_label: str, tip: str, legend=(-5, 5)
) -> pg.PlotWidget:
    """Return a plot with labelled axes that never rescales by itself.

    legend is the legend's offset in pixels: positive from the left or top,
    negative from the right or bottom.
    """
    text = panel_style.foreground().name()
    plot = pg.PlotWidget()
    plot.setBackground(None)
    plot.setTitle(title, color=text)
    plot.setLabel("bottom", x_label, color=text)
    plot.setLabel("left", y_label, color=text)
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(panel_style.muted()))
        axis.setTextPen(pg.mkPen(text))
        # Axes show the values themselves, never a "(x0.001)" scale factor.
        axis.enableAutoSIPrefix(False)
    # No grid: pyqtgraph draws it with the axes, which would then repaint
    # all their tick labels whenever a curve changes.
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.disableAutoRange()
    plot.setToolTip(tip)
    plot.addLegend(offset=legend, labelTextSize="8pt", labelTextColor=text)
    return plot


def set_y_range(plot: pg.PlotWidget, low: float, high: float) -> None:
    """Set plot's y range unless it is already that; relaying out axes is costly."""
    wanted = (round(low, 6), round(high, 6))
    if getattr(plot, "_lab_y_range", None) != wanted:
        plot._lab_y_range = wanted
        plot.setYRange(low, high, padding=0)


def decade_range(low: float, high: float) -> tuple[float, float]:
    """Return log10 bounds around low..high, widened to whole decades."""
    return math.floor(math.log10(low)) - 0.1, math.ceil(math.log10(high)) + 0.1


def loss_top(top: float) -> float:
    """Return a y maximum above top, rounded up to a half so it rarely moves."""
    return max(0.5, math.ceil(top * 2) / 2)


class GrowingCurve:
    """A line whose points are appended in batches and drawn on demand."""

    def __init__(self, plot: pg.PlotWidget, name: str, index: int, **style):
        pen = pg.mkPen(colour(index), width=style.pop("width", 1))
        if "symbol" in style:
            style.setdefault("symbolBrush", colour(index))
            style.setdefault("symbolPen", pen)
        self.item = plot.plot([], [], name=name, pen=pen, **style)
        self.item.setClipToView(True)
        self.item.setDownsampling(auto=True, method="peak")
        self.x = np.empty(256)
        self.y = np.empty(256)
        self.count = 0
        self.dirty = False

    def append(self, x: float, y: float) -> None:
        """Add one point (drawn at the next redraw)."""
        if self.count == len(self.x):
            self.x = np.resize(self.x, 2 * self.count)
            self.y = np.resize(self.y, 2 * self.count)
        self.x[self.count] = x
        self.y[self.count] = y
        self.count += 1
        self.dirty = True

    def clear(self) -> None:
        """Forget every point."""
        self.count = 0
        self.dirty = True

    def redraw(self) -> None:
        """Hand the new points to the plot item, if there are any."""
        if self.dirty:
            n = self.count
            self.item.setData(self.x[:n], self.y[:n])
            self.dirty = False

    def finite_max(self) -> float:
        """Return the largest finite y so far, or 0."""
        y = self.y[: self.count]
        y = y[np.isfinite(y)]
        return float(y.max()) if len(y) else 0.0


def caption(text: str) -> QLabel:
    """Return a small word-wrapped label for under a plot."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label
