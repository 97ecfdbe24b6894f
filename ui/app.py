"""Start the window: application set-up, command-line flags, screenshots."""

import argparse
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from ui import model_library, theme
from ui.settings import APPLICATION, ORGANISATION

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = QSize(1280, 720)


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Return the window's flags and the arguments left for Qt."""
    parser = argparse.ArgumentParser(
        prog="digit-lens", description="Draw a digit and watch a network read it."
    )
    parser.add_argument("--model", type=Path, help="open this .npz model file")
    parser.add_argument(
        "--screenshot", type=Path, metavar="PATH", help="save a PNG of the window, exit"
    )
    parser.add_argument(
        "--demo-digit",
        type=int,
        choices=range(10),
        metavar="N",
        help="draw the digit N on the canvas at start",
    )
    return parser.parse_known_args(argv[1:])


def create_application(qt_args: list[str]) -> QApplication:
    """Return the QApplication, named and following the system colour scheme."""
    app = QApplication.instance() or QApplication(["digit-lens", *qt_args])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("digit-lens")
    icon = model_library.resources_dir() / "icons" / "digit-lens.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    theme.apply_scheme(app)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: _restyle(app))
    return app


def _restyle(app: QApplication) -> None:
    theme.apply_scheme(app)
    for widget in app.topLevelWidgets():
        restyle = getattr(widget, "restyle", None)
        if restyle is not None:
            restyle()


def check_model(path: Path | None) -> str | None:
    """Return one sentence saying why path cannot be used, or None."""
    if path is None:
        return None
    from engine.model_file import ModelFileError, load_model

    try:
        load_model(path)
    except ModelFileError as error:
        return str(error)
    return None


def draw_demo(window, digit: int | None) -> None:
    """Draw the demo strokes of digit on the window's canvas, if given."""
    from ui.demo_strokes import digit_strokes

    if digit is None:
        return
    for stroke in digit_strokes(digit, window.canvas.canvas_size()):
        window.canvas.add_stroke(stroke)


def take_screenshot(window, path: Path, digit: int | None) -> bool:
    """Draw digit if given, render the window and save it to path as PNG."""
    app = QApplication.instance()
    app.processEvents()
    window.panels  # noqa: B018 - created now rather than on the next loop turn
    draw_demo(window, digit)
    window.recognizer.flush()
    app.processEvents()
    saved = window.grab().save(str(path), "PNG")
    if not saved:
        log.error("Could not write the screenshot to %s", path)
    return saved


def run(argv: list[str] | None = None) -> int:
    """Open the window and return the exit status."""
    argv = sys.argv if argv is None else argv
    args, qt_args = parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    problem = check_model(args.model)
    if problem:
        log.error(problem)
        return 1

    app = create_application(qt_args)
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    if args.screenshot:
        window = MainWindow(model_path=args.model)
        window.resize(SCREENSHOT_SIZE)
        window.show()
        return 0 if take_screenshot(window, args.screenshot, args.demo_digit) else 1
    window = MainWindow(open_settings(), model_path=args.model)
    window.show()
    if args.demo_digit is not None:
        # after the first frame, once the canvas has its final size
        QTimer.singleShot(0, lambda: draw_demo(window, args.demo_digit))
    close_on_interrupt(window)
    return app.exec()


def close_on_interrupt(window) -> None:
    """Close window (saving its settings) on Ctrl+C in the terminal."""
    signal.signal(signal.SIGINT, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes; a timer lets it in
    # while Qt's event loop waits.
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
