"""Measure how long the window's event loop stalls while a network trains.

A 5 ms QTimer records the gap between its ticks while the training dialog
(or the race view, with --race) trains on the real MNIST files with live
plots. Gaps far above 5 ms are moments the window could not react.

    .venv/bin/python benchmarks/bench_training_stall.py [--seconds 20] [--race]
        [--idle] [--blas-threads N]

--idle measures the same timer with nothing training, the floor this
machine's load allows. BLAS threads default to 1, as the application sets.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MNIST = ROOT.parent / "shared" / "data" / "mnist"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--race", action="store_true")
    parser.add_argument("--idle", action="store_true")
    parser.add_argument("--blas-threads", default="1")
    return parser.parse_args()


def open_view(race: bool, tmp: Path):
    """Return the view to measure, already training."""
    from ui.lab_data import mnist_loader

    if race:
        from ui.race_view import RaceView

        view = RaceView(None, mnist_loader(MNIST))
    else:
        from ui.training_dialog import TrainingDialog

        view = TrainingDialog(None, mnist_loader(MNIST), tmp)
    view.show()
    view.start()
    return view


def wait_for_batches(app, view) -> None:
    """Return once the data is loaded and batches are flowing."""
    while view.worker.batches_done < 5:
        app.processEvents()
        time.sleep(0.001)


def record_gaps(app, seconds: float) -> list[float]:
    """Return the milliseconds between ticks of a 5 ms timer for seconds."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps = []
    clock = QElapsedTimer()

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    timer = QTimer(interval=5, timeout=tick)
    clock.start()
    timer.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    timer.stop()
    return gaps[1:]


def main() -> None:
    args = parse_args()
    # BLAS threads spin while they wait; on a small machine they take the
    # CPU from the window, so they must be limited before numpy loads.
    os.environ["OPENBLAS_NUM_THREADS"] = args.blas_threads
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    view, kind = None, "idle"
    if not args.idle:
        view = open_view(args.race, Path("/tmp/digit-lens-bench-models"))
        kind = "race" if args.race else "training"
        wait_for_batches(app, view)
        before = view.worker.batches_done
    gaps = np.array(record_gaps(app, args.seconds))
    if view is not None:
        batches = view.worker.batches_done - before
        view.shutdown()
        print(f"{kind}: {batches} batches in {args.seconds:g} s")
    p50, p99 = np.percentile(gaps, [50, 99])
    print(
        f"{kind}, {args.blas_threads} BLAS thread(s): {len(gaps)} ticks; gap "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {gaps.max():.1f} ms"
    )


if __name__ == "__main__":
    main()
