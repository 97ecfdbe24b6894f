"""Train networks on a worker thread and report through throttled signals.

The worker drives engine.training.train one step at a time, so pause and
stop take effect before the next batch starts. Several networks (lanes) are
trained interleaved, batch by batch, for a race on one worker thread.
"""

import logging
import os
import sys
import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from engine.mnist import DataError
from engine.training import BatchReport, Diverged, EpochReport, evaluate, train
from ui.lab_job import (
    LaneResult,
    Split,
    TrainingJob,
    activation_max,
    save_result,
    split_data,
)

log = logging.getLogger(__name__)

# At most this many batch signals per second reach the window.
BATCH_SIGNAL_INTERVAL = 0.05
# The drawing panels get a copy of the weights at most this often (seconds).
SNAPSHOT_INTERVAL = 0.4
# Training images used to scale the bars of a copy shown while training.
SNAPSHOT_SAMPLE = 500


class TrainingWorker(QObject):
    """Run one TrainingJob; move to a QThread and call run() there."""

    state_changed = Signal(str)
    # list of (lane, BatchReport) gathered since the last signal
    batches_finished = Signal(object)
    epoch_finished = Signal(int, object)
    # lane, a copy of its network, and metadata for drawing it (activation_max)
    network_updated = Signal(int, object, object)
    lane_diverged = Signal(int, str)
    training_finished = Signal(object)  # list[LaneResult]
    training_failed = Signal(str)
    ended = Signal()

    def __init__(self, job: TrainingJob, parent: QObject | None = None):
        super().__init__(parent)
        self.job = job
        self.batches_done = 0
        self.results: list[LaneResult] = []
        self.split: Split | None = None
        self._go = threading.Event()
        self._go.set()
        self._stop = threading.Event()
        self._pending: list = []
        self._last_flush = self._last_snapshot = 0.0

    def pause(self) -> None:
        """Hold training before the next batch (thread-safe)."""
        self._go.clear()

    def resume(self) -> None:
        """Continue a paused run (thread-safe)."""
        self._go.set()

    def stop(self) -> None:
        """End training before the next batch and keep the weights so far."""
        self._stop.set()
        self._go.set()

    @property
    def paused(self) -> bool:
        return not self._go.is_set()

    @Slot()
    def run(self) -> None:
        """Load the data, train every lane, evaluate, then emit the results."""
        _lower_priority()
        try:
            self._run()
        except DataError as error:
            self.training_failed.emit(str(error))
        except Exception as error:
            log.exception("Training failed")
            self.training_failed.emit(f"Training stopped unexpectedly: {error}.")
        finally:
            self.ended.emit()

    def _run(self) -> None:
        self.state_changed.emit("loading")
        self.split = split = split_data(self.job.load_data(), self.job)
        self.results = [LaneResult(c, c.create_network()) for c in self.job.configs]
        generators = [
            train(r.network, split.train_images, split.train_labels, r.config,
                  split.val_images, split.val_labels)
            for r in self.results
        ]  # fmt: skip
        self.state_changed.emit("training")
        self._train_lanes(generators)
        self._flush(force=True)
        self._snapshot(force=True)
        self._finish(split)

    def _train_lanes(self, generators: list) -> None:
        active = dict(enumerate(generators))
        while active:
            for lane in list(active):
                if not self._wait_for_go():
                    for generator in active.values():
                        generator.close()
                    return
                if not self._step(lane, active[lane]):
                    del active[lane]
            self._snapshot()

    def _wait_for_go(self) -> bool:
        # Blocks on the event while paused; returns False once stop is asked.
        if not self._go.is_set():
            self._flush(force=True)
            self._snapshot(force=True)
            self.state_changed.emit("paused")
            self._go.wait()
            if not self._stop.is_set():
                self.state_changed.emit("training")
        return not self._stop.is_set()

    def _step(self, lane: int, generator) -> bool:
        report = next(generator, None)
        if isinstance(report, BatchReport):
            self.batches_done += 1
            self._pending.append((lane, report))
            self._flush()
        elif isinstance(report, EpochReport):
            self._flush(force=True)
            self.epoch_finished.emit(lane, report)
        elif isinstance(report, Diverged):
            self._flush(force=True)
            self.results[lane].diverged = report.message
            self.lane_diverged.emit(lane, report.message)
            return False
        # Yield the GIL so the window's event loop runs between batches.
        time.sleep(0)
        return report is not None

    def _flush(self, force: bool = False) -> None:
        now = time.monotonic()
        if self._pending and (force or now - self._last_flush >= BATCH_SIGNAL_INTERVAL):
            self.batches_finished.emit(self._pending)
            self._pending = []
            self._last_flush = now

    def _snapshot(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.job.share_weights:
            return
        if force or now - self._last_snapshot >= SNAPSHOT_INTERVAL:
            self._last_snapshot = now
            sample = self.split.train_images[:SNAPSHOT_SAMPLE]
            for lane, result in enumerate(self.results):
                network = result.network.copy()
                metadata = {"activation_max": activation_max(network, sample)}
                self.network_updated.emit(lane, network, metadata)

    def _finish(self, split: Split) -> None:
        self.state_changed.emit("evaluating")
        stopped = self._stop.is_set()
        for result in self.results:
            result.stopped = stopped
            result.evaluation = evaluate(
                result.network, split.test_images, split.test_labels
            )
        folder = self.job.save_folder
        if folder is not None and not stopped:
            self.state_changed.emit("saving")
            for result in self.results:
                if result.diverged is None:
                    result.saved_to = save_result(result, folder, split.train_images)
        self.training_finished.emit(self.results)


def start_worker(worker: QObject, parent: QObject | None = None) -> QThread:
    """Run worker.run on a new QThread that quits when the worker has ended."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: the window may be waiting on the thread and unable to relay it.
    worker.ended.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start(QThread.Priority.LowPriority)
    return thread


def _lower_priority() -> None:
    # Qt's thread priority has no effect for ordinary Linux threads, but a
    # per-thread nice value does: the window's thread then wins the CPU.
    if sys.platform != "linux":
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except OSError as error:
        log.info("Could not lower the training thread's priority: %s", error)


def finish_worker(worker, thread: QThread | None) -> None:
    """Stop worker and wait for its thread to end."""
    if thread is None:
        return
    worker.stop()
    thread.quit()
    thread.wait()
