import numpy as np
import pytest

from engine.activations import ACTIVATIONS
from engine.network import Network, cross_entropy, softmax

SIZES = [12, 7, 5, 10]


def _float64_copy(net: Network) -> Network:
    rng = np.random.default_rng(3)
    net.weights = [w.astype(np.float64) for w in net.weights]
    net.biases = [rng.normal(0, 0.3, b.shape) for b in net.biases]
    return net


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_gradients_match_finite_differences(name):
    net = _float64_copy(Network.create(SIZES, name, seed=1))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, SIZES[0]))
    y = rng.integers(0, 10, 6)
    _, grad_w, grad_b, _ = net.gradients(x, y)

    h = 1e-6
    for params, grads in ((net.weights, grad_w), (net.biases, grad_b)):
        for p, g in zip(params, grads, strict=True):
            numeric = np.zeros_like(p)
            for i in np.ndindex(p.shape):
                old = p[i]
                p[i] = old + h
                up = cross_entropy(net.logits(x), y)
                p[i] = old - h
                down = cross_entropy(net.logits(x), y)
                p[i] = old
                numeric[i] = (up - down) / (2 * h)
            np.testing.assert_allclose(g, numeric, rtol=1e-4, atol=1e-8)


def test_forward_returns_every_layer_in_float32():
    net = Network.create([784, 32, 16, 10], "sigmoid", seed=0)
    x = np.random.default_rng(0).random((3, 784))
    trace = net.forward(x)
    assert [z.shape for z in trace.zs] == [(3, 32), (3, 16), (3, 10)]
    assert [a.shape[1] for a in trace.activations] == [784, 32, 16, 10]
    assert all(a.dtype == np.float32 for a in trace.zs + trace.activations)
    np.testing.assert_allclose(trace.probabilities.sum(axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(
        trace.activations[1], 1 / (1 + np.exp(-trace.zs[0])), rtol=1e-5
    )


def test_predict_agrees_with_forward():
    net = Network.create([784, 20, 10], "relu", seed=2)
    x = np.random.default_rng(1).random((50, 784), dtype=np.float32)
    trace = net.forward(x)
    np.testing.assert_array_equal(net.predict(x), trace.probabilities.argmax(1))
    np.testing.assert_allclose(net.predict_proba(x), trace.probabilities, rtol=1e-5)


def test_softmax_and_loss_are_stable_for_huge_logits():
    z = np.array([[1e4, 0, -1e4], [0, 0, 0]], dtype=np.float32)
    p = softmax(z)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p[0], [1, 0, 0])
    assert cross_entropy(z, np.array([0, 1])) == pytest.approx(np.log(3) / 2)


def test_initialisation_depends_on_activation_and_seed():
    relu = Network.create([784, 100, 10], "relu", seed=0)
    sig = Network.create([784, 100, 10], "sigmoid", seed=0)
    assert relu.weights[0].std() == pytest.approx(np.sqrt(2 / 784), rel=0.05)
    assert sig.weights[0].std() == pytest.approx(np.sqrt(2 / 884), rel=0.05)
    again = Network.create([784, 100, 10], "relu", seed=0)
    np.testing.assert_array_equal(relu.weights[0], again.weights[0])


def test_copy_is_independent():
    net = Network.create([784, 8, 10], "tanh", seed=0)
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]
