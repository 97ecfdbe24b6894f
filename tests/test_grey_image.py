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
