"""Grey pictures: values on the fixed scale 0..1, drawn as bytes."""

import numpy as np

from ui.grey_image import GreyImage, grey_bytes


def test_grey_bytes_use_the_fixed_scale():
    values = np.array([[0.0, 0.5, 1.0, 2.0, -1.0, np.nan, np.inf]], np.float32)
    assert grey_bytes(values).tolist() == [[0, 128, 255, 255, 0, 0, 255]]
    # a faint picture stays faint: nothing is stretched to its own maximum
    assert grey_bytes(np.full((2, 2), 0.1, np.float32)).max() == 26


def test_grey_image_keeps_the_values_and_fits_its_rect():
    image = GreyImage()
    values = np.random.default_rng(3).uniform(0, 1, (5, 7)).astype(np.float32)
    image.set_values(values)
    np.testing.assert_array_equal(image.values(), values)
    assert image.boundingRect().getRect() == (0, 0, 7, 5)


def painted(image: GreyImage, transform) -> np.ndarray:
    """Return the red channel of image painted through transform, 40x40."""
    from PySide6.QtGui import QImage, QPainter

    canvas = QImage(40, 40, QImage.Format.Format_RGB32)
    canvas.fill(0x808080)
    painter = QPainter(canvas)
    painter.setTransform(transform)
    image.paint(painter)
    painter.end()
    pixels = np.frombuffer(canvas.constBits(), np.uint8).reshape(40, 40, 4)
    return pixels[..., 2].copy()


def test_grey_image_paints_each_value_over_its_square():
    from PySide6.QtGui import QTransform

    image = GreyImage()
    image.set_values(np.array([[0.0, 1.0], [1.0, 0.0]], np.float32))
    red = painted(image, QTransform.fromScale(10, 10))
    assert red[5, 5] == 0 and red[5, 15] == 255 and red[15, 5] == 255
    assert red[15, 15] == 0 and red[25, 25] == 0x80  # outside: untouched
    # a view with y pointing up shows the first row at the bottom
    flipped = painted(image, QTransform(10, 0, 0, -10, 0, 20))
    assert flipped[15, 5] == 0 and flipped[5, 5] == 255


def test_grey_image_names_the_pixel_under_a_point():
    from PySide6.QtCore import QPointF, QRectF

    image = GreyImage()
    image.set_values(np.zeros((28, 28), np.float32))
    image.set_rect(QRectF(1.0, 2.0, 14.0, 14.0))
    assert image.pixel_at(QPointF(1.1, 2.1)) == (0, 0)
    assert image.pixel_at(QPointF(8.25, 15.9)) == (27, 14)
    assert image.pixel_at(QPointF(0.9, 5.0)) is None
    assert image.pixel_at(QPointF(5.0, 16.1)) is None
