"""Steady labels: new numbers repaint the text without re-laying out the window."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.steady_label import SteadyLabel


class LayoutRequests(QObject):
    """Count the layout requests a widget receives."""

    def __init__(self, widget: QWidget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def shown_label(qtbot, width: int = 160) -> tuple[QWidget, SteadyLabel]:
    """Return a shown window holding a wrapping steady label over a stretch."""
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("bias b = +0.100")
    label.setWordWrap(True)
    steady = SteadyLabel(label)
    layout = QVBoxLayout(window)
    layout.addWidget(steady)
    layout.addStretch(1)
    window.resize(width, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, steady


def test_new_numbers_in_the_same_room_leave_the_layout_alone(qtbot, qapp):
    window, steady = shown_label(qtbot)
    qapp.processEvents()
    requests = LayoutRequests(window)

    steady.setText("bias b = +0.250")
    qapp.processEvents()
    assert steady.text() == "bias b = +0.250"
    assert steady.label.text() == "bias b = +0.250"
    assert requests.count == 0


def test_text_needing_more_lines_gets_more_room(qtbot, qapp):
    window, steady = shown_label(qtbot)
    one_line = steady.height()

    steady.setText("Strongest inputs: " + "; ".join(f"neuron {i}" for i in range(12)))
    qtbot.waitUntil(lambda: steady.height() > one_line)
    assert steady.label.geometry() == steady.rect()
    needed = steady.label.heightForWidth(steady.width())
    assert steady.height() >= needed

    steady.setText("short")
    qtbot.waitUntil(lambda: steady.height() == one_line)


def test_text_set_while_hidden_is_laid_out_when_shown(qtbot, qapp):
    window, steady = shown_label(qtbot)
    one_line = steady.height()
    steady.hide()
    steady.setText("a longer sentence that wraps over several lines here")
    steady.show()
    qtbot.waitUntil(lambda: steady.height() > one_line)
