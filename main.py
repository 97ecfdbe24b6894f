"""Start Digit Lens: the window, or a command-line command when one is named."""

import os
import sys

# The first arguments that run a command instead of opening the window.
COMMANDS = ("train", "evaluate", "predict", "download", "import", "-h", "--help")


def main(argv: list[str] | None = None) -> int:
    """Run the command named in argv, or open the window with argv's options."""
    argv = sys.argv if argv is None else argv
    if len(argv) > 1 and argv[1] in COMMANDS:
        from engine import cli

        return cli.main(argv[1:], read_picture=_read_picture)

    # The window's matrices are small, and a second BLAS thread spinning
    # beside the GUI and training threads made both slower when measured
    # (benchmarks/bench_training_stall.py --blas-threads). Set before numpy
    # is first imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from ui import app

    return app.run(argv)


def _read_picture(path):
    # Pictures are decoded by Qt, which the engine never imports.
    from ui.image_input import read_rgba

    return read_rgba(path)


if __name__ == "__main__":
    sys.exit(main())
