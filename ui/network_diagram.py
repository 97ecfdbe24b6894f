"""The network as circles and lines: neurons lit by how strongly they fire.

The input is drawn as its 28x28 grid; each hidden layer shows all its neurons
or, when it is big, only its most active ones and a "+N quieter, not shown"
mark; the output shows the ten digits. Lines are the links that push a
weighted sum hardest for this drawing (largest |weight x input|): blue raise
it, orange lower it, thicker is stronger. Clicking a neuron selects it.
"""

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui import diagram_layout as layout_math
from ui import panel_style as style
from ui.dot_cloud import DotCloud, stamp_atlas
from ui.grey_image import GreyImage
from ui.link_lines import LinkLines
from ui.redraw_when_shown import RedrawWhenShown

log = logging.getLogger(__name__)

CAPTION = (
    "Circles are neurons, brighter when they fire more. Lines show the "
    "strongest pushes for your drawing: blue raises a neuron, orange lowers "
    "it. Click a neuron to look inside."
)
INPUT_SIZE = 3.0
FIRST_COLUMN_X = 5.0
COLUMN_GAP = 3.5
BRIGHTNESS_STEPS = 64
# Neuron diameters in pixels: hidden layers, then the output.
NEURON_SIZES = (13, 16)
UNIT_KEY = 1_000_000
LINK_WIDTHS = (1.0, 1.6, 2.6)
LINK_GROUPS = [(sign, bucket) for sign in (1, -1) for bucket in range(3)]
# Weak links are faded toward the background; opaque pens draw several
# times faster than see-through ones.
LINK_STRENGTHS = (0.35, 0.65, 1.0)


class NetworkDiagram(RedrawWhenShown, QWidget):
    """Input grid, neuron columns and the strongest links between them."""

    # (layer index as in trace.zs, unit within that layer)
    neuron_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._network = None
        self._metadata: dict = {}
        self._trace = None
        self._selected: tuple[int, int] | None = None
        self._columns: list[dict] = []
        self._graphics = style.solid(pg.GraphicsLayoutWidget())
        # Unlocked aspect lets the columns spread over any panel shape; the
        # input grid is kept square by _fit_input instead.
        self._view = self._graphics.addViewBox(invertY=True, enableMenu=False)
        self._view.sigResized.connect(self._resized)
        self._view.setMouseEnabled(x=False, y=False)
        self._create_fixed_items()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(style.caption(CAPTION))
        box.addWidget(self._graphics, 1)
        style.explain(self, CAPTION)

    def _create_fixed_items(self) -> None:
        self._input = GreyImage()
        top = (layout_math.COLUMN_HEIGHT - INPUT_SIZE) / 2
        self._input_rect = QRectF(0, top, INPUT_SIZE, INPUT_SIZE)
        self._place_pixels()
        self._view.addItem(self._input)
        self._links = LinkLines()
        self._links.setZValue(-1)
        self._view.addItem(self._links, ignoreBounds=True)
        # One item for every neuron: each extra item costs a paint and a
        # Python update per drawing. data holds layer * UNIT_KEY + unit.
        self._dots = DotCloud(tip=self._tip, clicked=self._clicked)
        self._keys = np.zeros(0, dtype=np.int64)
        self._view.addItem(self._dots, ignoreBounds=True)
        self._ring = pg.ScatterPlotItem(size=24, brush=None)
        self._ring.setZValue(2)
        self._view.addItem(self._ring)
        self._texts: list = []
        self._shown_rect = QRectF()
        self._stamp_colours = None
        self._colour_items()

    def _colour_items(self) -> None:
        # Called again for each model, so a light/dark switch is followed.
        self._graphics.setBackground(style.background())
        pens = []
        for sign, bucket in LINK_GROUPS:
            hue = QColor(style.positive() if sign > 0 else style.NEGATIVE)
            colour = style.mix(style.background(), hue, LINK_STRENGTHS[bucket])
            pens.append(pg.mkPen(colour, width=LINK_WIDTHS[bucket]))
        self._links.set_pens(pens)
        self._ring.setPen(pg.mkPen(style.foreground(), width=2))
        # Painting the stamps takes tens of milliseconds: only when the
        # colours change, not for every model.
        colours = (style.background().rgb(), style.positive(), style.muted().rgb())
        if colours == self._stamp_colours:
            return
        self._stamp_colours = colours
        # Every brightness of both signs, at the hidden and the output size.
        ramp = style.sign_ramp(BRIGHTNESS_STEPS)
        looks = [(colour, size) for size in NEURON_SIZES for colour in ramp]
        side = NEURON_SIZES[-1] + 2
        self._dots.set_atlas(stamp_atlas(looks, style.muted(), side), side, side - 2)

    def set_model(self, network, metadata: dict | None) -> None:
        """Make one column of neurons per layer of network."""
        if network is not self._network:
            self._selected = None  # the same network again keeps its choice
        self._network, self._metadata = network, metadata or {}
        self._colour_items()
        for item in self._texts:
            self._view.removeItem(item)
        sizes = network.layer_sizes
        self._texts = [self._text(f"input\n{sizes[0]} pixels", 0.0, -0.1, (0.5, 1))]
        self._columns = [self._create_column(i, n) for i, n in enumerate(sizes[1:])]
        highs = [1.0] + [max(-c["scale"][0], c["scale"][1]) for c in self._columns]
        self._link_refs = [
            layout_math.link_reference(w, high)
            for w, high in zip(network.weights, highs, strict=False)
        ]
        self._fit_input()
        right = self._columns[-1]["x"] + 1.2
        self._view.setRange(QRectF(-0.3, -1.6, right + 0.3, 13.2), padding=0)
        self.show_result(None, None)

    def _create_column(self, layer: int, n: int) -> dict:
        x = FIRST_COLUMN_X + COLUMN_GAP * layer
        last = layer == len(self._network.layer_sizes) - 2
        self._label_column(x, n, layer, last)
        scale = style.output_scale(self._network, self._metadata, layer)
        return {
            "x": x,
            "n": n,
            "scale": scale,
            "units": np.zeros(0, dtype=np.int64),
            "ys": np.zeros(0),
            "xy": np.zeros((0, 2)),
            "values": np.zeros(0, dtype=np.float32),
        }

    def _label_column(self, x: float, n: int, layer: int, last: bool) -> None:
        name = "output\ndigits" if last else f"hidden {layer + 1}\n{n} neurons"
        self._texts.append(self._text(name, x, -0.1, (0.5, 1)))
        hidden = n - len(layout_math.shown_units(None, n))
        if hidden:
            below = layout_math.COLUMN_HEIGHT + 0.3
            note = f"+{hidden} quieter\nnot shown"
            self._texts.append(self._text(note, x, below, (0.5, 0)))
        if last:
            for digit, y in enumerate(layout_math.column_ys(10)):
                self._texts.append(self._text(str(digit), x + 0.35, y, (0, 0.5)))

    def _text(self, text: str, x: float, y: float, anchor: tuple):
        item = style.view_label(text, anchor)
        item.setPos(x, y)
        self._view.addItem(item, ignoreBounds=True)
        return item

    def show_result(self, stages, trace) -> None:
        """Light the neurons and draw the strongest links for trace."""
        self._trace = trace
        if self._network is not None and not self._deferred():
            self._redraw()

    def _redraw(self) -> None:
        trace = self._trace
        x = trace.activations[0][0] if trace is not None else np.zeros(784)
        self._input.set_values(x.reshape(28, 28))
        if self._shown_rect != self._input_rect:
            self._shown_rect = QRectF(self._input_rect)
            self._input.set_rect(self._shown_rect)
        for layer, column in enumerate(self._columns):
            self._choose_units(layer, column)
        self._light_neurons()
        self._draw_links()
        self._draw_ring()

    def _choose_units(self, layer: int, column: dict) -> None:
        a = None if self._trace is None else self._trace.activations[layer + 1][0]
        units = layout_math.shown_units(a, column["n"])
        ys = layout_math.column_ys(len(units))
        values = np.zeros(len(units), dtype=np.float32) if a is None else a[units]
        column["units"], column["ys"], column["values"] = units, ys, values
        column["xy"] = np.column_stack([np.full(len(units), column["x"]), ys])

    def _light_neurons(self) -> None:
        xy, stamps, keys = [], [], []
        last = len(self._columns) - 1
        for layer, column in enumerate(self._columns):
            xy.append(column["xy"])
            keys.append(layer * UNIT_KEY + column["units"])
            steps = BRIGHTNESS_STEPS
            level = layout_math.brightness(column["values"], *column["scale"], steps)
            # stamps: positive levels, then negative, then both again larger
            index = np.where(level >= 0, level, steps - level)
            stamps.append(index + (2 * steps if layer == last else 0))
        self._keys = np.concatenate(keys)
        xy = np.concatenate(xy)
        self._dots.setData(xy[:, 0], xy[:, 1], np.concatenate(stamps))

    def _draw_links(self) -> None:
        lines, groups = np.zeros((0, 4)), np.zeros(0, dtype=np.int64)
        if self._trace is not None:
            gaps = [self._gap_links(layer) for layer in range(len(self._columns))]
            lines = np.concatenate([g[0] for g in gaps])
            groups = np.concatenate([g[1] for g in gaps])
        # one sort puts each pen's links together
        order = np.argsort(groups, kind="stable")
        counts = np.bincount(groups, minlength=len(LINK_GROUPS))
        self._links.set_lines(lines[order], counts)

    def _gap_links(self, layer: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the gap's strongest links as (x1, y1, x2, y2) rows and pens."""
        target = self._columns[layer]
        a_in = self._trace.activations[layer][0]
        if layer == 0:
            # blank pixels push nothing, and most of the grid is blank
            sources = np.flatnonzero(a_in)
            start = self._pixel_xy[sources]
        else:
            sources = self._columns[layer - 1]["units"]
            start = self._columns[layer - 1]["xy"]
        src, dst, c = layout_math.strongest_links(
            a_in, self._network.weights[layer], sources, target["units"]
        )
        lines = np.hstack([start[src], target["xy"][dst]])
        buckets = layout_math.width_buckets(c, self._link_refs[layer])
        # pens: the three widths of positive pushes, then of negative ones
        return lines, buckets + np.where(c < 0, len(LINK_WIDTHS), 0)

    def _place_pixels(self) -> None:
        # Kept until the next resize, not recomputed per drawing.
        self._pixel_xy = layout_math.pixel_centres(*self._input_rect.getRect())

    def _resized(self) -> None:
        self._fit_input()
        if self._network is not None:
            self.show_result(None, self._trace)

    def _fit_input(self) -> None:
        # Square on screen, and never wider than the gap to the first column.
        unit_w, unit_h = self._view.viewPixelSize()
        if unit_w <= 0 or unit_h <= 0:
            return
        width = INPUT_SIZE * unit_w / unit_h
        height = INPUT_SIZE
        room = FIRST_COLUMN_X - 1.0
        if width > room:
            width, height = room, room * unit_h / unit_w
        top = (layout_math.COLUMN_HEIGHT - height) / 2
        self._input_rect = QRectF(0, top, width, height)
        self._place_pixels()
        if self._texts:
            self._texts[0].setPos(self._input_rect.center().x(), -0.1)

    def _clicked(self, index: int) -> None:
        self.select_neuron(*divmod(int(self._keys[index]), UNIT_KEY))

    def select_neuron(self, layer_index: int, unit: int) -> None:
        """Mark a neuron as selected and emit neuron_clicked for it."""
        self._selected = (int(layer_index), int(unit))
        self._draw_ring()
        self.neuron_clicked.emit(*self._selected)

    def _draw_ring(self) -> None:
        spot = self.neuron_position(*self._selected) if self._selected else None
        # Hidden when empty: even an empty scatter item costs a paint.
        self._ring.setVisible(spot is not None)
        if spot is not None:
            self._ring.setData([spot[0]], [spot[1]])

    def neuron_position(self, layer_index: int, unit: int) -> tuple | None:
        """Return the (x, y) of a drawn neuron in diagram units, or None."""
        self._catch_up()
        if not 0 <= layer_index < len(self._columns):
            return None
        column = self._columns[layer_index]
        where = np.flatnonzero(column["units"] == unit)
        return (column["x"], float(column["ys"][where[0]])) if len(where) else None

    def _tip(self, index: int, x: float, y: float) -> str:
        layer, unit = divmod(int(self._keys[index]), UNIT_KEY)
        last = layer == len(self._columns) - 1
        name = f"output, digit {unit}" if last else f"layer {layer + 1}, neuron {unit}"
        if self._trace is None:
            return name
        z = self._trace.zs[layer][0][unit]
        a = self._trace.activations[layer + 1][0][unit]
        return f"{name}: weighted sum z = {z:.3f}, output = {a:.3f}"

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the input, and per column the drawn units and their outputs."""
        self._catch_up()
        shown = {"input": self._input.values().reshape(-1).copy()}
        for layer, column in enumerate(self._columns):
            shown[f"units{layer}"] = column["units"].copy()
            shown[f"activations{layer}"] = column["values"].copy()
        return shown
