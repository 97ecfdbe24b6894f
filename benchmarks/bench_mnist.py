"""Time loading MNIST and each of its steps: read, gunzip, hash, convert.

Run: .venv/bin/python benchmarks/bench_mnist.py [DIR] [--repeats N]
DIR defaults to ../shared/data/mnist beside the project. Prints the best and
median of N runs in milliseconds, wall clock and this process's CPU time
(the CPU figure is what other busy processes on a shared machine leave alone).
"""

import argparse
import gzip
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.mnist import FILES, load_mnist, locate  # noqa: E402


def timed(task, repeats: int) -> tuple[list[float], list[float]]:
    """Return wall and CPU milliseconds of repeats runs of task()."""
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        task()
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
    return wall, cpu


def report(label: str, wall: list[float], cpu: list[float]) -> None:
    """Print one line of figures."""
    print(
        f"{label:<22} wall best {min(wall):7.1f}  median {statistics.median(wall):7.1f}"
        f"   cpu best {min(cpu):7.1f}  median {statistics.median(cpu):7.1f}  ms"
    )


def main() -> None:
    """Time the steps, then the whole load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "data" / "mnist")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    paths = [locate(args.folder, name) for name in FILES]
    packed = [p.read_bytes() for p in paths]
    raw = [
        gzip.decompress(b) if p.suffix == ".gz" else b for p, b in zip(paths, packed)
    ]

    report("read files", *timed(lambda: [p.read_bytes() for p in paths], args.repeats))
    report("gunzip", *timed(lambda: [gzip.decompress(b) for b in packed], args.repeats))
    report(
        "sha-256",
        *timed(lambda: [hashlib.sha256(r).digest() for r in raw], args.repeats),
    )
    report("load_mnist (all)", *timed(lambda: load_mnist(args.folder), args.repeats))


if __name__ == "__main__":
    main()
