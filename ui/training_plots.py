"""Four live plots of one training run: loss, accuracy, gradients, stuck units."""

import math

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QWidget

from engine.training import BatchReport, EpochReport
from ui.lab_plots import (
    GrowingCurve,
    decade_range,
    loss_top,
    make_plot,
    set_y_range,
)

# Weight of the newest batch in the smoothed loss line.
SMOOTHING = 0.05
# One plot is redrawn per tick, in turn, so no tick paints all four.
REDRAW_MS = 60


class TrainingPlots(QWidget):
    """Loss, accuracy, gradient size per layer and stuck units, as they grow."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss = make_plot(
            "Loss", "epoch", "cross-entropy",
            "How wrong the network is on its training batches; lower is better.",
        )  # fmt: skip
        self.accuracy = make_plot(
            "Accuracy", "epoch", "% correct",
            "Share of digits guessed right: on the batches seen so far in the "
            "epoch, and on held-out images after each epoch.",
            legend=(-5, -5),
        )  # fmt: skip
        self.gradients = make_plot(
            "Gradient size per weight", "epoch", "RMS gradient (log)",
            "How strongly each layer's weights are being pushed. Lines far "
            "below the others mean that layer barely learns.",
        )  # fmt: skip
        self.stuck = make_plot(
            "Units passing no gradient", "epoch", "% of units",
            "Share of hidden units that are dead (ReLU at zero) or saturated "
            "(sigmoid or tanh in a flat tail) for a whole batch.",
        )  # fmt: skip
        self.gradients.setLogMode(y=True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, plot in enumerate(self._plots()):
            layout.addWidget(plot, i // 2, i % 2)
        self._timer = QTimer(self, interval=REDRAW_MS, timeout=self.redraw)
        self._groups: list[tuple] = []
        self.set_axes(5)
        self._layer_curves: list[GrowingCurve] = []
        self._stuck_curves: list[GrowingCurve] = []

    def _plots(self):
        return [self.loss, self.accuracy, self.gradients, self.stuck]

    def set_axes(self, epochs: int) -> None:
        """Set the fixed axes for a run of epochs."""
        for plot in self._plots():
            plot.setXRange(0, epochs, padding=0.01)
        set_y_range(self.loss, 0, 2.5)
        set_y_range(self.accuracy, 0, 102)
        set_y_range(self.gradients, -5, 0)
        set_y_range(self.stuck, 0, 102)

    def start(self, epochs: int, n_layers: int) -> None:
        """Forget the last run and add the lines for one of epochs and layers."""
        for plot in self._plots():
            plot.clear()
        self.set_axes(epochs)
        self.batch_loss = GrowingCurve(self.loss, "batches (smoothed)", 0)
        self.epoch_loss = GrowingCurve(self.loss, "epoch mean", 1, symbol="o")
        self.train_acc = GrowingCurve(self.accuracy, "training (running)", 0)
        self.val_acc = GrowingCurve(self.accuracy, "held-out", 1, symbol="o")
        self._layer_curves = [
            GrowingCurve(self.gradients, f"layer {i + 1}", i, width=1)
            for i in range(n_layers)
        ]
        self._stuck_curves = [
            GrowingCurve(self.stuck, f"hidden {i + 1}", i, width=1)
            for i in range(n_layers - 1)
        ]
        self._groups = [
            (self.loss, [self.batch_loss, self.epoch_loss]),
            (self.accuracy, [self.train_acc, self.val_acc]),
            (self.gradients, self._layer_curves),
            (self.stuck, self._stuck_curves),
        ]
        self._turn = 0
        self._smoothed = None
        self._grad_range = [math.inf, -math.inf]
        self._timer.start()

    def add_batches(self, reports: list[BatchReport]) -> None:
        """Append the points of several batches."""
        for report in reports:
            x = report.epoch + (report.batch + 1) / report.batches
            self._add_loss(x, report.loss)
            self.train_acc.append(x, 100 * report.accuracy)
            for curve, norm in zip(self._layer_curves, report.grad_norms, strict=False):
                self._add_gradient(curve, x, norm)
            for curve, share in zip(
                self._stuck_curves, report.stuck_share, strict=False
            ):
                curve.append(x, 100 * share)

    def add_epoch(self, report: EpochReport) -> None:
        """Append the epoch's mean loss and held-out accuracy."""
        x = report.epoch + 1
        self.epoch_loss.append(x, report.train_loss)
        if report.val_accuracy is not None:
            self.val_acc.append(x, 100 * report.val_accuracy)

    def _add_loss(self, x: float, loss: float) -> None:
        if not math.isfinite(loss):
            return
        if self._smoothed is None:
            self._smoothed = loss
        self._smoothed += SMOOTHING * (loss - self._smoothed)
        self.batch_loss.append(x, self._smoothed)

    def _add_gradient(self, curve: GrowingCurve, x: float, norm: float) -> None:
        if not (math.isfinite(norm) and norm > 0):
            return
        curve.append(x, norm)
        low, high = self._grad_range
        self._grad_range = [min(low, norm), max(high, norm)]

    def redraw(self) -> None:
        """Draw the next plot's new points and fit its y axis."""
        if not self._groups:
            return
        plot, curves = self._groups[self._turn]
        self._turn = (self._turn + 1) % len(self._groups)
        if not any(curve.dirty for curve in curves):
            return
        for curve in curves:
            curve.redraw()
        if plot is self.loss:
            top = max(curve.finite_max() for curve in curves)
            set_y_range(plot, 0, loss_top(top))
        low, high = self._grad_range
        if plot is self.gradients and low <= high:
            set_y_range(plot, *decade_range(low, high))

    def stop(self) -> None:
        """Draw what is left and stop redrawing."""
        self._timer.stop()
        for _ in self._groups:
            self.redraw()
