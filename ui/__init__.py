"""The Digit Lens window, built on PySide6 and pyqtgraph."""
