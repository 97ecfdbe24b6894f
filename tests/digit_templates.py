"""Stroke templates of the ten digits, several styles each, for drawn tests.

Each template is a list of strokes, each a smooth polyline (n, 2) in unit
coordinates: x right, y down, about 0.6 wide and 1 tall. Arcs are sampled
from parametric ellipses, so curves stay smooth at any drawing size.
"""

import numpy as np

Array = np.ndarray


def _arc(cx, cy, rx, ry, start, stop) -> Array:
    """Return points on an elliptic arc between two angles in degrees.

    Angles follow screen coordinates: 0 is right, 90 is down, 270 is up.
    """
    n = max(8, int(abs(stop - start) / 6))
    a = np.radians(np.linspace(start, stop, n))
    return np.column_stack((cx + rx * np.cos(a), cy + ry * np.sin(a)))


def _line(*points) -> Array:
    """Return a polyline through the given (x, y) points, finely sampled."""
    corners = np.array(points, dtype=float)
    parts = [
        np.linspace(a, b, 12, endpoint=False)
        for a, b in zip(corners[:-1], corners[1:], strict=True)
    ]
    return np.concatenate(parts + [corners[-1:]])


def _join(*parts) -> Array:
    """Return one stroke made of consecutive parts."""
    return np.concatenate(parts)


def _eight() -> Array:
    """Return a one-stroke eight with a smaller top loop."""
    t = np.linspace(0.0, 2 * np.pi, 90)
    y = 0.5 - 0.5 * np.cos(t)
    x = 0.3 - 0.6 * np.sin(t) * np.cos(t) * np.where(y < 0.5, 0.8, 1.0)
    return np.column_stack((x, y))


# parts that two styles of a digit share
_TOP_2 = _arc(0.3, 0.28, 0.28, 0.28, 200, 390)
_TOP_3 = _arc(0.3, 0.25, 0.26, 0.25, 200, 450)
_LOOP_9 = _arc(0.3, 0.28, 0.28, 0.28, 0, -360)
_BELLY_5 = _arc(0.28, 0.66, 0.3, 0.3, -140, 150)
_LOOP_6 = _arc(0.3, 0.72, 0.25, 0.27, 180, -170)

TEMPLATES: dict[int, dict[str, list[Array]]] = {
    0: {
        "round": [_arc(0.3, 0.5, 0.3, 0.5, -90, 275)],
        "slim": [_arc(0.3, 0.5, 0.2, 0.5, -100, 265)],
    },
    1: {
        "plain": [_line((0.3, 0), (0.3, 1))],
        "flag": [_line((0.08, 0.22), (0.3, 0), (0.3, 1))],
        "base": [
            _line((0.08, 0.22), (0.3, 0), (0.3, 1)),
            _line((0.05, 1), (0.55, 1)),
        ],
    },
    2: {
        "plain": [_join(_TOP_2, _line((0.5, 0.42), (0.0, 1.0), (0.62, 1.0)))],
        "loop": [
            _join(
                _TOP_2,
                _line((0.5, 0.42), (0.1, 0.93)),
                _arc(0.12, 0.87, 0.07, 0.07, 100, 460),
                _line((0.1, 0.94), (0.62, 0.96)),
            )
        ],
    },
    3: {
        "round": [_join(_TOP_3, _arc(0.3, 0.74, 0.3, 0.26, -90, 150))],
        "flat": [
            _join(
                _line((0.05, 0), (0.55, 0), (0.22, 0.4)),
                _arc(0.28, 0.7, 0.3, 0.3, -100, 150),
            )
        ],
    },
    4: {
        "open": [
            _line((0.2, 0), (0.0, 0.62), (0.62, 0.62)),
            _line((0.45, 0.2), (0.45, 1)),
        ],
        "closed": [
            _line((0.45, 0), (0.0, 0.65), (0.62, 0.65)),
            _line((0.45, 0), (0.45, 1)),
        ],
    },
    5: {
        "one_stroke": [_join(_line((0.55, 0), (0.1, 0), (0.06, 0.44)), _BELLY_5)],
        "bar": [
            _join(_line((0.1, 0), (0.06, 0.44)), _BELLY_5),
            _line((0.1, 0), (0.58, 0)),
        ],
    },
    6: {
        "curved": [
            _join(
                _arc(0.6, 0.62, 0.55, 0.62, 250, 180),
                _LOOP_6,
            )
        ],
        "straight": [
            _join(
                _line((0.45, 0), (0.05, 0.72)),
                _LOOP_6,
            )
        ],
    },
    7: {
        "plain": [_line((0, 0), (0.6, 0), (0.2, 1))],
        "bar": [_line((0, 0), (0.6, 0), (0.2, 1)), _line((0.15, 0.5), (0.55, 0.5))],
        "hook": [_line((0, 0.14), (0, 0), (0.6, 0), (0.25, 1))],
    },
    8: {
        "one_stroke": [_eight()],
        "two_loops": [
            _arc(0.3, 0.24, 0.22, 0.24, 0, 360),
            _arc(0.3, 0.74, 0.28, 0.26, -90, 270),
        ],
    },
    9: {
        "straight": [_join(_LOOP_9, _line((0.58, 0.28), (0.55, 1)))],
        "curved": [_join(_LOOP_9, _arc(0.1, 0.3, 0.48, 0.7, 0, 100))],
    },
}

STYLES = {digit: sorted(styles) for digit, styles in TEMPLATES.items()}
