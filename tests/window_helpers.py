"""Shared set-up for the window tests: stand-in models, a window, a pen."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from engine.activations import ACTIVATIONS
from engine.model_file import save_model
from engine.network import Network
from engine.preprocess import preprocess_strokes
from ui.main_window import MainWindow

# activations that also have a bundled 784-16-16-10 model
CLASSIC = ("sigmoid", "relu")

# a seven, as fractions of the canvas side
SEVEN = [(0.25, 0.2), (0.5, 0.2), (0.75, 0.2), (0.6, 0.5), (0.45, 0.85)]


def make_models(folder: Path) -> Path:
    """Fill folder with small untrained models named like the bundled ones."""
    if any(folder.glob("*.npz")):
        return folder
    for seed, name in enumerate(ACTIVATIONS):
        shapes = [(256, 128), (16, 16)] if name in CLASSIC else [(256, 128)]
        for hidden in shapes:
            net = Network.create([784, *hidden, 10], name, seed=seed)
            meta = {"name": f"{name} {hidden}", "activation_max": [4.0, 4.0]}
            save_model(folder / f"{name}-{hidden[0]}-{hidden[1]}.npz", net, meta)
    return folder


def open_window(qtbot, models_dir, settings=None) -> MainWindow:
    """Return a shown 1280x720 window on the models in models_dir."""
    window = MainWindow(settings, models_dir=models_dir)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


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


def engine_trace(window):
    """Return the stages and trace the engine computes for the drawing."""
    canvas = window.canvas
    stages = preprocess_strokes(canvas.strokes(), canvas.canvas_size())
    return stages, window.network.forward(stages.input[None, :])
