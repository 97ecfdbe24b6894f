"""A neuron's incoming weights as bars, over the same weights times its inputs.

The upper row is fixed by the model; the lower one moves with the drawing
and shows which neurons of the layer before push the weighted sum up (blue)
or down (orange) right now. Both rows keep fixed scales: the largest weight,
and that weight times the highest input the layer before gives.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from ui import panel_style as style

# Width of both rows' value axes, so their bars line up.
AXIS_WIDTH = 44
# Below this height, in pixels, two rows are too cramped to read: only the
# weights times inputs are drawn, without an axis name beneath (hovering
# still gives each weight).
TWO_ROWS_FROM = 180


class _BarRow:
    """Positive and negative bars in one plot."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self._range: tuple[int, float] | None = None
        none = np.zeros(0)
        self.pos = pg.BarGraphItem(x=none, width=0.8, height=none)
        self.neg = pg.BarGraphItem(x=none, width=0.8, height=none)
        plot.addItem(self.pos)
        plot.addItem(self.neg)
        plot.getAxis("left").setWidth(AXIS_WIDTH)
        plot.getAxis("left").enableAutoSIPrefix(False)

    def colour(self) -> None:
        """Take the current palette's colours."""
        style.quiet_plot(self.plot)
        self.pos.setOpts(**style.bar_colours(style.positive()))
        self.neg.setOpts(**style.bar_colours(style.NEGATIVE))

    def show(self, values: np.ndarray, reach: float) -> None:
        """Draw values as bars on the fixed scale -reach..reach."""
        # Only non-zero bars: a silent input leaves no line at zero.
        x = np.arange(len(values))
        up, down = values > 0, values < 0
        self.pos.setOpts(x=x[up], height=values[up])
        self.neg.setOpts(x=x[down], height=values[down])
        # setting an unchanged range still costs a view update
        if (len(values), reach) != self._range:
            self._range = (len(values), reach)
            self.plot.setXRange(-0.6, len(values) - 0.4, padding=0)
            self.plot.setYRange(-reach, reach, padding=0.05)


class WeightBars(pg.GraphicsLayoutWidget):
    """Two rows of bars: incoming weights, and weights times inputs."""

    # index of the input under the mouse and the scene position
    hovered = Signal(int, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._count = 0
        self._rows = []
        # axis names rather than titles: a title takes a line of height
        for row, name in enumerate(("weight", "weight x input")):
            plot = self.addPlot(row=row, col=0, enableMenu=False)
            plot.setLabel("left", name)
            self._rows.append(_BarRow(plot))
        self._rows[-1].plot.setLabel("bottom", "neuron in the layer before")
        self.scene().sigMouseMoved.connect(self._moved)
        style.solid(self)
        self._both = True
        self.colour()

    def fit_height(self, height: int) -> None:
        """Draw both rows, or only the products, to suit height in pixels."""
        # Out of the layout, not hidden: a hidden plot left in the layout
        # made the program crash at exit.
        both = height >= TWO_ROWS_FROM
        if both != self._both:
            self._both = both
            weights = self._rows[0].plot
            if both:
                self.ci.addItem(weights, row=0, col=0)
            else:
                self.ci.removeItem(weights)
            # the axis name under the bars also gives its line to the bars
            self._rows[1].plot.showLabel("bottom", both)

    def shows_weights(self) -> bool:
        """Return True when the row of plain weights is drawn."""
        return self._both

    def colour(self) -> None:
        """Take the current palette's colours."""
        self.setBackground(style.background())
        for row in self._rows:
            row.colour()

    def show_weights(self, w: np.ndarray, reach: float) -> None:
        """Draw the weights w on the fixed scale -reach..reach."""
        self._count = len(w)
        self._rows[0].show(w, reach)

    def show_contributions(self, c: np.ndarray, reach: float) -> None:
        """Draw the weight x input products c on the fixed scale -reach..reach."""
        self._rows[1].show(c, reach)

    def shown_heights(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the drawn (x, height) of the contribution bars, both signs."""
        row = self._rows[1]
        x = np.concatenate([row.pos.opts["x"], row.neg.opts["x"]])
        height = np.concatenate([row.pos.opts["height"], row.neg.opts["height"]])
        return x, height

    def _moved(self, pos) -> None:
        index = round(self._rows[0].plot.vb.mapSceneToView(pos).x())
        if 0 <= index < self._count:
            self.hovered.emit(index, pos)
