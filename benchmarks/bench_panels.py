"""Time each network panel's show_result, and its repaint, for a 784-256-128-10 net.

Run: .venv/bin/python benchmarks/bench_panels.py [activation] [repeats] [--wall]
Prints per-panel milliseconds (p50 / p95) for the update call alone and for
the update plus the repaint Qt then does, under the offscreen Qt platform. Times
are this thread's CPU time, so other busy processes on a shared machine do
not inflate them; pass --wall for wall-clock time instead.
"""

import gzip
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.network import Network  # noqa: E402
from ui.activation_panel import ActivationPanel  # noqa: E402
from ui.answer_panel import AnswerPanel  # noqa: E402
from ui.input_panel import InputPanel  # noqa: E402
from ui.layer_panel import LayerPanel  # noqa: E402
from ui.network_diagram import NetworkDiagram  # noqa: E402
from ui.neuron_inspector import NeuronInspector  # noqa: E402

MNIST = ROOT.parent / "shared" / "data" / "mnist" / "t10k-images-idx3-ubyte.gz"
PANELS = {
    "input": InputPanel,
    "layers": LayerPanel,
    "answer": AnswerPanel,
    "activation": ActivationPanel,
    "diagram": NetworkDiagram,
    "inspector": NeuronInspector,
}


def digits(count: int) -> np.ndarray:
    """Return count MNIST test digits (count, 784) in 0..1, or random blobs."""
    if MNIST.exists():
        with gzip.open(MNIST) as f:
            raw = np.frombuffer(f.read(), np.uint8, offset=16)
        return raw.reshape(-1, 784)[:count].astype(np.float32) / 255
    rng = np.random.default_rng(0)
    return (rng.uniform(0, 1, (count, 784)) > 0.8).astype(np.float32)


def build(network) -> dict:
    """Return every panel, loaded with network and shown at a typical size."""
    panels = {}
    for name, cls in PANELS.items():
        panel = cls()
        panel.resize(420, 320)
        panel.show()
        panel.set_model(network, {"activation_max": [4.0, 4.0]})
        panels[name] = panel
    panels["input"].set_show_stages(False)
    panels["inspector"].inspect(0, 3)
    return panels


CLOCK = time.perf_counter if "--wall" in sys.argv else time.thread_time


def time_panel(app, panel, inputs, network) -> tuple[list, list]:
    """Return per-input seconds for show_result alone and with a repaint."""
    update, painted = [], []
    for x in inputs:
        trace = network.forward(x[None, :])
        start = CLOCK()
        panel.show_result(None, trace)
        middle = CLOCK()
        # Qt paints the regions the update marked dirty, as in the window.
        app.processEvents()
        end = CLOCK()
        update.append(middle - start)
        painted.append(end - start)
    return update, painted


def report(name: str, update: list, painted: list) -> None:
    """Print p50 and p95 in milliseconds for one panel."""
    u = np.percentile(np.array(update) * 1e3, [50, 95])
    p = np.percentile(np.array(painted) * 1e3, [50, 95])
    print(
        f"{name:<11} update p50 {u[0]:6.2f} p95 {u[1]:6.2f} ms   "
        f"update+paint p50 {p[0]:6.2f} p95 {p[1]:6.2f} ms"
    )


def main() -> None:
    """Time every panel on the same inputs and print the figures."""
    args = [a for a in sys.argv[1:] if a != "--wall"]
    activation = args[0] if args else "relu"
    repeats = int(args[1]) if len(args) > 1 else 200
    app = QApplication.instance() or QApplication([])
    network = Network.create([784, 256, 128, 10], activation, seed=0)
    panels = build(network)
    app.processEvents()
    inputs = digits(repeats)
    clock = "wall-clock" if CLOCK is time.perf_counter else "CPU"
    print(f"{activation} 784-256-128-10, {repeats} digits, offscreen, {clock} ms")
    totals_u, totals_p = np.zeros(repeats), np.zeros(repeats)
    for name, panel in panels.items():
        time_panel(app, panel, inputs[:10], network)  # warm-up
        update, painted = time_panel(app, panel, inputs, network)
        report(name, update, painted)
        totals_u += update
        totals_p += painted
    report("all panels", list(totals_u), list(totals_p))


if __name__ == "__main__":
    main()
