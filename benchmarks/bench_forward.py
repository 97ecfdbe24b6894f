"""Time the forward pass the window makes for every drawing update.

One image, 784-128-64-10 and the bundled 784-256-128-10, returning every
layer's weighted sums and activations. Prints the median and 95th
percentile in microseconds.

    python benchmarks/bench_forward.py [--repeats N]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.network import Network  # noqa: E402


def time_forward(network: Network, repeats: int) -> list[float]:
    """Return the time of each of repeats forward passes, in microseconds."""
    x = np.random.default_rng(0).random((1, 784), dtype=np.float32)
    for _ in range(200):
        network.forward(x)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        network.forward(x)
        times.append((time.perf_counter() - start) * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20000)
    args = parser.parse_args()
    for sizes in ([784, 128, 64, 10], [784, 256, 128, 10]):
        network = Network.create(sizes, "relu", seed=0)
        times = sorted(time_forward(network, args.repeats))
        p95 = times[int(0.95 * len(times))]
        name = "-".join(map(str, sizes))
        print(f"forward {name}, batch 1: median {statistics.median(times):.1f} µs, "
              f"p95 {p95:.1f} µs")  # fmt: skip


if __name__ == "__main__":
    main()
