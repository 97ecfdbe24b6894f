"""Open the training dialog and show the network it trains in the window."""

import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# Rebuilding every panel for a new network takes a noticeable moment, so the
# weights being trained are shown at most this often.
SHOW_EVERY_MS = 1000


class TrainingLink(QObject):
    """Keep one training dialog and pass its networks to the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog = None
        self._latest = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_latest)

    @staticmethod
    def available() -> bool:
        """Return True when the training dialog is installed."""
        import importlib.util

        return importlib.util.find_spec("ui.training_dialog") is not None

    def open(self) -> None:
        """Show the training dialog, creating it on first use."""
        if self.dialog is None:
            from ui.training_dialog import TrainingDialog

            self.dialog = TrainingDialog(self.window)
            self.dialog.snapshot_updated.connect(self._snapshot_updated)
            self.dialog.model_trained.connect(self._model_trained)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _snapshot_updated(self, network, metadata: dict) -> None:
        # metadata carries display scales measured on the weights as they are
        self._latest = network, metadata
        if not self._timer.isActive():
            self._timer.start(SHOW_EVERY_MS)

    def _show_latest(self) -> None:
        if self._latest is None:
            return
        (network, metadata), self._latest = self._latest, None
        sizes = "-".join(str(n) for n in network.layer_sizes)
        name = f"{network.activation.display_name} {sizes}, in training"
        self.window.use_model(network, {**metadata, "name": name})

    def _model_trained(self, result) -> None:
        self._timer.stop()
        self._latest = None
        source = str(result.saved_to) if result.saved_to else ""
        self.window.use_model(result.network, result.metadata, source)
