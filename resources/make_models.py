"""Train the models shipped in resources/models/, with recorded settings.

Anyone can rerun this and get the same files (same seed, same data order):

    python resources/make_models.py --data DIR [--only NAME ...] [--jobs N]

Each model's settings, seed, test accuracy and display scales are written
into its metadata.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "models"

DEFAULT_HIDDEN = (256, 128)
CLASSIC_HIDDEN = (16, 16)
# Every registry activation but identity, on the default architecture.
DEFAULT_ACTIVATIONS = [
    "relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "silu", "softplus",
]  # fmt: skip
# Per-activation learning rates; the saturating ones like a larger step.
LEARNING_RATES = {"sigmoid": 3e-3, "tanh": 1e-3}
EPOCHS = 30
CLASSIC_EPOCHS = 80


def recipes() -> dict[str, dict]:
    """Return model file stem -> TrainingConfig arguments."""
    table = {}
    for name in DEFAULT_ACTIVATIONS:
        table[f"{name}-256-128"] = dict(
            hidden=DEFAULT_HIDDEN, activation=name, epochs=EPOCHS,
            learning_rate=LEARNING_RATES.get(name, 2e-3),
        )  # fmt: skip
    for name in ("sigmoid", "relu"):
        # 16 units cannot afford to spend capacity on heavy distortions.
        table[f"{name}-16-16"] = dict(
            hidden=CLASSIC_HIDDEN, activation=name, epochs=CLASSIC_EPOCHS,
            learning_rate=3e-3, augment=True,
        )  # fmt: skip
    return table


def make(stem: str, settings: dict, data_dir: Path, out: Path = OUT) -> str:
    """Train, evaluate and save one model; return a one-line summary."""
    from engine.activations import get
    from engine.mnist import load_mnist
    from engine.model_file import save_model
    from engine.model_stats import activation_scales
    from engine.preprocess import PREPROCESSING_VERSION
    from engine.training import TrainingConfig, evaluate, train

    data = load_mnist(data_dir)
    config = TrainingConfig(**settings)
    net = config.create_network()
    start = time.perf_counter()
    for report in train(net, data.train_images, data.train_labels, config):
        if type(report).__name__ == "Diverged":
            raise RuntimeError(f"{stem}: {report.message}")
    seconds = time.perf_counter() - start

    result = evaluate(net, data.test_images, data.test_labels)
    sizes = "-".join(str(n) for n in net.layer_sizes)
    meta = {
        "name": f"{get(config.activation).display_name} {sizes}",
        "training": config.to_dict(),
        "seed": config.seed,
        "test_accuracy": round(result.accuracy, 4),
        "preprocessing_version": PREPROCESSING_VERSION,
        "training_seconds": round(seconds),
        **activation_scales(net, data.train_images[:5000]),
    }
    save_model(out / f"{stem}.npz", net, meta)
    return f"{stem}: test accuracy {result.accuracy:.4f}, trained in {seconds:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/mnist")
    parser.add_argument("--only", nargs="*", help="file stems to make")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write to")
    args = parser.parse_args()
    table = recipes()
    stems = args.only or list(table)
    args.out.mkdir(parents=True, exist_ok=True)
    # One BLAS thread per job: parallel jobs beat threads fighting over cores.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1" if args.jobs > 1 else "2")
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(make, s, table[s], args.data, args.out) for s in stems]
        for future in futures:
            print(future.result(), flush=True)


if __name__ == "__main__":
    main()
