"""Preprocessing: drawings of any size, place and brush become MNIST-like input."""

import warnings

import numpy as np
import pytest
from drawn_digits import STYLES, brush, draw_digit, random_digit

from engine.mnist import load_mnist
from engine.preprocess import (
    PREPROCESSING_VERSION,
    preprocess_image,
    preprocess_strokes,
)
from engine.resample import centre_of_mass

CANVAS = (280, 280)


def stroke_width(images: np.ndarray) -> np.ndarray:
    """Return each image's mean stroke width: 2 * ink / total variation.

    By the co-area formula the total variation is the mean length of the
    ink's outline, about twice the stroke length for long thin strokes.
    """
    dx = np.diff(images, axis=2)[:, :-1, :]
    dy = np.diff(images, axis=1)[:, :, :-1]
    outline = np.sqrt(dx**2 + dy**2).sum(axis=(1, 2))
    return 2 * images.sum(axis=(1, 2)) / outline


def random_drawings(n_per_digit: int, seed: int) -> list[list[np.ndarray]]:
    """Return random mouse drawings of every digit."""
    rng = np.random.default_rng(seed)
    return [random_digit(d, rng)[0] for d in range(10) for _ in range(n_per_digit)]


@pytest.fixture(scope="module")
def mnist_test_images(mnist_dir) -> np.ndarray:
    """Return the MNIST test images as (n, 28, 28) float32."""
    return load_mnist(mnist_dir).test_images.reshape(-1, 28, 28)


@pytest.fixture(scope="module")
def rendered() -> np.ndarray:
    """Return 30 random drawings per digit through preprocess_strokes."""
    drawings = random_drawings(30, seed=7)
    return np.array([preprocess_strokes(s, CANVAS).centred for s in drawings])


def test_version_is_a_positive_integer():
    assert isinstance(PREPROCESSING_VERSION, int) and PREPROCESSING_VERSION >= 1


@pytest.mark.parametrize(
    "image", [np.zeros((50, 40)), np.zeros((0, 0)), np.full((9, 9), np.nan)]
)
def test_empty_image_gives_none(image):
    assert preprocess_image(image) is None


@pytest.mark.parametrize(
    "strokes", [[], [np.zeros((0, 2))], [np.array([[np.nan, 3.0], [4.0, np.inf]])]]
)
def test_no_strokes_give_none(strokes):
    assert preprocess_strokes(strokes, CANVAS) is None


def test_one_pixel_on_a_huge_canvas_is_centred_without_warnings():
    image = np.zeros((4000, 4000))
    image[3999, 17] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stages = preprocess_image(image)
    assert stages.input.shape == (784,) and stages.input.dtype == np.float32
    assert stages.centred.max() == pytest.approx(1.0)
    assert centre_of_mass(stages.centred) == pytest.approx((14.0, 14.0), abs=1e-4)


def test_image_stages_have_sane_shapes_and_ranges():
    rng = np.random.default_rng(0)
    canvas = brush(draw_digit(2, "plain", rng, 150, (100, 200)), CANVAS, 12.0)
    stages = preprocess_image(canvas)
    assert stages.drawn.shape == (280, 280)
    assert max(stages.scaled.shape) == 20
    assert stages.centred.shape == (28, 28)
    for image in (stages.drawn, stages.cropped, stages.scaled, stages.centred):
        assert image.dtype == np.float32
        assert 0.0 <= image.min() and image.max() <= 1.0
    # area averaging keeps ink in proportion to the area scale
    scale = stages.scaled.size / stages.cropped.size
    assert stages.scaled.sum() == pytest.approx(stages.cropped.sum() * scale, rel=1e-4)


def test_integer_and_overbright_images_count_as_full_ink():
    rng = np.random.default_rng(4)
    canvas = brush(draw_digit(4, "open", rng, 150, None), CANVAS, 12.0)
    reference = preprocess_image(canvas > 0.5).centred
    overbright = preprocess_image((canvas > 0.5) * np.uint8(255)).centred
    np.testing.assert_allclose(overbright, reference, atol=1e-6)


def test_mnist_centre_of_mass_is_the_target(mnist_test_images):
    # Measured: (14.00, 14.00) on the test set, (14.00, 14.01) on training.
    x = mnist_test_images
    mass = x.sum(axis=(1, 2))
    rows = (x.sum(axis=2) @ np.arange(28)) / mass
    cols = (x.sum(axis=1) @ np.arange(28)) / mass
    assert rows.mean() == pytest.approx(14.0, abs=0.05)
    assert cols.mean() == pytest.approx(14.0, abs=0.05)


@pytest.mark.parametrize("digit", range(10))
def test_image_centre_of_mass_lands_on_the_centre(digit):
    rng = np.random.default_rng(digit)
    strokes, _ = random_digit(digit, rng)
    stages = preprocess_image(brush(strokes, CANVAS, rng.uniform(4, 24)))
    assert centre_of_mass(stages.centred) == pytest.approx((14.0, 14.0), abs=0.1)


@pytest.mark.parametrize("digit", range(10))
def test_strokes_centre_of_mass_lands_on_the_centre(digit):
    rng = np.random.default_rng(digit)
    strokes, _ = random_digit(digit, rng)
    centred = preprocess_strokes(strokes, CANVAS).centred
    assert centre_of_mass(centred) == pytest.approx((14.0, 14.0), abs=0.1)


def test_strokes_stages_have_sane_shapes_and_ranges():
    rng = np.random.default_rng(3)
    stages = preprocess_strokes(draw_digit(5, "bar", rng, 120, (60, 200)), CANVAS)
    assert stages.drawn.shape == (112, 112)
    assert 0 < stages.cropped.shape[0] <= 112 and 0 < stages.cropped.shape[1] <= 112
    assert stages.cropped.sum() == stages.drawn.sum()
    assert stages.scaled.shape == stages.centred.shape == (28, 28)
    assert stages.input.shape == (784,) and stages.input.dtype == np.float32
    for image in (stages.drawn, stages.scaled, stages.centred):
        assert image.dtype == np.float32
        assert 0.0 <= image.min() and image.max() <= 1.0


def test_ink_box_matches_mnist_size(rendered):
    rows = rendered.max(axis=2) > 0
    cols = rendered.max(axis=1) > 0
    height = rows.sum(axis=1)
    width = cols.sum(axis=1)
    # MNIST: 20 px on the longer side. Here the soft edge may add one, and
    # thinning the mouse path may cut an extreme point by a fraction.
    longer = np.maximum(height, width)
    assert set(longer) <= {19, 20, 21} and np.median(longer) == 20


def test_stroke_width_matches_mnist(rendered, mnist_test_images):
    # Measured median: MNIST 2.36 (train) and 2.40 (test); drawings 2.35.
    ours = np.median(stroke_width(rendered))
    theirs = np.median(stroke_width(mnist_test_images))
    assert ours == pytest.approx(theirs, rel=0.05)


def test_mean_ink_is_close_to_mnist(rendered, mnist_test_images):
    # Measured: MNIST 0.133 (test), drawings 0.119; the templates draw
    # fewer curls than real handwriting, hence the wider tolerance.
    assert rendered.mean() == pytest.approx(mnist_test_images.mean(), rel=0.15)


def same_drawing(digit: int, style: str, size: float, offset) -> list[np.ndarray]:
    """Return one fixed drawing of digit at the given size and place."""
    rng = np.random.default_rng(1)
    return draw_digit(digit, style, rng, size, offset, 0.03, 0.1, CANVAS)


def all_styles():
    """Return every (digit, style) pair of the templates."""
    return [(d, s) for d in range(10) for s in STYLES[d]]


@pytest.mark.parametrize(("digit", "style"), all_styles())
def test_place_on_the_canvas_does_not_matter(digit, style):
    # Measured over all styles: strokes max 0.26 / L2 0.92, image max 0.40 /
    # L2 1.30 (mouse positions round differently); a digit's L2 norm is ~9.
    a = same_drawing(digit, style, 100, (60.3, 58.7))
    b = same_drawing(digit, style, 100, (216.6, 221.2))
    sa = preprocess_strokes(a, CANVAS).centred
    sb = preprocess_strokes(b, CANVAS).centred
    assert np.abs(sa - sb).max() < 0.35 and np.linalg.norm(sa - sb) < 1.2
    ia = preprocess_image(brush(a, CANVAS, 10.0)).centred
    ib = preprocess_image(brush(b, CANVAS, 10.0)).centred
    assert np.abs(ia - ib).max() < 0.6 and np.linalg.norm(ia - ib) < 1.6


@pytest.mark.parametrize(("digit", "style"), all_styles())
def test_size_of_the_drawing_does_not_change_stroke_weight(digit, style):
    # Measured over all styles: ink ratio 0.99..1.03, L2 0.63..1.39.
    small = preprocess_strokes(same_drawing(digit, style, 40, None), CANVAS)
    large = preprocess_strokes(same_drawing(digit, style, 250, None), CANVAS)
    assert small.centred.sum() == pytest.approx(large.centred.sum(), rel=0.06)
    assert np.linalg.norm(small.centred - large.centred) < 1.6


def test_brush_and_size_change_the_image_path_but_not_the_stroke_path():
    # Painted with one brush, a small drawing ends up four times as heavy
    # after scaling; this is why the window feeds strokes, not pixels.
    small = same_drawing(8, "one_stroke", 40, None)
    large = same_drawing(8, "one_stroke", 250, None)
    painted = [preprocess_image(brush(s, CANVAS, 12.0)).centred for s in (small, large)]
    traced = [preprocess_strokes(s, CANVAS).centred for s in (small, large)]
    assert painted[0].sum() > 2 * painted[1].sum()
    assert traced[0].sum() == pytest.approx(traced[1].sum(), rel=0.06)


@pytest.mark.parametrize("factor", [3, 8])
def test_mouse_speed_does_not_matter(factor):
    # A slow mouse reports many close points, a fast one few far apart.
    strokes = same_drawing(6, "curved", 200, None)
    dense = [densify(s, factor) for s in strokes]
    a = preprocess_strokes(strokes, CANVAS).centred
    b = preprocess_strokes(dense, CANVAS).centred
    assert np.linalg.norm(a - b) < 0.6


def densify(points: np.ndarray, factor: int) -> np.ndarray:
    """Return the polyline with `factor` points per original segment."""
    t = np.arange((len(points) - 1) * factor + 1) / factor
    at = np.arange(len(points))
    return np.column_stack([np.interp(t, at, points[:, k]) for k in range(2)])


def check_valid(stages) -> np.ndarray:
    """Assert the stages are a finite, non-empty 28x28 input; return it."""
    centred = stages.centred
    assert np.isfinite(centred).all() and centred.sum() > 1.0
    assert 0.0 <= centred.min() and centred.max() <= 1.0
    assert centre_of_mass(centred) == pytest.approx((14.0, 14.0), abs=0.1)
    return centred


def test_straight_vertical_one_is_a_tall_thin_line():
    centred = check_valid(
        preprocess_strokes([np.array([[100.0, 20], [100, 230]])], CANVAS)
    )
    assert (centred.max(axis=1) > 0).sum() in (20, 21)
    assert (centred.max(axis=0) > 0).sum() <= 4


def test_single_click_is_a_dot_and_repeated_points_are_the_same_dot():
    click = check_valid(preprocess_strokes([np.array([[50.0, 60.0]])], CANVAS))
    held = preprocess_strokes([np.full((30, 2), 7.0)], CANVAS).centred
    assert (click.max(axis=0) > 0).sum() <= 4
    np.testing.assert_allclose(held, click)


def test_a_click_that_wobbled_a_pixel_stays_small():
    wobble = preprocess_strokes([np.array([[50.0, 60.0], [51.0, 60.0]])], CANVAS)
    assert (check_valid(wobble).max(axis=0) > 0).sum() <= 8


def test_bad_points_are_skipped():
    stroke = np.array([[10.0, 10], [np.nan, 50], [10, 200], [np.inf, 0], [90, 200]])
    with_bad = check_valid(preprocess_strokes([stroke], CANVAS))
    without = preprocess_strokes([stroke[np.isfinite(stroke).all(axis=1)]], CANVAS)
    np.testing.assert_allclose(with_bad, without.centred)


def test_far_away_and_off_canvas_points_stay_finite():
    strokes = [np.array([[-1e6, 3e6], [2e6, -5e5]]), np.array([[1e6, 1e6]])]
    check_valid(preprocess_strokes(strokes, CANVAS))
