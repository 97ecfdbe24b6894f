"""The drawing's pixels: white, round-capped, anti-aliased ink on black."""

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

INK = QColor(255, 255, 255)
BACKGROUND = QColor(0, 0, 0)


class InkImage:
    """Paint strokes into an image with one pixel per device pixel."""

    def __init__(self):
        self.image = QImage()

    def is_null(self) -> bool:
        """Return True before the first resize."""
        return self.image.isNull()

    def resize(self, size: QSize, ratio: float) -> None:
        """Start a blank image of size (logical pixels) at the device ratio."""
        self.image = QImage(size * ratio, QImage.Format.Format_RGB32)
        self.image.setDevicePixelRatio(ratio)
        self.image.fill(BACKGROUND)

    def clear(self) -> None:
        """Paint everything black."""
        if not self.is_null():
            self.image.fill(BACKGROUND)

    def grayscale(self) -> QImage:
        """Return a grayscale copy, ink white on black."""
        return self.image.convertToFormat(QImage.Format.Format_Grayscale8)

    def draw_segment(self, a: QPointF, b: QPointF, width: float) -> QRect:
        """Draw a line from a to b; return the logical rectangle it touched."""
        if not self.is_null():
            painter = self._painter(width)
            painter.drawLine(a, b)
            painter.end()
        half = width / 2 + 2
        return (
            QRectF(a, b).normalized().adjusted(-half, -half, half, half).toAlignedRect()
        )

    def draw_polyline(self, points: np.ndarray, width: float) -> None:
        """Draw a stroke of (n, 2) points; a single point is a dot."""
        if self.is_null():
            return
        painter = self._painter(width)
        if len(points) == 1:
            painter.drawPoint(QPointF(*points[0]))
        else:
            path = QPainterPath(QPointF(*points[0]))
            for x, y in points[1:]:
                path.lineTo(x, y)
            painter.drawPath(path)
        painter.end()

    def draw_picture(self, picture: QImage, area: QSize) -> None:
        """Draw picture as large as fits, centred in area (logical pixels)."""
        if self.is_null():
            return
        size = picture.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
        left = (area.width() - size.width()) / 2
        top = (area.height() - size.height()) / 2
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(left, top, size.width(), size.height()), picture)
        painter.end()

    def _painter(self, width: float) -> QPainter:
        pen = QPen(INK, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        return painter
