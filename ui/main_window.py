"""The main window: draw on the left, watch the network read it to the right."""

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from engine.model_file import ModelFileError, load_model
from engine.preprocess import preprocess_image
from ui import image_input, model_library
from ui import settings as keys
from ui.canvas import DEFAULT_BRUSH_FRACTION, DrawingCanvas
from ui.drawing_column import DrawingColumn
from ui.model_selector import ModelSelector
from ui.panel_area import PanelArea
from ui.panels import call_each
from ui.recognizer import Recognizer
from ui.window_actions import WindowActions

log = logging.getLogger(__name__)


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
        self._models_dir = models_dir
        self._entry: model_library.ModelEntry | None = None
        self._entries = model_library.bundled_models(models_dir)
        self.canvas = DrawingCanvas()
        self.recognizer = Recognizer(self.canvas, self)
        self.panel_area = PanelArea()
        self.selector = ModelSelector(self._entries)
        self.actions = WindowActions(self)
        self._create_toolbar()
        self._create_layout()
        self._connect()
        self._restore(model_path)
        self.canvas.setFocus()

    # public API

    def current_prediction(self) -> int | None:
        """Return the digit the network reads in the drawing, or None."""
        return self.recognizer.prediction()

    @property
    def panels(self) -> dict[str, QWidget]:
        """Return every panel by name, creating them if not done yet."""
        self._ensure_panels()
        return self.panel_area.panels

    def all_panels(self) -> list[QWidget]:
        """Return the panels created so far."""
        return list(self.panel_area.panels.values())

    def load_entry(self, entry: model_library.ModelEntry) -> bool:
        """Switch to a bundled model; return False and explain if it fails."""
        if self.load_model_file(entry.path):
            return True
        # the drop-downs go back to the model still in use
        self.selector.show_entry(self._entry)
        return False

    def load_model_file(self, path: str | Path) -> bool:
        """Switch to the model in path; on failure keep the current one."""
        try:
            network, metadata = load_model(path)
        except ModelFileError as error:
            log.warning("Cannot load %s: %s", path, error)
            QMessageBox.warning(self, "Cannot open the model", str(error))
            return False
        self.use_model(network, metadata, str(path))
        self._entry = next((e for e in self._entries if e.path == Path(path)), None)
        self.selector.show_entry(self._entry)
        return True

    def show_picture(self, ink) -> None:
        """Show an ink image (h, w) on the canvas and let the network read it."""
        self.canvas.show_picture(image_input.ink_to_image(ink))
        self.actions.update_edit_actions()
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
            name = model_library.remembered_name(source, self._models_dir)
            self._settings.setValue(keys.LAST_MODEL, name)

    def restyle(self) -> None:
        """Redraw every panel in the colours of the current palette."""
        # Limitation: panels pick their plot backgrounds when created, so only
        # what set_model rebuilds follows a scheme change made while running.
        if self.network is not None:
            call_each(self.all_panels(), "set_model", self.network, self.metadata)
            self.recognizer.refresh()

    # set-up

    def _create_toolbar(self) -> None:
        bar = QToolBar("Model")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.addWidget(self.selector)
        self.addToolBar(bar)
        self._model_label = QLabel()
        self.statusBar().addPermanentWidget(self._model_label)

    def _create_layout(self) -> None:
        self.drawing = DrawingColumn(self.canvas, self.actions)
        self.brush_slider = self.drawing.brush_slider
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.drawing)
        splitter.addWidget(self.panel_area)
        splitter.setStretchFactor(0, 27)
        splitter.setStretchFactor(1, 73)
        splitter.setSizes([2700, 7300])
        self.setCentralWidget(splitter)

    def _connect(self) -> None:
        self.recognizer.result_ready.connect(self._show_result)
        self.selector.model_chosen.connect(self.load_entry)

    def _ensure_panels(self) -> None:
        if self.panel_area.is_built():
            return
        panels = self.panel_area.build()
        self.drawing.set_below(panels.get("input"))
        inspector = panels.get("inspector")
        for name in ("diagram", "layers"):
            if inspector is not None and name in panels:
                panels[name].neuron_clicked.connect(inspector.inspect)
        for method, on in self.actions.view_states():
            call_each(panels.values(), method, on)
        if self.network is not None:
            call_each(panels.values(), "set_model", self.network, self.metadata)
            self.recognizer.refresh()

    def event(self, event) -> bool:
        handled = super().event(event)
        # the panels follow once the first frame is on screen
        first_frame = event.type() == QEvent.Type.UpdateRequest
        if first_frame and not self.panel_area.is_built():
            QTimer.singleShot(0, self._ensure_panels)
        return handled

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
        self.drawing.set_brush_fraction(brush)
        self._restore_geometry()
        if self._settings is not None:
            self.actions.restore_view(self._settings)
        if model_path is None and self._settings is not None:
            remembered = self._settings.value(keys.LAST_MODEL)
            model_path = model_library.recall(remembered, self._models_dir)
        if model_path and self.load_model_file(model_path):
            return
        self._load_default()

    def _restore_geometry(self) -> None:
        geometry = None
        if self._settings is not None:
            geometry = self._settings.value(keys.GEOMETRY)
        if geometry is not None and self.restoreGeometry(geometry):
            return
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width()), min(760, screen.height()))

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
            self.actions.save_view(self._settings)
            self._settings.sync()
        self.actions.lab.shutdown()
        super().closeEvent(event)
