"""A label whose text changes while the pen moves, without re-laying out the window.

A QLabel asks its parent's layout to recompute on every new text, and that
request climbs through every splitter to the window: more work per stroke than
drawing the text. Here the label sits in a widget with no layout, which takes
the request itself and passes it on only when the space the text needs has
changed (for example a new line), not for new digits in the same space.
"""

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QWidget):
    """Hold label and show its text; grow or shrink only when the text needs it."""

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self._told: QSize | None = None

    def setText(self, text: str) -> None:  # noqa: N802
        """Show text, like QLabel.setText."""
        self.label.setText(text)

    def text(self) -> str:
        """Return the text shown."""
        return self.label.text()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.label.heightForWidth(width)

    def _needs(self) -> QSize:
        """Return the room the text needs at the present width."""
        # Limitation: a wrapping label's narrowest width (its longest word)
        # is not followed, which matters only in a very narrow window.
        if self.label.hasHeightForWidth():
            return QSize(0, self.label.heightForWidth(self.width()))
        return self.label.sizeHint()

    def event(self, event) -> bool:
        # the label's new text arrives here as a request for a new layout
        if event.type() == QEvent.Type.LayoutRequest:
            needs = self._needs()
            if needs != self._told:
                self._told = needs
                self.updateGeometry()
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._told = self._needs()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        # text set while hidden sent no request
        self.updateGeometry()
        self._told = self._needs()
