"""Run one slow function off the window's thread and hand back its result."""

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from engine.mnist import DataError

log = logging.getLogger(__name__)


class CallWorker(QObject):
    """Call function() on a QThread; emit its return value or one sentence."""

    returned = Signal(object)
    failed = Signal(str)
    ended = Signal()

    def __init__(self, function: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.function = function

    def stop(self) -> None:
        """Do nothing: a single call cannot be interrupted, only awaited."""

    @Slot()
    def run(self) -> None:
        """Call the function and report how it ended."""
        try:
            value = self.function()
        except DataError as error:
            self.failed.emit(str(error))
        except Exception as error:
            log.exception("Background call failed")
            self.failed.emit(f"Something went wrong: {error}.")
        else:
            self.returned.emit(value)
        finally:
            self.ended.emit()
