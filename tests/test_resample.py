"""Resampling and pen primitives: exact area averages, shifts and pen ink."""

import numpy as np
import pytest

from engine.resample import area_average, centre_of_mass, shift_into
from engine.strokes import decimate, render, to_segments


@pytest.mark.parametrize(
    ("n_in", "n_out"), [(7, 3), (250, 20), (13, 20), (1, 20), (20, 20)]
)
@pytest.mark.parametrize("axis", [0, 1])
def test_area_average_equals_the_mean_of_a_fine_copy(n_in, n_out, axis):
    # Repeating every pixel n_out times and averaging blocks of n_in is the
    # area average, for any ratio.
    rng = np.random.default_rng(n_in * 31 + n_out)
    image = np.moveaxis(rng.random((n_in, 5)), 0, axis)
    fine = np.repeat(image, n_out, axis=axis)
    blocks = np.moveaxis(fine, axis, 0).reshape(n_out, n_in, 5).mean(axis=1)
    expected = np.moveaxis(blocks, 0, axis)
    np.testing.assert_allclose(area_average(image, n_out, axis), expected, atol=1e-6)


def test_area_average_keeps_constant_images_constant():
    out = area_average(np.full((37, 11), 0.7), 20, 0)
    np.testing.assert_allclose(out, 0.7, rtol=1e-6)


@pytest.mark.parametrize("offset", [0.0, 2.25, 5.5, 7.999])
def test_shift_keeps_ink_and_moves_the_centre_by_the_offset(offset):
    image = np.random.default_rng(1).random((20, 9)).astype(np.float32)
    out = shift_into(image, 28, offset, 0)
    assert out.shape == (28, 9)
    assert out.sum() == pytest.approx(image.sum(), rel=1e-5)
    shift = centre_of_mass(out)[0] - centre_of_mass(image)[0]
    assert shift == pytest.approx(offset, abs=1e-4)


def test_shift_never_pushes_ink_out_of_the_frame():
    image = np.ones((20, 3), dtype=np.float32)
    assert shift_into(image, 28, 50.0, 0).sum() == pytest.approx(60.0)
    assert shift_into(image, 28, -5.0, 0).sum() == pytest.approx(60.0)


def test_centre_of_mass_of_an_empty_image_is_its_middle():
    assert centre_of_mass(np.zeros((28, 28))) == (13.5, 13.5)


def test_decimate_thins_a_dense_path_but_keeps_ends_and_corners():
    down = np.column_stack((np.zeros(101), np.linspace(0, 10, 101)))
    across = np.column_stack((np.linspace(0, 10, 101), np.full(101, 10.0)))[1:]
    path = np.concatenate((down, across))  # an L with its corner at (0, 10)
    kept = decimate(path, 1.0)
    assert len(kept) <= 25
    for point in ([0, 0], [0, 10], [10, 10]):
        assert (np.abs(kept - point).sum(axis=1) < 1e-9).any()


@pytest.mark.parametrize("radius", [0.8, 1.22, 2.0])
def test_pen_ink_per_unit_length_is_its_width(radius):
    # A long diagonal line, far from the ends: ink per unit length = 2r.
    line = np.array([[3.0, 5.0], [60.0, 40.0]])
    image = render(to_segments([line]), (48, 64), radius)
    ink = image.sum() - np.pi * radius**2  # the two round caps
    length = np.hypot(57.0, 35.0)
    assert ink / length == pytest.approx(2 * radius, rel=0.03)
    assert image.max() == pytest.approx(1.0)


def test_a_dot_is_a_round_spot():
    image = render(to_segments([np.array([[10.0, 10.0]])]), (21, 21), 3.0)
    assert image.sum() == pytest.approx(np.pi * 9, rel=0.03)
    assert centre_of_mass(image) == pytest.approx((10.0, 10.0), abs=1e-6)
