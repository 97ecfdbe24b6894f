import warnings

import numpy as np
import pytest

from engine.activations import ACTIVATIONS, get

NAMES = list(ACTIVATIONS)


@pytest.mark.parametrize("name", NAMES)
def test_float32_in_float32_out(name):
    a = get(name)
    z = np.linspace(-3, 3, 11, dtype=np.float32)
    assert a.value(z).dtype == np.float32
    assert a.derivative(z).dtype == np.float32


@pytest.mark.parametrize("name", NAMES)
def test_finite_and_silent_over_wide_range(name):
    a = get(name)
    z = np.concatenate(
        [np.linspace(-1e4, 1e4, 20001), [-1e4, -88.8, 88.8, 1e4]]
    ).astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, slope = a.value(z), a.derivative(z)
    assert np.isfinite(value).all()
    assert np.isfinite(slope).all()


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_finite_differences(name):
    a = get(name)
    # float64, and away from the kinks of ReLU-like functions at zero
    z = np.linspace(-6, 6, 241)
    z = z[np.abs(z) > 1e-3]
    h = 1e-6
    numeric = (a.value(z + h) - a.value(z - h)) / (2 * h)
    np.testing.assert_allclose(a.derivative(z), numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_values_stay_in_declared_range(name):
    a = get(name)
    low, high = a.output_range
    f = a.value(np.linspace(-50, 50, 10001))
    if low is not None:
        assert f.min() >= low - 1e-2
    if high is not None:
        assert f.max() <= high + 1e-6


@pytest.mark.parametrize("name", NAMES)
def test_registry_entries_explain_themselves(name):
    a = get(name)
    assert a.name == name
    assert a.display_name and a.formula and a.description.endswith(".")
    assert a.init in ("he", "glorot")


def test_required_activations_are_registered():
    required = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"}
    assert required | {"silu", "softplus", "identity"} <= set(ACTIVATIONS)


def test_unknown_name_gets_one_sentence():
    with pytest.raises(KeyError, match="Unknown activation 'swishy'"):
        get("swishy")


def test_known_values():
    z = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(get("sigmoid").value(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(get("relu").value(z), [0, 0, 2])
    np.testing.assert_allclose(get("softplus").value(z), np.log1p(np.exp(z)))
    np.testing.assert_allclose(get("elu").value(z), [np.expm1(-1), 0, 2])
