"""The panels survive odd models, early calls, broken numbers and scheme changes."""

import numpy as np
import pytest
from panel_inputs import SMALL, make_stages, panel, run

from engine.network import Network
from ui.activation_panel import ActivationPanel
from ui.answer_panel import AnswerPanel
from ui.input_panel import InputPanel
from ui.layer_panel import LayerPanel
from ui.network_diagram import NetworkDiagram
from ui.neuron_inspector import NeuronInspector

ALL_PANELS = [InputPanel, LayerPanel, AnswerPanel, ActivationPanel]
ALL_PANELS += [NetworkDiagram, NeuronInspector]


@pytest.mark.parametrize("sizes", [[784, 10], [784, 32, 10], [784, 20, 20, 20, 10]])
@pytest.mark.parametrize("cls", ALL_PANELS)
def test_panels_take_any_depth_and_toggle_in_any_order(qtbot, cls, sizes):
    widget = cls()
    qtbot.addWidget(widget)
    for toggle in ("set_show_weighted_sums", "set_show_derivative", "set_show_stages"):
        if hasattr(widget, toggle):
            getattr(widget, toggle)(True)
    widget.show_result(None, None)  # before any model: ignored
    net = Network.create(sizes, "elu", seed=8)
    widget.set_model(net, {"activation_max": "not a list"})
    stages = make_stages()
    widget.show_result(stages, run(net, stages))
    widget.show_result(None, None)
    assert isinstance(widget.displayed_values(), dict)


@pytest.mark.parametrize("cls", ALL_PANELS)
def test_panels_survive_a_broken_model(qtbot, cls):
    net = Network.create(SMALL, "relu", seed=9)
    net.weights[0][:5] = np.nan
    stages = make_stages()
    trace = run(net, stages)
    assert np.isnan(trace.zs[0]).any()
    widget = panel(qtbot, cls, net)
    widget.show_result(stages, trace)
    if isinstance(widget, NeuronInspector):
        widget.inspect(0, 0)
    if isinstance(widget, NetworkDiagram):
        assert widget.displayed_values()["units0"].size == 16


def test_strongest_links_are_the_largest_products():
    from ui.diagram_layout import strongest_links

    rng = np.random.default_rng(10)
    a_in = rng.uniform(-1, 1, 30).astype(np.float32)
    weights = rng.normal(size=(30, 12)).astype(np.float32)
    sources, targets = np.arange(0, 30, 2), np.array([1, 4, 7, 9])
    src, dst, c = strongest_links(a_in, weights, sources, targets, count=6)

    every = a_in[sources, None] * weights[np.ix_(sources, targets)]
    np.testing.assert_allclose(c, every[src, dst])
    assert np.sort(np.abs(c)).tolist() == np.sort(np.abs(every).ravel())[-6:].tolist()


@pytest.fixture
def dark_palette(qapp):
    """Switch the application to a dark palette for one test."""
    from PySide6.QtGui import QColor, QPalette

    before = qapp.palette()
    dark = QPalette(before)
    for role, colour in (
        (QPalette.ColorRole.Window, "#202024"),
        (QPalette.ColorRole.Base, "#18181b"),
        (QPalette.ColorRole.Text, "#eeeeee"),
    ):
        dark.setColor(role, QColor(colour))
    yield lambda: qapp.setPalette(dark)
    qapp.setPalette(before)


@pytest.mark.parametrize("cls", [c for c in ALL_PANELS if c is not AnswerPanel])
def test_set_model_follows_a_scheme_change(qtbot, cls, dark_palette):
    import pyqtgraph as pg

    net = Network.create(SMALL, "tanh", seed=11)
    widget = panel(qtbot, cls, net)
    dark_palette()
    widget.set_model(net, {})
    views = widget.findChildren(pg.GraphicsView)
    assert views
    for view in views:
        assert view.backgroundBrush().color().name() == "#18181b"


def test_link_width_is_fixed_per_model_not_per_drawing():
    from ui.diagram_layout import link_reference, width_buckets

    weights = np.random.default_rng(12).normal(size=(50, 8))
    reference = link_reference(weights, 1.0)
    pushes = np.array([0.05, 0.3, -0.3, 0.9, -2.0]) * reference
    assert width_buckets(pushes, reference).tolist() == [0, 1, 1, 2, 2]
    # a weak link stays thin even when it is the strongest of a faint drawing
    assert width_buckets(pushes[:1], reference).tolist() == [0]


def test_brightness_uses_the_fixed_range():
    from ui.diagram_layout import brightness

    values = np.array([0.0, 0.5, 1.0, 3.0, -0.5, -1.0, np.nan], dtype=np.float32)
    levels = brightness(values, -1.0, 1.0, 11)
    assert levels.tolist() == [0, 5, 10, 10, -5, -10, 0]
    # a faint layer stays dim: nothing is stretched to its own maximum
    assert brightness(values[:2] / 10, 0.0, 1.0, 11).tolist() == [0, 0]


@pytest.mark.parametrize("cls", [LayerPanel, NetworkDiagram])
def test_hidden_panel_draws_when_shown(qtbot, cls):
    net = Network.create(SMALL, "sigmoid", seed=13)
    stages = make_stages()
    trace = run(net, stages)
    widget = cls()
    qtbot.addWidget(widget)
    widget.set_model(net, {})
    widget.show_result(stages, trace)
    assert widget._stale  # hidden: nothing drawn yet

    widget.show()
    qtbot.waitExposed(widget)
    assert not widget._stale
    shown = widget.displayed_values()
    key = "layer0" if cls is LayerPanel else "activations0"
    np.testing.assert_allclose(shown[key], trace.activations[1][0])


def test_restyling_the_same_network_keeps_the_inspected_neuron(qtbot):
    net = Network.create(SMALL, "relu", seed=14)
    inspector = panel(qtbot, NeuronInspector, net)
    inspector.inspect(1, 4)
    inspector.set_model(net, {})
    assert inspector.target() == (1, 4)
    inspector.set_model(net.copy(), {})
    assert inspector.target() is None


def test_hovering_a_dot_names_its_neuron(qtbot):
    from types import SimpleNamespace

    from PySide6.QtCore import QPointF

    net = Network.create(SMALL, "tanh", seed=15)
    curve = panel(qtbot, ActivationPanel, net)
    curve.show_result(make_stages(), run(net, make_stages()))
    qtbot.waitExposed(curve)
    dots = curve._dots[1]
    z, a = dots.getData()
    dots.hoverMoveEvent(SimpleNamespace(pos=lambda: QPointF(z[5], a[5])))
    assert dots.toolTip().startswith("layer 2, neuron ")
    assert f"z = {z[5]:.3f}" in dots.toolTip()


def test_bars_past_the_fixed_scale_are_marked_not_rescaled(qtbot):
    net = Network.create(SMALL, "relu", seed=16)
    layers = panel(qtbot, LayerPanel, net, {"activation_max": [0.01, 0.01]})
    stages = make_stages()
    layers.show_result(stages, run(net, stages))
    row = layers._rows[0]
    over_x, _ = row.over.getData()
    a = run(net, stages).activations[1][0]
    assert over_x.tolist() == np.flatnonzero(a > 0.01).tolist()
    assert layers.value_ranges()[0] == (0.0, 0.01)


def test_hovering_the_weight_picture_gives_the_numbers(qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip

    net = Network.create(SMALL, "relu", seed=17)
    stages = make_stages()
    inspector = panel(qtbot, NeuronInspector, net)
    inspector.show_result(stages, run(net, stages))
    inspector.inspect(0, 2)
    qtbot.waitExposed(inspector)
    image = inspector._maps[0]
    inspector._hovered_map(image.mapToScene(QPointF(7.5, 12.5)))
    w = net.weights[0][12 * 28 + 7, 2]
    assert QToolTip.text() == (
        f"pixel (12, 7): weight {w:+.3f}, times its input = "
        f"{w * stages.input[12 * 28 + 7]:+.3f}"
    )


def test_clicking_a_bar_names_its_neuron(qtbot):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    net = Network.create(SMALL, "relu", seed=18)
    layers = panel(qtbot, LayerPanel, net)
    qtbot.waitExposed(layers)
    row = layers._rows[1]
    scene_point = row.plot.vb.mapViewToScene(QPointF(9, 0.5))
    where = layers._graphics.mapFromScene(scene_point)
    with qtbot.waitSignal(layers.neuron_clicked) as signal:
        QTest.mouseClick(
            layers._graphics.viewport(), Qt.MouseButton.LeftButton, pos=where
        )
    assert signal.args == [1, 9]


def test_activation_dots_really_paint(qtbot):
    from PySide6.QtGui import QColor, QImage

    from ui import panel_style

    net = Network.create(SMALL, "sigmoid", seed=19)
    curve = panel(qtbot, ActivationPanel, net)
    qtbot.waitExposed(curve)
    qtbot.wait(20)  # let the first paint land before grabbing
    before = curve._plot_widget.grab().toImage()
    curve.show_result(make_stages(), run(net, make_stages()))
    after = curve._plot_widget.grab().toImage()

    def rgb_of(image):
        image = image.convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
        rows = rows.reshape(image.height(), image.bytesPerLine())
        # copied: the converted image, and so its bits, die with this call
        return rows[:, : image.width() * 3].reshape(image.height(), -1, 3).copy()

    old, new = rgb_of(before), rgb_of(after)
    # Only pixels the update changed count, whatever the background holds.
    changed = (old != new).any(axis=-1)

    def count(colour):
        target = QColor(colour)
        wanted = (target.red(), target.green(), target.blue())
        return int(((new == wanted).all(axis=-1) & changed).sum())

    def pinkish():
        # see-through outlines blend with the background, so match loosely
        r, g, b = (new[..., i].astype(int) for i in range(3))
        return int(((r > 140) & (b > 100) & (g < r - 40) & changed).sum())

    assert count(panel_style.layer_colour(0)) > 20
    assert pinkish() > 20


def test_weighted_sum_scale_comes_from_the_model_file(qtbot):
    from ui import panel_style

    net = Network.create(SMALL, "relu", seed=20)
    metadata = {"activation_max": [3.0, 2.0], "weighted_sum_max": [7.5, 4.0]}
    layers = panel(qtbot, LayerPanel, net, metadata)
    layers.set_show_weighted_sums(True)
    logits = panel_style.DEFAULT_LOGIT_MAX
    assert layers.value_ranges() == [(-7.5, 7.5), (-4.0, 4.0), (-logits, logits)]
    layers.set_model(net, {})
    fallback = panel_style.DEFAULT_Z_MAX
    assert layers.value_ranges()[0] == (-fallback, fallback)


def test_flat_count_names_silent_relu_neurons(qtbot):
    net = Network.create(SMALL, "relu", seed=21)
    trace = run(net, make_stages())
    curve = panel(qtbot, ActivationPanel, net)
    curve.show_result(make_stages(), trace)
    silent = [int((z[0] <= 0).sum()) for z in trace.zs[:-1]]
    assert curve.flat_text() == (
        f"On a flat part of the curve now: layer 1: {silent[0]} of 16, "
        f"layer 2: {silent[1]} of 16."
    )
    curve.show_result(None, None)
    assert curve.flat_text() == ""
