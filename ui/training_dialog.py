"""Train a network of one's own, watching it learn, then keep it."""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.mnist import MnistData
from ui.evaluation_view import EvaluationView
from ui.lab_data import mnist_loader, progress_text
from ui.lab_job import LaneResult, TrainingJob
from ui.model_library import user_models_dir
from ui.training_form import TrainingForm
from ui.training_plots import TrainingPlots
from ui.training_worker import TrainingWorker, start_worker
from ui.worker_dialog import WorkerDialog

log = logging.getLogger(__name__)

STATES = {
    "loading": "Reading the MNIST images…",
    "training": "Training…",
    "paused": "Paused. The drawing panels show the weights as they are now.",
    "evaluating": "Testing on the 10,000 test images…",
    "saving": "Saving the model…",
}


class TrainingDialog(WorkerDialog):
    """Settings, live plots and controls for one training run."""

    # a copy of the weights being trained, a few times per second; the second
    # signal adds metadata for drawing it ({"activation_max": [...]})
    network_updated = Signal(object)
    snapshot_updated = Signal(object, dict)
    # the finished run's LaneResult (network, metadata, evaluation, file)
    model_trained = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        load_data: Callable[[], MnistData] | None = None,
        models_folder: Path | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Train a network")
        self.load_data = load_data or mnist_loader()
        self.models_folder = models_folder or user_models_dir()
        self.result: LaneResult | None = None
        self.form = TrainingForm()
        self.plots = TrainingPlots()
        self._create_controls()
        self._create_layout()
        self._set_running(False)

    def _create_controls(self) -> None:
        self.start_button = QPushButton("Start", clicked=self.start)
        self.pause_button = QPushButton("Pause", clicked=self.toggle_pause)
        self.stop_button = QPushButton("Stop", clicked=self.stop)
        self.evaluate_button = QPushButton("Show mistakes…", clicked=self._evaluate)
        self.start_button.setToolTip("Train a new network with these settings.")
        self.pause_button.setToolTip("Hold training; draw to try the network so far.")
        self.stop_button.setToolTip("End training now and keep the weights so far.")
        self.evaluate_button.setToolTip("Confusion matrix and the worst mistakes.")
        self.data_button = QPushButton("MNIST dataset…", clicked=self._open_dataset)
        self.data_button.setToolTip("See whether MNIST is here; download or import it.")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel("Choose the settings, then press Start.")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )

    def _create_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        side = QVBoxLayout()
        side.addWidget(self.form)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addWidget(self.evaluate_button)
        side.addWidget(self.data_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 0)
        layout.addWidget(self.plots, 1)
        self.resize(1180, 680)

    def start(self) -> None:
        """Start training with the form's settings."""
        config = self.form.config()
        if config is None:
            self.status.setText(
                "Type the hidden layer sizes as whole numbers separated by "
                "commas, for example 256, 128."
            )
            return
        job = TrainingJob([config], self.load_data, self.form.images.value())
        job.save_folder = self.models_folder
        self.result = None
        self.worker = TrainingWorker(job)
        self._connect(self.worker)
        self.plots.start(config.epochs, len(config.hidden) + 1)
        self.progress.setRange(0, 0)
        self.thread = start_worker(self.worker, self)
        self._set_running(True)

    def _connect(self, worker: TrainingWorker) -> None:
        worker.state_changed.connect(self._show_state)
        worker.batches_finished.connect(self._add_batches)
        worker.epoch_finished.connect(self._add_epoch)
        worker.network_updated.connect(self._share_network)
        worker.lane_diverged.connect(self._diverged)
        worker.training_finished.connect(self._finished)
        worker.training_failed.connect(self._failed)
        worker.ended.connect(self._ended)

    def toggle_pause(self) -> None:
        """Pause a running run or resume a paused one."""
        if self.worker is None or self.thread is None:
            return
        if self.worker.paused:
            self.worker.resume()
            self.pause_button.setText("Pause")
        else:
            self.worker.pause()
            self.pause_button.setText("Resume")

    def stop(self) -> None:
        """End training before the next batch."""
        if self.worker is not None:
            self.worker.stop()

    @Slot(str)
    def _show_state(self, state: str) -> None:
        self.status.setText(STATES.get(state, state))

    # Slots are methods of this dialog, never lambdas, so Qt queues the
    # worker's signals onto the window's thread.
    @Slot(int, object)
    def _add_epoch(self, lane: int, report) -> None:
        self.plots.add_epoch(report)

    @Slot(int, object, object)
    def _share_network(self, lane: int, network, metadata: dict) -> None:
        self.network_updated.emit(network)
        self.snapshot_updated.emit(network, metadata)

    @Slot(int, str)
    def _diverged(self, lane: int, message: str) -> None:
        self.status.setText(message)

    @Slot(object)
    def _add_batches(self, reports: list) -> None:
        batches = [report for _, report in reports]
        self.plots.add_batches(batches)
        last = batches[-1]
        total = last.batches * self.worker.job.configs[0].epochs
        done = last.epoch * last.batches + last.batch + 1
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        epochs = self.worker.job.configs[0].epochs
        self.progress.setFormat(f"Epoch {last.epoch + 1}/{epochs} · %p%")
        self.status.setText(progress_text(last, epochs))

    @Slot(object)
    def _finished(self, results: list[LaneResult]) -> None:
        self.result = result = results[0]
        self.plots.stop()
        lines = [result.diverged] if result.diverged else []
        if result.evaluation is not None:
            e = result.evaluation
            lines.append(f"Test accuracy {e.accuracy:.1%} on {e.total:,} test images.")
        if result.saved_to is not None:
            lines.append(f"Saved as {result.saved_to.name} beside the bundled models.")
            self.model_trained.emit(result)
        elif result.stopped:
            lines.append("Stopped early, so the model was not saved.")
        self.status.setText(" ".join(lines))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.plots.stop()
        self.status.setText(message)

    @Slot()
    def _ended(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread = None
        self._set_running(False)
        self.progress.setRange(0, max(self.progress.maximum(), 1))

    def _evaluate(self) -> None:
        if self.result is None or self.worker is None or self.worker.split is None:
            return
        split = self.worker.split
        self.evaluation_view = EvaluationView(
            self.result.evaluation, split.test_images, split.test_labels, self
        )
        self.evaluation_view.show()

    def _open_dataset(self) -> None:
        from ui.dataset_dialog import DatasetDialog

        self.dataset_dialog = DatasetDialog(self)
        self.dataset_dialog.show()

    def _set_running(self, running: bool) -> None:
        self.form.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText("Pause")
        self.stop_button.setEnabled(running)
        has_result = self.result is not None and self.result.evaluation is not None
        self.evaluate_button.setEnabled(not running and has_result)
