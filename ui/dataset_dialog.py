"""Show whether MNIST is on this computer; download or import it if not."""

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.download import IMPORT_HINT, MIRRORS, download_mnist, import_mnist
from engine.mnist import FETCH_HINT, FILES, missing_files
from engine.paths import default_data_dir
from ui.data_worker import DataWorker
from ui.training_worker import start_worker
from ui.worker_dialog import WorkerDialog

log = logging.getLogger(__name__)

ABOUT = (
    "MNIST is 70,000 handwritten digits, 60,000 to train on and 10,000 to "
    "test with. Only training your own networks needs it; drawing and the "
    "bundled models work without it."
)


def gui_wording(message: str) -> str:
    """Return an engine message with its command-line hints made buttons."""
    message = message.replace(IMPORT_HINT, "use “Import from a folder…”")
    return message.replace(FETCH_HINT, "download or import the files again")


class DatasetDialog(WorkerDialog):
    """The dataset manager: where MNIST is, and ways to get it."""

    # the folder that now holds all four verified MNIST files
    dataset_changed = Signal(Path)
    # bytes done and expected of the file being downloaded
    download_progressed = Signal(int, int)

    def __init__(
        self,
        parent: QWidget | None = None,
        dest: Path | None = None,
        mirrors: tuple[str, ...] = MIRRORS,
    ):
        super().__init__(parent)
        self.setWindowTitle("MNIST dataset")
        self.dest = Path(dest) if dest else default_data_dir()
        self.mirrors = tuple(mirrors)
        self._create_widgets()
        self._create_layout()
        self._show_presence()

    def _create_widgets(self) -> None:
        self.presence = QLabel()
        self.presence.setWordWrap(True)
        font = self.presence.font()
        font.setBold(True)
        self.presence.setFont(font)
        self.about = QLabel(ABOUT)
        self.about.setWordWrap(True)
        self.download_button = QPushButton("Download (about 11 MB)")
        self.download_button.setToolTip(
            "Fetch the four files from a public mirror and check each one "
            "against the official checksum."
        )
        self.download_button.clicked.connect(self.download)
        self.import_button = QPushButton("Import from a folder…")
        self.import_button.setToolTip(
            "Copy the four MNIST files (gzipped or not) from a folder you choose."
        )
        self.import_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton("Cancel download", clicked=self.cancel)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

    def _create_layout(self) -> None:
        actions = QHBoxLayout()
        for button in (self.download_button, self.import_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.presence)
        layout.addWidget(self.about)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 220)

    def is_present(self) -> bool:
        """Return whether all four MNIST files are in the data folder."""
        return self.dest.is_dir() and not missing_files(self.dest)

    def _show_presence(self) -> None:
        if self.is_present():
            self.presence.setText(f"MNIST is on this computer, in {self.dest}.")
        else:
            self.presence.setText("MNIST is not on this computer yet.")
        self._set_busy(False)

    def download(self) -> None:
        """Download the missing files in the background."""
        task = partial(self._download, self.dest, self.mirrors)
        self._run(task, "Connecting…")

    @staticmethod
    def _download(dest, mirrors, progress, cancelled) -> Path:
        return download_mnist(dest, progress, cancelled, mirrors=mirrors)

    def choose_folder(self) -> None:
        """Ask for a folder holding the MNIST files and import them."""
        folder = QFileDialog.getExistingDirectory(self, "Folder with the MNIST files")
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        """Check and copy the MNIST files from folder in the background."""
        task = partial(self._import, Path(folder), self.dest)
        self._run(task, f"Checking the files in {folder}…")

    @staticmethod
    def _import(src, dest, progress, cancelled) -> Path:
        return import_mnist(src, dest)

    def cancel(self) -> None:
        """Stop a download before its next chunk; nothing half-written is kept."""
        if self.worker is not None:
            self.worker.stop()

    def _run(self, task, message: str) -> None:
        self.message.setText(message)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.worker = DataWorker(task)
        self.worker.progress_changed.connect(self._progressed)
        self.worker.data_ready.connect(self._ready)
        self.worker.data_failed.connect(self._failed)
        self.worker.data_cancelled.connect(self._cancelled)
        self.worker.ended.connect(self._ended)
        self.thread = start_worker(self.worker, self)
        self._set_busy(True)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, name: str) -> None:
        number = list(FILES).index(name) + 1
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.message.setText(f"Downloading {name} ({number} of {len(FILES)})…")
        self.download_progressed.emit(done, total)

    @Slot(str)
    def _ready(self, folder: str) -> None:
        self.message.setText("All four files arrived and match the official ones.")
        self.dataset_changed.emit(Path(folder))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.message.setText(gui_wording(message))

    @Slot()
    def _cancelled(self) -> None:
        self.message.setText("Download cancelled; no partial file was kept.")

    @Slot()
    def _ended(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread = None
        self.progress.setVisible(False)
        self._show_presence()

    def _set_busy(self, busy: bool) -> None:
        present = self.is_present()
        self.download_button.setEnabled(not busy and not present)
        self.import_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
