"""The window's menus and the commands behind them."""

import logging

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui import image_input, model_library
from ui.lab_actions import LabActions
from ui.panels import call_each
from ui.training_link import TrainingLink

log = logging.getLogger(__name__)

Key = QKeySequence.StandardKey

ABOUT = (
    "<h3>Digit Lens</h3>"
    "<p>Draw a digit and watch a small neural network read it: the 28×28 "
    "picture it sees, every neuron in every layer, and the activation "
    "function that shapes them.</p>"
    "<p>The networks are plain numpy and were trained on the MNIST digits.</p>"
)


GUIDE = (
    "<p><b>Your drawing</b> (left) is shrunk to <b>28×28 pixels</b>, the "
    "size of the MNIST digits the network learnt from.</p>"
    "<p>Each <b>neuron</b> adds up its inputs, each times a weight, plus a "
    "bias: its <b>weighted sum z</b>. The <b>activation function</b> turns z "
    "into the neuron's output, shown as brightness in the diagram and as a "
    "dot on the curve below it.</p>"
    "<p>The ten <b>output</b> neurons give a probability for each digit; the "
    "largest is <b>the answer</b> on the right.</p>"
    "<p>Click a neuron to see its weights. Hover over anything for a "
    "one-sentence explanation.</p>"
)


# (panel method, menu text, tooltip, shortcut, on at first start)
VIEW_TOGGLES = [
    (
        "set_show_weighted_sums",
        "Show &Weighted Sums z",
        "Show each neuron's weighted sum z instead of its output.",
        "Ctrl+Shift+W",
        False,
    ),
    (
        "set_show_derivative",
        "Show &Slope of the Activation",
        "Draw the activation function's derivative: how much a neuron can still learn.",
        "Ctrl+Shift+D",
        False,
    ),
    (
        "set_show_stages",
        "Show &Preprocessing Steps",
        "Show how the drawing is cropped, scaled and centred to 28×28.",
        "Ctrl+Shift+P",
        True,
    ),
]


class WindowActions:
    """Create every action of window and put them in its menu bar."""

    def __init__(self, window):
        self.window = window
        self._create_file_actions()
        self._create_train_action()
        self._create_edit_actions()
        self._create_view_actions()
        self.about = self._action(
            "&About Digit Lens", "What this program is.", slot=self.show_about
        )
        self.guide = self._action(
            "&How to Read the Window",
            "A short tour of the panels, left to right.",
            Key.HelpContents,
            self.show_guide,
        )
        self._create_menus()

    def _action(self, text, tip, shortcut=None, slot=None, checkable=False) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _create_file_actions(self) -> None:
        self.open_model = self._action(
            "&Open Model…",
            "Load a trained network from a .npz model file.",
            Key.Open,
            self.ask_open_model,
        )
        self.open_image = self._action(
            "Open &Image…",
            "Let the network read a digit from a PNG or JPEG picture.",
            QKeySequence("Ctrl+I"),
            self.ask_open_image,
        )
        self.save_drawing = self._action(
            "&Save Drawing…",
            "Save the drawing as a PNG picture.",
            Key.Save,
            self.ask_save_drawing,
        )
        self.export_panels = self._action(
            "&Export Panels…",
            "Save everything the window shows as a PNG picture.",
            QKeySequence("Ctrl+E"),
            self.ask_export_panels,
        )
        self.quit = self._action(
            "&Quit", "Close Digit Lens.", Key.Quit, self.window.close
        )

    def _create_train_action(self) -> None:
        self.training = TrainingLink(self.window)
        self.train = self._action(
            "&Train a Network…",
            "Train a network of your own on MNIST and watch it learn.",
            QKeySequence("Ctrl+T"),
            self.training.open,
        )
        self.train.setVisible(self.training.available())
        self.lab = LabActions(self.window)

    def _create_edit_actions(self) -> None:
        canvas = self.window.canvas
        self.undo = self._action(
            "&Undo Stroke", "Take back the last stroke.", Key.Undo, canvas.undo
        )
        self.clear = self._action(
            "&Clear",
            "Wipe the canvas.",
            [QKeySequence("Esc"), QKeySequence(Key.Delete)],
            canvas.clear,
        )
        canvas.drawing_changed.connect(self.update_edit_actions)
        self.update_edit_actions()

    def update_edit_actions(self) -> None:
        """Enable Undo and Clear only when there is something to take back."""
        canvas = self.window.canvas
        self.undo.setEnabled(canvas.can_undo())
        self.clear.setEnabled(not canvas.is_empty() or canvas.has_picture())

    def _create_view_actions(self) -> None:
        self.toggles: dict[str, QAction] = {}
        for method, text, tip, keys, on in VIEW_TOGGLES:
            action = self._action(
                text, tip, QKeySequence(keys), self._toggle(method), checkable=True
            )
            action.setChecked(on)
            self.toggles[method] = action
        self.weighted_sums = self.toggles["set_show_weighted_sums"]
        self.derivative = self.toggles["set_show_derivative"]
        self.stages = self.toggles["set_show_stages"]

    def view_states(self) -> list[tuple[str, bool]]:
        """Return each view toggle's panel method and whether it is on."""
        return [(method, a.isChecked()) for method, a in self.toggles.items()]

    def restore_view(self, settings) -> None:
        """Set the view toggles as they were when the window last closed."""
        for method, action in self.toggles.items():
            on = settings.value(f"view/{method}", action.isChecked(), type=bool)
            action.setChecked(on)

    def save_view(self, settings) -> None:
        """Remember the view toggles."""
        for method, action in self.toggles.items():
            settings.setValue(f"view/{method}", action.isChecked())

    def _toggle(self, method: str):
        return lambda on: call_each(self.window.all_panels(), method, on)

    def _create_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.open_model, self.open_image])
        self.user_menu = file_menu.addMenu("&Your Models")
        self.user_menu.aboutToShow.connect(self._fill_user_models)
        file_menu.addSeparator()
        file_menu.addActions([self.save_drawing, self.export_panels])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        bar.addMenu("&Edit").addActions([self.undo, self.clear])
        view = bar.addMenu("&View")
        view.addActions(list(self.toggles.values()))
        lab = bar.addMenu("&Lab")
        lab.addAction(self.train)
        lab.addActions(self.lab.actions)
        bar.addMenu("&Help").addActions([self.guide, self.about])

    def _fill_user_models(self) -> None:
        self.user_menu.clear()
        paths = model_library.user_models()
        if not paths:
            self.user_menu.addAction("No trained models yet").setEnabled(False)
        for path in paths:
            action = self.user_menu.addAction(path.stem)
            action.setToolTip(str(path))
            action.triggered.connect(
                lambda _=False, p=path: self.window.load_model_file(p)
            )

    # commands

    def ask_open_model(self) -> None:
        """Ask for a model file and switch to it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open a model",
            str(model_library.user_models_dir()),
            "Digit Lens models (*.npz)",
        )
        if path:
            self.window.load_model_file(path)

    def ask_open_image(self) -> None:
        """Ask for a picture and let the network read it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open a picture of a digit",
            "",
            "Pictures (*.png *.jpg *.jpeg *.bmp)",
        )
        if path:
            self.open_image_file(path)

    def open_image_file(self, path: str) -> bool:
        """Show the picture at path to the network; explain if unreadable."""
        try:
            ink = image_input.read_ink(path)
        except image_input.ImageError as error:
            QMessageBox.warning(self.window, "Cannot open the picture", str(error))
            return False
        self.window.show_picture(ink)
        return True

    def ask_save_drawing(self) -> None:
        """Ask where to save the drawing as PNG."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save the drawing", "digit.png", "PNG pictures (*.png)"
        )
        if path:
            self._save(self.window.canvas.image(), path)

    def ask_export_panels(self) -> None:
        """Ask where to save a picture of the whole window."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export the panels", "digit-lens.png", "PNG pictures (*.png)"
        )
        if path:
            self._save(self.window.centralWidget().grab().toImage(), path)

    def _save(self, image, path: str) -> None:
        if not image.save(path, "PNG"):
            QMessageBox.warning(
                self.window, "Cannot save", f"Digit Lens could not write {path}."
            )

    def show_guide(self) -> None:
        """Explain the window in a few plain sentences."""
        QMessageBox.information(self.window, "How to read Digit Lens", GUIDE)

    def show_about(self) -> None:
        """Show what the program is."""
        QMessageBox.about(self.window, "About Digit Lens", ABOUT)
