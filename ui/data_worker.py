"""Download or import MNIST on a worker thread, reporting through signals."""

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from engine.download import Cancelled
from engine.mnist import DataError

log = logging.getLogger(__name__)

# At most this many progress signals per second reach the window.
PROGRESS_INTERVAL = 0.05

# task(progress, cancelled) -> folder; progress(done, total, file_name)
Task = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Path]


class DataWorker(QObject):
    """Run one data task; move to a QThread and call run() there."""

    progress_changed = Signal(int, int, str)
    data_ready = Signal(str)
    data_failed = Signal(str)
    data_cancelled = Signal()
    ended = Signal()

    def __init__(self, task: Task, parent: QObject | None = None):
        super().__init__(parent)
        self.task = task
        self._cancel = threading.Event()
        self._last = 0.0

    def stop(self) -> None:
        """Ask the task to stop before its next chunk (thread-safe)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        """Run the task and report how it ended."""
        try:
            folder = self.task(self._progress, self._cancel.is_set)
        except Cancelled:
            self.data_cancelled.emit()
        except DataError as error:
            self.data_failed.emit(str(error))
        except OSError as error:
            self.data_failed.emit(f"Could not write the MNIST files: {error}.")
        except Exception as error:
            log.exception("MNIST task failed")
            self.data_failed.emit(f"Getting MNIST failed unexpectedly: {error}.")
        else:
            self.data_ready.emit(str(folder))
        finally:
            self.ended.emit()

    def _progress(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or (total and done >= total):
            self._last = now
            self.progress_changed.emit(done, total, name)
