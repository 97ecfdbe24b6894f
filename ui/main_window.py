"""The main window: draw on the left, watch the network read it to the right."""

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from engine.model_file import ModelFileError, load_model
from engine.preprocess import preprocess_image
from ui import image_input, model_library
from ui import settings as keys
from ui.canvas import DEFAULT_BRUSH_FRACTION, DrawingCanvas
from ui.model_selector import ModelSelector
from ui.panels import call_each, create_panels
from ui.recognizer import Recognizer
from ui.square_box import SquareBox
from ui.window_actions import WindowActions

log = logging.getLogger(__name__)

# The slider counts thousandths of the canvas side.
_BRUSH_STEPS = 1000


class MainWindow(QMainWindow):
    """Hold the canvas, the model choice and every panel, wired together."""

    def __init__(
        self,
        settings: QSettings | None = None,
        model_path: str | Path | None = None,
        models_dir: Path | None = None,
    ):
        super().__init__()
        self.setWindowTitle("Digit Lens")
        self._settings = settings
        self.network = None
        self.metadata: dict = {}
        self.model_source = ""
        self._entries = model_library.bundled_models(models_dir)
        self.canvas = DrawingCanvas()
        self.recognizer = Recognizer(self.canvas, self)
        self.panels = create_panels()
        self.selector = ModelSelector(self._entries)
        self.actions = WindowActions(self)
        self._create_toolbar()
        self._create_layout()
        self._connect()
        self._restore(model_path)

    # public API

    def current_prediction(self) -> int | None:
        """Return the digit the network reads in the drawing, or None."""
        return self.recognizer.prediction()

    def all_panels(self) -> list[QWidget]:
        """Return every panel that shows results."""
        return list(self.panels.values())

    def load_entry(self, entry: model_library.ModelEntry) -> bool:
        """Switch to a bundled model; return False and explain if it fails."""
        if not self.load_model_file(entry.path):
            return False
        self.selector.show_entry(entry)
        return True

    def load_model_file(self, path: str | Path) -> bool:
        """Switch to the model in path; on failure keep the current one."""
        try:
            network, metadata = load_model(path)
        except ModelFileError as error:
            log.warning("Cannot load %s: %s", path, error)
            QMessageBox.warning(self, "Cannot open the model", str(error))
            return False
        self.use_model(network, metadata, str(path))
        return True

    def show_picture(self, ink) -> None:
        """Show an ink image (h, w) on the canvas and let the network read it."""
        self.canvas.show_picture(image_input.ink_to_image(ink))
        stages = preprocess_image(ink)
        self.recognizer.show_image(stages)
        if stages is None:
            self.statusBar().showMessage("The picture has no ink to read.", 5000)

    def use_model(self, network, metadata: dict, source: str = "") -> None:
        """Show network in every panel at once and recompute the answer."""
        self.network, self.metadata, self.model_source = network, metadata, source
        call_each(self.all_panels(), "set_model", network, metadata)
        self.recognizer.set_network(network)
        self._show_model_name()
        if self._settings is not None and source:
            self._settings.setValue(keys.LAST_MODEL, source)

    # set-up

    def _create_toolbar(self) -> None:
        bar = QToolBar("Model and pen")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.addWidget(self.selector)
        bar.addSeparator()
        bar.addWidget(QLabel(" Brush: "))
        self.brush_slider = self._create_brush_slider()
        bar.addWidget(self.brush_slider)
        bar.addSeparator()
        bar.addAction(self.actions.undo)
        bar.addAction(self.actions.clear)
        self.addToolBar(bar)
        self._model_label = QLabel()
        self.statusBar().addPermanentWidget(self._model_label)

    def _create_brush_slider(self) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName("brush_slider")
        slider.setAccessibleName("Brush size")
        slider.setToolTip(
            "Pen width on the canvas. The network always sees strokes of "
            "MNIST width, so this only changes how the drawing looks."
        )
        slider.setRange(25, 166)
        slider.setFixedWidth(110)
        slider.valueChanged.connect(
            lambda v: self.canvas.set_brush_fraction(v / _BRUSH_STEPS)
        )
        return slider

    def _create_layout(self) -> None:
        drawing = QWidget()
        column = QVBoxLayout(drawing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(SquareBox(self.canvas), 1)
        hint = QLabel("Draw a digit · right click or Esc clears · Ctrl+Z undoes")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        column.addWidget(hint)

        self.setCentralWidget(_split(Qt.Orientation.Horizontal, self._columns(drawing)))

    def _columns(self, drawing: QWidget) -> list[tuple[QWidget | None, int]]:
        # shares of the width, in the order the network computes
        panels = self.panels
        vertical = Qt.Orientation.Vertical
        middle = [(panels.get(n), s) for n, s in self._MIDDLE]
        right = [(panels.get("answer"), 3), (panels.get("inspector"), 4)]
        return [
            (drawing, 28),
            (panels.get("input"), 17),
            (_split(vertical, middle), 40),
            (_split(vertical, right), 15),
        ]

    _MIDDLE = (("diagram", 40), ("layers", 30), ("activation", 30))

    def _connect(self) -> None:
        self.recognizer.result_ready.connect(self._show_result)
        self.selector.model_chosen.connect(self.load_entry)
        diagram = self.panels.get("diagram")
        inspector = self.panels.get("inspector")
        if diagram is not None and inspector is not None:
            diagram.neuron_clicked.connect(inspector.inspect)

    def _show_result(self, stages, trace) -> None:
        call_each(self.all_panels(), "show_result", stages, trace)

    def _show_model_name(self) -> None:
        name = self.metadata.get("name") or Path(self.model_source).stem
        accuracy = self.metadata.get("test_accuracy")
        if isinstance(accuracy, float):
            name += f" · {accuracy:.1%} right on MNIST test digits"
        self._model_label.setText(name)
        self.setWindowTitle(f"Digit Lens — {self.metadata.get('name') or name}")

    # settings

    def _restore(self, model_path) -> None:
        brush = keys.read_float(self._settings, keys.BRUSH, DEFAULT_BRUSH_FRACTION)
        self.brush_slider.setValue(round(brush * _BRUSH_STEPS))
        if self._settings is not None:
            geometry = self._settings.value(keys.GEOMETRY)
            if geometry is not None:
                self.restoreGeometry(geometry)
            model_path = model_path or self._settings.value(keys.LAST_MODEL)
        if model_path and Path(model_path).is_file():
            if self.load_model_file(model_path):
                return
        self._load_default()

    def _load_default(self) -> None:
        entry = model_library.default_entry(self._entries)
        if entry is not None and self.load_entry(entry):
            return

        # Limitation: without bundled models there is nothing trained to show,
        # so an untrained network keeps every panel working.
        from engine.network import Network

        network = Network.create([784, 256, 128, 10], "relu", seed=0)
        self.use_model(network, {"name": "Untrained ReLU 784-256-128-10"})
        self.statusBar().showMessage("No bundled models found.")

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._settings is not None:
            self._settings.setValue(keys.GEOMETRY, self.saveGeometry())
            self._settings.setValue(keys.BRUSH, self.canvas.brush_fraction())
            self._settings.sync()
        super().closeEvent(event)


def _split(orientation, parts: list[tuple[QWidget | None, int]]) -> QWidget | None:
    """Return the widgets in a splitter sized by their shares, skipping absent ones."""
    parts = [(w, share) for w, share in parts if w is not None]
    if not parts:
        return None
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for widget, share in parts:
        splitter.addWidget(widget)
        splitter.setStretchFactor(splitter.count() - 1, share)
    splitter.setSizes([share * 100 for _, share in parts])
    return splitter
