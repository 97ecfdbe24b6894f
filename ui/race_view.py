"""Race activations against each other on a deep, narrow network."""

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.activations import ACTIVATIONS
from engine.mnist import MnistData
from engine.training import TrainingConfig
from ui.lab_data import mnist_loader, progress_text
from ui.lab_job import LaneResult, TrainingJob
from ui.lab_plots import caption
from ui.race_plots import RacePlots
from ui.training_worker import TrainingWorker, start_worker
from ui.worker_dialog import WorkerDialog

log = logging.getLogger(__name__)

# Plain SGD with momentum, no tricks: the setting in which deep sigmoid
# networks were found hard to train. Adam rescales tiny gradients and would
# partly hide the effect.
RACE_CONFIG = TrainingConfig(
    hidden=(32,) * 10, activation="relu", optimizer="sgd", learning_rate=0.05,
    momentum=0.9, batch_size=64, epochs=3, schedule="constant", augment=False,
)  # fmt: skip
DEFAULT_RACERS = ("sigmoid", "relu")
# (label, optimiser, learning rate); Adam is offered to show it partly
# rescuing the sigmoid network by enlarging its tiny gradients.
OPTIMISERS = [
    ("SGD with momentum, rate 0.05", "sgd", 0.05),
    ("Adam, rate 0.001", "adam", 1e-3),
]

CAPTION = (
    "Every network here has the same layers, starts from the same random "
    "seed and sees the same images in the same order; only the activation "
    "function differs. Right: how hard each layer's "
    "weights are pushed. A sigmoid's slope is at most 0.25, so the push "
    "shrinks several-fold at every layer on its way back to the input: the "
    "first layers hardly change and, with ten layers, the sigmoid network "
    "stays near guessing (about 11 %). ReLU passes the push through unchanged "
    "where a unit is active, so every layer learns. Adam enlarges tiny "
    "gradients, so with it the sigmoid network does learn, slowly (about a "
    "third right after 3 epochs)."
)


class RaceView(WorkerDialog):
    """Train several activations side by side and overlay their curves."""

    def __init__(
        self,
        parent: QWidget | None = None,
        load_data: Callable[[], MnistData] | None = None,
        train_count: int | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Activation race: the vanishing gradient")
        self.load_data = load_data or mnist_loader()
        self.train_count = train_count
        self.names: list[str] = []
        self.plots = RacePlots()
        self._create_controls()
        self._create_layout()
        self.plots.set_axes(RACE_CONFIG.epochs, len(RACE_CONFIG.hidden) + 1)
        self._set_running(False)

    def _create_controls(self) -> None:
        self.racers = {}
        for name, act in ACTIVATIONS.items():
            box = QCheckBox(act.display_name, checked=name in DEFAULT_RACERS)
            box.setToolTip(act.description)
            self.racers[name] = box
        self.depth = _spin(1, 20, len(RACE_CONFIG.hidden), "Number of hidden layers.")
        self.width = _spin(4, 512, RACE_CONFIG.hidden[0], "Units in each hidden layer.")
        self.epochs = _spin(1, 50, RACE_CONFIG.epochs, "Passes over the images.")
        self.optimizer = QComboBox()
        for label, name, rate in OPTIMISERS:
            self.optimizer.addItem(label, (name, rate))
        self.optimizer.setToolTip("The rule that turns gradients into weight changes.")
        self.start_button = QPushButton("Start race", clicked=self.start)
        self.stop_button = QPushButton("Stop", clicked=self.stop)
        self.progress = QProgressBar()
        self.status = QLabel("Tick two or more activations, then start the race.")
        self.status.setWordWrap(True)

    def _create_layout(self) -> None:
        form = QFormLayout()
        racers = QVBoxLayout()
        for box in self.racers.values():
            racers.addWidget(box)
        form.addRow("Activations", racers)
        form.addRow("Hidden layers", self.depth)
        form.addRow("Units per layer", self.width)
        form.addRow("Epochs", self.epochs)
        form.addRow("Optimiser", self.optimizer)
        side = QVBoxLayout()
        side.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.plots, 1)
        right.addWidget(caption(CAPTION))
        layout = QHBoxLayout(self)
        layout.addLayout(side, 0)
        layout.addLayout(right, 1)
        self.resize(1240, 560)

    def configs(self) -> list[TrainingConfig]:
        """Return one config per ticked activation, identical otherwise."""
        hidden = (self.width.value(),) * self.depth.value()
        name, rate = self.optimizer.currentData()
        base = replace(
            RACE_CONFIG, hidden=hidden, epochs=self.epochs.value(),
            optimizer=name, learning_rate=rate,
        )  # fmt: skip
        ticked = [name for name, box in self.racers.items() if box.isChecked()]
        return [replace(base, activation=name) for name in ticked]

    def start(self) -> None:
        """Start training every ticked activation, interleaved batch by batch."""
        configs = self.configs()
        if len(configs) < 2:
            self.status.setText("Tick at least two activations to race them.")
            return
        self.names = [ACTIVATIONS[c.activation].display_name for c in configs]
        job = TrainingJob(configs, self.load_data, self.train_count)
        job.share_weights = False
        self.worker = TrainingWorker(job)
        self._connect(self.worker)
        self.plots.start(self.names, configs[0].epochs, len(configs[0].hidden) + 1)
        self.progress.setRange(0, 0)
        self.status.setText("Reading the MNIST images…")
        self.thread = start_worker(self.worker, self)
        self._set_running(True)

    def _connect(self, worker: TrainingWorker) -> None:
        worker.batches_finished.connect(self._add_batches)
        worker.epoch_finished.connect(self._add_epoch)
        worker.lane_diverged.connect(self._diverged)
        worker.training_finished.connect(self._finished)
        worker.training_failed.connect(self._failed)
        worker.ended.connect(self._ended)

    def stop(self) -> None:
        """End the race before the next batch."""
        if self.worker is not None:
            self.worker.stop()

    @Slot(object)
    def _add_batches(self, reports: list) -> None:
        self.plots.add_batches(reports)
        last = reports[-1][1]
        epochs = self.worker.job.configs[0].epochs
        self.progress.setRange(0, epochs * last.batches)
        self.progress.setValue(last.epoch * last.batches + last.batch + 1)
        self.progress.setFormat(f"Epoch {last.epoch + 1}/{epochs} · %p%")
        self.status.setText(progress_text(last, epochs))

    @Slot(int, object)
    def _add_epoch(self, lane: int, report) -> None:
        self.plots.add_epoch(lane, report)

    @Slot(int, str)
    def _diverged(self, lane: int, message: str) -> None:
        self.status.setText(f"{self.names[lane]}: {message}")

    @Slot(object)
    def _finished(self, results: list[LaneResult]) -> None:
        self.plots.stop()
        parts = [
            f"{name} {r.evaluation.accuracy:.1%}"
            for name, r in zip(self.names, results, strict=True)
        ]
        total = results[0].evaluation.total
        self.status.setText(f"Test accuracy on {total:,} images: " + ", ".join(parts))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.plots.stop()
        self.status.setText(message)

    @Slot()
    def _ended(self) -> None:
        self._set_running(False)
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self.progress.setRange(0, max(self.progress.maximum(), 1))

    def _set_running(self, running: bool) -> None:
        fields = (self.depth, self.width, self.epochs, self.optimizer)
        for widget in (*self.racers.values(), *fields):
            widget.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)


def _spin(low: int, high: int, value: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setToolTip(tip)
    return spin
