"""A grid of small MNIST images with what each was and what was guessed."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

COLUMNS = 10
ZOOM = 2


def digit_pixmap(image: np.ndarray) -> QPixmap:
    """Return a (784,) image in 0..1 as a white-on-black pixmap, enlarged."""
    pixels = np.ascontiguousarray((np.clip(image, 0, 1) * 255).astype(np.uint8))
    qimage = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8)
    # copy() detaches the image from the numpy buffer before it is freed
    scaled = qimage.copy().scaled(28 * ZOOM, 28 * ZOOM)
    return QPixmap.fromImage(scaled)


class DigitGallery(QScrollArea):
    """Thumbnails captioned "7 → 1, 98 %": written digit, guess, confidence."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.title = QLabel()
        self.tiles: list[QWidget] = []
        self._inner = QWidget()
        self._grid = QGridLayout()
        layout = QVBoxLayout(self._inner)
        layout.addWidget(self.title)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.setWidget(self._inner)

    def show_digits(self, title: str, images, labels, guesses, confidences) -> None:
        """Replace the thumbnails with these images and their captions."""
        self.title.setText(title)
        for tile in self.tiles:
            # hidden and out of the grid now; deleted once the loop is idle
            tile.hide()
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for i, image in enumerate(images):
            tile = self._tile(image, labels[i], guesses[i], confidences[i])
            self._grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles.append(tile)

    def _tile(self, image, label: int, guess: int, confidence: float) -> QWidget:
        tile = QWidget()
        picture = QLabel()
        picture.setPixmap(digit_pixmap(image))
        text = QLabel(f"{label} → {guess}, {confidence:.0%}")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        tile.setToolTip(
            f"Written {label}; the network said {guess} with {confidence:.0%} "
            "confidence."
        )
        return tile
