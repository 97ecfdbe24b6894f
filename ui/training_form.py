"""The settings of a training run as a form that yields a TrainingConfig."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from engine.activations import ACTIVATIONS
from engine.training import TrainingConfig

# A sensible starting learning rate for each optimiser.
DEFAULT_RATES = {"adam": 1e-3, "sgd": 0.05}
MAX_TRAIN_IMAGES = 55000
TOOLTIP = Qt.ItemDataRole.ToolTipRole
_SIZES = re.compile(r"^\s*\d+(\s*[, ]\s*\d+)*\s*$")


class TrainingForm(QWidget):
    """Choose architecture, activation, optimiser and the other settings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._create_model_fields()
        self._create_optimiser_fields()
        self._create_data_fields()
        self.optimizer.currentIndexChanged.connect(self._suggest_rate)
        self.set_config(TrainingConfig(epochs=5))
        form = QFormLayout(self)
        for label, widget in self._rows():
            form.addRow(label, widget)

    def _create_model_fields(self) -> None:
        self.hidden = _tip(
            QLineEdit("256, 128"),
            "Sizes of the hidden layers, separated by commas; more numbers "
            "make a deeper network.",
        )
        self.activation = _tip(
            QComboBox(), "The function each hidden unit applies to its weighted sum."
        )
        for i, (name, act) in enumerate(ACTIVATIONS.items()):
            self.activation.addItem(act.display_name, name)
            self.activation.setItemData(i, act.description, TOOLTIP)
        self.init = _combo(
            [("Suited to the activation", None), ("He", "he"), ("Glorot", "glorot")],
            "How the starting weights are scaled.",
        )

    def _create_optimiser_fields(self) -> None:
        self.optimizer = _combo(
            [("Adam", "adam"), ("SGD with momentum", "sgd")],
            "The rule that turns gradients into weight changes.",
        )
        tip = "Step size: too small learns slowly, too large diverges."
        self.learning_rate = _spin(_decimal_box(5), 1e-5, 100, 1e-3, tip)
        self.learning_rate.setSingleStep(1e-4)
        tip = "Images averaged for each weight update."
        self.batch_size = _spin(QSpinBox(), 8, 4096, 128, tip)
        tip = "Passes over the training images."
        self.epochs = _spin(QSpinBox(), 1, 200, 5, tip)
        tip = "Weight decay: pulls weights towards zero against memorising."
        self.l2 = _spin(_decimal_box(5), 0, 0.1, 0, tip)
        self.l2.setSingleStep(1e-4)

    def _create_data_fields(self) -> None:
        self.augment = _tip(
            QCheckBox("Distort images (shift, rotate, thicken)"),
            "Trains on randomly distorted copies, which helps with drawn digits.",
        )
        self.augment.setChecked(True)
        tip = "How many MNIST training images to use; fewer is faster."
        self.images = _spin(QSpinBox(), 1000, MAX_TRAIN_IMAGES, MAX_TRAIN_IMAGES, tip)
        self.images.setSingleStep(1000)
        self.seed = _spin(QSpinBox(), 0, 2**31 - 1, 0, "Same seed, same run.")

    def _rows(self):
        return [
            ("Hidden layers", self.hidden), ("Activation", self.activation),
            ("Initial weights", self.init), ("Optimiser", self.optimizer),
            ("Learning rate", self.learning_rate), ("Batch size", self.batch_size),
            ("Epochs", self.epochs), ("L2 penalty", self.l2),
            ("Augmentation", self.augment), ("Training images", self.images),
            ("Seed", self.seed),
        ]  # fmt: skip

    def _suggest_rate(self) -> None:
        self.learning_rate.setValue(DEFAULT_RATES[self.optimizer.currentData()])

    def hidden_sizes(self) -> tuple[int, ...] | None:
        """Return the hidden layer sizes typed, or None if they make no sense."""
        text = self.hidden.text()
        if not _SIZES.match(text):
            return None
        sizes = tuple(int(n) for n in re.split(r"[,\s]+", text.strip()))
        return sizes if all(0 < n <= 4096 for n in sizes) else None

    def config(self) -> TrainingConfig | None:
        """Return the chosen settings, or None if the layer sizes are invalid."""
        hidden = self.hidden_sizes()
        if hidden is None:
            return None
        return TrainingConfig(
            hidden=hidden, activation=self.activation.currentData(),
            init=self.init.currentData(), optimizer=self.optimizer.currentData(),
            learning_rate=self.learning_rate.value(),
            batch_size=self.batch_size.value(), epochs=self.epochs.value(),
            l2=self.l2.value(), augment=self.augment.isChecked(),
            seed=self.seed.value(),
        )  # fmt: skip

    def set_config(self, config: TrainingConfig) -> None:
        """Show config's settings in the form."""
        self.hidden.setText(", ".join(str(n) for n in config.hidden))
        _select(self.activation, config.activation)
        _select(self.init, config.init)
        _select(self.optimizer, config.optimizer)
        self.learning_rate.setValue(config.learning_rate)
        self.batch_size.setValue(config.batch_size)
        self.epochs.setValue(config.epochs)
        self.l2.setValue(config.l2)
        self.augment.setChecked(config.augment)
        self.seed.setValue(config.seed)


def _tip(widget, text: str):
    widget.setToolTip(text)
    return widget


def _combo(items, tip: str) -> QComboBox:
    box = _tip(QComboBox(), tip)
    for label, data in items:
        box.addItem(label, data)
    return box


def _decimal_box(decimals: int) -> QDoubleSpinBox:
    # Decimals first: a box rounds every value it is given to its decimals.
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    return box


def _spin(spin, low, high, value, tip: str):
    spin.setRange(low, high)
    spin.setValue(value)
    return _tip(spin, tip)


def _select(box: QComboBox, data) -> None:
    index = box.findData(data)
    if index >= 0:
        box.blockSignals(True)
        box.setCurrentIndex(index)
        box.blockSignals(False)
