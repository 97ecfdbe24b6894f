import numpy as np

from engine.augment import Augmentation, augment_batch


def _digit_batch():
    x = np.zeros((4, 28, 28), np.float32)
    x[:, 6:22, 12:16] = 1.0  # a thick vertical bar, a "1"
    return x.reshape(4, 784)


def test_output_shape_dtype_and_range():
    out = augment_batch(_digit_batch(), np.random.default_rng(0))
    assert out.shape == (4, 784) and out.dtype == np.float32
    assert out.min() >= 0 and out.max() <= 1


def test_no_distortion_returns_the_input():
    none = Augmentation(shift=0, rotation=0, scale=(1, 1), shear=0, thickness=0)
    x = _digit_batch()
    np.testing.assert_allclose(augment_batch(x, np.random.default_rng(0), none), x)


def test_pure_shift_moves_the_ink():
    spec = Augmentation(shift=2, rotation=0, scale=(1, 1), shear=0, thickness=0)
    x = _digit_batch()
    out = augment_batch(x, np.random.default_rng(1), spec).reshape(4, 28, 28)
    cols = np.arange(28)
    centres = (out.sum(axis=1) * cols).sum(axis=1) / out.sum(axis=(1, 2))
    assert np.all(np.abs(centres - 13.5) <= 2.01)
    assert np.ptp(centres) > 0.1
    np.testing.assert_allclose(out.sum(axis=(1, 2)), 64, rtol=1e-4)


def test_thickness_change_grows_and_shrinks_ink():
    spec = Augmentation(shift=0, rotation=0, scale=(1, 1), shear=0, thickness=1)
    x = _digit_batch()
    out = augment_batch(np.repeat(x, 50, 0), np.random.default_rng(2), spec)
    ink = out.sum(axis=1)
    assert ink.max() > 70 and ink.min() < 50


def test_same_seed_same_distortion():
    x = _digit_batch()
    a = augment_batch(x, np.random.default_rng(5))
    b = augment_batch(x, np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)
