"""Score models on synthetic mouse-drawn digits, the way the window feeds them.

Draws random digits from the templates in tests/drawn_digits.py at 10% to 95%
of a 280x280 canvas, anywhere on it, slanted and wobbly, and prints each
model's accuracy per digit, per size and overall. With no model given, it
scores every resources/models/*.npz.

    python benchmarks/bench_drawn_digits.py [model.npz ...] [--n 100]
        [--seed 0] [--jitter 0.03] [--through strokes|image|both]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from drawn_digits import drawn_digit_accuracy  # noqa: E402

from engine.model_file import ModelFileError, load_model  # noqa: E402


def parse_args() -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--n", type=int, default=100, help="drawings per digit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jitter", type=float, default=0.03, help="0.03 neat, 0.08 sloppy"
    )
    parser.add_argument(
        "--through", choices=["strokes", "image", "both"], default="strokes"
    )
    return parser.parse_args()


def report(path: Path, through: str, args: argparse.Namespace) -> None:
    """Print one model's scores on drawn digits."""
    try:
        network, meta = load_model(path)
    except ModelFileError as error:
        print(f"{path.name}: {error}")
        return
    start = time.perf_counter()
    n = args.n
    score = drawn_digit_accuracy(network, n, args.seed, through, args.jitter)
    seconds = time.perf_counter() - start
    mnist = meta.get("test_accuracy")
    mnist_text = f"{mnist:.2%}" if isinstance(mnist, float) else "unknown"

    head = f"{path.name} via {through}: {score.accuracy:.2%}"
    tail = f"on {10 * n} drawings ({seconds:.1f} s); MNIST test {mnist_text}"
    print(f"\n{head} {tail}")
    print(
        "  per digit: "
        + "  ".join(f"{d}:{a:.0%}" for d, a in enumerate(score.per_digit))
    )
    sizes = [
        f"{low:.0%}-{high:.0%}: {acc:.1%} (n={count})"
        for low, high, acc, count in score.per_size
    ]
    print("  per size:  " + "   ".join(sizes))
    worst = sorted(_mistakes(score.confusion), reverse=True)[:3]
    print("  top mistakes: " + ", ".join(f"{d} read as {g} x{c}" for c, d, g in worst))


def _mistakes(confusion) -> list[tuple[int, int, int]]:
    """Return (count, drawn, guessed) for every off-diagonal cell."""
    return [
        (int(confusion[d, g]), d, g)
        for d in range(10)
        for g in range(10)
        if d != g and confusion[d, g]
    ]


def main() -> None:
    """Score the given models, or every bundled one."""
    args = parse_args()
    models = args.models or sorted((ROOT / "resources" / "models").glob("*.npz"))
    if not models:
        print("No models given and none in resources/models; nothing to score.")
        return
    paths = ["strokes", "image"] if args.through == "both" else [args.through]
    for path in models:
        for through in paths:
            report(path, through, args)


if __name__ == "__main__":
    main()
