"""Time one training epoch over MNIST in numpy, and the same in PyTorch.

Network 784-128-64-10 with ReLU, batch 128, SGD with momentum, no
augmentation: both frameworks do the same arithmetic on the same batches.
Each framework runs in its own process with 1 and then 2 threads (BLAS for
numpy, intra-op for PyTorch), and the best of each is compared. PyTorch is
only a yardstick here (`pip install torch==2.13.0`); without it the numpy
figures are printed alone.

    python benchmarks/bench_training.py [--data DIR] [--repeats N]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = [784, 128, 64, 10]
BATCH = 128
THREADS = (1, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/mnist")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", choices=["numpy", "torch"], help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(run_worker(args))
        return

    best = {}
    for framework in ("numpy", "torch"):
        for threads in THREADS:
            seconds = spawn(framework, threads, args)
            if seconds is None:
                print("torch not installed; pip install torch==2.13.0 to compare")
                break
            print(f"{framework} epoch, {threads} thread(s): {seconds:.2f} s")
            best[framework] = min(best.get(framework, seconds), seconds)
    if len(best) == 2:
        print(f"ratio numpy/torch: {best['numpy'] / best['torch']:.2f}")


def spawn(framework: str, threads: int, args) -> float | None:
    """Return the best epoch time of framework in a fresh process."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads)}
    command = [sys.executable, __file__, "--worker", framework]
    command += ["--threads", str(threads), "--data", str(args.data)]
    command += ["--repeats", str(args.repeats)]
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        if "No module named 'torch'" in out.stderr:
            return None
        raise SystemExit(out.stderr)
    return float(out.stdout)


def run_worker(args) -> float:
    from engine.mnist import load_mnist

    data = load_mnist(args.data)
    x, y = data.train_images, data.train_labels
    timer = time_numpy if args.worker == "numpy" else time_torch
    return min(timer(x, y, args.threads) for _ in range(args.repeats))


def time_numpy(x, y, threads: int) -> float:
    from engine.training import TrainingConfig, train

    config = TrainingConfig(
        hidden=tuple(SIZES[1:-1]), optimizer="sgd", learning_rate=0.05,
        schedule="constant", augment=False, epochs=1,
    )  # fmt: skip
    net = config.create_network()
    start = time.perf_counter()
    for _ in train(net, x, y, config):
        pass
    return time.perf_counter() - start


def time_torch(x, y, threads: int) -> float:
    import numpy as np
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    layers = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    order = torch.from_numpy(np.random.default_rng(0).permutation(len(x)))

    start = time.perf_counter()
    for i in range(0, len(x), BATCH):
        idx = order[i : i + BATCH]
        opt.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        opt.step()
        loss.item()  # the numpy loop reports every batch's loss too
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
