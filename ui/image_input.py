"""Read a picture of a digit as ink: 1 where the pen was, 0 elsewhere."""

import numpy as np
from PySide6.QtGui import QImage

# A border brighter than this means dark ink on light paper.
_BRIGHT_BORDER = 0.5


class ImageError(Exception):
    """A picture that cannot be read; str() is one plain sentence."""


def to_gray(image: QImage) -> np.ndarray:
    """Return image as a float32 (h, w) array of brightness in 0..1."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, stride = gray.height(), gray.width(), gray.bytesPerLine()
    buffer = np.frombuffer(gray.constBits(), dtype=np.uint8, count=h * stride)
    return buffer.reshape(h, stride)[:, :w].astype(np.float32) / 255.0


def to_ink(gray: np.ndarray) -> np.ndarray:
    """Return gray as ink, inverting black-on-white pictures."""
    border = np.concatenate((gray[0], gray[-1], gray[:, 0], gray[:, -1]))
    if np.median(border) > _BRIGHT_BORDER:
        return 1.0 - gray
    return gray


def read_ink(path: str) -> np.ndarray:
    """Return the picture at path as ink (h, w) float32 in 0..1."""
    image = QImage(str(path))
    if image.isNull():
        raise ImageError(f"{path} is not a picture Digit Lens can read.")
    return to_ink(to_gray(image))


def ink_to_image(ink: np.ndarray) -> QImage:
    """Return ink (h, w) in 0..1 as a white-on-black grayscale QImage."""
    pixels = np.ascontiguousarray(np.clip(ink, 0, 1) * 255, dtype=np.uint8)
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8)
    return image.copy()
