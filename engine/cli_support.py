"""What every command-line command shares: output, errors, argument types.

The progress bar is redrawn in place with a carriage return, and only on a
terminal; redirected output gets the plain lines alone, so logs stay readable.
"""

import argparse
import io
import shutil
import sys
import time
from pathlib import Path
from typing import TextIO

from engine.mnist import FETCH_HINT
from engine.paths import default_data_dir, find_mnist

BAR_WIDTH = 24
APP = "digit-lens"
# Redrawing more often than this only costs time.
REDRAW_SECONDS = 0.1


class CliError(Exception):
    """A command cannot go on; str() is one sentence for the user."""


def positive_int(text: str) -> int:
    """Return text as an integer of at least 1, for argparse."""
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def positive_float(text: str) -> float:
    """Return text as a number above 0, for argparse."""
    value = _number(text, float)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number above 0")
    return value


def non_negative_float(text: str) -> float:
    """Return text as a number of at least 0, for argparse."""
    value = _number(text, float)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number of 0 or more")
    return value


def _number(text: str, kind: type):
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text} is not a number") from None


def data_folder(given: Path | None) -> Path:
    """Return the MNIST folder given on the command line, or the default one."""
    if given is not None:
        return given
    found = find_mnist()
    if found is None:
        raise CliError(f"No MNIST data in {default_data_dir()}; {FETCH_HINT}.")
    return found


def format_duration(seconds: float) -> str:
    """Return seconds as m:ss, or h:mm:ss from one hour on."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def bar_text(fraction: float, label: str, eta: float | None) -> str:
    """Return one bar line: [=====>    ]  42% label  ETA 1:05."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = int(fraction * BAR_WIDTH)
    head = ">" if filled < BAR_WIDTH else ""
    bar = ("=" * filled + head).ljust(BAR_WIDTH)
    text = f"[{bar}] {fraction:4.0%} {label}"
    if eta is not None:
        text += f"  ETA {format_duration(eta)}"
    return text


class Terminal:
    """Write result lines to out and a live progress bar to err."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None):
        # A windowed launcher on Windows gives no console: streams are None.
        self.out = out or sys.stdout or io.StringIO()
        self.err = err or sys.stderr or io.StringIO()
        self.live = _is_tty(self.err)
        self._shown = 0
        self._last_draw = 0.0
        self._start = time.monotonic()

    def say(self, text: str = "") -> None:
        """Write one line of output, clearing the bar first."""
        self.clear()
        self.out.write(text + "\n")
        self.out.flush()

    def warn(self, text: str) -> None:
        """Write one line to the error stream."""
        self.clear()
        self.err.write(text + "\n")
        self.err.flush()

    def restart(self) -> None:
        """Start timing a new task for the ETA."""
        self._start = time.monotonic()

    def progress(self, fraction: float, label: str) -> None:
        """Redraw the bar at fraction (0..1) of the task, with an ETA."""
        now = time.monotonic()
        if not self.live or now - self._last_draw < REDRAW_SECONDS:
            return
        self._last_draw = now
        elapsed = now - self._start
        eta = elapsed * (1 - fraction) / fraction if fraction > 0.001 else None
        line = bar_text(fraction, label, eta)[: _columns() - 1]
        self.err.write("\r" + line.ljust(self._shown))
        self.err.flush()
        self._shown = len(line)

    def clear(self) -> None:
        """Remove the bar, if one is drawn."""
        if self._shown:
            self.err.write("\r" + " " * self._shown + "\r")
            self.err.flush()
            self._shown = 0
            self._last_draw = 0.0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    return shutil.get_terminal_size((80, 24)).columns
