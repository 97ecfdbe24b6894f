"""Render the Digit Lens icon SVGs to the PNG sizes a desktop theme asks for.

The PNGs are committed beside the SVGs, so the app can set its window icon
without QtSvg and the package build needs no renderer. Run this again after
editing an SVG: `python packaging/make_icons.py`.
"""

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
# Below this size the full drawing turns to mush, so a simpler one is used.
SMALL_LIMIT = 24


def source_for(size: int) -> Path:
    """Return the SVG drawn for an icon of this many pixels."""
    name = "digit-lens-small.svg" if size <= SMALL_LIMIT else "digit-lens.svg"
    return ICON_DIR / name


def png_path(size: int) -> Path:
    """Return where the PNG of this size lives."""
    return ICON_DIR / f"digit-lens-{size}.png"


def render(svg: Path, size: int, out: Path) -> None:
    """Draw one SVG into a transparent square PNG of the given size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)

    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()

    if not image.save(str(out), "PNG"):
        raise SystemExit(f"Could not write {out}.")


def main() -> None:
    """Render every size and say where each went."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    for size in SIZES:
        render(source_for(size), size, png_path(size))
        print(f"{png_path(size).relative_to(ICON_DIR.parents[1])}")
    app.quit()


if __name__ == "__main__":
    main()
