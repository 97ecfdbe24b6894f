"""Measure the window: recognition latency, start-up time and memory.

Prints three figures:
- latency from a mouse move on the canvas to every panel repainted (p50, p95),
- start-up to window shown, as a ratio to a bare PySide6 + pyqtgraph window
  started the same way in the same run,
- resident memory after drawing and clearing 1,000 digits, with checkpoints
  to show whether it grows.

Run offscreen: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import os
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1280, 720)
window.show()
app.processEvents()
print("shown", flush=True)
os._exit(0)
"""

OURS = """
import os, sys
sys.path.insert(0, {root!r})
import main
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow
show = MainWindow.show
def shown(self):
    show(self)
    QApplication.processEvents()
    print("shown", flush=True)
    os._exit(0)
MainWindow.show = shown
main.main(["main.py"])
"""


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_to_shown(code: str, env: dict) -> float:
    """Return seconds from launching python with code until it says shown."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True
    )
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    if line.strip() != "shown":
        raise RuntimeError("The child process did not show its window.")
    return elapsed


def startup_ratio(runs: int) -> tuple[float, float, float]:
    """Return the median start-up of the bare window, ours, and their ratio."""
    env = dict(os.environ)
    env["DIGIT_LENS_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "bench.ini")
    ours_code = OURS.format(root=str(ROOT))
    bare, ours = [], []
    time_to_shown(BARE, env)  # warm the file cache for both
    time_to_shown(ours_code, env)
    for _ in range(runs):
        bare.append(time_to_shown(BARE, env))
        ours.append(time_to_shown(ours_code, env))
    b, o = float(np.median(bare)), float(np.median(ours))
    return b, o, o / b


def open_window(models_dir: Path | None):
    """Return a shown 1280x720 main window."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(models_dir=models_dir)
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    return window


def drag_path(side: int, steps: int) -> np.ndarray:
    """Return a looping pen path of steps points inside a canvas of side."""
    t = np.linspace(0, 4 * np.pi, steps)
    x = 0.5 + 0.3 * np.sin(t) * np.cos(t / 4)
    y = 0.5 + 0.3 * np.cos(1.5 * t)
    return np.stack([x, y], axis=1) * side


def latency(window, steps: int) -> tuple[float, float]:
    """Return p50 and p95 ms from a mouse move to all panels repainted."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas = window.canvas
    points = drag_path(canvas.width(), steps)
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(canvas, left, pos=QPoint(*points[0].astype(int)))
    times = []
    for x, y in points[1:]:
        start = time.perf_counter()
        QTest.mouseMove(canvas, QPoint(int(x), int(y)))
        window.recognizer.flush()
        window.repaint()
        times.append(time.perf_counter() - start)
    QTest.mouseRelease(canvas, left, pos=QPoint(*points[-1].astype(int)))
    window.canvas.clear()
    ms = np.array(times[10:]) * 1000  # the first few warm caches
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def memory(window, digits: int) -> list[tuple[int, float]]:
    """Draw and clear digits demo digits; return (count, RSS MB) checkpoints."""
    from PySide6.QtWidgets import QApplication

    from ui.demo_strokes import digit_strokes

    app = QApplication.instance()
    checkpoints = [(0, rss_mb())]
    for i in range(1, digits + 1):
        for stroke in digit_strokes(i % 10, window.canvas.canvas_size()):
            window.canvas.add_stroke(stroke)
        window.recognizer.flush()
        window.repaint()
        window.canvas.clear()
        window.recognizer.flush()
        app.processEvents()
        if i % (digits // 5) == 0:
            checkpoints.append((i, rss_mb()))
    return checkpoints


def models_for_bench() -> Path | None:
    """Return None to use the bundled models, or a folder of stand-ins."""
    from ui import model_library

    if model_library.bundled_models():
        return None
    from engine.model_file import save_model
    from engine.network import Network

    folder = Path(tempfile.mkdtemp())
    network = Network.create([784, 256, 128, 10], "relu", seed=0)
    save_model(folder / "relu-256-128.npz", network, {"name": "stand-in"})
    print("No bundled models: measuring an untrained stand-in of the same size.")
    return folder


def main() -> None:
    """Print latency, start-up ratio and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=400)
    parser.add_argument("--digits", type=int, default=1000)
    parser.add_argument("--startup-runs", type=int, default=7)
    args = parser.parse_args()

    window = open_window(models_for_bench())
    platform = os.environ["QT_QPA_PLATFORM"]
    print(f"model: {window.metadata.get('name')}, platform {platform}")
    p50, p95 = latency(window, args.moves)
    print(f"mouse move to every panel repainted: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    checkpoints = memory(window, args.digits)
    trail = ", ".join(f"{n}: {mb:.0f}" for n, mb in checkpoints)
    print(f"RSS MB after n digits drawn and cleared: {trail}")

    bare, ours, ratio = startup_ratio(args.startup_runs)
    print(
        f"start-up to window shown: bare PySide6+pyqtgraph {bare * 1000:.0f} ms, "
        f"Digit Lens {ours * 1000:.0f} ms, ratio {ratio:.2f}"
    )


if __name__ == "__main__":
    main()
