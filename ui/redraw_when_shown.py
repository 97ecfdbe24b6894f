"""Let a panel skip drawing while it is hidden, for example in a back tab.

A hidden panel only remembers the latest result; it draws it once when it is
shown again or when someone asks what it displays.
"""


class RedrawWhenShown:
    """Mixin for a panel QWidget with a _redraw() method; put it before QWidget."""

    _stale = False

    def _deferred(self) -> bool:
        """Return True, and remember to draw later, when the panel is hidden."""
        if self.isVisible():
            return False
        self._stale = True
        return True

    def _catch_up(self) -> None:
        """Draw the remembered result if a redraw was skipped."""
        if self._stale:
            self._stale = False
            self._redraw()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._catch_up()
