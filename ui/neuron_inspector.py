"""One neuron up close: its incoming weights, bias, weighted sum and output.

For the first hidden layer the weights are a 28x28 picture beside the same
weights times the drawing, so a person sees which pixels push the neuron up
(blue) or down (orange). For later layers the same two are rows of bars. The
inputs that contribute most to the weighted sum are listed with their numbers.

Until a neuron is clicked it follows the answer: it shows the output neuron
of the digit the network chose, and a check box brings that back later.
"""

import logging
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui import panel_style as style
from ui.steady_label import SteadyLabel
from ui.weight_bars import WeightBars

log = logging.getLogger(__name__)

CAPTION = (
    "A neuron adds up its inputs, each times a weight, plus a bias, then "
    "applies the activation function. Blue weights raise the sum, orange "
    "ones lower it."
)
EMPTY_TEXT = (
    "Draw a digit to look inside the output neuron behind the answer, or "
    "click any neuron in the diagram or the bars."
)
FOLLOW_TIP = (
    "Show the output neuron of the digit the network chose, and switch "
    "with the answer. Clicking a neuron picks that one instead."
)
TOP_INPUTS = 5


class NeuronInspector(QWidget):
    """Weights, bias, weighted sum, output and top contributors of one neuron."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._network = None
        self._metadata: dict = {}
        self._trace = None
        self._target: tuple[int, int] | None = None
        self._shown: dict[str, np.ndarray] = {}
        self._title = QLabel(EMPTY_TEXT)
        self._title.setWordWrap(True)
        self._follow = QCheckBox("&Follow the answer")
        self._follow.setChecked(True)
        self._follow.setToolTip(FOLLOW_TIP)
        self._follow.toggled.connect(self._follow_toggled)
        # the numbers change with every stroke; see ui/steady_label.py
        self._numbers = SteadyLabel(style.caption(""))
        self._top = SteadyLabel(style.caption(""))
        # The bars show the answer's neuron, the first one shown; the weight
        # pictures are made when first needed, saving milliseconds at start-up.
        self._stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._maps, self._map_titles = [], []
        self._show_page("bars")
        layout = QVBoxLayout(self)
        # a little room on the right, where the window ends
        layout.setContentsMargins(0, 0, 6, 0)
        for widget in (
            style.caption(CAPTION),
            self._follow,
            self._title,
            self._numbers,
        ):
            layout.addWidget(widget)
        layout.addWidget(self._stack, 100)
        layout.addWidget(self._top)
        # Holds the text at the top while no neuron is chosen.
        layout.addStretch(1)
        style.explain(self, CAPTION)
        self._colour_items()
        self._draw_neuron()

    def _show_page(self, name: str) -> None:
        if name not in self._pages:
            create = self._create_maps if name == "maps" else self._create_bars
            self._pages[name] = create()
            self._stack.addWidget(self._pages[name])
            self._colour_items()
        self._stack.setCurrentWidget(self._pages[name])

    def _create_maps(self) -> pg.GraphicsLayoutWidget:
        graphics = self._map_graphics = style.solid(pg.GraphicsLayoutWidget())
        titles = ("incoming weights", "weights x your drawing")
        for col, title in enumerate(titles):
            self._map_titles.append(
                graphics.addLabel(title, row=0, col=col, size="8pt")
            )
            view = graphics.addViewBox(
                row=1, col=col, lockAspect=True, invertY=True, enableMenu=False
            )
            view.setMouseEnabled(x=False, y=False)
            image = pg.ImageItem(axisOrder="row-major")
            view.addItem(image)
            view.setRange(QRectF(0, 0, 28, 28), padding=0.02)
            self._maps.append(image)
        graphics.scene().sigMouseMoved.connect(self._hovered_map)
        return graphics

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if "bars" in self._pages:
            self._bar_widget.fit_height(self._stack.height())

    def _create_bars(self) -> WeightBars:
        self._bar_widget = WeightBars()
        self._bar_widget.hovered.connect(self._hovered_bars)
        return self._bar_widget

    def _colour_items(self) -> None:
        # Called again for each model, so a light/dark switch is followed.
        for widget in self._pages.values():
            widget.setBackground(style.background())
        for label in self._map_titles:
            label.setText(label.text, color=style.foreground())
        for image in self._maps:
            image.setLookupTable(style.diverging_lut())
        if "bars" in self._pages:
            self._bar_widget.colour()

    def set_model(self, network, metadata: dict | None) -> None:
        """Forget the inspected neuron unless the same network is shown again."""
        if network is not self._network:
            # a new network: its answer is not known yet
            self._target, self._trace = None, None
            self._set_following(True)
        self._network, self._metadata = network, metadata or {}
        self._colour_items()
        self._draw_neuron()

    def show_result(self, stages, trace) -> None:
        """Update the neuron's sum, output and contributions for trace."""
        self._trace = trace
        if self._network is None:
            return
        answer = self._answer_neuron()
        if trace is None and self._follow.isChecked():
            # nothing drawn, so no answer to follow: back to the invitation
            if self._target is not None:
                self._target = None
                self._draw_neuron()
        elif answer is not None and answer != self._target:
            self._target = answer
            self._draw_neuron()
        elif self._target is not None:
            self._draw_result()

    def _answer_neuron(self) -> tuple[int, int] | None:
        # The output neuron of the winning digit, while following the answer.
        if not self._follow.isChecked() or self._trace is None:
            return None
        last = len(self._network.weights) - 1
        return last, int(np.argmax(self._trace.activations[-1][0]))

    def _follow_toggled(self, _on: bool) -> None:
        if self._network is None:
            return
        self._target = self._answer_neuron() or self._target
        if self._target is not None:
            self._draw_neuron()

    def _set_following(self, on: bool) -> None:
        blocked = self._follow.blockSignals(True)
        self._follow.setChecked(on)
        self._follow.blockSignals(blocked)

    def is_following(self) -> bool:
        """Return True while the inspector shows the answer's output neuron."""
        return self._follow.isChecked()

    def inspect(self, layer_index: int, unit: int) -> None:
        """Show unit of layer layer_index (as indexed in trace.zs)."""
        net = self._network
        if net is None or not 0 <= layer_index < len(net.weights):
            return
        if not 0 <= unit < net.weights[layer_index].shape[1]:
            return
        self._target = (int(layer_index), int(unit))
        self._set_following(False)
        self._draw_neuron()

    def _draw_neuron(self) -> None:
        # What does not depend on the drawing: name, weights, bias.
        chosen = self._network is not None and self._target is not None
        self._stack.setVisible(chosen)
        if not chosen:
            self._shown = {}
            self._title.setText(EMPTY_TEXT)
            self._numbers.setText("")
            self._top.setText("")
            return
        layer, unit = self._target
        w = self._network.weights[layer][:, unit]
        title = f"<b>{self._name(layer, unit)}</b>"
        if self._follow.isChecked():
            title += ": the answer's neuron"
        self._title.setText(title)
        # Symmetric about zero so the background colour always means "no effect".
        self._reach = max(float(np.max(np.abs(w))), 1e-6)
        if self._as_picture(layer):
            self._show_page("maps")
            self._show_map(0, w)
        else:
            self._show_page("bars")
            self._bar_widget.show_weights(w, self._reach)
        self._draw_result()

    def _draw_result(self) -> None:
        # What changes with the drawing: contributions, z, output.
        layer, unit = self._target
        w = self._network.weights[layer][:, unit]
        b = self._network.biases[layer][unit]
        a_in = None if self._trace is None else self._trace.activations[layer][0]
        c = np.zeros_like(w) if a_in is None else w * a_in
        self._shown = {"weights": w.copy(), "bias": np.array([b]), "contributions": c}
        if self._as_picture(layer):
            self._show_map(1, c)
        else:
            # the largest weight times the largest input: one fixed scale
            high = style.input_reach(self._network, self._metadata, layer)
            self._bar_widget.show_contributions(c, self._reach * high)
        self._write_numbers(layer, unit, b)
        self._top.setText(self._top_inputs(layer, c) if a_in is not None else "")

    def _as_picture(self, layer: int) -> bool:
        return layer == 0 and self._network.weights[0].shape[0] == 784

    def _name(self, layer: int, unit: int) -> str:
        if layer == len(self._network.weights) - 1:
            return f"Output neuron for digit {unit}"
        return f"Hidden layer {layer + 1}, neuron {unit}"

    def _show_map(self, index: int, values: np.ndarray) -> None:
        levels = (-self._reach, self._reach)
        self._maps[index].setImage(
            values.reshape(28, 28), autoLevels=False, levels=levels
        )

    def _write_numbers(self, layer: int, unit: int, b: float) -> None:
        text = f"bias b = {b:+.3f}"
        if self._trace is not None:
            z = self._trace.zs[layer][0][unit]
            a = self._trace.activations[layer + 1][0][unit]
            self._shown["z"], self._shown["activation"] = np.array([z]), np.array([a])
            last = layer == len(self._network.weights) - 1
            output = "probability" if last else "activation f(z)"
            text += f" · weighted sum z = {z:+.3f} · {output} = {a:.3f}"
        self._numbers.setText(text)

    def _top_inputs(self, layer: int, c: np.ndarray) -> str:
        order = np.argsort(-np.abs(c))[:TOP_INPUTS]
        parts = [f"{self._input_name(layer, i)}: {c[i]:+.3f}" for i in order if c[i]]
        if not parts:
            return "No input reaches this neuron: its sum is just the bias."
        return "Strongest inputs (weight x input): " + "; ".join(parts)

    def _input_name(self, layer: int, index: int) -> str:
        if layer == 0 and len(self._network.weights[0]) == 784:
            row, col = divmod(int(index), 28)
            return f"pixel ({row}, {col})"
        return f"neuron {index}"

    def _hovered_map(self, pos) -> None:
        for image in self._maps:
            point = image.mapFromScene(pos)
            col, row = math.floor(point.x()), math.floor(point.y())
            if self._shown and 0 <= row < 28 and 0 <= col < 28:
                self._show_tip(self._map_graphics, pos, row * 28 + col)
                return

    def _hovered_bars(self, index: int, pos) -> None:
        if self._shown and index < len(self._shown["weights"]):
            self._show_tip(self._bar_widget, pos, index)

    def _show_tip(self, view, pos, index: int) -> None:
        w = self._shown["weights"][index]
        c = self._shown["contributions"][index]
        name = self._input_name(self._target[0], index)
        text = f"{name}: weight {w:+.3f}, times its input = {c:+.3f}"
        QToolTip.showText(view.mapToGlobal(view.mapFromScene(pos)), text)

    def target(self) -> tuple[int, int] | None:
        """Return the (layer_index, unit) being inspected, or None."""
        return self._target

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the weights, bias, contributions, z and output now shown."""
        return {name: value.copy() for name, value in self._shown.items()}
