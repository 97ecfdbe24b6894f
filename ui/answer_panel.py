"""The network's answer: the predicted digit in large type and its confidence.

Shows "Draw a digit" while the canvas is empty, and names the runner-up so
a person sees how close the call was.
"""

import logging

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import panel_style as style
from ui.steady_label import SteadyLabel

log = logging.getLogger(__name__)

CAPTION = (
    "The digit the network thinks you drew, and how sure it is: the highest "
    "of its ten output probabilities."
)
EMPTY_TEXT = "Draw a digit"
# Large enough to be the biggest text in the window, small enough to fit.
DIGIT_POINT_SIZE = 96
# Below this confidence the runner-up is named as a close rival.
UNSURE_BELOW = 0.6


class AnswerPanel(QWidget):
    """The predicted digit, its confidence and the runner-up."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._probabilities = np.zeros(0, dtype=np.float32)
        self._heading = style.caption("The network's answer")
        # The three lines change while the pen moves: steady labels keep
        # that from re-laying out the window.
        self._digit = SteadyLabel(_centred(QLabel()))
        self._confidence = SteadyLabel(_centred(QLabel()))
        self._runner_up = SteadyLabel(_centred(style.caption("")))
        # the colour of the digit last set: a style sheet costs a restyle
        self._digit_colour = ""
        self._set_fonts()
        layout = QVBoxLayout(self)
        for label in (self._heading, self._digit, self._confidence, self._runner_up):
            layout.addWidget(label)
        layout.addStretch(1)
        style.explain(self, CAPTION)
        self.show_result(None, None)

    def _set_fonts(self) -> None:
        big = QFont(self.font())
        big.setPointSize(DIGIT_POINT_SIZE)
        big.setBold(True)
        self._digit.label.setFont(big)
        medium = QFont(self.font())
        medium.setPointSizeF(self.font().pointSizeF() * 1.6)
        self._confidence.label.setFont(medium)

    def set_model(self, network, metadata: dict | None) -> None:
        """Forget the last answer; the new model has not seen the drawing."""
        # the palette may have changed too
        self._digit_colour = ""
        self.show_result(None, None)

    def show_result(self, stages, trace) -> None:
        """Show the most likely digit of trace, or the empty state for None."""
        if trace is None:
            self._show_empty()
            return
        probs = np.asarray(trace.activations[-1][0])
        self._probabilities = probs.copy()
        order = np.argsort(probs)[::-1]
        best, second = int(order[0]), int(order[1])
        if probs[best] < UNSURE_BELOW:
            runner = f"torn between {best} and {second} ({probs[second]:.0%})"
        else:
            runner = f"next best: {second} ({probs[second]:.0%})"
        self._write(str(best), style.positive(), f"{probs[best]:.0%} sure", runner)

    def _show_empty(self) -> None:
        self._probabilities = np.zeros(0, dtype=np.float32)
        self._write("?", style.muted().name(), EMPTY_TEXT, "")

    def _write(self, digit: str, colour: str, confidence: str, runner: str) -> None:
        # Labels re-lay themselves out on every setText, even to the same
        # text, so unchanged lines are left alone while the pen moves.
        if colour != self._digit_colour:
            self._digit_colour = colour
            self._digit.label.setStyleSheet(f"color: {colour};")
        for label, text in (
            (self._digit, digit),
            (self._confidence, confidence),
            (self._runner_up, runner),
        ):
            if label.text() != text:
                label.setText(text)

    def answer_text(self) -> str:
        """Return the digit text now shown ("?" when nothing is drawn)."""
        return self._digit.text()

    def confidence_text(self) -> str:
        """Return the confidence line now shown."""
        return self._confidence.text()

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the probabilities behind the shown answer (empty when none)."""
        digit = self._digit.text()
        shown = np.array([int(digit)] if digit.isdigit() else [], dtype=np.int64)
        return {"probabilities": self._probabilities.copy(), "digit": shown}


def _centred(label: QLabel) -> QLabel:
    """Return label with its text centred."""
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
