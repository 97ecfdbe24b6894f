"""The square drawing area: white ink on black, kept as paths and as pixels."""

import logging

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QMouseEvent, QPainter, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.ink_image import InkImage

log = logging.getLogger(__name__)

# A pen about 1/14 of the side draws digits as thick, relative to the
# frame, as the strokes in MNIST.
DEFAULT_BRUSH_FRACTION = 1 / 14
MIN_BRUSH_FRACTION = 1 / 40
MAX_BRUSH_FRACTION = 1 / 6


class DrawingCanvas(QWidget):
    """Record strokes drawn with a mouse or pen and paint them anti-aliased."""

    drawing_changed = Signal()
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setAccessibleName("Drawing canvas")
        self.setAccessibleDescription(
            "Draw a digit here with the left mouse button or a pen."
        )
        self.setToolTip(
            "Draw a digit with the left button. Right click, Esc or Delete "
            "clears; Ctrl+Z takes back the last stroke."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(140, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[np.ndarray] = []
        self._current: list[tuple[float, float]] | None = None
        self._brush_fraction = DEFAULT_BRUSH_FRACTION
        self._ink = InkImage()
        self._picture: QImage | None = None

    # public API

    def strokes(self) -> list[np.ndarray]:
        """Return every stroke, the one being drawn included, as (n, 2) arrays."""
        done = list(self._strokes)
        if self._current:
            done.append(np.asarray(self._current, dtype=np.float32))
        return done

    def can_undo(self) -> bool:
        """Return True when there is a finished stroke to take back."""
        return bool(self._strokes)

    def canvas_size(self) -> tuple[int, int]:
        """Return the drawing area's (width, height) in widget pixels."""
        return self.width(), self.height()

    def is_empty(self) -> bool:
        """Return True when nothing is drawn."""
        return not self._strokes and not self._current

    def image(self) -> QImage:
        """Return the drawing as a grayscale image, ink white on black."""
        return self._ink.grayscale()

    def brush_fraction(self) -> float:
        """Return the pen width as a share of the canvas side."""
        return self._brush_fraction

    def brush_width(self) -> float:
        """Return the pen width in widget pixels."""
        return max(1.0, self._brush_fraction * min(self.width(), self.height()))

    def set_brush_fraction(self, fraction: float) -> None:
        """Set the pen width as a share of the side and repaint every stroke."""
        fraction = min(max(fraction, MIN_BRUSH_FRACTION), MAX_BRUSH_FRACTION)
        if fraction == self._brush_fraction:
            return
        self._brush_fraction = fraction
        self._repaint_all()
        if self._strokes:
            self.drawing_changed.emit()

    def add_stroke(self, points) -> None:
        """Add one finished stroke of (x, y) widget coordinates, as if drawn."""
        points = np.asarray(points, dtype=np.float32).reshape(-1, 2)
        if not len(points):
            return
        self._strokes.append(points)
        self._paint_polyline(points)
        self.drawing_changed.emit()
        self.stroke_finished.emit()

    def show_picture(self, picture: QImage) -> None:
        """Replace the drawing by an opened picture until the next stroke."""
        self._strokes.clear()
        self._current = None
        self._picture = picture
        self._repaint_all()

    def has_picture(self) -> bool:
        """Return True while an opened picture is on show."""
        return self._picture is not None

    def clear(self) -> None:
        """Remove every stroke and any opened picture."""
        if self.is_empty() and self._picture is None:
            return
        self._picture = None
        self._strokes.clear()
        self._current = None
        self._repaint_all()
        self.drawing_changed.emit()

    def undo(self) -> None:
        """Remove the last finished stroke."""
        if not self._strokes:
            return
        self._strokes.pop()
        self._repaint_all()
        self.drawing_changed.emit()

    # stroke building

    def _begin(self, pos: QPointF) -> None:
        if self._picture is not None:
            self._picture = None
            self._repaint_all()
        self._current = [(pos.x(), pos.y())]
        self._paint_segment(pos, pos)
        self.drawing_changed.emit()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        last = QPointF(*self._current[-1])
        if last == pos:
            return
        self._current.append((pos.x(), pos.y()))
        self._paint_segment(last, pos)
        self.drawing_changed.emit()

    def _finish(self) -> None:
        if self._current is None:
            return
        self._strokes.append(np.asarray(self._current, dtype=np.float32))
        self._current = None
        self.drawing_changed.emit()
        self.stroke_finished.emit()

    # raster

    def _paint_segment(self, a: QPointF, b: QPointF) -> None:
        # only the touched square needs repainting on screen
        self.update(self._ink.draw_segment(a, b, self.brush_width()))

    def _paint_polyline(self, points: np.ndarray) -> None:
        self._ink.draw_polyline(points, self.brush_width())
        self.update()

    def _repaint_all(self) -> None:
        self._ink.clear()
        if self._picture is not None:
            self._ink.draw_picture(self._picture, self.size())
        for points in self.strokes():
            self._ink.draw_polyline(points, self.brush_width())
        self.update()

    # Qt events

    def resizeEvent(self, event) -> None:  # noqa: N802
        old = event.oldSize()
        new = event.size()
        if old.width() > 0 and old.height() > 0:
            # strokes keep their place relative to the square
            scale = np.float32([new.width() / old.width(), new.height() / old.height()])
            self._strokes = [s * scale for s in self._strokes]
            if self._current:
                sx, sy = scale
                self._current = [(x * sx, y * sy) for x, y in self._current]
        self._create_image()
        if old.width() > 0 and not self.is_empty():
            self.drawing_changed.emit()
        super().resizeEvent(event)

    def _create_image(self) -> None:
        # one image pixel per device pixel keeps ink sharp on HiDPI screens
        self._ink.resize(self.size(), self.devicePixelRatioF())
        self._repaint_all()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._create_image()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = QRectF(event.rect())
        painter.drawImage(rect, self._ink.image, self._source_rect(rect))
        painter.end()

    def _source_rect(self, rect) -> QRectF:
        ratio = self._ink.image.devicePixelRatio()
        return QRectF(
            rect.x() * ratio,
            rect.y() * ratio,
            rect.width() * ratio,
            rect.height() * ratio,
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        elif event.button() == Qt.MouseButton.RightButton:
            self._current = None
            self.clear()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._finish()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        # Accepting stops Qt from also sending the synthesised mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._finish()
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete):
            self.clear()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        else:
            super().keyPressEvent(event)
