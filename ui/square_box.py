"""A holder that keeps its child square, at the top, with a footer beneath."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class SquareBox(QWidget):
    """Give the child the largest square that leaves room for the footer."""

    def __init__(
        self,
        child: QWidget,
        footer: QWidget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._child = child
        self._footer = footer
        for widget in (child, footer):
            if widget is not None:
                widget.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 360 + self._footer_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self._child.minimumSize()
        return QSize(side.width(), side.height() + self._footer_height())

    def _footer_height(self) -> int:
        if self._footer is None:
            return 0
        return (
            self._footer.heightForWidth(self.width())
            if (self._footer.hasHeightForWidth())
            else self._footer.sizeHint().height()
        )

    def resizeEvent(self, event) -> None:  # noqa: N802
        footer = self._footer_height()
        side = max(0, min(self.width(), self.height() - footer))
        left = (self.width() - side) // 2
        self._child.setGeometry(QRect(left, 0, side, side))
        if self._footer is not None:
            self._footer.setGeometry(QRect(left, side, side, footer))
        super().resizeEvent(event)
