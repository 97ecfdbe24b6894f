"""The window's files and settings: models, pictures, saving, preferences."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QMessageBox
from window_helpers import SEVEN, draw, open_window

from engine.activations import ACTIVATIONS
from engine.preprocess import preprocess_image
from ui import image_input, model_library
from ui import settings as keys
from ui.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch):
    """Record message boxes instead of showing them."""
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: shown.append(text)
    )
    return shown


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


def test_bundled_models_are_remembered_by_name(models_dir, tmp_path):
    path = models_dir / "tanh-256-128.npz"
    name = model_library.remembered_name(path, models_dir)
    assert name == "bundled:tanh-256-128.npz"
    assert model_library.recall(name, models_dir) == path
    assert model_library.recall(name, tmp_path) is None
    own = tmp_path / "mine.npz"
    own.write_bytes(b"")
    assert model_library.recall(model_library.remembered_name(own), tmp_path) == own


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


def test_pictures_become_ink_either_way_round(tmp_path):
    for name, pen, paper in (("dark", "black", "white"), ("light", "white", "black")):
        path = tmp_path / f"{name}.png"
        write_digit_picture(path, QColor(pen), QColor(paper))
        ink = image_input.read_ink(path)
        assert ink[60, 60] == pytest.approx(1.0) and ink[5, 5] == 0.0


def test_brush_change_keeps_an_opened_picture(window, tmp_path):
    path = tmp_path / "one.png"
    write_digit_picture(path, QColor("white"), QColor("black"))
    window.actions.open_image_file(str(path))
    window.brush_slider.setValue(window.brush_slider.value() + 20)
    assert window.current_prediction() is not None
    window.actions.clear.trigger()
    assert window.current_prediction() is None
