"""Every layer's output as bars: hidden neurons, then the ten digit probabilities.

Each hidden layer is a row of bars, one per neuron, on a fixed scale taken from
the activation's range (or the model's measured maximum for unbounded ones).
The output row shows the ten probabilities on 0..1 with the winner
highlighted. A toggle shows the weighted sums z instead, on a fixed
symmetric scale. Positive bars are blue, negative bars orange.
"""

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from ui import panel_style as style
from ui.redraw_when_shown import RedrawWhenShown

log = logging.getLogger(__name__)

CAPTION = (
    "Each bar is one neuron: how strongly it fires for your drawing. "
    "The last row is the network's belief in each digit."
)
CAPTION_Z = (
    "Each bar is one neuron's weighted sum z: its inputs times their weights, "
    "plus a bias, before the activation function."
)


class _Row:
    """The bars of one layer in one plot, created once per model."""

    def __init__(self, plot: pg.PlotItem, n: int):
        self.plot = plot
        self.x = np.arange(n, dtype=np.float32)
        self.values = np.zeros(n, dtype=np.float32)
        self.scale = (0.0, 1.0)
        self.drawn = {"pos": False, "neg": False}
        self.marked = False
        none = np.zeros(0, dtype=np.float32)
        opts = {"x": none, "width": 0.8, "height": none}
        self.pos = pg.BarGraphItem(**opts, **style.bar_colours(style.positive()))
        self.neg = pg.BarGraphItem(**opts, **style.bar_colours(style.NEGATIVE))
        # Triangles mark bars that run past either end of the fixed scale.
        marks = {"size": 7, "pen": None, "brush": style.foreground()}
        self.over = pg.ScatterPlotItem(symbol="t1", **marks)
        self.under = pg.ScatterPlotItem(symbol="t", **marks)
        for item in (self.pos, self.neg, self.over, self.under):
            plot.addItem(item)

    def set_scale(self, low: float, high: float) -> None:
        """Fix the plot's value axis to low..high."""
        self.scale = (low, high)
        self.plot.setYRange(low, high, padding=0.04)

    def show(self, values: np.ndarray) -> None:
        """Draw values as bars, split by sign."""
        self.values = values
        self._set_if_changed("pos", self.pos, values > 0)
        self._set_if_changed("neg", self.neg, values < 0)
        low, high = self.scale
        over, under = values > high, values < low
        if over.any() or under.any() or self.marked:
            self.over.setData(self.x[over], np.full(over.sum(), high))
            self.under.setData(self.x[under], np.full(under.sum(), low))
            self.marked = bool(over.any() or under.any())

    def _set_if_changed(self, key: str, bars, pick: np.ndarray) -> None:
        # Only non-zero bars are drawn, so a silent neuron leaves no coloured
        # line at zero; an empty row that was already empty is left alone.
        if not pick.any() and not self.drawn[key]:
            return
        bars.setOpts(x=self.x[pick], height=self.values[pick])
        self.drawn[key] = bool(pick.any())


class LayerPanel(RedrawWhenShown, QWidget):
    """Bars for every hidden layer and the ten output probabilities."""

    # (layer index as in trace.zs, unit), like the network diagram's signal
    neuron_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._network = None
        self._metadata: dict = {}
        self._trace = None
        self._show_z = False
        self._rows: list[_Row] = []
        self._built = False
        self._caption = style.caption(CAPTION)
        self._graphics = style.solid(pg.GraphicsLayoutWidget())
        self._graphics.setBackground(style.background())
        self._graphics.scene().sigMouseMoved.connect(self._hovered)
        self._graphics.scene().sigMouseClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._caption)
        layout.addWidget(self._graphics, 1)
        style.explain(self, CAPTION)

    def set_model(self, network, metadata: dict | None) -> None:
        """Show network: one row of bars per layer, built when first shown."""
        # Three plots cost tens of milliseconds; a panel in a back tab
        # builds them when the person first looks.
        self._network, self._metadata = network, metadata or {}
        self._built = False
        self.show_result(None, None)

    def _build(self) -> None:
        network = self._network
        self._built = True
        self._graphics.setBackground(style.background())
        self._graphics.clear()
        self._rows = []
        sizes = network.layer_sizes[1:]
        for layer, n in enumerate(sizes):
            plot = self._graphics.addPlot(row=layer, col=0, enableMenu=False)
            style.quiet_plot(plot)
            plot.getAxis("left").setWidth(40)
            plot.setXRange(-0.6, n - 0.4, padding=0)
            self._rows.append(_Row(plot, n))
        self._create_answer_marks(self._rows[-1].plot)
        self._apply_scales()

    def _create_answer_marks(self, plot: pg.PlotItem) -> None:
        # The winner gets its own bar item so its colour needs no brush list.
        self._winner = pg.BarGraphItem(x=[0], width=0.8, height=[0])
        self._winner_text = style.view_label("", (0.5, 1.1))
        plot.addItem(self._winner)
        plot.addItem(self._winner_text, ignoreBounds=True)
        digits = [(d, str(d)) for d in range(10)]
        plot.getAxis("bottom").setTicks([digits])

    def _apply_scales(self) -> None:
        net, hidden = self._network, len(self._rows) - 1
        for layer, row in enumerate(self._rows):
            if self._show_z:
                half = style.z_scale(self._metadata, layer, layer == hidden)
                row.set_scale(-half, half)
            else:
                row.set_scale(*style.output_scale(net, self._metadata, layer))
            row.plot.setTitle(self._title(layer, row.scale), size="9pt")
        # Probabilities: grey losers, one blue winner. Sums: sign colours,
        # with the winner outlined.
        answer = self._rows[-1]
        others = style.positive() if self._show_z else style.muted()
        answer.pos.setOpts(**style.bar_colours(others))
        winner = style.bar_colours(style.positive())
        if self._show_z:
            winner["pen"] = pg.mkPen(style.foreground())
        self._winner.setOpts(**winner)

    def _title(self, layer: int, scale: tuple) -> str:
        n = len(self._rows[layer].x)
        quantity = "weighted sums z" if self._show_z else None
        if layer == len(self._rows) - 1:
            quantity = quantity or "probability of each digit"
            return f"Output · 10 digits · {quantity}"
        quantity = quantity or self._network.activation.display_name
        low, high = scale
        return (
            f"Hidden layer {layer + 1} · {n} neurons · {quantity}"
            f" · scale {low:.3g} to {high:.3g}"
        )

    def set_show_weighted_sums(self, show: bool) -> None:
        """Show weighted sums z instead of activations when show is True."""
        self._show_z = bool(show)
        self._caption.setText(CAPTION_Z if self._show_z else CAPTION)
        if self._built:
            self._apply_scales()
        self.show_result(None, self._trace)

    def show_result(self, stages, trace) -> None:
        """Draw the bars for trace, or empty bars when trace is None."""
        self._trace = trace
        if self._network is not None and not self._deferred():
            self._redraw()

    def _redraw(self) -> None:
        if not self._built:
            self._build()
        for layer, row in enumerate(self._rows):
            row.show(self._layer_values(layer))
        self._show_winner()

    def _layer_values(self, layer: int) -> np.ndarray:
        if self._trace is None:
            return np.zeros(len(self._rows[layer].x), dtype=np.float32)
        if self._show_z:
            return self._trace.zs[layer][0]
        return self._trace.activations[layer + 1][0]

    def _show_winner(self) -> None:
        visible = self._trace is not None
        self._winner.setVisible(visible)
        self._winner_text.setVisible(visible)
        if not visible:
            return
        values = self._rows[-1].values
        probs = self._trace.activations[-1][0]
        digit = int(np.argmax(probs))
        self._winner.setOpts(x=[digit], height=[values[digit]])
        self._place_winner_label(digit, float(values[digit]), probs[digit])

    def _place_winner_label(self, digit: int, height: float, p: float) -> None:
        top = self._rows[-1].scale[1]
        if height < 0.75 * top:
            anchor, x, y = (0.5, 1.1), digit, max(height, 0.0)
        elif digit < 5:
            # A tall bar leaves no room above it: label beside it, inwards.
            anchor, x, y = (-0.1, 0.5), digit + 0.4, top / 2
        else:
            anchor, x, y = (1.1, 0.5), digit - 0.4, top / 2
        style.set_label(self._winner_text, f"{digit}: {p:.0%}", anchor)
        self._winner_text.setPos(x, y)

    def value_ranges(self) -> list[tuple[float, float]]:
        """Return the fixed (low, high) value scale of each row of bars."""
        self._catch_up()
        return [row.scale for row in self._rows]

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the bar heights now shown, keyed layer0, layer1, ..."""
        self._catch_up()
        return {f"layer{i}": row.values.copy() for i, row in enumerate(self._rows)}

    def _bar_at(self, pos) -> tuple[int, int] | None:
        for layer, row in enumerate(self._rows):
            if row.plot.sceneBoundingRect().contains(pos):
                unit = round(row.plot.vb.mapSceneToView(pos).x())
                return (layer, unit) if 0 <= unit < len(row.values) else None
        return None

    def _hovered(self, pos) -> None:
        bar = self._bar_at(pos)
        if bar is not None:
            QToolTip.showText(self._hover_point(pos), self._hover_text(*bar))

    def _clicked(self, event) -> None:
        bar = self._bar_at(event.scenePos())
        if bar is not None:
            self.neuron_clicked.emit(*bar)

    def _hover_point(self, pos):
        view_pos = self._graphics.mapFromScene(pos)
        return self._graphics.mapToGlobal(view_pos)

    def _hover_text(self, layer: int, unit: int) -> str:
        last = layer == len(self._rows) - 1
        name = f"digit {unit}" if last else f"neuron {unit}"
        if self._trace is None:
            return f"{name}: nothing drawn yet"
        z = self._trace.zs[layer][0][unit]
        a = self._trace.activations[layer + 1][0][unit]
        label = "probability" if last else "activation"
        return f"{name}: weighted sum z = {z:.3f}, {label} = {a:.3f}"
