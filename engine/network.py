"""A multilayer perceptron in numpy: forward pass, prediction, backpropagation.

Layer l maps activations a (batch, n_in) to weighted sums
z = a @ weights[l] + biases[l] (batch, n_out). Hidden layers apply the chosen
activation; the output layer applies softmax. Everything is float32.
"""

from dataclasses import dataclass

import numpy as np

from engine import activations as registry
from engine.activations import Activation

Array = np.ndarray


@dataclass
class Trace:
    """Every layer's weighted sums and activations for one batch.

    zs[l] is (batch, n_out) for layer l; activations[0] is the input and
    activations[l + 1] the output of layer l, the last being probabilities.
    """

    zs: list[Array]
    activations: list[Array]
    # f'(z) of each hidden layer, filled in by backpropagation only.
    slopes: list[Array] | None = None

    @property
    def probabilities(self) -> Array:
        return self.activations[-1]


def softmax(z: Array) -> Array:
    """Return the row-wise softmax of z (batch, classes), stable for large z."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    e /= e.sum(axis=1, keepdims=True)
    return e


def cross_entropy(z: Array, labels: Array) -> float:
    """Return the mean cross-entropy of logits z against integer labels."""
    shifted = z - z.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    picked = shifted[np.arange(len(labels)), labels]
    return float(np.mean(log_norm - picked))


def _as_batch(x: Array, dtype) -> Array:
    # Inputs take the weights' dtype: float32, or float64 in gradient checks.
    x = np.asarray(x).astype(dtype, copy=False)
    return x.reshape(len(x), -1)


class Network:
    """A fully connected network with one hidden activation and a softmax."""

    def __init__(self, weights: list[Array], biases: list[Array], activation: str):
        self.weights = [np.ascontiguousarray(w, dtype=np.float32) for w in weights]
        self.biases = [np.ascontiguousarray(b, dtype=np.float32) for b in biases]
        self.activation: Activation = registry.get(activation)

    @classmethod
    def create(
        cls,
        layer_sizes: list[int],
        activation: str = "relu",
        seed: int = 0,
        init: str | None = None,
    ) -> "Network":
        """Return a network with fresh weights, scaled for the activation.

        init is "he" or "glorot"; by default the activation's own choice.
        """
        rng = np.random.default_rng(seed)
        init = init or registry.get(activation).init
        weights, biases = [], []
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:], strict=True):
            if init == "he":
                std = np.sqrt(2.0 / n_in)
            elif init == "glorot":
                std = np.sqrt(2.0 / (n_in + n_out))
            else:
                raise ValueError(f"Unknown initialisation '{init}'; use he or glorot.")
            weights.append(rng.normal(0.0, std, (n_in, n_out)).astype(np.float32))
            biases.append(np.zeros(n_out, dtype=np.float32))
        return cls(weights, biases, activation)

    @property
    def layer_sizes(self) -> list[int]:
        return [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]

    @property
    def activation_name(self) -> str:
        return self.activation.name

    def copy(self) -> "Network":
        """Return an independent copy of this network."""
        return Network(
            [w.copy() for w in self.weights],
            [b.copy() for b in self.biases],
            self.activation.name,
        )

    def forward(self, x: Array) -> Trace:
        """Return every layer's weighted sums and activations for x (batch, 784)."""
        trace = self._hidden_forward(x)
        trace.activations.append(softmax(trace.zs[-1]))
        return trace

    def _hidden_forward(self, x: Array) -> Trace:
        # Every layer's z, and every activation but the output's softmax.
        a = _as_batch(x, self.weights[0].dtype)
        f = self.activation.value
        zs, acts = [], [a]
        for w, b in zip(self.weights, self.biases, strict=True):
            if zs:
                a = f(zs[-1])
                acts.append(a)
            z = a @ w
            z += b
            zs.append(z)
        return Trace(zs, acts)

    def logits(self, x: Array) -> Array:
        """Return the output layer's weighted sums for x (batch, 784)."""
        a = _as_batch(x, self.weights[0].dtype)
        f = self.activation.value
        for w, b in zip(self.weights[:-1], self.biases[:-1], strict=True):
            a = f(a @ w + b)
        return a @ self.weights[-1] + self.biases[-1]

    def predict_proba(self, x: Array) -> Array:
        """Return the class probabilities (batch, 10) for x (batch, 784)."""
        return softmax(self.logits(x))

    def predict(self, x: Array) -> Array:
        """Return the most likely digit for each row of x (batch, 784)."""
        return self.logits(x).argmax(axis=1)

    def gradients(
        self, x: Array, labels: Array, out: tuple[list, list] | None = None
    ) -> tuple[float, list[Array], list[Array], Trace]:
        """Return the loss, its gradients for weights and biases, and the trace.

        out, a (grad_w, grad_b) pair of lists of arrays shaped like weights
        and biases, receives the gradients instead of new arrays, which
        spares a training loop its allocations.
        """
        trace = self._hidden_forward(x)
        zs, acts = trace.zs, trace.activations
        n, rows = len(labels), np.arange(len(labels))

        # softmax and cross-entropy share one exponential: loss = log Σe^z − z_y
        shifted = zs[-1] - zs[-1].max(axis=1, keepdims=True)
        p = np.exp(shifted)
        total = p.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(total[:, 0]) - shifted[rows, labels]))
        p /= total
        acts.append(p)

        # output layer: softmax and cross-entropy combine to p − y
        delta = p * np.float32(1 / n)  # (batch, n_out)
        delta[rows, labels] -= np.float32(1 / n)

        # backward pass
        layers = len(self.weights)
        grad_w, grad_b = out or ([None] * layers, [None] * layers)
        f_prime = self.activation.derivative
        trace.slopes = [None] * (layers - 1)
        for i in range(layers - 1, -1, -1):
            grad_w[i] = np.matmul(acts[i].T, delta, out=grad_w[i])
            grad_b[i] = np.sum(delta, axis=0, out=grad_b[i])
            if i:
                slope = trace.slopes[i - 1] = f_prime(zs[i - 1])
                delta = delta @ self.weights[i].T
                delta *= slope
        return loss, grad_w, grad_b, trace
