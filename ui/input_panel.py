"""What the network sees: the 28x28 grid of pixel values fed to its first layer.

On request it also shows the steps from the drawing to that grid: the drawing
as made, cropped to its ink, scaled to MNIST size, and centred by its mass.
White is ink (1), black is empty paper (0), as in MNIST.
"""

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QToolTip, QVBoxLayout, QWidget

from ui import panel_style as style
from ui.grey_image import GreyImage

log = logging.getLogger(__name__)

CAPTION = (
    "What the network sees: your drawing shrunk to 28 x 28 pixels, each a "
    "number from 0 (black) to 1 (white ink)."
)
STAGE_NAMES = ("drawn", "cropped", "scaled", "centred")
SIDE = 28
# Height of the stage grid's two rows of names, in pixels.
STAGE_LABELS = 40


class _ImageView:
    """One fixed-level greyscale image in its own locked view."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget, row: int, col: int):
        # no menu: building one costs milliseconds per view at start-up
        self.view = graphics.addViewBox(
            row=row, col=col, lockAspect=True, enableMenu=False, invertY=True
        )
        self.view.setMouseEnabled(x=False, y=False)
        # The view keeps one range; pictures of any shape are fitted into
        # what it shows, which is cheaper than moving the view for each shape.
        self.view.setRange(QRectF(0, 0, SIDE, SIDE), padding=0)
        self.view.sigResized.connect(self._fit)
        self.image = GreyImage()
        self.view.addItem(self.image)
        self.shape = (SIDE, SIDE)
        self.show(np.zeros((SIDE, SIDE), dtype=np.float32))

    def show(self, values: np.ndarray) -> None:
        """Draw values (2-D) on the fixed scale 0..1."""
        self.image.set_values(values)
        if values.shape != self.shape:
            self.shape = values.shape
            self._fit()

    def _fit(self) -> None:
        self.image.set_rect(fitted(self.shape, self.view.viewRect()))


def fitted(shape: tuple[int, int], box: QRectF) -> QRectF:
    """Return the largest rectangle of shape's proportions centred in box."""
    rows, cols = shape
    # a small margin, as around a picture in a frame
    scale = min(box.width() / max(cols, 1), box.height() / max(rows, 1)) / 1.04
    width, height = cols * scale, rows * scale
    centre = box.center()
    return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)


class _Stack(QWidget):
    """Lay out the input picture and the stage grid: side by side when wide."""

    def arrange(self) -> None:
        """Place the visible children, each picture as large as fits."""
        shown = [c for c in self.children() if isinstance(c, QWidget)]
        shown = [c for c in shown if not c.isHidden()]
        if not shown:
            return
        width, height = self.width(), self.height()
        if len(shown) == 1:
            side = min(width, height)
            shown[0].setGeometry((width - side) // 2, 0, side, side)
        elif width > height:
            side = min(height, width * 3 // 5)
            shown[0].setGeometry(0, 0, side, side)
            shown[1].setGeometry(side, 0, width - side, side)
        else:
            # the stage grid needs room for its labels as well as its pictures
            side = min(width, height * width // (2 * width + STAGE_LABELS))
            shown[0].setGeometry(0, 0, width, side)
            shown[1].setGeometry(0, side, width, height - side)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange()


class InputPanel(QWidget):
    """The 28x28 network input, and optionally the stages that made it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._show_stages = False
        self._stages = None
        self._input = np.zeros(SIDE * SIDE, dtype=np.float32)
        self._pictures = _Stack()
        self._graphics = style.solid(pg.GraphicsLayoutWidget(self._pictures))
        self._graphics.setBackground(style.background())
        self._main = _ImageView(self._graphics, 0, 0)
        self._graphics.scene().sigMouseMoved.connect(self._hovered)
        self._stage_graphics = self._create_stage_views()
        self._stage_graphics.setParent(self._pictures)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(style.caption(CAPTION))
        layout.addWidget(self._pictures, 1)
        style.explain(self, CAPTION)

    def _create_stage_views(self) -> pg.GraphicsLayoutWidget:
        graphics = style.solid(pg.GraphicsLayoutWidget())
        graphics.setBackground(style.background())
        self._stage_views = []
        self._stage_labels = []
        for i, title in enumerate(STAGE_NAMES):
            row, col = 2 * (i // 2), i % 2
            label = graphics.addLabel(
                title, row=row, col=col, size="8pt", color=style.foreground()
            )
            # the names never change: painted once, then reused
            label.item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self._stage_labels.append(label)
            self._stage_views.append(_ImageView(graphics, row + 1, col))
        graphics.setToolTip(
            "How your drawing becomes the input: cut to the ink, shrunk to "
            "20 x 20 and moved so its centre of mass sits in the middle."
        )
        graphics.setVisible(False)
        return graphics

    def set_model(self, network, metadata: dict | None) -> None:
        """Take the current colours; the input picture does not depend on the model."""
        for graphics in (self._graphics, self._stage_graphics):
            graphics.setBackground(style.background())
        for label in self._stage_labels:
            label.setText(label.text, color=style.foreground())

    def set_show_stages(self, show: bool) -> None:
        """Show the preprocessing stages under the input when show is True."""
        self._show_stages = bool(show)
        self._stage_graphics.setVisible(self._show_stages)
        self._pictures.arrange()
        self._draw_stages()

    def show_result(self, stages, trace) -> None:
        """Show the network input of trace (or stages), or an empty grid."""
        self._stages = stages
        if trace is not None:
            self._input = np.asarray(trace.activations[0][0])
        elif stages is not None:
            self._input = np.asarray(stages.input)
        else:
            self._input = np.zeros(SIDE * SIDE, dtype=np.float32)
        self._main.show(self._input.reshape(SIDE, SIDE))
        self._draw_stages()

    def _draw_stages(self) -> None:
        # Hidden stages cost nothing: they are drawn when shown.
        if not self._show_stages:
            return
        for name, view in zip(STAGE_NAMES, self._stage_views, strict=True):
            if self._stages is None:
                view.show(np.zeros((SIDE, SIDE), dtype=np.float32))
            else:
                view.show(np.asarray(getattr(self._stages, name)))

    def displayed_values(self) -> dict[str, np.ndarray]:
        """Return the input (784,) and, when shown, each stage image."""
        shown = {"input": self._main.image.values().reshape(-1).copy()}
        if self._show_stages:
            for name, view in zip(STAGE_NAMES, self._stage_views, strict=True):
                shown[name] = view.image.values().copy()
        return shown

    def _hovered(self, pos) -> None:
        pixel = self._main.image.pixel_at(self._main.view.mapSceneToView(pos))
        if pixel is not None:
            row, col = pixel
            value = self._input[row * SIDE + col]
            text = f"pixel row {row}, column {col}: {value:.2f}"
            global_pos = self._graphics.mapToGlobal(self._graphics.mapFromScene(pos))
            QToolTip.showText(global_pos, text)
