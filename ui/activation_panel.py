"""The activation function f as a curve, with every hidden neuron as a dot on it.

A dot sits at (z, f(z)): its weighted sum and what the neuron passes on. Dots
in the flat tails of a sigmoid are saturated; dots at zero on a ReLU are
silent. A toggle adds the slope f'(z), which is how much a neuron can still
learn. Dots are coloured by layer and move as the drawing changes.
"""

import logging
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from ui import panel_style as style
from ui.dot_cloud import DotCloud
from ui.steady_label import SteadyLabel

log = logging.getLogger(__name__)

CAPTION = (
    "Each dot is one hidden neuron: across, its weighted sum z; up, what the "
    "activation function makes of it."
)
# The curve first spans -6..6, where the sigmoid and tanh are nearly flat.
DEFAULT_HALF_WIDTH = 6.0
# Widen past the outermost z by this factor, so small moves stay inside.
MARGIN = 1.25
# Narrow again only once every z fits in this share of the range.
SHRINK_BELOW = 0.3
# A neuron whose slope f'(z) is below this barely changes when it learns.
FLAT_SLOPE = 0.05
CURVE_POINTS = 401
# Round range ends, fine enough that widening never doubles the range.
ROUND_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """Return the smallest round number (see ROUND_STEPS) at or above value."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in ROUND_STEPS:
        if step * power >= value * (1 - 1e-9):
            return step * power
    return 10.0 * power


class ActivationPanel(QWidget):
    """The activation curve, its slope on request, and one dot per neuron."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._network = None
        self._trace = None
        self._half = DEFAULT_HALF_WIDTH
        self._show_derivative = False
        self._show_z = False
        self._formula = style.caption("")
        self._formula.setForegroundRole(QPalette.ColorRole.WindowText)
        self._formula.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._description = style.caption("")
        self._key = style.caption("")
        # counts that change with the drawing; see ui/steady_label.py
        self._flat = SteadyLabel(style.caption(""))
        self._flat.setToolTip(
            "Neurons on a flat stretch of the curve (slope under "
            f"{FLAT_SLOPE}) pass on almost nothing new and learn very slowly."
        )
        self._plot_widget = style.solid(
            pg.PlotWidget(background=style.background(), enableMenu=False)
        )
        self._plot = self._plot_widget.getPlotItem()
        self._create_items()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self._formula, self._description, self._key):
            layout.addWidget(widget)
        layout.addWidget(self._plot_widget, 1)
        layout.addWidget(self._flat)
        style.explain(self, CAPTION)

    def _create_items(self) -> None:
        plot = self._plot
        plot.setLabel("bottom", "weighted sum z")
        plot.setLabel("left", "f(z)")
        self._axes = [pg.InfiniteLine(0, angle=angle) for angle in (0, 90)]
        for line in self._axes:
            plot.addItem(line)
        self._curve = plot.plot()
        self._slope = plot.plot()
        # The curves stay put while the dots move over them: repaint them
        # from a pixmap instead of stroking hundreds of points each time.
        for item in (self._curve, self._slope):
            item.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._colour_items()
        self._dots: list[DotCloud] = []
        self._slope_dots: list[pg.ScatterPlotItem] = []
        self._rugs: list[pg.ScatterPlotItem] = []

    def _colour_items(self) -> None:
        # Called again for each model, so a light/dark switch is followed.
        self._plot_widget.setBackground(style.background())
        style.quiet_plot(self._plot)
        for line in self._axes:
            line.setPen(style.muted())
        self._curve.setPen(pg.mkPen(style.foreground(), width=2))
        dashed = pg.mkPen(style.muted(), width=2, style=Qt.PenStyle.DashLine)
        self._slope.setPen(dashed)

    def set_model(self, network, metadata: dict | None) -> None:
        """Draw network's activation and make one set of dots per hidden layer."""
        self._network = network
        self._colour_items()
        act = network.activation
        self._formula.setText(f"<b>{act.display_name}</b>: {act.formula}")
        self._description.setText(act.description)
        self._remove_dots()
        for layer in range(len(network.layer_sizes) - 2):
            self._add_layer_dots(layer)
        self._slope.setVisible(self._show_derivative)
        self._write_key()
        self._half = DEFAULT_HALF_WIDTH
        self._redraw_curve()
        self.show_result(None, None)

    def _write_key(self) -> None:
        # A text key beside the plot never hides a dot, unlike a legend on it.
        parts = ["Each dot is one neuron:"]
        for layer, n in enumerate(self._network.layer_sizes[1:-1]):
            glyph = style.layer_marker(layer)[0]
            colour = style.layer_colour(layer)
            parts.append(
                f"<span style='color:{colour}'>{glyph}</span> layer {layer + 1} ({n})"
            )
        if self._show_derivative:
            parts.append("· dashed: the slope f′(z), crosses on it")
        self._key.setText(" &nbsp; ".join(parts))

    def _remove_dots(self) -> None:
        for item in self._dots + self._slope_dots + self._rugs:
            self._plot.removeItem(item)
        self._dots, self._slope_dots, self._rugs = [], [], []

    def _add_layer_dots(self, layer: int) -> None:
        colour = style.layer_colour(layer)
        _glyph, hollow, square = style.layer_marker(layer)
        dots = DotCloud(tip=lambda i, z, a, lay=layer: self._tip(lay, i, z, a))
        dots.set_look(colour, style.background(), 7 if hollow else 6, hollow, square)
        slope = pg.ScatterPlotItem(
            size=6, symbol="x", brush=colour, pen=pg.mkPen(colour, width=1)
        )
        rug = pg.ScatterPlotItem(symbol="|", size=10, pen=pg.mkPen(colour), brush=None)
        slope.setVisible(self._show_derivative)
        rug.setVisible(self._show_z)
        # Outlines above filled dots, which never hide them; among filled
        # layers the first is on top.
        dots.setZValue(20 if hollow else 10 - layer)
        for item in (dots, slope, rug):
            self._plot.addItem(item)
        self._dots.append(dots)
        self._slope_dots.append(slope)
        self._rugs.append(rug)

    def _tip(self, layer: int, unit: int, z: float, a: float) -> str:
        return f"layer {layer + 1}, neuron {unit}: z = {z:.3f}, f(z) = {a:.3f}"

    def set_show_derivative(self, show: bool) -> None:
        """Add the slope f'(z) and each neuron's slope when show is True."""
        self._show_derivative = bool(show)
        self._slope.setVisible(self._show_derivative)
        for slope in self._slope_dots:
            slope.setVisible(self._show_derivative)
        if self._network is not None:
            self._write_key()
            self._redraw_curve()
            self.show_result(None, self._trace)

    def set_show_weighted_sums(self, show: bool) -> None:
        """Mark each neuron's weighted sum on the z axis when show is True."""
        self._show_z = bool(show)
        for rug in self._rugs:
            rug.setVisible(self._show_z)
        self.show_result(None, self._trace)

    def show_result(self, stages, trace) -> None:
        """Move the dots to trace's weighted sums, or clear them for None."""
        self._trace = trace
        if self._network is None:
            return
        if trace is not None and self._fit_range(trace.zs[:-1]):
            self._redraw_curve()
        for layer, dots in enumerate(self._dots):
            self._place_dots(layer, dots)
        self._count_flat()

    def _count_flat(self) -> None:
        text = ""
        if self._trace is not None and self._dots:
            slope = self._network.activation.derivative
            parts = []
            for i, z in enumerate(self._trace.zs[:-1]):
                flat = int((slope(z[0]) < FLAT_SLOPE).sum())
                parts.append(f"layer {i + 1}: {flat} of {z.shape[1]}")
            text = "On a flat part of the curve now: " + ", ".join(parts) + "."
        # Re-laying out a label costs more than comparing two strings.
        if text != self._flat.text():
            self._flat.setText(text)

    def flat_text(self) -> str:
        """Return the sentence counting neurons on flat parts of the curve."""
        return self._flat.text()

    def _place_dots(self, layer: int, dots: DotCloud) -> None:
        if self._trace is None:
            z = a = np.zeros(0, dtype=np.float32)
        else:
            z, a = self._trace.zs[layer][0], self._trace.activations[layer + 1][0]
        dots.setData(z, a)
        if self._show_derivative:
            self._slope_dots[layer].setData(z, self._network.activation.derivative(z))
        if self._show_z:
            bottom = self._plot.vb.viewRange()[1][0]
            self._rugs[layer].setData(z, np.full(len(z), bottom))

    def _fit_range(self, zs: list) -> bool:
        # Widen at once when a z leaves the range; narrow only when all z
        # huddle near the middle, so the curve does not twitch while drawing.
        reach = max((float(np.max(np.abs(z))) for z in zs), default=0.0)
        if not math.isfinite(reach):
            return False
        if reach > self._half:
            self._half = nice_ceiling(reach * MARGIN)
            return True
        if reach < self._half * SHRINK_BELOW and self._half > DEFAULT_HALF_WIDTH:
            self._half = max(DEFAULT_HALF_WIDTH, nice_ceiling(reach * MARGIN))
            return True
        return False

    def _redraw_curve(self) -> None:
        act = self._network.activation
        x = np.linspace(-self._half, self._half, CURVE_POINTS, dtype=np.float32)
        y = act.value(x)
        self._curve.setData(x, y)
        shown = [y]
        if self._show_derivative:
            slope = act.derivative(x)
            self._slope.setData(x, slope)
            shown.append(slope)
        low = min(float(np.min(s)) for s in shown)
        high = max(float(np.max(s)) for s in shown)
        self._plot.setXRange(-self._half, self._half, padding=0.02)
        self._plot.setYRange(min(low, 0.0), max(high, 1.0), padding=0.06)

    def x_range(self) -> tuple[float, float]:
        """Return the z range the curve spans now."""
        return -self._half, self._half

    def formula_text(self) -> str:
        """Return the formula line now shown."""
        return self._formula.text()

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the curve and each layer's dots as (z, f(z)) arrays."""
        x, y = self._curve.getData()
        shown = {"curve_z": x, "curve_f": y}
        for layer, dots in enumerate(self._dots):
            z, a = dots.getData()
            shown[f"z{layer}"], shown[f"a{layer}"] = z.copy(), a.copy()
        if self._show_derivative:
            shown["slope_f"] = self._slope.getData()[1]
        return shown
