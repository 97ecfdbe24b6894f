"""The panels right of the canvas, in the order the network computes.

The middle column shows the layers (diagram or bars) over the activation
curve that shapes them; the right column the answer over one neuron up
close. The input panel is returned for the drawing column to hold.
"""

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.panels import create_panels

log = logging.getLogger(__name__)

Part = tuple[QWidget | None, int]


class PanelArea(QWidget):
    """Lay out the layer, activation, answer and inspector panels.

    The panels are created by build(), after the window's first frame, so
    the window appears without waiting for a dozen plots.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.panels: dict[str, QWidget] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        """Return True once the panels exist."""
        return bool(self.panels)

    def build(self) -> dict[str, QWidget]:
        """Create every installed panel and lay them out; return them by name."""
        if self.panels:
            return self.panels
        self.panels = panels = create_panels()
        vertical = Qt.Orientation.Vertical
        views = _tabs(
            [(panels.get("diagram"), "&Network"), (panels.get("layers"), "&Bars")]
        )
        middle = _split(vertical, [(views, 60), (panels.get("activation"), 40)])
        right = _split(
            vertical, [(panels.get("answer"), 25), (panels.get("inspector"), 75)]
        )
        # shares of the width
        columns = [(middle, 64), (right, 36)]
        area = _split(Qt.Orientation.Horizontal, columns)
        if area is not None:
            self._layout.addWidget(area)
        return panels


def _tabs(pages: list[tuple[QWidget | None, str]]) -> QWidget | None:
    """Return the present pages as tabs, or the only one, or None."""
    pages = [(w, title) for w, title in pages if w is not None]
    if len(pages) < 2:
        return pages[0][0] if pages else None
    tabs = QTabWidget()
    tabs.setObjectName("layer_views")
    tabs.setDocumentMode(True)
    for widget, title in pages:
        tabs.addTab(widget, title)
        tabs.setTabToolTip(tabs.count() - 1, widget.toolTip())
    return tabs


def _split(orientation, parts: list[Part]) -> QWidget | None:
    """Return the widgets in a splitter sized by their shares, skipping absent ones."""
    parts = [(w, share) for w, share in parts if w is not None]
    if not parts:
        return None
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for widget, share in parts:
        splitter.addWidget(widget)
        splitter.setStretchFactor(splitter.count() - 1, share)
    splitter.setSizes([share * 100 for _, share in parts])
    return splitter
