"""The drawing canvas: strokes by mouse, clearing, undo, brush and shape."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QInputDevice, QKeySequence, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication

from ui.canvas import DEFAULT_BRUSH_FRACTION, MAX_BRUSH_FRACTION, DrawingCanvas
from ui.square_box import SquareBox


@pytest.fixture
def canvas(qtbot):
    widget = DrawingCanvas()
    qtbot.addWidget(widget)
    widget.resize(280, 280)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw(qtbot, widget, points) -> None:
    """Drag the left button through points, always releasing it."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left, pos=QPoint(*points[0]))
    try:
        for x, y in points[1:]:
            qtbot.mouseMove(widget, QPoint(x, y))
    finally:
        qtbot.mouseRelease(widget, left, pos=QPoint(*points[-1]))


def ink_at(widget, x: int, y: int) -> int:
    return widget.image().pixelColor(x, y).value()


def test_mouse_stroke_is_kept_as_path_and_pixels(qtbot, canvas):
    with qtbot.waitSignal(canvas.drawing_changed):
        draw(qtbot, canvas, [(50, 50), (100, 120), (150, 200)])

    strokes = canvas.strokes()
    assert len(strokes) == 1
    assert strokes[0].shape == (3, 2)
    np.testing.assert_allclose(strokes[0][[0, -1]], [[50, 50], [150, 200]])
    assert ink_at(canvas, 100, 120) > 200
    assert ink_at(canvas, 250, 30) == 0


def test_right_click_clears(qtbot, canvas):
    draw(qtbot, canvas, [(50, 50), (200, 200)])
    qtbot.mouseClick(canvas, Qt.MouseButton.RightButton, pos=QPoint(10, 10))
    assert canvas.is_empty()
    assert ink_at(canvas, 125, 125) == 0


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Delete])
def test_keys_clear(qtbot, canvas, key):
    draw(qtbot, canvas, [(50, 50), (200, 200)])
    qtbot.keyClick(canvas, key)
    assert canvas.strokes() == []


def test_undo_removes_only_the_last_stroke(qtbot, canvas):
    draw(qtbot, canvas, [(40, 40), (240, 40)])
    draw(qtbot, canvas, [(40, 240), (240, 240)])
    keys = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(canvas, keys.key(), keys.keyboardModifiers())
    assert len(canvas.strokes()) == 1
    assert ink_at(canvas, 140, 40) > 200
    assert ink_at(canvas, 140, 240) == 0


def test_moving_without_button_draws_nothing(qtbot, canvas):
    qtbot.mouseMove(canvas, QPoint(30, 30))
    qtbot.mouseMove(canvas, QPoint(200, 200))
    assert canvas.is_empty()


def test_brush_width_follows_the_side_and_is_limited(canvas):
    assert canvas.brush_width() == pytest.approx(280 * DEFAULT_BRUSH_FRACTION)
    canvas.set_brush_fraction(1.0)
    assert canvas.brush_fraction() == MAX_BRUSH_FRACTION


def test_wider_brush_paints_more_ink(canvas):
    canvas.add_stroke([(60, 140), (220, 140)])
    thin = ink_at(canvas, 140, 140 + 12)
    canvas.set_brush_fraction(MAX_BRUSH_FRACTION)
    assert thin < 128 <= ink_at(canvas, 140, 140 + 12)


def test_strokes_scale_with_the_canvas(qtbot, canvas):
    canvas.add_stroke([(70, 70), (140, 210)])
    canvas.resize(560, 560)
    np.testing.assert_allclose(canvas.strokes()[0], [[140, 140], [280, 420]])
    assert ink_at(canvas, 210, 280) > 200


def test_square_box_keeps_the_canvas_square(qtbot):
    widget = DrawingCanvas()
    box = SquareBox(widget)
    qtbot.addWidget(box)
    box.resize(QSize(500, 300))
    box.show()
    qtbot.waitExposed(box)
    assert widget.width() == widget.height() == 300
    assert widget.x() == 100
    box.resize(QSize(260, 700))
    assert widget.size() == QSize(260, 260)


def test_drawing_widget_is_named_for_scripts_and_screen_readers(canvas):
    assert canvas.objectName() == "canvas"
    assert canvas.accessibleName()


@pytest.fixture(scope="module")
def pen():
    # Events keep a plain pointer to their device: it must outlive them.
    return QPointingDevice(
        "test pen",
        1,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        2,
    )


def tablet_event(pen, kind, pos, pressure):
    buttons = Qt.MouseButton.LeftButton if pressure else Qt.MouseButton.NoButton
    point = QPointF(*pos)
    return QTabletEvent(
        kind, pen, point, point, pressure, 0, 0, 0, 0, 0,
        Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons,
    )  # fmt: skip


def test_pen_strokes_come_through_tablet_events(canvas, pen):
    path = [(60, 60), (120, 140), (200, 220)]
    kinds = [QEvent.Type.TabletPress, QEvent.Type.TabletMove]
    kinds.append(QEvent.Type.TabletRelease)
    for kind, pos in zip(kinds, path, strict=True):
        event = tablet_event(pen, kind, pos, 0.0 if kind == kinds[-1] else 0.7)
        QApplication.sendEvent(canvas, event)
        assert event.isAccepted()

    strokes = canvas.strokes()
    assert len(strokes) == 1
    np.testing.assert_allclose(strokes[0][:2], path[:2])
    assert ink_at(canvas, 120, 140) > 200
