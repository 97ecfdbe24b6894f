"""The main window: live recognition, model switching, menus and settings."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.activations import ACTIVATIONS
from engine.model_file import save_model
from engine.network import Network
from engine.preprocess import preprocess_image, preprocess_strokes
from ui import image_input, model_library
from ui import settings as keys
from ui.demo_strokes import digit_strokes
from ui.main_window import MainWindow

CLASSIC = ("sigmoid", "relu")


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory):
    """Return a folder of small untrained models named like the bundled ones."""
    folder = tmp_path_factory.mktemp("models")
    for seed, name in enumerate(ACTIVATIONS):
        shapes = [(256, 128), (16, 16)] if name in CLASSIC else [(256, 128)]
        for hidden in shapes:
            net = Network.create([784, *hidden, 10], name, seed=seed)
            meta = {"name": f"{name} {hidden}", "activation_max": [4.0, 4.0]}
            save_model(folder / f"{name}-{hidden[0]}-{hidden[1]}.npz", net, meta)
    return folder


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv(keys.SETTINGS_ENV, str(tmp_path / "settings.ini"))


@pytest.fixture
def warnings(monkeypatch):
    """Record message boxes instead of showing them."""
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: shown.append(text)
    )
    return shown


def open_window(qtbot, models_dir, settings=None) -> MainWindow:
    window = MainWindow(settings, models_dir=models_dir)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, models_dir):
    return open_window(qtbot, models_dir)


def draw(qtbot, canvas, points) -> None:
    """Drag the left button through points (fractions of the side)."""
    side = canvas.width()
    pixels = [QPoint(round(x * side), round(y * side)) for x, y in points]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=pixels[0])
    try:
        for pos in pixels[1:]:
            qtbot.mouseMove(canvas, pos)
    finally:
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=pixels[-1])


SEVEN = [(0.25, 0.2), (0.5, 0.2), (0.75, 0.2), (0.6, 0.5), (0.45, 0.85)]


def engine_trace(window):
    canvas = window.canvas
    stages = preprocess_strokes(canvas.strokes(), canvas.canvas_size())
    return stages, window.network.forward(stages.input[None, :])


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


def test_corrupt_model_is_refused_and_nothing_is_lost(
    qtbot, window, tmp_path, warnings
):
    draw(qtbot, window.canvas, SEVEN)
    before = window.network
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"this is not a model")

    assert window.load_model_file(bad) is False
    assert len(warnings) == 1 and "broken.npz" in warnings[0]
    assert window.network is before
    assert len(window.canvas.strokes()) == 1
    assert window.current_prediction() is not None


def write_digit_picture(path, ink: QColor, paper: QColor) -> None:
    image = QImage(120, 120, QImage.Format.Format_RGB32)
    image.fill(paper)
    painter = QPainter(image)
    painter.setPen(QPen(ink, 10))
    painter.drawLine(60, 15, 60, 105)
    painter.end()
    image.save(str(path))


@pytest.mark.parametrize("dark_ink", [True, False])
def test_opened_picture_is_read_as_ink(window, tmp_path, dark_ink):
    black, white = QColor("black"), QColor("white")
    path = tmp_path / "one.png"
    write_digit_picture(path, *((black, white) if dark_ink else (white, black)))

    assert window.actions.open_image_file(str(path))
    ink = image_input.read_ink(str(path))
    assert ink[60, 60] > 0.9 and ink[5, 5] < 0.1
    stages = preprocess_image(ink)
    expected = window.network.predict(stages.input[None, :])[0]
    assert window.current_prediction() == expected


def test_unreadable_picture_is_explained(window, tmp_path, warnings):
    path = tmp_path / "not-a-picture.png"
    path.write_text("hello")
    assert not window.actions.open_image_file(str(path))
    assert len(warnings) == 1


@pytest.mark.parametrize("action", ["save_drawing", "export_panels"])
def test_saving_pictures(qtbot, window, tmp_path, monkeypatch, action):
    target = tmp_path / "out.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    draw(qtbot, window.canvas, SEVEN)
    getattr(window.actions, action).trigger()
    saved = QImage(str(target))
    assert not saved.isNull() and saved.width() > 100


def test_settings_remember_brush_and_model(qtbot, models_dir, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = open_window(qtbot, models_dir, settings)
    first.selector.select("tanh")
    first.brush_slider.setValue(120)
    first.actions.derivative.trigger()
    first.close()

    second = open_window(qtbot, models_dir, settings)
    assert second.network.activation_name == "tanh"
    assert second.selector.activation() == "tanh"
    assert second.actions.derivative.isChecked()
    assert "slope_f" in second.panels["activation"].displayed_values()
    assert second.canvas.brush_fraction() == pytest.approx(0.12)


def test_every_menu_action_explains_itself(window):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu():
                continue
            assert action.toolTip() and action.toolTip() != action.text()
    assert window.actions.open_model.shortcut() == QKeySequence(
        QKeySequence.StandardKey.Open
    )


def test_default_entry_prefers_relu_on_the_default_size(models_dir):
    entries = model_library.bundled_models(models_dir)
    assert {e.activation for e in entries} == set(ACTIVATIONS)
    best = model_library.default_entry(entries)
    assert (best.activation, best.hidden) == ("relu", (256, 128))
    others = [e for e in entries if e.activation != "relu"]
    assert model_library.default_entry(others).hidden == (256, 128)


def test_networks_from_the_training_dialog_reach_the_panels(qtbot, window):
    pytest.importorskip("ui.training_dialog")
    window.actions.train.trigger()
    dialog = window.actions.training.dialog
    qtbot.addWidget(dialog)
    training = Network.create([784, 16, 16, 10], "tanh", seed=3)
    dialog.network_updated.emit(training)
    qtbot.waitUntil(lambda: window.network is training, timeout=5000)

    trained = Network.create([784, 16, 16, 10], "elu", seed=4)
    result = SimpleNamespace(network=trained, metadata={"name": "mine"}, saved_to=None)
    dialog.model_trained.emit(result)
    assert window.network is trained
    assert window.metadata["name"] == "mine"


def test_bundled_models_are_remembered_by_name(models_dir, tmp_path):
    path = models_dir / "tanh-256-128.npz"
    name = model_library.remembered_name(path, models_dir)
    assert name == "bundled:tanh-256-128.npz"
    assert model_library.recall(name, models_dir) == path
    assert model_library.recall(name, tmp_path) is None
    own = tmp_path / "mine.npz"
    own.write_bytes(b"")
    assert model_library.recall(model_library.remembered_name(own), tmp_path) == own


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


def test_open_model_from_the_file_menu(qtbot, window, models_dir, monkeypatch):
    chosen = models_dir / "relu-16-16.npz"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), "")
    )
    window.actions.open_model.trigger()
    assert window.network.layer_sizes == [784, 16, 16, 10]
    assert window.panels["layers"].displayed_values()["layer0"].shape == (16,)
    assert window.selector.hidden() == (16, 16)


def test_model_from_elsewhere_leaves_the_activation_blank(
    qtbot, window, models_dir, tmp_path
):
    own = tmp_path / "mine.npz"
    own.write_bytes((models_dir / "elu-256-128.npz").read_bytes())
    assert window.load_model_file(own)
    assert window.selector.activation() is None

    window.selector.activation_box.setCurrentIndex(0)
    assert window.network.activation_name == window.selector.activation()


def test_model_path_argument_wins(qtbot, models_dir):
    window = MainWindow(model_path=models_dir / "gelu-256-128.npz")
    qtbot.addWidget(window)
    assert window.network.activation_name == "gelu"


def test_settings_file_can_be_redirected(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere.ini"
    monkeypatch.setenv(keys.SETTINGS_ENV, str(target))
    settings = keys.open_settings()
    assert Path(settings.fileName()) == target
    assert settings.format() == QSettings.Format.IniFormat


def test_gray_pictures_become_ink_either_way_round():
    paper = np.ones((20, 20), dtype=np.float32)
    paper[5:15, 9:11] = 0.0  # dark pen on white paper
    ink = image_input.to_ink(paper)
    assert ink[10, 10] == 1.0 and ink[0, 0] == 0.0
    np.testing.assert_array_equal(image_input.to_ink(ink), ink)
