"""The left column: the canvas, its pen controls, then what the network sees."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.canvas import DrawingCanvas
from ui.square_box import SquareBox

# The slider counts thousandths of the canvas side.
BRUSH_STEPS = 1000
# Height kept under the controls for the network's 28x28 view, in pixels.
BELOW_HEIGHT = 200

HINT = (
    "Draw a digit with the left button. Right click or Esc clears; "
    "Ctrl+Z takes back a stroke."
)


class DrawingColumn(QWidget):
    """Hold the square canvas, the brush slider, undo and clear, and a view below."""

    def __init__(self, canvas: DrawingCanvas, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = canvas
        self.brush_slider = self._create_brush_slider()
        footer = QWidget()
        below = QVBoxLayout(footer)
        below.setContentsMargins(0, 6, 0, 0)
        below.addLayout(self._create_controls(actions))
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        below.addWidget(hint)
        self._box = SquareBox(canvas, footer, below_height=BELOW_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._box)

    def set_below(self, widget: QWidget | None) -> None:
        """Show widget under the canvas and its controls."""
        self._box.set_below(widget)

    def _create_brush_slider(self) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName("brush_slider")
        slider.setAccessibleName("Brush size")
        slider.setToolTip(
            "Pen width on the canvas. The network always sees strokes of "
            "MNIST width, so this only changes how the drawing looks."
        )
        slider.setRange(25, 166)
        slider.valueChanged.connect(
            lambda v: self.canvas.set_brush_fraction(v / BRUSH_STEPS)
        )
        return slider

    def _create_controls(self, actions) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("&Brush:")
        label.setBuddy(self.brush_slider)
        row.addWidget(label)
        row.addWidget(self.brush_slider, 1)
        for action in (actions.undo, actions.clear):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(False)
            row.addWidget(button)
        return row

    def set_brush_fraction(self, fraction: float) -> None:
        """Move the slider, and so the pen, to fraction of the side."""
        self.brush_slider.setValue(round(fraction * BRUSH_STEPS))
