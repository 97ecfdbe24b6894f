"""A clickable 10x10 confusion matrix: true digit by row, guess by column."""

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget
from PySide6.QtWidgets import QTableWidgetItem as Item

# Right answers in blue, mistakes in orange: a colour-blind-safe pair.
RIGHT = QColor("#0072B2")
WRONG = QColor("#E69F00")


class ConfusionTable(QTableWidget):
    """Counts of every (true digit, guess) pair, shaded by their share of the row."""

    # true digit, guessed digit
    cell_chosen = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(10, 10, parent)
        labels = [str(d) for d in range(10)]
        self.setHorizontalHeaderLabels(labels)
        self.setVerticalHeaderLabels(labels)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setToolTip(
            "Rows: the digit that was written. Columns: the network's guess. "
            "The diagonal counts right answers; click any cell to see its images."
        )
        self.cellClicked.connect(self.cell_chosen)

    def show_confusion(self, confusion: np.ndarray) -> None:
        """Fill the table from a (10, 10) count matrix."""
        rows = np.maximum(confusion.sum(axis=1, keepdims=True), 1)
        share = confusion / rows
        for true in range(10):
            for guess in range(10):
                self.setItem(true, guess, self._cell(confusion, share, true, guess))

    def _cell(self, confusion, share, true: int, guess: int) -> Item:
        count = int(confusion[true, guess])
        item = Item(str(count) if count else "")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        base = RIGHT if true == guess else WRONG
        # Mistakes are rare; a square root lets a 2 % cell still show.
        strength = float(share[true, guess]) ** 0.5
        colour = QColor(base)
        alpha = min(1.0, 0.08 + 0.9 * strength) if count else 0.0
        colour.setAlphaF(alpha)
        item.setBackground(QBrush(colour))
        if alpha > 0.5:
            item.setForeground(QBrush(QColor("white")))
        item.setToolTip(f"Written {true}, guessed {guess}: {count} images")
        return item
