"""Turn the drawing into a prediction, at most once per displayed frame."""

import logging

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from engine.preprocess import Stages, preprocess_strokes

log = logging.getLogger(__name__)

# One update per frame of a 60 Hz display is all the eye can see.
FRAME_MS = 16


class Recognizer(QObject):
    """Run preprocessing and the network on the canvas, coalescing bursts."""

    # (stages or None, trace or None)
    result_ready = Signal(object, object)

    def __init__(self, canvas, parent: QObject | None = None):
        super().__init__(parent)
        self._canvas = canvas
        self._network = None
        self._image_stages: Stages | None = None
        self.stages: Stages | None = None
        self.trace = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._run)
        self._since_run = QElapsedTimer()
        canvas.drawing_changed.connect(self._drawing_changed)
        canvas.stroke_finished.connect(self.schedule)

    def set_network(self, network) -> None:
        """Use network from now on and recompute at once."""
        self._network = network
        self.refresh()

    def show_image(self, stages: Stages | None) -> None:
        """Recognise an opened image instead of the drawing, until it changes."""
        self._image_stages = stages
        self.refresh()

    def schedule(self) -> None:
        """Ask for an update; bursts within one frame become one update."""
        if self._timer.isActive():
            return
        elapsed = self._since_run.elapsed() if self._since_run.isValid() else FRAME_MS
        self._timer.start(max(0, FRAME_MS - elapsed))

    def is_pending(self) -> bool:
        """Return True when an update is waiting for its frame."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Run a waiting update now."""
        if self._timer.isActive():
            self._timer.stop()
            self._run()

    def refresh(self) -> None:
        """Recompute and publish immediately."""
        self._timer.stop()
        self._run()

    def prediction(self) -> int | None:
        """Return the predicted digit for what is shown, or None."""
        self.flush()
        if self.trace is None:
            return None
        return int(np.argmax(self.trace.probabilities[0]))

    def _drawing_changed(self) -> None:
        self._image_stages = None
        self.schedule()

    def _current_stages(self) -> Stages | None:
        if self._image_stages is not None:
            return self._image_stages
        if self._canvas.is_empty():
            return None
        return preprocess_strokes(self._canvas.strokes(), self._canvas.canvas_size())

    def _run(self) -> None:
        self._since_run.start()
        stages = self._current_stages()
        trace = None
        if stages is not None and self._network is not None:
            trace = self._network.forward(stages.input[None, :])
        self.stages, self.trace = stages, trace
        self.result_ready.emit(stages, trace)
