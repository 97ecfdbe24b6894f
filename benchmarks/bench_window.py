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

# Prints "shown" when the first frame of a top-level window has been painted:
# at the first event after the window's first update request.
FIRST_FRAME = """
import os, sys
from PySide6.QtCore import QEvent, QObject


class FirstFrame(QObject):
    def __init__(self, exit_after):
        super().__init__()
        self.state = "waiting"
        self.exit_after = exit_after

    def eventFilter(self, watched, event):
        if self.state == "waiting":
            if event.type() == QEvent.Type.UpdateRequest and watched.isWidgetType():
                self.state = "painting"
        elif self.state == "painting":
            self.state = "done"
            print("shown", flush=True)
            if self.exit_after:
                os._exit(0)
        return False
"""

BARE = (
    FIRST_FRAME
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication([])
first = FirstFrame(exit_after=True)
app.installEventFilter(first)
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1280, 720)
window.show()
app.exec()
"""
)

# Also prints "ready" once every panel exists and has been painted.
OURS = (
    FIRST_FRAME
    + """
sys.path.insert(0, {root!r})
import main
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow
show, build = MainWindow.show, MainWindow._ensure_panels
first = FirstFrame(exit_after=False)
def shown(self):
    QApplication.instance().installEventFilter(first)
    show(self)
def built(self):
    done = self.panel_area.is_built()
    build(self)
    if not done:
        self.repaint()
        print("ready", flush=True)
        os._exit(0)
MainWindow.show, MainWindow._ensure_panels = shown, built
main.main(["main.py"])
"""
)


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_to_shown(code: str, env: dict) -> tuple[float, float, float]:
    """Return seconds to the first frame, to the last line, and CPU seconds.

    The CPU time (user + system, to the exit after the last line) hardly
    depends on other processes sharing the machine; the wall times do.
    """
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True
    )
    stamps = {}
    for line in child.stdout:
        stamps[line.strip()] = time.perf_counter() - start
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    if "shown" not in stamps:
        raise RuntimeError("The child process did not show its window.")
    last = max(stamps.values())
    return stamps["shown"], last, usage.ru_utime + usage.ru_stime


def startup(runs: int) -> dict[str, tuple[float, float, float]]:
    """Return median (first frame, last line, CPU) seconds, bare and ours."""
    env = dict(os.environ)
    env["DIGIT_LENS_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "bench.ini")
    # An installed program starts from compiled bytecode, as pip's packages
    # do: let the warm-up runs write it, outside the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp()
    codes = {"bare": BARE, "ours": OURS.format(root=str(ROOT))}
    for code in codes.values():
        time_to_shown(code, env)  # warm the file cache
    times = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            times[name].append(time_to_shown(code, env))
    return {name: tuple(np.median(t, axis=0)) for name, t in times.items()}


def open_window(models_dir: Path | None):
    """Return a shown 1280x720 main window."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(models_dir=models_dir)
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    window.panels  # noqa: B018 - make sure every panel exists and is measured
    app.processEvents()
    return window


def drag_path(side: int, steps: int) -> np.ndarray:
    """Return a looping pen path of steps points inside a canvas of side."""
    t = np.linspace(0, 4 * np.pi, steps)
    x = 0.5 + 0.3 * np.sin(t) * np.cos(t / 4)
    y = 0.5 + 0.3 * np.cos(1.5 * t)
    return np.stack([x, y], axis=1) * side


def latency(window, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Return wall and CPU ms from each mouse move to all panels repainted."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    canvas = window.canvas
    points = drag_path(canvas.width(), steps)
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(canvas, left, pos=QPoint(*points[0].astype(int)))
    wall, cpu = [], []
    for x, y in points[1:]:
        start, start_cpu = time.perf_counter(), time.thread_time()
        QTest.mouseMove(canvas, QPoint(int(x), int(y)))
        window.recognizer.flush()
        # paints what changed, as the event loop would on the next frame
        app.processEvents()
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    QTest.mouseRelease(canvas, left, pos=QPoint(*points[-1].astype(int)))
    window.canvas.clear()
    # the first few moves warm caches
    return np.array(wall[10:]) * 1000, np.array(cpu[10:]) * 1000


def percentiles(ms: np.ndarray) -> str:
    """Return "p50 x ms, p95 y ms"."""
    p50, p95 = np.percentile(ms, [50, 95])
    return f"p50 {p50:.2f} ms, p95 {p95:.2f} ms"


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
    wall, cpu = latency(window, args.moves)
    print(f"mouse move to every panel repainted, wall: {percentiles(wall)}")
    print(f"mouse move to every panel repainted, CPU:  {percentiles(cpu)}")
    checkpoints = memory(window, args.digits)
    trail = ", ".join(f"{n}: {mb:.0f}" for n, mb in checkpoints)
    print(f"RSS MB after n digits drawn and cleared: {trail}")

    medians = startup(args.startup_runs)
    kinds = ("first frame (wall)", "every panel painted (wall)", "CPU to exit")
    for i, kind in enumerate(kinds):
        ours, base = medians["ours"][i], medians["bare"][2 if i == 2 else 0]
        print(
            f"start-up, {kind}: bare PySide6+pyqtgraph window {base * 1000:.0f} ms, "
            f"Digit Lens {ours * 1000:.0f} ms, ratio {ours / base:.2f}"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
