"""Read a picture of a digit as ink: 1 where the pen was, 0 elsewhere."""

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from engine.ink import ink_from_rgba


class ImageError(ValueError):
    """A picture that cannot be read; str() is one plain sentence."""


def read_rgba(path) -> np.ndarray:
    """Return the picture at path as RGBA float32 (h, w, 4) in 0..1."""
    image = QImage(str(path))
    if image.isNull():
        raise ImageError(f"{Path(path).name} is not a picture Digit Lens can read.")
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8, count=h * stride)
    rgba = pixels.reshape(h, stride)[:, : 4 * w].reshape(h, w, 4)
    return rgba.astype(np.float32) / 255


def read_ink(path) -> np.ndarray:
    """Return the picture at path as ink (h, w) float32 in 0..1."""
    return ink_from_rgba(read_rgba(path))


def ink_to_image(ink: np.ndarray) -> QImage:
    """Return ink (h, w) in 0..1 as a white-on-black grayscale QImage."""
    pixels = np.ascontiguousarray(np.clip(ink, 0, 1) * 255, dtype=np.uint8)
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8)
    return image.copy()
