"""Create the data panels that are installed, by name."""

import importlib
import logging

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# name: (module, class, accessible name)
PANELS = {
    "input": ("ui.input_panel", "InputPanel", "What the network sees"),
    "layers": ("ui.layer_panel", "LayerPanel", "Layer activations"),
    "activation": ("ui.activation_panel", "ActivationPanel", "Activation function"),
    "diagram": ("ui.network_diagram", "NetworkDiagram", "Network diagram"),
    "inspector": ("ui.neuron_inspector", "NeuronInspector", "Neuron inspector"),
    "answer": ("ui.answer_panel", "AnswerPanel", "The network's answer"),
}


def create_panel(name: str) -> QWidget | None:
    """Return a new panel called name, or None when its module is absent."""
    module_name, class_name, accessible = PANELS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        log.info("Panel %s is not installed", module_name)
        return None
    panel = getattr(module, class_name)()
    panel.setObjectName(f"{name}_panel")
    if not panel.accessibleName():
        panel.setAccessibleName(accessible)
    return panel


def create_panels() -> dict[str, QWidget]:
    """Return every installed panel, keyed by name."""
    panels = {}
    for name in PANELS:
        panel = create_panel(name)
        if panel is not None:
            panels[name] = panel
    return panels


def call_each(panels, method: str, *args) -> None:
    """Call method(*args) on every panel that has it."""
    for panel in panels:
        handler = getattr(panel, method, None)
        if handler is not None:
            handler(*args)
