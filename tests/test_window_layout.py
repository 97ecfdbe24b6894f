"""The window's layout and the inspector that follows the answer."""

import numpy as np
from panel_inputs import BIG, SMALL, make_stages, panel, run
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget
from window_helpers import SEVEN, draw, engine_trace, open_window

from engine.network import Network
from ui.canvas import DrawingCanvas
from ui.neuron_inspector import NeuronInspector
from ui.square_box import SquareBox


def test_square_box_gives_the_rest_of_its_height_to_the_widget_below(qtbot):
    canvas, footer, below = DrawingCanvas(), QLabel("footer"), QWidget()
    box = SquareBox(canvas, footer, below_height=150)
    qtbot.addWidget(box)
    box.resize(QSize(300, 700))
    box.show()
    side = canvas.width()
    assert canvas.height() == side == 300

    box.set_below(below)
    # the canvas keeps its size when the widget below arrives
    assert canvas.width() == side
    assert below.y() >= footer.geometry().bottom()
    assert below.geometry().bottom() == box.height() - 1
    box.resize(QSize(300, 400))
    assert canvas.height() <= 400 - 150 - footer.height()
    assert below.height() >= 150


def test_inspector_follows_the_answer_until_a_neuron_is_clicked(qtbot):
    net = Network.create(SMALL, "relu", seed=3)
    inspector = panel(qtbot, NeuronInspector, net)
    assert inspector.target() is None and inspector.is_following()

    trace = run(net, make_stages())
    inspector.show_result(make_stages(), trace)
    winner = int(np.argmax(trace.probabilities[0]))
    assert inspector.target() == (2, winner)
    np.testing.assert_array_equal(
        inspector.displayed_values()["weights"], net.weights[2][:, winner]
    )

    inspector.inspect(0, 4)
    other = run(net, make_stages(seed=1))
    inspector.show_result(make_stages(seed=1), other)
    assert inspector.target() == (0, 4) and not inspector.is_following()

    inspector._follow.setChecked(True)
    assert inspector.target() == (2, int(np.argmax(other.probabilities[0])))

    # a cleared drawing has no answer, so there is no neuron to follow
    inspector.show_result(None, None)
    assert inspector.target() is None and inspector.displayed_values() == {}

    # a neuron the person chose stays chosen through a clear
    inspector.inspect(1, 2)
    inspector.show_result(None, None)
    assert inspector.target() == (1, 2)


def test_inspector_bars_show_weights_times_inputs_on_a_fixed_scale(qtbot):
    net = Network.create(SMALL, "sigmoid", seed=6)
    inspector = panel(qtbot, NeuronInspector, net)
    stages = make_stages()
    trace = run(net, stages)
    inspector.show_result(stages, trace)
    layer, unit = inspector.target()
    c = net.weights[layer][:, unit] * trace.activations[layer][0]
    x, height = inspector._bar_widget.shown_heights()
    np.testing.assert_allclose(height[np.argsort(x)], c[c != 0], rtol=1e-6)

    bars = inspector._bar_widget._rows[1].plot
    before = bars.vb.viewRange()[1]
    # the same neuron, another drawing: the scale stays
    inspector.inspect(layer, unit)
    inspector.show_result(make_stages(seed=2), run(net, make_stages(seed=2)))
    assert bars.vb.viewRange()[1] == before


def test_short_inspector_keeps_only_the_products_row(qtbot):
    net = Network.create(SMALL, "relu", seed=7)
    inspector = panel(qtbot, NeuronInspector, net)
    inspector.show_result(make_stages(), run(net, make_stages()))
    bars = inspector._bar_widget
    inspector.resize(400, 900)
    assert bars.shows_weights()
    inspector.resize(400, 300)
    assert not bars.shows_weights()
    inspector.resize(400, 900)
    assert bars.shows_weights()
    assert bars._rows[0].plot.scene() is bars.scene()


def test_new_network_resets_the_inspector_to_follow_the_answer(qtbot):
    net = Network.create(SMALL, "relu", seed=4)
    inspector = panel(qtbot, NeuronInspector, net)
    inspector.inspect(1, 2)
    inspector.set_model(Network.create(BIG, "relu", seed=5), {})
    assert inspector.target() is None and inspector.is_following()


def test_window_inspects_the_answer_and_takes_clicks_from_the_bars(qtbot, models_dir):
    window = open_window(qtbot, models_dir)
    inspector, layers = window.panels["inspector"], window.panels["layers"]
    draw(qtbot, window.canvas, SEVEN)
    window.recognizer.flush()
    _, trace = engine_trace(window)
    last = len(trace.zs) - 1
    assert inspector.target() == (last, window.current_prediction())

    layers.neuron_clicked.emit(1, 7)
    assert inspector.target() == (1, 7) and not inspector.is_following()


def test_input_panel_sits_under_the_canvas(qtbot, models_dir):
    window = open_window(qtbot, models_dir)
    seen = window.panels["input"]
    qtbot.waitUntil(seen.isVisible)
    canvas_box = window.canvas.geometry()
    top_left = seen.mapTo(window.canvas.parentWidget(), seen.rect().topLeft())
    assert top_left.y() > canvas_box.bottom()
    assert window.canvas.width() == window.canvas.height()
