"""A holder that keeps its one child square and centred."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class SquareBox(QWidget):
    """Give the child the largest centred square that fits."""

    def __init__(self, child: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._child = child
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 360)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._child.minimumSize()

    def resizeEvent(self, event) -> None:  # noqa: N802
        side = min(self.width(), self.height())
        left = (self.width() - side) // 2
        top = (self.height() - side) // 2
        self._child.setGeometry(QRect(left, top, side, side))
        super().resizeEvent(event)
