"""How a network does on the test images: confusions, per digit, worst mistakes."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.network import Network
from engine.training import Evaluation, evaluate
from ui import panel_style
from ui.confusion_table import RIGHT, ConfusionTable
from ui.digit_gallery import DigitGallery
from ui.lab_plots import make_plot

# Thumbnails shown at once; more would slow the dialog without telling more.
GALLERY_SIZE = 60


class EvaluationView(QDialog):
    """Confusion matrix, per-digit accuracy and a gallery of mistakes."""

    def __init__(
        self,
        evaluation: Evaluation,
        images: np.ndarray,
        labels: np.ndarray,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("How the network does on the test images")
        self.evaluation, self.images, self.labels = evaluation, images, labels
        self.summary = QLabel(
            f"{evaluation.accuracy:.1%} right: {evaluation.correct:,} of "
            f"{evaluation.total:,} test images the network never trained on."
        )
        self.table = ConfusionTable()
        self.table.show_confusion(evaluation.confusion)
        self.table.cell_chosen.connect(self.show_cell)
        self.per_digit = self._per_digit_plot()
        self.gallery = DigitGallery()
        self._create_layout()
        self.show_worst_mistakes()

    @classmethod
    def for_network(cls, network: Network, images, labels, parent=None):
        """Return the view for network, evaluated on images and labels."""
        return cls(evaluate(network, images, labels), images, labels, parent)

    def _create_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.table, 3)
        top.addWidget(self.per_digit, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top, 1)
        layout.addWidget(self.gallery, 1)
        self.resize(1000, 760)

    def accuracy_per_digit(self) -> np.ndarray:
        """Return the share of each digit's images guessed right (10,)."""
        confusion = self.evaluation.confusion
        return np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)

    def _per_digit_plot(self) -> pg.PlotWidget:
        plot = make_plot(
            "Right, per digit", "digit written", "% right",
            "For each digit, the share of its test images the network reads "
            "correctly.",
        )  # fmt: skip
        accuracy = 100 * self.accuracy_per_digit()
        text = panel_style.foreground()
        bars = pg.BarGraphItem(x=np.arange(10), height=accuracy, width=0.7, brush=RIGHT)
        plot.addItem(bars)
        # The axis starts at zero so bar lengths stay honest; the numbers on
        # top tell the small differences apart.
        for digit, value in enumerate(accuracy):
            label = pg.TextItem(f"{value:.0f}", text, anchor=(0.5, 1.0))
            label.setPos(digit, value)
            plot.addItem(label)
        plot.setYRange(0, 108, padding=0)
        plot.setXRange(-0.6, 9.6, padding=0)
        plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        return plot

    def show_worst_mistakes(self) -> None:
        """Show the wrong guesses the network was most sure of."""
        e = self.evaluation
        wrong = np.flatnonzero(e.predictions != self.labels)
        worst = wrong[np.argsort(-e.confidences[wrong], kind="stable")]
        title = (
            f"The {min(len(worst), GALLERY_SIZE)} most confident mistakes "
            "(written → guessed, confidence)"
        )
        self._show(title, worst)

    def show_cell(self, true: int, guess: int) -> None:
        """Show the images written as true and guessed as guess."""
        e = self.evaluation
        chosen = np.flatnonzero((self.labels == true) & (e.predictions == guess))
        chosen = chosen[np.argsort(-e.confidences[chosen], kind="stable")]
        shown = min(len(chosen), GALLERY_SIZE)
        title = f"Written {true}, guessed {guess}: {len(chosen)} images"
        if shown < len(chosen):
            title += f" (the {shown} most confident shown)"
        self._show(title, chosen)

    def _show(self, title: str, indices: np.ndarray) -> None:
        indices = indices[:GALLERY_SIZE]
        self.shown = indices
        e = self.evaluation
        self.gallery.show_digits(
            title, self.images[indices], self.labels[indices],
            e.predictions[indices], e.confidences[indices],
        )  # fmt: skip
