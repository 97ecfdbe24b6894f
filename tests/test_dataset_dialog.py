"""The dataset manager against a local mirror, a tampered one and none."""

import gzip
import shutil
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from engine.mnist import FILES, missing_files
from ui.dataset_dialog import DatasetDialog

TIMEOUT = 60_000


class SlowHandler(SimpleHTTPRequestHandler):
    """Serve files in small pieces with pauses, so a download can be cancelled."""

    def copyfile(self, source, outputfile):
        while chunk := source.read(16 * 1024):
            outputfile.write(chunk)
            time.sleep(0.02)

    def log_message(self, *args):
        pass


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Start HTTP servers on 127.0.0.1 and stop them after the test."""
    servers = []

    def start(folder, handler=QuietHandler) -> str:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(handler, directory=str(folder))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def mirror_files(mnist_dir, tmp_path):
    """Return a folder holding copies of the four gzipped MNIST files."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    for name in FILES:
        shutil.copy(mnist_dir / f"{name}.gz", folder)
    return folder


@pytest.fixture
def open_dialog(qtbot, tmp_path):
    dialogs = []

    def make(mirrors=()) -> DatasetDialog:
        dialog = DatasetDialog(None, tmp_path / "data", mirrors)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.shutdown()
        assert dialog.thread is None


def finish(qtbot, dialog: DatasetDialog) -> None:
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=TIMEOUT)


def test_download_fetches_verified_files(qtbot, serve, mirror_files, open_dialog):
    dialog = open_dialog((serve(mirror_files),))
    assert "not on this computer" in dialog.presence.text()
    assert dialog.download_button.isEnabled()
    with qtbot.waitSignal(dialog.dataset_changed, timeout=TIMEOUT) as changed:
        dialog.download_button.click()
    finish(qtbot, dialog)
    assert changed.args[0] == dialog.dest
    assert not missing_files(dialog.dest)
    assert "is on this computer" in dialog.presence.text()
    assert not dialog.download_button.isEnabled()


def test_tampered_file_is_refused(qtbot, serve, mirror_files, open_dialog):
    labels = mirror_files / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(labels.read_bytes()))
    raw[100] = (raw[100] + 1) % 10
    labels.write_bytes(gzip.compress(bytes(raw)))
    dialog = open_dialog((serve(mirror_files),))
    dialog.download_button.click()
    finish(qtbot, dialog)
    assert "t10k-labels-idx1-ubyte" in dialog.message.text()
    assert missing_files(dialog.dest) == ["t10k-labels-idx1-ubyte"]
    assert "not on this computer" in dialog.presence.text()
    assert not list(dialog.dest.glob(".*"))


def test_no_server_gives_one_sentence_and_offers_import(qtbot, open_dialog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = open_dialog((f"http://127.0.0.1:{port}/",))
    dialog.download_button.click()
    finish(qtbot, dialog)
    text = dialog.message.text()
    assert text.startswith("Could not reach any MNIST mirror")
    assert text.count(". ") == 0 and "\n" not in text
    assert "Import from a folder" in text
    assert dialog.import_button.isEnabled()


def test_cancel_stops_download_and_keeps_nothing(
    qtbot, serve, mirror_files, open_dialog
):
    dialog = open_dialog((serve(mirror_files, SlowHandler),))
    with qtbot.waitSignal(dialog.download_progressed, timeout=TIMEOUT):
        dialog.download_button.click()
    dialog.cancel_button.click()
    finish(qtbot, dialog)
    assert "cancelled" in dialog.message.text()
    assert missing_files(dialog.dest) == list(FILES)
    assert not list(dialog.dest.iterdir())


def test_import_copies_a_folder(qtbot, mnist_dir, open_dialog):
    dialog = open_dialog()
    with qtbot.waitSignal(dialog.dataset_changed, timeout=TIMEOUT):
        dialog.import_folder(mnist_dir)
    finish(qtbot, dialog)
    assert not missing_files(dialog.dest)


def test_import_of_wrong_folder_says_what_is_missing(qtbot, tmp_path, open_dialog):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog = open_dialog()
    dialog.import_folder(empty)
    finish(qtbot, dialog)
    assert "lacks the MNIST file(s)" in dialog.message.text()
    assert "not on this computer" in dialog.presence.text()
