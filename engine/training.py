"""Mini-batch training that reports after every batch and every epoch.

`train` is a generator: the caller drives it, so pausing is simply not
asking for the next report and stopping is closing the generator. The
network is updated in place.
"""

import math
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import numpy as np

from engine.augment import augment_batch
from engine.network import Network, cross_entropy
from engine.optimizers import make_optimizer

Array = np.ndarray
# How often (in batches) the last good weights are remembered for divergence.
SNAPSHOT_EVERY = 50
# A mean cross-entropy this large means the right digit's logit sits about
# 100 below the winner's: the weights have blown up, even if still finite.
LOSS_LIMIT = 100.0


@dataclass
class TrainingConfig:
    """Everything that decides a training run; stored with the model."""

    hidden: tuple[int, ...] = (256, 128)
    activation: str = "relu"
    init: str | None = None
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    momentum: float = 0.9
    batch_size: int = 128
    epochs: int = 10
    l2: float = 0.0
    schedule: str = "cosine"
    augment: bool = True
    seed: int = 0

    def layer_sizes(self) -> list[int]:
        return [784, *self.hidden, 10]

    def to_dict(self) -> dict:
        return {**asdict(self), "hidden": list(self.hidden)}

    def create_network(self) -> Network:
        """Return a freshly initialised network for this configuration."""
        return Network.create(self.layer_sizes(), self.activation, self.seed, self.init)


@dataclass
class BatchReport:
    epoch: int  # from 0
    batch: int  # from 0, within the epoch
    batches: int  # per epoch
    loss: float
    accuracy: float  # running, over this epoch so far
    grad_norms: list[float]  # per layer: RMS gradient per weight
    stuck_share: list[float]  # per hidden layer, see stuck_units
    learning_rate: float
    seconds: float  # since training started


@dataclass
class EpochReport:
    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    seconds: float


@dataclass
class Diverged:
    message: str
    epoch: int
    batch: int


@dataclass
class Evaluation:
    accuracy: float
    correct: int
    total: int
    confusion: Array  # (10, 10): row = true digit, column = prediction
    predictions: Array  # (n,)
    confidences: Array  # (n,) probability of the predicted digit
    loss: float = field(default=float("nan"))


def learning_rate_at(config: TrainingConfig, step: int, total: int) -> float:
    """Return the learning rate for step (from 0) of total steps."""
    if config.schedule == "constant":
        return config.learning_rate
    if config.schedule == "cosine":
        return 0.5 * config.learning_rate * (1 + math.cos(math.pi * step / total))
    raise ValueError(f"Unknown schedule '{config.schedule}'; use cosine or constant.")


def train(
    network: Network,
    images: Array,
    labels: Array,
    config: TrainingConfig,
    val_images: Array | None = None,
    val_labels: Array | None = None,
) -> Iterator[BatchReport | EpochReport | Diverged]:
    """Train network in place, yielding a report after every batch and epoch.

    images is (n, 784) float32 in 0..1 and labels (n,) integers. Runs with the
    same config, data and seed see the same batches in the same order.
    """
    rng = np.random.default_rng(config.seed)
    n, size = len(images), config.batch_size
    batches = math.ceil(n / size)
    # One flat buffer for all weights and biases, and one for their
    # gradients: the optimiser then updates everything in a few numpy calls.
    layers = len(network.weights)
    params, views = _pack(network.weights + network.biases)
    network.weights, network.biases = views[:layers], views[layers:]
    grads, views = _pack(network.weights + network.biases)
    grad_w, grad_b = views[:layers], views[layers:]
    optimizer = make_optimizer(config.optimizer, [params], config.momentum)
    good = params.copy()
    peak = _peak_slope(network)
    start = time.perf_counter()

    for epoch in range(config.epochs):
        order = rng.permutation(n)
        loss_sum, correct, seen = 0.0, 0, 0
        for batch in range(batches):
            idx = order[batch * size : (batch + 1) * size]
            x, y = images[idx], labels[idx]
            if config.augment:
                x = augment_batch(x, rng)
            # A diverging run overflows on its way to NaN; that is caught
            # just below and reported, so numpy need not warn about it.
            with np.errstate(over="ignore", invalid="ignore"):
                loss, _, _, trace = network.gradients(x, y, (grad_w, grad_b))
                norms = [_rms(g) for g in grad_w]

            if not math.isfinite(loss + sum(norms)) or loss > LOSS_LIMIT:
                params[...] = good
                yield Diverged(_divergence_message(config, epoch, batch), epoch, batch)
                return
            if batch % SNAPSHOT_EVERY == 0 and np.isfinite(params).all():
                good[...] = params

            if config.l2:
                for g, w in zip(grad_w, network.weights, strict=True):
                    g += np.float32(config.l2) * w
            step = epoch * batches + batch
            lr = learning_rate_at(config, step, config.epochs * batches)
            optimizer.step([grads], lr)

            loss_sum += loss * len(y)
            correct += int((trace.probabilities.argmax(axis=1) == y).sum())
            seen += len(y)
            yield BatchReport(
                epoch, batch, batches, loss, correct / seen,
                norms,
                stuck_units(trace.slopes, peak),
                lr, time.perf_counter() - start,
            )  # fmt: skip

        val_loss = val_acc = None
        if val_images is not None and len(val_images):
            ev = evaluate(network, val_images, val_labels)
            val_loss, val_acc = ev.loss, ev.accuracy
        yield EpochReport(
            epoch, config.epochs, loss_sum / seen, correct / seen,
            val_loss, val_acc, time.perf_counter() - start,
        )  # fmt: skip


def evaluate(
    network: Network, images: Array, labels: Array, batch_size: int = 2000
) -> Evaluation:
    """Return accuracy, confusion matrix and per-image guesses on a labelled set."""
    labels = np.asarray(labels)
    predictions = np.empty(len(labels), np.int64)
    confidences = np.empty(len(labels), np.float32)
    loss_sum = 0.0
    for start in range(0, len(labels), batch_size):
        part = slice(start, start + batch_size)
        z = network.logits(images[part])
        loss_sum += cross_entropy(z, labels[part]) * len(z)
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        predictions[part] = p.argmax(axis=1)
        confidences[part] = p.max(axis=1)

    confusion = np.zeros((10, 10), np.int64)
    np.add.at(confusion, (labels, predictions), 1)
    correct = int(np.trace(confusion))
    total = max(len(labels), 1)
    return Evaluation(
        correct / total, correct, len(labels), confusion, predictions,
        confidences, loss_sum / total,
    )  # fmt: skip


def stuck_units(slopes: list[Array], peak: float) -> list[float]:
    """Return, per hidden layer, the share of units that pass almost no gradient.

    slopes[l] is f'(z) of hidden layer l, (batch, n_units). A unit is stuck
    on a batch when its slope stays below 5 % of the function's peak slope
    for every example: a dead ReLU, or a sigmoid or tanh unit pinned in a
    flat tail.
    """
    threshold = 0.05 * peak
    return [float((s < threshold).all(axis=0).mean()) for s in slopes]


def _peak_slope(network: Network) -> float:
    z = np.linspace(-10, 10, 4001, dtype=np.float32)
    return float(network.activation.derivative(z).max())


def _rms(g: Array) -> float:
    flat = g.ravel()
    return math.sqrt(float(flat @ flat) / flat.size)  # inf once diverging


def _pack(arrays: list[Array]) -> tuple[Array, list[Array]]:
    """Return one flat copy of arrays and views of it shaped like each."""
    flat = np.empty(sum(a.size for a in arrays), arrays[0].dtype)
    views, start = [], 0
    for a in arrays:
        view = flat[start : start + a.size].reshape(a.shape)
        view[...] = a
        views.append(view)
        start += a.size
    return flat, views


def _divergence_message(config: TrainingConfig, epoch: int, batch: int) -> str:
    return (
        f"Training diverged in epoch {epoch + 1}, batch {batch + 1}: the loss "
        "blew up. The last good weights were kept; try a lower learning rate "
        f"than {config.learning_rate:g}."
    )
