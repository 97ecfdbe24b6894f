"""Time one training epoch over MNIST in numpy, and the same in PyTorch.

Network 784-128-64-10 with ReLU, batch 128, SGD with momentum, no
augmentation: both frameworks do the same arithmetic on the same batches.
PyTorch is only a yardstick here (`pip install torch==2.13.0`); without it
the numpy figure is printed alone.

    python benchmarks/bench_training.py [--data DIR] [--threads N]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = [784, 128, 64, 10]
BATCH = 128


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/mnist")
    parser.add_argument("--threads", type=int, default=0, help="BLAS threads")
    args = parser.parse_args()
    if args.threads:
        # Must be set before numpy loads OpenBLAS.
        os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)

    from engine.mnist import load_mnist

    data = load_mnist(args.data)
    x, y = data.train_images, data.train_labels
    numpy_s = min(time_numpy(x, y) for _ in range(2))
    print(f"numpy epoch: {numpy_s:.2f} s ({len(x)} images, batch {BATCH})")
    try:
        torch_s = min(time_torch(x, y) for _ in range(2))
    except ImportError:
        print("torch not installed; pip install torch==2.13.0 for the comparison")
        return
    print(f"torch epoch: {torch_s:.2f} s")
    print(f"ratio numpy/torch: {numpy_s / torch_s:.2f}")


def time_numpy(x, y) -> float:
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


def time_torch(x, y) -> float:
    import numpy as np
    import torch

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
