"""The digit-lens command line: train, evaluate, predict, download, import.

Every failure the user can cause (a wrong path, damaged data, a file that is
not a model) ends in one sentence on stderr and a non-zero exit code, never
a traceback.
"""

import argparse
import logging
import os
import sys
from pathlib import Path

import numpy as np

from engine.cli_support import APP, CliError, Terminal, data_folder
from engine.cli_train import add_train_parser
from engine.download import Cancelled, download_mnist, import_mnist
from engine.ink import ink_from_rgba
from engine.mnist import DataError, load_mnist
from engine.model_file import ModelFileError, load_model
from engine.paths import bundled_models_dir, default_data_dir
from engine.preprocess import preprocess_image
from engine.training import evaluate

SUBCOMMANDS = ("train", "evaluate", "predict", "download", "import")
DEFAULT_MODEL = "relu-256-128"
EXIT_FAILED = 1
# The shell's convention for "stopped by Ctrl+C".
EXIT_STOPPED = 130


def main(argv: list[str] | None = None, read_picture=None) -> int:
    """Run one command-line command and return its exit code.

    read_picture(path) -> RGBA (h, w, 4) in 0..1 decodes images for predict.
    """
    args = build_parser().parse_args(argv)
    args.read_picture = read_picture
    logging.basicConfig(level=logging.WARNING, format=f"{APP}: %(message)s")
    term = Terminal()
    try:
        args.run(args, term)
    except (CliError, DataError, ModelFileError) as error:
        term.warn(f"{APP}: {error}")
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (as `| head` does): stop quietly.
        _silence_stdout()
        return EXIT_FAILED
    except OSError as error:
        term.warn(f"{APP}: {_os_sentence(error)}")
        return EXIT_FAILED
    except (KeyboardInterrupt, Cancelled):
        term.warn(f"{APP}: stopped; nothing half-written was kept.")
        return EXIT_STOPPED
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command."""
    parser = argparse.ArgumentParser(
        prog=APP,
        description="Draw a digit and watch a small neural network read it.",
        epilog=f"Run {APP} without a command to open the window.",
    )
    commands = parser.add_subparsers(title="commands", required=True)
    add_train_parser(commands)
    _add_evaluate_parser(commands)
    _add_predict_parser(commands)
    _add_data_parsers(commands)
    return parser


def _add_evaluate_parser(commands) -> None:
    p = commands.add_parser("evaluate", help="measure a model on the MNIST test set")
    _add_model_argument(p)
    p.add_argument("--data", type=Path, metavar="DIR", help="MNIST folder")
    p.set_defaults(run=run_evaluate)


def _add_predict_parser(commands) -> None:
    p = commands.add_parser("predict", help="read the digit in a PNG or JPEG image")
    _add_model_argument(p)
    p.add_argument("image", type=Path, metavar="IMAGE", help="PNG or JPEG file")
    p.set_defaults(run=run_predict)


def _add_data_parsers(commands) -> None:
    p = commands.add_parser("download", help="download MNIST from public mirrors")
    p.add_argument("--to", type=Path, metavar="DIR", help=_to_help())
    p.set_defaults(run=run_download)

    p = commands.add_parser("import", help="copy MNIST from a folder you have")
    p.add_argument("source", type=Path, metavar="DIR", help="folder with the files")
    p.add_argument("--to", type=Path, metavar="DIR", help=_to_help())
    p.set_defaults(run=run_import)


def _add_model_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        metavar="M",
        help=f"model file or bundled model name (default {DEFAULT_MODEL})",
    )


def _to_help() -> str:
    return f"destination folder (default {default_data_dir()})"


def resolve_model(value: str) -> Path:
    """Return the model file named by a path or a bundled model's name."""
    path = Path(value).expanduser()
    if path.is_file():
        return path
    folder = bundled_models_dir()
    bundled = folder / (value if value.endswith(".npz") else f"{value}.npz")
    if path.name == value and bundled.is_file():
        return bundled
    names = ", ".join(sorted(p.stem for p in folder.glob("*.npz"))) or "none"
    raise CliError(
        f"There is no model file {value} and no bundled model of that name "
        f"(bundled: {names})."
    )


def run_evaluate(args, term: Terminal) -> None:
    """Print a model's confusion matrix and accuracy on the test set."""
    path = resolve_model(args.model)
    network, meta = load_model(path)
    data = load_mnist(data_folder(args.data))
    result = evaluate(network, data.test_images, data.test_labels)

    term.say(f"{meta.get('name') or path.stem} on {result.total} MNIST test images")
    term.say("rows: true digit, columns: the network's guess")
    for line in confusion_lines(result.confusion):
        term.say(line)
    term.say(f"accuracy: {result.accuracy:.4f} ({result.correct}/{result.total})")


def confusion_lines(confusion: np.ndarray) -> list[str]:
    """Return a labelled text table of a (10, 10) confusion matrix."""
    width = max(len(str(int(confusion.max()))), 4) + 1
    head = "true |" + "".join(f"{d:>{width}}" for d in range(10))
    lines = [head, "-" * 5 + "+" + "-" * (len(head) - 6)]
    for digit, row in enumerate(confusion):
        cells = "".join(f"{int(n):>{width}}" for n in row)
        lines.append(f"{digit:>4} |{cells}")
    return lines


def run_predict(args, term: Terminal) -> None:
    """Print the digit a model reads in an image and all ten probabilities."""
    network, _ = load_model(resolve_model(args.model))
    stages = preprocess_image(read_ink(args.image, args.read_picture))
    if stages is None:
        raise CliError(f"{args.image} looks blank; there is no digit to read.")
    p = network.predict_proba(stages.input[None])[0]

    digit = int(p.argmax())
    term.say(f"digit: {digit} ({p[digit]:.1%} sure)")
    for d, prob in enumerate(p):
        term.say(f"{d}: {prob:.4f} {'#' * round(float(prob) * 40)}".rstrip())


def read_ink(path: Path, read_picture) -> np.ndarray:
    """Return the ink of a PNG or JPEG image as float32 (h, w) in 0..1.

    read_picture(path) decodes the file to RGBA (h, w, 4) in 0..1; the
    caller supplies it, because decoding pictures takes Qt, which the
    engine never imports.
    """
    if not path.is_file():
        raise CliError(f"The image {path} does not exist.")
    if read_picture is None:
        raise CliError("Reading pictures needs the window's libraries; run digit-lens.")
    try:
        rgba = read_picture(path)
    except ValueError as error:
        raise CliError(f"Could not read {path} as a PNG or JPEG image.") from error
    return ink_from_rgba(rgba)


def run_download(args, term: Terminal) -> None:
    """Download MNIST with a progress bar."""

    def progress(done: int, total: int, name: str) -> None:
        if done == 0:
            term.restart()
        if total:
            term.progress(done / total, f"{name} {_size(done)} of {_size(total)}")
        if total and done == total:
            term.say(f"fetched {name}.gz ({_size(total)})")

    dest = download_mnist(args.to, progress=progress)
    term.say(f"MNIST is ready in {dest}")


def _size(n_bytes: int) -> str:
    if n_bytes >= 1e6:
        return f"{n_bytes / 1e6:.1f} MB"
    return f"{n_bytes / 1e3:.0f} kB"


def run_import(args, term: Terminal) -> None:
    """Copy MNIST from a folder into the data folder."""
    dest = import_mnist(args.source, args.to)
    term.say(f"MNIST is ready in {dest}")


def _silence_stdout() -> None:
    # Python flushes stdout again on exit; point it at nothing first.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _os_sentence(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}."


if __name__ == "__main__":
    sys.exit(main())
