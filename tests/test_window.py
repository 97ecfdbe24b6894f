"""The main window: live recognition, undo and clear, switching models."""

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from window_helpers import CLASSIC, SEVEN, draw, engine_trace

from engine.activations import ACTIVATIONS
from engine.network import Network
from ui import model_library
from ui.demo_strokes import digit_strokes
from ui.main_window import MainWindow


def test_opens_on_the_default_model(window):
    assert window.network.activation_name == "relu"
    assert window.network.layer_sizes == [784, 256, 128, 10]
    assert window.findChild(type(window.canvas), "canvas") is window.canvas


def test_drawing_gives_a_prediction_without_waiting(qtbot, window):
    assert window.current_prediction() is None
    draw(qtbot, window.canvas, SEVEN)

    _, trace = engine_trace(window)
    assert window.current_prediction() == int(np.argmax(trace.probabilities[0]))


def test_updates_are_coalesced_until_the_frame(qtbot, window):
    calls = []
    window.recognizer.result_ready.connect(lambda *_: calls.append(1))
    window.canvas.add_stroke([(10, 10), (90, 90)])
    window.canvas.add_stroke([(90, 10), (10, 90)])
    assert calls == [] and window.recognizer.is_pending()
    qtbot.waitUntil(lambda: len(calls) == 1)


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Delete])
def test_clearing_forgets_the_prediction(qtbot, window, key):
    draw(qtbot, window.canvas, SEVEN)
    assert window.current_prediction() is not None
    qtbot.keyClick(window.canvas, key)
    assert window.current_prediction() is None


def test_undo_removes_the_last_stroke(qtbot, window):
    draw(qtbot, window.canvas, SEVEN)
    draw(qtbot, window.canvas, [(0.4, 0.5), (0.7, 0.5)])
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(window.canvas, undo.key(), undo.keyboardModifiers())
    assert len(window.canvas.strokes()) == 1
    window.actions.undo.trigger()
    assert window.current_prediction() is None


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS if n != "relu"])
def test_switching_activation_changes_model_and_curve(qtbot, window, name):
    draw(qtbot, window.canvas, SEVEN)
    box = window.selector.activation_box
    box.setCurrentIndex(box.findData(name))

    assert window.network.activation_name == name
    shown = window.panels["activation"].displayed_values()
    curve = ACTIVATIONS[name].value(shown["curve_z"])
    np.testing.assert_allclose(shown["curve_f"], curve, rtol=1e-5, atol=1e-6)
    _, trace = engine_trace(window)
    assert window.current_prediction() == int(np.argmax(trace.probabilities[0]))


def test_classic_size_offers_only_its_activations(window):
    window.selector.select("tanh")
    box = window.selector.architecture_box
    box.setCurrentIndex(box.findData("16-16"))

    assert window.network.layer_sizes == [784, 16, 16, 10]
    assert window.network.activation_name == "relu"
    model = window.selector.activation_box.model()
    enabled = {
        window.selector.activation_box.itemData(row)
        for row in range(model.rowCount())
        if model.item(row).isEnabled()
    }
    assert enabled == set(CLASSIC)


def test_panels_show_exactly_what_the_engine_computes(qtbot, window):
    draw(qtbot, window.canvas, SEVEN)
    window.current_prediction()
    stages, trace = engine_trace(window)

    shown = window.panels["input"].displayed_values()["input"]
    np.testing.assert_array_equal(shown, stages.input)
    layers = window.panels["layers"].displayed_values()
    for i, a in enumerate(trace.activations[1:]):
        np.testing.assert_array_equal(layers[f"layer{i}"], a[0])
    dots = window.panels["activation"].displayed_values()
    for i, z in enumerate(trace.zs[:-1]):
        np.testing.assert_array_equal(dots[f"z{i}"], z[0])
    answer = window.panels["answer"].displayed_values()
    np.testing.assert_array_equal(answer["probabilities"], trace.probabilities[0])


def test_weighted_sums_toggle_shows_z(qtbot, window):
    draw(qtbot, window.canvas, SEVEN)
    window.actions.weighted_sums.trigger()
    window.current_prediction()
    _, trace = engine_trace(window)
    layers = window.panels["layers"].displayed_values()
    np.testing.assert_array_equal(layers["layer0"], trace.zs[0][0])


def test_networks_from_the_training_dialog_reach_the_panels(qtbot, window):
    pytest.importorskip("ui.training_dialog")
    window.actions.train.trigger()
    dialog = window.actions.training.dialog
    qtbot.addWidget(dialog)
    training = Network.create([784, 16, 16, 10], "tanh", seed=3)
    dialog.snapshot_updated.emit(training, {"activation_max": [1.0, 1.0]})
    qtbot.waitUntil(lambda: window.network is training, timeout=5000)
    assert window.metadata["activation_max"] == [1.0, 1.0]

    trained = Network.create([784, 16, 16, 10], "elu", seed=4)
    result = SimpleNamespace(network=trained, metadata={"name": "mine"}, saved_to=None)
    dialog.model_trained.emit(result)
    assert window.network is trained
    assert window.metadata["name"] == "mine"


def test_bundled_default_model_reads_the_demo_digits(qtbot):
    if model_library.find(model_library.bundled_models(), "relu", (256, 128)) is None:
        pytest.skip("the bundled ReLU 784-256-128-10 model is not built yet")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert window.metadata["name"] == "ReLU 784-256-128-10"

    read = []
    for digit in range(10):
        qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
        for stroke in digit_strokes(digit, window.canvas.canvas_size()):
            window.canvas.add_stroke(stroke)
        read.append(window.current_prediction())
    assert read == list(range(10))
