"""Gradient-descent optimisers that update a list of arrays in place."""

import numpy as np

Array = np.ndarray


class SGD:
    """Stochastic gradient descent with (heavy-ball) momentum."""

    def __init__(self, params: list[Array], momentum: float = 0.9):
        self.params = params
        self.momentum = np.float32(momentum)
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, grads: list[Array], learning_rate: float) -> None:
        """Move every parameter against its gradient (overwriting grads)."""
        lr = np.float32(learning_rate)
        for p, g, v in zip(self.params, grads, self.velocity, strict=True):
            v *= self.momentum
            g *= lr  # the gradient is scratch once it has been used
            v -= g
            p += v


class Adam:
    """Adam: per-weight step sizes from running moments of the gradient."""

    def __init__(
        self,
        params: list[Array],
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ):
        self.params = params
        self.beta1, self.beta2, self.eps = beta1, beta2, np.float32(eps)
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.scratch = [np.empty_like(p) for p in params]
        self.t = 0

    def step(self, grads: list[Array], learning_rate: float) -> None:
        """Move every parameter by its bias-corrected Adam step."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # fold both bias corrections into one scalar step size
        lr = learning_rate * np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        lr, c1, c2 = np.float32(lr), np.float32(1 - b1), np.float32(1 - b2)
        for p, g, m, v, s in zip(
            self.params, grads, self.m, self.v, self.scratch, strict=True
        ):
            m += c1 * (g - m)
            np.multiply(g, g, out=s)
            s -= v
            s *= c2
            v += s
            np.sqrt(v, out=s)
            s += self.eps
            np.divide(m, s, out=s)
            s *= lr
            p -= s


def make_optimizer(name: str, params: list[Array], momentum: float = 0.9):
    """Return the optimiser called name ("adam" or "sgd") for params."""
    if name == "adam":
        return Adam(params)
    if name == "sgd":
        return SGD(params, momentum)
    raise ValueError(f"Unknown optimiser '{name}'; use adam or sgd.")
