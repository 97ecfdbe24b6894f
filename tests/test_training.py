import numpy as np
import pytest

from engine.network import Network
from engine.training import (
    BatchReport,
    Diverged,
    EpochReport,
    TrainingConfig,
    evaluate,
    learning_rate_at,
    stuck_units,
    train,
)


@pytest.fixture(scope="module")
def toy():
    """Return a small learnable problem: the class is where a blob of ink sits."""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 600)
    images = rng.random((600, 784), dtype=np.float32) * 0.1
    for i, label in enumerate(labels):
        images[i, label * 78 : label * 78 + 40] += 0.9
    return images, labels


def _run(config, images, labels, **kwargs):
    net = config.create_network()
    reports = list(train(net, images, labels, config, **kwargs))
    return net, reports


def test_training_learns_and_reports(toy):
    images, labels = toy
    config = TrainingConfig(
        hidden=(16,), epochs=3, batch_size=50, augment=False, learning_rate=0.01
    )
    net, reports = _run(config, images, labels, val_images=images, val_labels=labels)

    batches = [r for r in reports if isinstance(r, BatchReport)]
    epochs = [r for r in reports if isinstance(r, EpochReport)]
    assert len(batches) == 3 * 12 and len(epochs) == 3
    assert batches[-1].loss < batches[0].loss
    assert epochs[-1].val_accuracy > 0.95
    assert len(batches[0].grad_norms) == 2 and len(batches[0].stuck_share) == 1
    assert all(np.isfinite(r.grad_norms).all() for r in batches)
    assert evaluate(net, images, labels).accuracy == epochs[-1].val_accuracy


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_runs_are_reproducible(toy, optimizer):
    images, labels = toy
    config = TrainingConfig(hidden=(8,), epochs=1, optimizer=optimizer, l2=1e-4)
    a, _ = _run(config, images, labels)
    b, _ = _run(config, images, labels)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa, wb)
        assert wa.dtype == np.float32


def test_stopping_between_batches_leaves_a_usable_network(toy):
    images, labels = toy
    config = TrainingConfig(hidden=(8,), epochs=5, batch_size=100)
    net = config.create_network()
    run = train(net, images, labels, config)
    first = next(run)
    before = [w.copy() for w in net.weights]
    run.close()
    assert isinstance(first, BatchReport) and first.batch == 0
    for w, old in zip(net.weights, before):
        np.testing.assert_array_equal(w, old)


def test_diverging_run_stops_with_message_and_finite_weights(toy):
    images, labels = toy
    config = TrainingConfig(
        hidden=(32, 32), optimizer="sgd", learning_rate=1e4, epochs=3, augment=False
    )
    net, reports = _run(config, images, labels)
    assert isinstance(reports[-1], Diverged)
    assert "lower learning rate" in reports[-1].message
    assert all(np.isfinite(p).all() for p in net.weights + net.biases)


def test_cosine_schedule_decays_to_zero():
    config = TrainingConfig(learning_rate=0.1)
    assert learning_rate_at(config, 0, 100) == pytest.approx(0.1)
    assert learning_rate_at(config, 50, 100) == pytest.approx(0.05)
    assert learning_rate_at(config, 100, 100) == pytest.approx(0.0)


def test_stuck_units_counts_dead_relus():
    net = Network.create([4, 3, 10], "relu")
    z = np.array([[-1.0, 2.0, -3.0], [-2.0, -1.0, -0.5]], np.float32)
    share = stuck_units([net.activation.derivative(z)], 1.0)
    assert share == [pytest.approx(2 / 3)]


def test_evaluate_builds_a_confusion_matrix():
    net = Network.create([784, 10], "relu", seed=0)
    images = np.random.default_rng(0).random((30, 784), dtype=np.float32)
    labels = np.arange(30) % 10
    ev = evaluate(net, images, labels, batch_size=7)
    assert ev.confusion.sum() == 30
    np.testing.assert_array_equal(ev.confusion.sum(axis=1), np.full(10, 3))
    assert ev.correct == int((ev.predictions == labels).sum())
