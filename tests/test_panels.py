"""The network panels show exactly the engine's numbers, on fixed scales."""

from types import SimpleNamespace

import numpy as np
import pytest
from panel_inputs import BIG, SMALL, make_stages, panel, run
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from engine.activations import ACTIVATIONS
from engine.network import Network
from ui import panel_style
from ui.activation_panel import DEFAULT_HALF_WIDTH, ActivationPanel
from ui.answer_panel import EMPTY_TEXT, AnswerPanel
from ui.input_panel import InputPanel
from ui.layer_panel import LayerPanel
from ui.network_diagram import NetworkDiagram
from ui.neuron_inspector import NeuronInspector


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_layer_panel_bars_are_the_trace(qtbot, name):
    net = Network.create(SMALL, name, seed=1)
    stages = make_stages()
    trace = run(net, stages)
    layers = panel(qtbot, LayerPanel, net)
    layers.show_result(stages, trace)

    shown = layers.displayed_values()
    for i in range(3):
        a = trace.activations[i + 1][0]
        np.testing.assert_allclose(shown[f"layer{i}"], a)
        # the drawn bars themselves: every non-zero unit, at its own height
        row = layers._rows[i]
        for bars, side in ((row.pos, a > 0), (row.neg, a < 0)):
            x = np.asarray(bars.opts["x"], dtype=int)
            assert x.tolist() == np.flatnonzero(side).tolist()
            np.testing.assert_allclose(bars.opts["height"], a[x])

    layers.set_show_weighted_sums(True)
    shown = layers.displayed_values()
    for i in range(3):
        np.testing.assert_allclose(shown[f"layer{i}"], trace.zs[i][0])


def test_layer_panel_scales_stay_fixed(qtbot):
    net = Network.create(BIG, "relu", seed=2)
    layers = panel(qtbot, LayerPanel, net, {"activation_max": [3.5, 2.0]})
    assert layers.value_ranges() == [(0.0, 3.5), (0.0, 2.0), (0.0, 1.0)]

    # a much brighter drawing must not move the scale
    stages = make_stages()
    stages.input = stages.input * 40
    layers.show_result(stages, run(net, stages))
    assert layers.value_ranges() == [(0.0, 3.5), (0.0, 2.0), (0.0, 1.0)]


def test_layer_panel_scale_without_metadata(qtbot):
    top = panel_style.DEFAULT_ACTIVATION_MAX
    layers = panel(qtbot, LayerPanel, Network.create(SMALL, "relu"), {})
    assert layers.value_ranges()[0] == (0.0, top)
    layers.set_model(Network.create(SMALL, "tanh"), None)
    assert layers.value_ranges()[0] == (-1.0, 1.0)
    layers.set_model(Network.create(SMALL, "leaky_relu"), None)
    assert layers.value_ranges()[0] == pytest.approx((-0.01 * top, top))


def test_layer_panel_clears_for_no_drawing(qtbot):
    net = Network.create(SMALL, "sigmoid")
    layers = panel(qtbot, LayerPanel, net)
    layers.show_result(make_stages(), run(net, make_stages()))
    layers.show_result(None, None)
    assert all(not v.any() for v in layers.displayed_values().values())


def test_answer_panel_names_the_most_likely_digit(qtbot):
    net = Network.create(SMALL, "relu", seed=3)
    trace = run(net, make_stages())
    answer = panel(qtbot, AnswerPanel, net)
    answer.show_result(make_stages(), trace)

    best = int(np.argmax(trace.probabilities[0]))
    assert answer.answer_text() == str(best)
    assert answer.displayed_values()["digit"].tolist() == [best]
    np.testing.assert_allclose(
        answer.displayed_values()["probabilities"], trace.probabilities[0]
    )
    assert f"{trace.probabilities[0][best]:.0%}" in answer.confidence_text()

    answer.show_result(None, None)
    assert answer.confidence_text() == EMPTY_TEXT
    assert answer.displayed_values()["digit"].size == 0


def test_input_panel_shows_the_input_and_stages(qtbot):
    net = Network.create(SMALL, "relu")
    stages = make_stages()
    trace = run(net, stages)
    seen = panel(qtbot, InputPanel, net)
    seen.set_show_stages(True)
    seen.show_result(stages, trace)

    shown = seen.displayed_values()
    np.testing.assert_allclose(shown["input"], trace.activations[0][0])
    for name in ("drawn", "cropped", "scaled", "centred"):
        np.testing.assert_allclose(shown[name], getattr(stages, name))

    seen.show_result(None, None)
    assert not seen.displayed_values()["input"].any()
    seen.set_show_stages(False)
    assert "drawn" not in seen.displayed_values()


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_dots_lie_on_the_curve(qtbot, name):
    net = Network.create(SMALL, name, seed=4)
    trace = run(net, make_stages())
    curve = panel(qtbot, ActivationPanel, net)
    curve.show_result(make_stages(), trace)

    act = ACTIVATIONS[name]
    shown = curve.displayed_values()
    np.testing.assert_allclose(shown["curve_f"], act.value(shown["curve_z"]))
    for i in range(2):
        np.testing.assert_allclose(shown[f"z{i}"], trace.zs[i][0])
        np.testing.assert_allclose(shown[f"a{i}"], act.value(shown[f"z{i}"]), atol=1e-6)
    assert "z2" not in shown  # the softmax output is not on this curve


def test_activation_panel_follows_the_model(qtbot):
    curve = panel(qtbot, ActivationPanel, Network.create(BIG, "sigmoid"))
    assert ACTIVATIONS["sigmoid"].formula in curve.formula_text()

    relu = Network.create(SMALL, "relu")
    curve.set_model(relu, {})
    curve.show_result(make_stages(), run(relu, make_stages()))
    shown = curve.displayed_values()
    assert ACTIVATIONS["relu"].formula in curve.formula_text()
    np.testing.assert_allclose(shown["curve_f"], np.maximum(shown["curve_z"], 0))
    assert shown["z0"].shape == (16,)

    curve.set_show_derivative(True)
    shown = curve.displayed_values()
    np.testing.assert_allclose(shown["slope_f"], shown["curve_z"] > 0)
    np.testing.assert_allclose(shown["z1"], run(relu, make_stages()).zs[1][0])

    curve.show_result(None, None)
    assert curve.displayed_values()["z0"].size == 0


def fake_trace(z_reach: float) -> SimpleNamespace:
    """Return a trace whose hidden sums reach exactly z_reach."""
    z = np.linspace(-z_reach, z_reach, 16, dtype=np.float32)[None, :]
    act = ACTIVATIONS["tanh"].value(z)
    out = np.full((1, 10), 0.1, dtype=np.float32)
    return SimpleNamespace(zs=[z, z, out], activations=[None, act, act, out])


def test_activation_range_grows_and_shrinks_with_hysteresis(qtbot):
    curve = panel(qtbot, ActivationPanel, Network.create(SMALL, "tanh"))
    assert curve.x_range() == (-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH)

    curve.show_result(None, fake_trace(13.0))
    low, high = curve.x_range()
    assert high >= 13.0 and low <= -13.0
    wide = curve.x_range()

    # small moves inside the range leave it alone
    for reach in (12.0, 9.0, 13.5, 7.0):
        curve.show_result(None, fake_trace(reach))
        assert curve.x_range() == wide

    curve.show_result(None, fake_trace(1.0))
    assert curve.x_range() == (-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH)

    # all sums exactly zero (a blank model) widen nothing and break nothing
    curve.show_result(None, fake_trace(40.0))
    curve.show_result(None, fake_trace(0.0))
    assert curve.x_range() == (-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH)


def test_diagram_lights_the_most_active_neurons(qtbot):
    net = Network.create(BIG, "relu", seed=5)
    trace = run(net, make_stages())
    diagram = panel(qtbot, NetworkDiagram, net)
    diagram.show_result(make_stages(), trace)

    shown = diagram.displayed_values()
    np.testing.assert_allclose(shown["input"], trace.activations[0][0])
    for i in range(3):
        a = trace.activations[i + 1][0]
        units = shown[f"units{i}"]
        np.testing.assert_allclose(shown[f"activations{i}"], a[units])
        hidden = np.setdiff1d(np.arange(len(a)), units)
        if hidden.size:
            assert np.abs(a[units]).min() >= np.abs(a[hidden]).max()
    assert shown["units2"].tolist() == list(range(10))


def test_diagram_click_reaches_the_inspector(qtbot):
    net = Network.create(BIG, "sigmoid", seed=6)
    stages = make_stages()
    trace = run(net, stages)
    diagram = panel(qtbot, NetworkDiagram, net)
    inspector = panel(qtbot, NeuronInspector, net)
    diagram.neuron_clicked.connect(inspector.inspect)
    for widget in (diagram, inspector):
        widget.show_result(stages, trace)
    qtbot.waitExposed(diagram)

    unit = int(diagram.displayed_values()["units1"][3])
    x, y = diagram.neuron_position(1, unit)
    graphics = diagram._graphics
    scene_point = diagram._view.mapViewToScene(QPointF(x, y))
    where = graphics.mapFromScene(scene_point)
    with qtbot.waitSignal(diagram.neuron_clicked) as signal:
        QTest.mouseClick(graphics.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == [1, unit]

    shown = inspector.displayed_values()
    np.testing.assert_allclose(shown["weights"], net.weights[1][:, unit])
    np.testing.assert_allclose(shown["bias"], [net.biases[1][unit]])
    np.testing.assert_allclose(shown["z"], [trace.zs[1][0][unit]])
    np.testing.assert_allclose(shown["activation"], [trace.activations[2][0][unit]])
    a_in = trace.activations[1][0]
    np.testing.assert_allclose(shown["contributions"], net.weights[1][:, unit] * a_in)


def test_inspector_shows_first_layer_weights_as_a_picture(qtbot):
    net = Network.create(SMALL, "tanh", seed=7)
    stages = make_stages()
    inspector = panel(qtbot, NeuronInspector, net)
    assert inspector.displayed_values() == {}
    inspector.show_result(stages, run(net, stages))
    inspector.inspect(0, 5)
    shown = inspector.displayed_values()
    np.testing.assert_allclose(shown["weights"], net.weights[0][:, 5])
    np.testing.assert_allclose(
        shown["contributions"], net.weights[0][:, 5] * stages.input
    )

    inspector.inspect(7, 0)  # no such layer: ignored, not a crash
    assert inspector.target() == (0, 5)
    inspector.set_model(Network.create(BIG, "relu"), {})
    assert inspector.target() is None
