"""Shared look of the network panels: colours, fonts, captions and fixed scales.

Sign is shown by two colour-blind-safe hues (blue for positive, orange for
negative, from the Okabe-Ito palette); light or dark follows the palette of
the running QApplication.
"""

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QLabel,
    QWidget,
)

log = logging.getLogger(__name__)

POSITIVE_LIGHT = "#0072B2"
POSITIVE_DARK = "#56B4E9"
NEGATIVE = "#E69F00"
# One colour per hidden layer for the dots on the activation curve.
LAYER_COLOURS = ["#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#0072B2"]
# Marker per hidden layer: (character for keys, hollow, square). Layers
# differ by shape as well as colour, and hollow marks let dots beneath show.
LAYER_MARKERS = [("●", False, False), ("□", True, True), ("■", False, True)]

# Fixed top of the bar scale for unbounded activations when the model file
# does not say; a typical ReLU activation on MNIST stays below it.
DEFAULT_ACTIVATION_MAX = 5.0
# Fixed half-width of the weighted-sum scale when the model file does not say.
DEFAULT_Z_MAX = 6.0
# Output sums (logits) of a trained network spread wider than hidden ones.
DEFAULT_LOGIT_MAX = 12.0


def is_dark() -> bool:
    """Return True when the application palette has a dark window colour."""
    app = QApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def background() -> QColor:
    """Return the colour behind plots, following the application palette."""
    app = QApplication.instance()
    if app is None:
        return QColor("white")
    return app.palette().color(QPalette.ColorRole.Base)


def foreground() -> QColor:
    """Return the colour of axes and text, following the application palette."""
    app = QApplication.instance()
    if app is None:
        return QColor("black")
    return app.palette().color(QPalette.ColorRole.Text)


def muted() -> QColor:
    """Return a colour halfway between text and background for quiet marks."""
    return mix(background(), foreground(), 0.45)


def positive() -> str:
    """Return the hue for positive values, readable on the current background."""
    return POSITIVE_DARK if is_dark() else POSITIVE_LIGHT


def layer_colour(index: int) -> str:
    """Return the colour of hidden layer index."""
    return LAYER_COLOURS[index % len(LAYER_COLOURS)]


def bar_colours(colour) -> dict:
    """Return BarGraphItem options filling and outlining bars in colour."""
    # The one-pixel outline keeps a bar narrower than a pixel from vanishing
    # when a layer has more neurons than the plot has pixels across.
    return {"brush": colour, "pen": pg.mkPen(colour, width=1)}


def layer_marker(index: int) -> tuple[str, bool, bool]:
    """Return (character, hollow, square) of hidden layer index's dots."""
    return LAYER_MARKERS[index % len(LAYER_MARKERS)]


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return the colour a fraction t of the way from a to b."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def diverging_lut(steps: int = 256) -> np.ndarray:
    """Return a (steps, 3) uint8 map from orange (negative) to blue (positive)."""
    neutral = np.array(background().getRgb()[:3], dtype=np.float32)
    neg = np.array(QColor(NEGATIVE).getRgb()[:3], dtype=np.float32)
    pos = np.array(QColor(positive()).getRgb()[:3], dtype=np.float32)
    t = np.linspace(-1.0, 1.0, steps, dtype=np.float32)[:, None]
    low = neutral + (neg - neutral) * -t
    high = neutral + (pos - neutral) * t
    return np.where(t < 0, low, high).astype(np.uint8)


def sign_ramp(steps: int = 64) -> list[QColor]:
    """Return steps colours from the background to blue, then steps to orange."""
    bg = background()
    ramp = np.linspace(0.0, 1.0, steps)
    return [mix(bg, QColor(hue), t) for hue in (positive(), NEGATIVE) for t in ramp]


def activation_scale(network, metadata: dict | None, layer: int) -> tuple:
    """Return the fixed (low, high) bar scale of hidden layer layer."""
    low, high = network.activation.output_range
    if high is None:
        high = _stored(metadata, "activation_max", layer, DEFAULT_ACTIVATION_MAX)
    if low is None:
        # f(-high) covers leaky and linear units without a second stored number.
        low = min(float(network.activation.value(np.float32(-high))), 0.0)
    return float(low), float(high)


def output_scale(network, metadata: dict | None, layer: int) -> tuple:
    """Return the fixed (low, high) of layer's outputs; 0..1 for probabilities."""
    if layer == len(network.weights) - 1:
        return 0.0, 1.0
    return activation_scale(network, metadata, layer)


def input_reach(network, metadata: dict | None, layer: int) -> float:
    """Return the largest size an input of layer can have on its fixed scale."""
    # pixels reach 1; hidden outputs the layer before's bar scale
    if layer == 0:
        return 1.0
    low, high = output_scale(network, metadata, layer - 1)
    return max(-low, high)


def z_scale(metadata: dict | None, layer: int, output: bool = False) -> float:
    """Return the fixed half-width of the weighted-sum scale of layer layer."""
    if output:
        # Model files measure hidden layers only.
        return DEFAULT_LOGIT_MAX
    return _stored(metadata, "weighted_sum_max", layer, DEFAULT_Z_MAX)


def _stored(metadata: dict | None, key: str, layer: int, fallback: float) -> float:
    # Model files written before a key existed simply lack it.
    try:
        value = float((metadata or {})[key][layer])
    except (KeyError, IndexError, TypeError, ValueError):
        return fallback
    return value if np.isfinite(value) and value > 0 else fallback


def small_font() -> QFont:
    """Return the application font, a little smaller, for captions."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    return font


def caption(text: str, parent: QWidget | None = None) -> QLabel:
    """Return a quiet, wrapping label that explains a panel in plain words."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setFont(small_font())
    # A palette role, not a fixed colour, so a scheme change restyles it.
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def explain(widget: QWidget, text: str) -> None:
    """Give widget a plain-language tooltip and accessible description."""
    widget.setToolTip(text)
    widget.setAccessibleDescription(text)


def view_label(text: str, anchor: tuple = (0.5, 0.5)) -> QGraphicsSimpleTextItem:
    """Return a text item that stays upright and unscaled inside a view."""
    # Plain Qt text ignores the view's zoom in C++; pyqtgraph's TextItem
    # recomputes its transform in Python before every paint.
    item = QGraphicsSimpleTextItem()
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setBrush(foreground())
    item.setFont(small_font())
    # Labels rarely change: paint each once into a pixmap and reuse it.
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    set_label(item, text, anchor)
    return item


def set_label(item: QGraphicsSimpleTextItem, text: str, anchor: tuple) -> None:
    """Show text in item, placed so anchor (fractions of its size) is its pos."""
    item.setText(text)
    rect = item.boundingRect()
    shift = QTransform.fromTranslate(
        -rect.width() * anchor[0], -rect.height() * anchor[1]
    )
    item.setTransform(shift)


def solid(view: pg.GraphicsView) -> pg.GraphicsView:
    """Return view, marked as covering its whole area with its background."""
    # So Qt does not first paint the window behind it on every repaint.
    view.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    return view


def quiet_plot(plot: pg.PlotItem) -> None:
    """Fix plot's view: no mouse panning, no menu, no automatic ranging."""
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.disableAutoRange()
    pen = pg.mkPen(muted())
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pg.mkPen(foreground()))
        # Fixed scales rarely change: repaint axes from a pixmap when data
        # drawn near them marks them dirty.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
