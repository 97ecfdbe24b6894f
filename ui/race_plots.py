"""Overlaid live plots for networks racing: loss, accuracy, gradient per layer."""

import math

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from engine.training import BatchReport, EpochReport
from ui.lab_plots import (
    GrowingCurve,
    colour,
    decade_range,
    loss_top,
    make_plot,
    set_y_range,
)

SMOOTHING = 0.05
# Weight of the newest batch in each layer's gradient size (in log space).
GRADIENT_SMOOTHING = 0.1
# One plot per tick, in turn, so no tick paints all three.
REDRAW_MS = 60


class RacePlots(QWidget):
    """One line per racing network on each of three plots."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss = make_plot(
            "Loss", "epoch", "cross-entropy",
            "How wrong each network is on its training batches; lower is better.",
        )  # fmt: skip
        self.accuracy = make_plot(
            "Accuracy on held-out images", "epoch", "% correct",
            "Share of 5,000 images, never trained on, that each network gets "
            "right after every epoch; 10 % is guessing.",
            legend=(-5, 120),
        )  # fmt: skip
        self.gradients = make_plot(
            "Gradient size by layer", "layer (1 = next to the input)",
            "RMS gradient per weight (log)",
            "How strongly each layer's weights are pushed right now. A line "
            "falling towards layer 1 is the vanishing gradient.",
            legend=(-5, -5),
        )  # fmt: skip
        self.gradients.setLogMode(y=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for plot in (self.loss, self.accuracy, self.gradients):
            layout.addWidget(plot)
        self._timer = QTimer(self, interval=REDRAW_MS, timeout=self.redraw)
        self._groups: list[tuple] = []
        self._turn = 0

    def set_axes(self, epochs: int, n_layers: int) -> None:
        """Set the fixed axes for a race of epochs on n_layers layers."""
        self.loss.setXRange(0, epochs, padding=0.01)
        set_y_range(self.loss, 0, 2.5)
        self.accuracy.setXRange(0, epochs, padding=0.01)
        set_y_range(self.accuracy, 0, 102)
        self.gradients.setXRange(1, n_layers, padding=0.03)
        set_y_range(self.gradients, -6, 0)

    def start(self, names: list[str], epochs: int, n_layers: int) -> None:
        """Forget the last race and add one line per network name."""
        for plot in (self.loss, self.accuracy, self.gradients):
            plot.clear()
        self.set_axes(epochs, n_layers)
        self.loss_curves = [GrowingCurve(self.loss, n, i) for i, n in enumerate(names)]
        self.acc_curves = [
            GrowingCurve(self.accuracy, n, i, symbol="o", symbolSize=6)
            for i, n in enumerate(names)
        ]
        self.grad_items = [
            self.gradients.plot(
                [], [], name=n, pen=colour(i), symbol="o", symbolSize=7,
                symbolBrush=colour(i), symbolPen=colour(i),
            )
            for i, n in enumerate(names)
        ]  # fmt: skip
        self._smoothed = [None] * len(names)
        self._log_grads = [None] * len(names)
        self._grads_dirty = False
        self._groups = [(self.loss, self.loss_curves), (self.accuracy, self.acc_curves)]
        self._groups.append((self.gradients, []))
        self._timer.start()

    def add_batches(self, reports: list[tuple[int, BatchReport]]) -> None:
        """Append each network's batch losses and gradient sizes."""
        for lane, report in reports:
            x = report.epoch + (report.batch + 1) / report.batches
            if math.isfinite(report.loss):
                old = self._smoothed[lane]
                old = report.loss if old is None else old
                self._smoothed[lane] = old + SMOOTHING * (report.loss - old)
                self.loss_curves[lane].append(x, self._smoothed[lane])
            self._add_gradients(lane, report.grad_norms)

    def _add_gradients(self, lane: int, norms: list[float]) -> None:
        with np.errstate(divide="ignore"):
            logs = np.log10(np.maximum(np.array(norms, dtype=float), 1e-30))
        old = self._log_grads[lane]
        self._log_grads[lane] = (
            logs if old is None else old + GRADIENT_SMOOTHING * (logs - old)
        )
        self._grads_dirty = True

    def add_epoch(self, lane: int, report: EpochReport) -> None:
        """Add a network's held-out accuracy after an epoch."""
        if report.val_accuracy is not None:
            self.acc_curves[lane].append(report.epoch + 1, 100 * report.val_accuracy)

    def redraw(self) -> None:
        """Draw the next plot's new points."""
        if not self._groups:
            return
        plot, curves = self._groups[self._turn]
        self._turn = (self._turn + 1) % len(self._groups)
        if plot is self.gradients:
            self._redraw_gradients()
            return
        for curve in curves:
            curve.redraw()
        if plot is self.loss:
            top = max(c.finite_max() for c in curves)
            set_y_range(plot, 0, loss_top(top))

    def _redraw_gradients(self) -> None:
        if not self._grads_dirty:
            return
        self._grads_dirty = False
        shown = [g for g in self._log_grads if g is not None]
        for item, logs in zip(self.grad_items, self._log_grads, strict=True):
            if logs is not None:
                item.setData(np.arange(1, len(logs) + 1), 10**logs)
        low = min(float(g.min()) for g in shown)
        high = max(float(g.max()) for g in shown)
        bounds = decade_range(10 ** max(low, -12), 10**high)
        set_y_range(self.gradients, *bounds)

    def stop(self) -> None:
        """Draw what is left and stop redrawing."""
        self._timer.stop()
        for _ in self._groups:
            self.redraw()
