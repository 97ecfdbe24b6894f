"""PySide6 must not leak a reference to None on void Qt calls.

PySide6 6.12.0 under Python 3.11 adds one reference to None per call of a
Qt method returning void; after a few thousand calls Python aborts. The
window makes such calls on every mouse move, so this guards the pin.
"""

import sys

from PySide6.QtWidgets import QWidget

CALLS = 10_000
# Unrelated code (the garbage collector, caches) may move the count a little.
MARGIN = 100


def test_void_qt_calls_do_not_leak_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setToolTip("warm-up")
    widget.setObjectName("warm-up")

    before = sys.getrefcount(None)
    for i in range(CALLS):
        widget.setToolTip("a" if i % 2 else "b")
        widget.setObjectName("c" if i % 2 else "d")
    grown = sys.getrefcount(None) - before

    assert grown < MARGIN, f"None gained {grown} references in {2 * CALLS} calls"
