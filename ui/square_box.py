"""A holder that keeps its child square, at the top, with a footer beneath.

Whatever height is left under the footer goes to an optional widget below,
which is always promised a minimum, so the square does not jump when that
widget arrives after the first frame.
"""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

# Pixels between the footer and the widget below it.
GAP = 8


class SquareBox(QWidget):
    """Give the child the largest square that leaves room for what is beneath."""

    def __init__(
        self,
        child: QWidget,
        footer: QWidget | None = None,
        parent: QWidget | None = None,
        below_height: int = 0,
    ):
        super().__init__(parent)
        self._child = child
        self._footer = footer
        self._below: QWidget | None = None
        self._below_height = below_height
        for widget in (child, footer):
            if widget is not None:
                widget.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_below(self, widget: QWidget | None) -> None:
        """Put widget in the space left under the footer."""
        self._below = widget
        if widget is not None:
            widget.setParent(self)
            self._arrange()
            widget.show()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 360 + self._footer_height() + self._below_height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self._child.minimumSize()
        extra = self._footer_height() + self._below_height
        return QSize(side.width(), side.height() + extra)

    def _footer_height(self) -> int:
        if self._footer is None:
            return 0
        return (
            self._footer.heightForWidth(self.width())
            if (self._footer.hasHeightForWidth())
            else self._footer.sizeHint().height()
        )

    def _arrange(self) -> None:
        footer = self._footer_height()
        gap = GAP if self._below_height or self._below is not None else 0
        room = self.height() - footer - self._below_height - gap
        side = max(0, min(self.width(), room))
        left = (self.width() - side) // 2
        self._child.setGeometry(QRect(left, 0, side, side))
        if self._footer is not None:
            self._footer.setGeometry(QRect(left, side, side, footer))
        if self._below is not None:
            top = side + footer + gap
            self._below.setGeometry(QRect(0, top, self.width(), self.height() - top))

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._arrange()
        super().resizeEvent(event)
