"""Start Digit Lens: the window, or a command-line command when one is named."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command named in argv, or open the window with argv's options."""
    argv = sys.argv if argv is None else argv
    first = argv[1] if len(argv) > 1 else ""

    from engine import cli

    if first in cli.SUBCOMMANDS or first in ("-h", "--help"):
        return cli.main(argv[1:])

    # Imported only here: the commands above must work without the window.
    from ui import app

    return app.run(argv)


if __name__ == "__main__":
    sys.exit(main())
