"""Two drop-downs that pick a bundled model: activation and architecture."""

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from engine.activations import ACTIVATIONS
from ui.model_library import ARCHITECTURES, DEFAULT_ACTIVATION, ModelEntry, find

log = logging.getLogger(__name__)


class ModelSelector(QWidget):
    """Offer every activation with a bundled model, for each architecture."""

    model_chosen = Signal(object)  # ModelEntry

    def __init__(self, entries: list[ModelEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self._entries = entries
        self.activation_box = QComboBox()
        self.activation_box.setObjectName("activation_selector")
        self.activation_box.setAccessibleName("Activation function")
        self.activation_box.setToolTip(
            "The function each hidden neuron applies to its weighted sum; "
            "each choice loads a network trained with it."
        )
        self.architecture_box = QComboBox()
        self.architecture_box.setObjectName("architecture_selector")
        self.architecture_box.setAccessibleName("Network size")
        self.architecture_box.setToolTip(
            "How many neurons each hidden layer has: the default network, or "
            "the small one from the 3Blue1Brown video."
        )
        self._fill()
        self._create_layout()
        # currentIndexChanged, not activated: scripts that set the index
        # switch the model too
        self.activation_box.currentIndexChanged.connect(self._chosen)
        self.architecture_box.currentIndexChanged.connect(self._architecture_chosen)

    def _create_layout(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, box in (
            ("&Activation:", self.activation_box),
            ("&Network:", self.architecture_box),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            layout.addWidget(label)
            layout.addWidget(box)

    def _fill(self) -> None:
        bundled = {e.activation for e in self._entries}
        for name, activation in ACTIVATIONS.items():
            if name in bundled:
                self.activation_box.addItem(activation.display_name, name)
        shapes = {e.hidden for e in self._entries}
        for hidden, text in ARCHITECTURES:
            if hidden in shapes:
                self.architecture_box.addItem(text, _key(hidden))
        self._enable_available()
        if not self._entries:
            self.setEnabled(False)
            self.setToolTip("No bundled models were found.")

    def activation(self) -> str | None:
        """Return the chosen activation's registry name."""
        return self.activation_box.currentData()

    def hidden(self) -> tuple[int, ...] | None:
        """Return the chosen hidden layer sizes."""
        key = self.architecture_box.currentData()
        return tuple(int(n) for n in key.split("-")) if key else None

    def show_entry(self, entry: ModelEntry | None) -> None:
        """Point both drop-downs at entry without emitting model_chosen.

        For None (a model from elsewhere) the activation is left blank, so
        choosing any activation loads its bundled model.
        """
        if entry is None:
            _set_quietly(self.activation_box, -1)
            return
        arch = self.architecture_box.findData(_key(entry.hidden))
        if arch >= 0:
            _set_quietly(self.architecture_box, arch)
        self._enable_available()
        act = self.activation_box.findData(entry.activation)
        if act >= 0:
            _set_quietly(self.activation_box, act)

    def select(self, activation: str, hidden: tuple[int, ...] | None = None) -> bool:
        """Choose a bundled model as the user would; return False if none."""
        entry = find(self._entries, activation, hidden or self.hidden() or ())
        if entry is None:
            return False
        self.show_entry(entry)
        self.model_chosen.emit(entry)
        return True

    def _enable_available(self) -> None:
        # activations without a model of this size stay listed but greyed
        model = self.activation_box.model()
        hidden = self.hidden()
        for row in range(self.activation_box.count()):
            name = self.activation_box.itemData(row)
            item = model.item(row) if isinstance(model, QStandardItemModel) else None
            if item is None:
                continue
            available = find(self._entries, name, hidden or ()) is not None
            item.setEnabled(available)
            tip = ACTIVATIONS[name].description
            if not available:
                tip = "No network of this size is bundled with this activation."
            item.setData(tip, Qt.ItemDataRole.ToolTipRole)

    def _chosen(self, _row: int = 0) -> None:
        entry = find(self._entries, self.activation(), self.hidden() or ())
        if entry is not None:
            self.model_chosen.emit(entry)

    def _architecture_chosen(self, _row: int) -> None:
        self._enable_available()
        if find(self._entries, self.activation(), self.hidden() or ()) is None:
            # keep the size the user asked for; fall back to one that exists
            fallback = find(self._entries, DEFAULT_ACTIVATION, self.hidden() or ())
            fallback = fallback or next(
                (e for e in self._entries if e.hidden == self.hidden()), None
            )
            if fallback is None:
                return
            log.info("No %s model of that size; using %s", self.activation(), fallback)
            _set_quietly(
                self.activation_box, self.activation_box.findData(fallback.activation)
            )
        self._chosen()


def _key(hidden: tuple[int, ...]) -> str:
    # Qt stores tuples as lists, which findData cannot match; text it is.
    return "-".join(str(n) for n in hidden)


def _set_quietly(box: QComboBox, index: int) -> None:
    """Set box's index without emitting its signals."""
    blocked = box.blockSignals(True)
    box.setCurrentIndex(index)
    box.blockSignals(blocked)
