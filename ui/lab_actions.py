"""Menu actions for the lab: the dataset manager, the race and the evaluation.

The window creates one LabActions and adds its actions to a menu; the
dialogs are made on first use and kept, so a second click brings them back.
"""

import logging

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from ui.call_worker import CallWorker
from ui.lab_data import mnist_loader

log = logging.getLogger(__name__)


class LabActions(QObject):
    """Actions that open the lab's dialogs for window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialogs: dict[str, object] = {}
        self.worker = self.thread = None
        self.dataset = self._action(
            "MNIST &Dataset…", "See whether MNIST is here; download or import it.",
            self.open_dataset,
        )  # fmt: skip
        self.race = self._action(
            "Activation &Race…",
            "Train sigmoid and ReLU side by side and watch gradients vanish.",
            self.open_race,
        )
        self.evaluate = self._action(
            "&Evaluate Current Model…",
            "Test the current network on the 10,000 MNIST test images.",
            self.evaluate_current,
        )
        self.actions = [self.dataset, self.race, self.evaluate]

    def _action(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _show(self, key: str, make) -> object:
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = self.dialogs[key] = make()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def open_dataset(self) -> None:
        """Show the dataset manager."""
        from ui.dataset_dialog import DatasetDialog

        self._show("dataset", lambda: DatasetDialog(self.window))

    def open_race(self) -> None:
        """Show the activation race."""
        from ui.race_view import RaceView

        self._show("race", lambda: RaceView(self.window))

    def evaluate_current(self) -> None:
        """Evaluate the window's network on the test set, off the window's thread."""
        network = getattr(self.window, "network", None)
        if network is None or self.thread is not None:
            return
        # Training code loads on first use, not with the window.
        from engine.training import evaluate
        from ui.training_worker import start_worker

        load = mnist_loader()

        def run():
            data = load()
            return evaluate(network, data.test_images, data.test_labels), data

        self.worker = CallWorker(run)
        self.worker.returned.connect(self._show_evaluation)
        self.worker.failed.connect(self._evaluation_failed)
        self.worker.ended.connect(self._evaluation_ended)
        self.window.setCursor(Qt.CursorShape.BusyCursor)
        self.thread = start_worker(self.worker, self)

    @Slot(object)
    def _show_evaluation(self, value) -> None:
        from ui.evaluation_view import EvaluationView

        evaluation, data = value
        view = EvaluationView(evaluation, data.test_images, data.test_labels)
        view.setParent(self.window, view.windowFlags())
        self.dialogs["evaluation"] = view
        view.show()

    @Slot(str)
    def _evaluation_failed(self, message: str) -> None:
        QMessageBox.information(self.window, "Evaluate", message)

    @Slot()
    def _evaluation_ended(self) -> None:
        self.window.unsetCursor()
        self.shutdown()

    def shutdown(self) -> None:
        """Wait for a running evaluation (call before the window closes)."""
        if self.thread is None:
            return
        from ui.training_worker import finish_worker

        finish_worker(self.worker, self.thread)
        self.thread = None
