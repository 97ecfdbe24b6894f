"""The `digit-lens train` command: train a network on MNIST and save it.

Nothing is written until training and the test evaluation are done, and the
model file is written atomically, so Ctrl+C at any moment leaves no
half-written file behind.
"""

import argparse
from pathlib import Path

from engine.activations import ACTIVATIONS
from engine.cli_support import (
    CliError,
    Terminal,
    data_folder,
    non_negative_float,
    positive_float,
    positive_int,
)
from engine.mnist import load_mnist
from engine.model_file import save_model
from engine.model_stats import activation_scales
from engine.network import Network
from engine.preprocess import PREPROCESSING_VERSION
from engine.training import (
    BatchReport,
    Diverged,
    EpochReport,
    TrainingConfig,
    evaluate,
    train,
)

# Training images on which each hidden layer's typical top values are
# measured: the fixed scales the window draws on.
SCALE_SAMPLE = 5000


def add_train_parser(commands) -> None:
    """Add the train command and its options to the subcommand parsers."""
    d = TrainingConfig()
    p = commands.add_parser("train", help="train a network on MNIST and save it")
    p.add_argument("--activation", choices=list(ACTIVATIONS), default=d.activation)
    p.add_argument(
        "--hidden", type=positive_int, nargs="+", default=list(d.hidden),
        metavar="N", help="hidden layer sizes (default: %(default)s)",
    )  # fmt: skip
    p.add_argument("--epochs", type=positive_int, default=d.epochs)
    p.add_argument("--lr", type=positive_float, default=d.learning_rate)
    p.add_argument("--batch-size", type=positive_int, default=d.batch_size)
    p.add_argument("--optimizer", choices=["adam", "sgd"], default=d.optimizer)
    p.add_argument("--l2", type=non_negative_float, default=d.l2)
    p.add_argument("--no-augment", action="store_true", help="train on raw images")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument(
        "--limit", type=positive_int, metavar="N",
        help="train on the first N training images only",
    )  # fmt: skip
    p.add_argument("--data", type=Path, metavar="DIR", help="MNIST folder")
    p.add_argument("--out", type=Path, metavar="FILE", help="model file to write")
    p.set_defaults(run=run_train)


def run_train(args: argparse.Namespace, term: Terminal) -> None:
    """Train as the arguments say, evaluate on the test set, save the model."""
    config = _config(args)
    out = _output_path(args.out, config)
    data = load_mnist(data_folder(args.data))
    images = data.train_images[: args.limit]
    labels = data.train_labels[: args.limit]

    network = config.create_network()
    name = model_name(network)
    term.say(f"Training {name} on {len(labels)} images, {config.epochs} epoch(s).")
    _train(network, images, labels, config, term)

    result = evaluate(network, data.test_images, data.test_labels)
    metadata = {
        "name": name,
        "training": {**config.to_dict(), "train_images": len(labels)},
        "seed": config.seed,
        "test_accuracy": result.accuracy,
        "preprocessing_version": PREPROCESSING_VERSION,
        **activation_scales(network, images[:SCALE_SAMPLE]),
    }
    save_model(out, network, metadata)
    term.say(f"test accuracy: {result.accuracy:.4f} ({result.correct}/{result.total})")
    term.say(f"saved {out}")


def _config(args: argparse.Namespace) -> TrainingConfig:
    return TrainingConfig(
        hidden=tuple(args.hidden),
        activation=args.activation,
        optimizer=args.optimizer,
        learning_rate=args.lr,
        batch_size=args.batch_size,
        epochs=args.epochs,
        l2=args.l2,
        augment=not args.no_augment,
        seed=args.seed,
    )


def _output_path(given: Path | None, config: TrainingConfig) -> Path:
    # Checked before training, so a typo does not cost a whole run. Without
    # --out, an existing file is never overwritten: a free name is chosen.
    if given is not None:
        if not given.parent.is_dir():
            raise CliError(f"The folder {given.parent} does not exist.")
        return given
    stem = f"{config.activation}-" + "-".join(str(n) for n in config.hidden)
    path, n = Path(f"{stem}.npz"), 1
    while path.exists():
        n += 1
        path = Path(f"{stem}-{n}.npz")
    return path


def _train(network, images, labels, config: TrainingConfig, term: Terminal) -> None:
    # Drive the training generator; closing it on any exit (Ctrl+C included)
    # stops it cleanly.
    run = train(network, images, labels, config)
    term.restart()
    try:
        for report in run:
            if isinstance(report, BatchReport):
                _show_batch(report, config, term)
            elif isinstance(report, EpochReport):
                _show_epoch(report, term)
            elif isinstance(report, Diverged):
                raise CliError(_diverged_sentence(report, config))
    finally:
        run.close()
        term.clear()


def _diverged_sentence(report: Diverged, config: TrainingConfig) -> str:
    return (
        f"Training diverged in epoch {report.epoch + 1}, so nothing was saved; "
        f"try a lower learning rate than {config.learning_rate:g}."
    )


def _show_batch(report: BatchReport, config: TrainingConfig, term: Terminal) -> None:
    step = report.epoch * report.batches + report.batch + 1
    fraction = step / (config.epochs * report.batches)
    label = (
        f"epoch {report.epoch + 1}/{config.epochs}"
        f"  loss {report.loss:.3f}  accuracy {report.accuracy:.1%}"
    )
    term.progress(fraction, label)


def _show_epoch(report: EpochReport, term: Terminal) -> None:
    term.say(
        f"epoch {report.epoch + 1}/{report.epochs}"
        f"  loss {report.train_loss:.4f}"
        f"  accuracy {report.train_accuracy:.2%}"
        f"  {report.seconds:.0f} s"
    )


def model_name(network: Network) -> str:
    """Return a display name such as "ReLU 784-256-128-10"."""
    sizes = "-".join(str(n) for n in network.layer_sizes)
    return f"{network.activation.display_name} {sizes}"
