"""The training worker and dialog: progress, pause, stop, divergence, saving."""

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from engine.mnist import DataError, MnistData
from engine.model_file import load_model
from engine.training import BatchReport, EpochReport, TrainingConfig
from ui.lab_data import NOT_FOUND
from ui.lab_job import TrainingJob
from ui.training_dialog import TrainingDialog
from ui.training_worker import TrainingWorker, finish_worker, start_worker

TIMEOUT = 60_000


def small_config(**changes) -> TrainingConfig:
    settings = dict(
        hidden=(32,), learning_rate=5e-3, batch_size=100, epochs=2, augment=False
    )
    return TrainingConfig(**(settings | changes))


class Collector(QObject):
    """Receive a worker's signals on the test's (main) thread."""

    def __init__(self, worker: TrainingWorker):
        super().__init__()
        self.worker = worker
        self.reports, self.states = [], []
        self.results = self.diverged = None
        worker.batches_finished.connect(self.add_batches)
        worker.epoch_finished.connect(self.add_epoch)
        worker.state_changed.connect(self.add_state)
        worker.lane_diverged.connect(self.set_diverged)
        worker.training_finished.connect(self.set_results)

    @Slot(object)
    def add_batches(self, reports):
        self.reports += [r for _, r in reports]

    @Slot(str)
    def add_state(self, state):
        self.states.append(state)

    @Slot(int, object)
    def add_epoch(self, lane, report):
        self.reports.append(report)

    @Slot(int, str)
    def set_diverged(self, lane, message):
        self.diverged = message

    @Slot(object)
    def set_results(self, results):
        self.results = results


@pytest.fixture
def run_worker(qtbot, small_mnist):
    """Start workers on threads and make sure every thread ends with the test."""
    started = []

    def run(config: TrainingConfig, save_folder=None) -> Collector:
        job = TrainingJob([config], lambda: small_mnist, val_count=200)
        job.save_folder = save_folder
        worker = TrainingWorker(job)
        collector = Collector(worker)
        started.append((worker, start_worker(worker)))
        return collector

    yield run
    for worker, thread in started:
        finish_worker(worker, thread)
        assert thread.isFinished()


def finished(collector: Collector, qtbot):
    qtbot.waitUntil(lambda: collector.results is not None, timeout=TIMEOUT)
    return collector.results[0]


def test_short_run_reports_progress_finishes_and_saves(qtbot, run_worker, tmp_path):
    collector = run_worker(small_config(), save_folder=tmp_path)
    result = finished(collector, qtbot)
    batches = [r for r in collector.reports if isinstance(r, BatchReport)]
    epochs = [r for r in collector.reports if isinstance(r, EpochReport)]
    assert len(batches) == 2 * 10 and len(epochs) == 2
    assert epochs[-1].val_accuracy is not None

    assert result.evaluation.total == 1000
    assert result.evaluation.accuracy > 0.5
    network, meta = load_model(result.saved_to)
    assert result.saved_to.parent == tmp_path
    assert meta["test_accuracy"] == pytest.approx(result.evaluation.accuracy)
    assert meta["training"]["hidden"] == [32]
    assert len(meta["activation_max"]) == 1 and meta["activation_max"][0] > 0


def test_pause_and_stop_act_within_one_batch(qtbot, run_worker, tmp_path):
    collector = run_worker(small_config(epochs=500), save_folder=tmp_path)
    worker = collector.worker
    qtbot.waitUntil(lambda: worker.batches_done >= 3, timeout=TIMEOUT)
    worker.pause()
    asked = worker.batches_done
    qtbot.waitUntil(lambda: "paused" in collector.states, timeout=TIMEOUT)
    held = worker.batches_done
    assert held <= asked + 1
    qtbot.wait(300)
    assert worker.batches_done == held

    worker.resume()
    qtbot.waitUntil(lambda: worker.batches_done > held + 2, timeout=TIMEOUT)
    worker.stop()
    asked = worker.batches_done
    result = finished(collector, qtbot)
    assert worker.batches_done <= asked + 1
    assert result.stopped and result.saved_to is None
    assert not list(tmp_path.iterdir())


def test_diverging_run_keeps_finite_weights_and_says_why(qtbot, run_worker):
    config = small_config(hidden=(64, 64), optimizer="sgd", learning_rate=1e4)
    collector = run_worker(config)
    result = finished(collector, qtbot)
    assert "lower learning rate" in collector.diverged
    assert result.diverged == collector.diverged
    assert all(np.isfinite(w).all() for w in result.network.weights)


def test_dialog_trains_shows_accuracy_and_shares_weights(qtbot, small_mnist, tmp_path):
    dialog = TrainingDialog(None, lambda: small_mnist, tmp_path)
    qtbot.addWidget(dialog)
    dialog.form.set_config(small_config(hidden=(24, 12)))
    dialog.form.images.setValue(1000)
    shared, snapshots = [], []
    dialog.network_updated.connect(shared.append)
    dialog.snapshot_updated.connect(lambda n, meta: snapshots.append(meta))
    with qtbot.waitSignal(dialog.model_trained, timeout=TIMEOUT) as trained:
        dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=TIMEOUT)
    assert "Test accuracy" in dialog.status.text()
    assert shared and shared[-1].layer_sizes == [784, 24, 12, 10]
    assert len(snapshots[-1]["activation_max"]) == 2
    assert trained.args[0].saved_to.exists()
    assert dialog.plots.batch_loss.count == 20
    dialog.shutdown()
    assert dialog.thread is None


def test_dialog_without_mnist_says_so_in_one_sentence(qtbot, tmp_path):
    def missing() -> MnistData:
        raise DataError(NOT_FOUND)

    dialog = TrainingDialog(None, missing, tmp_path)
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=TIMEOUT)
    assert dialog.status.text() == NOT_FOUND
    dialog.shutdown()


def test_form_refuses_nonsense_layer_sizes(qtbot):
    dialog = TrainingDialog(None, lambda: None)
    qtbot.addWidget(dialog)
    dialog.form.hidden.setText("256, lots")
    dialog.start_button.click()
    assert dialog.worker is None
    assert "whole numbers" in dialog.status.text()


def test_form_opens_on_the_engine_defaults(qtbot):
    from ui.training_form import TrainingForm

    form = TrainingForm()
    qtbot.addWidget(form)
    config = form.config()
    default = TrainingConfig()
    assert config.activation == default.activation
    assert config.learning_rate == pytest.approx(default.learning_rate)
    assert config.hidden == default.hidden and config.optimizer == "adam"
    form.optimizer.setCurrentIndex(form.optimizer.findData("sgd"))
    assert form.config().learning_rate == pytest.approx(0.05)
    form.l2.setValue(1e-4)
    assert form.config().l2 == pytest.approx(1e-4)
