"""A dialog that runs one worker on its own thread and never leaves it running."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from ui.training_worker import finish_worker


class WorkerDialog(QDialog):
    """Hold self.worker and self.thread; stop and join them on close or quit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = None
        self.thread = None
        # Quitting with the dialog open must not leave its thread running.
        QCoreApplication.instance().aboutToQuit.connect(self.shutdown)

    def shutdown(self) -> None:
        """Stop any work and wait for its thread (call before closing)."""
        finish_worker(self.worker, self.thread)
        self.thread = None

    def done(self, code: int) -> None:
        self.shutdown()
        super().done(code)
