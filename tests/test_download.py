"""Downloading MNIST from mirrors and importing it, against a local server."""

import gzip
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from engine.download import Cancelled, download_mnist, import_mnist
from engine.mnist import FILES, DataError, load_mnist, read_idx

LABELS = "t10k-labels-idx1-ubyte"


def _tampered(packed: bytes) -> bytes:
    # Same size and a valid gzip stream, but one label changed: only the
    # hash of the uncompressed bytes can tell.
    raw = bytearray(gzip.decompress(packed))
    raw[-1] = (raw[-1] + 1) % 10
    return gzip.compress(bytes(raw))


class _Mirrors(BaseHTTPRequestHandler):
    """Serve /<mode>/<file>.gz, good or spoiled in the way mode names."""

    files: dict[str, bytes] = {}

    def do_GET(self):
        _, mode, name = self.path.split("/", 2)
        data = self.files.get(name)
        if data is None or mode == "missing":
            self.send_error(404)
            return
        if mode == "tampered" and name.startswith("t10k-labels"):
            data = _tampered(data)
        sent = len(data) // 2 if mode in ("short", "cut") else len(data)
        self.send_response(200)
        self.send_header("Content-Length", str(sent if mode == "short" else len(data)))
        self.end_headers()
        self.wfile.write(data[:sent])

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that cancels mid-file hangs up on the server; expected.
        pass


@pytest.fixture(scope="module")
def server(mnist_dir):
    _Mirrors.files = {p.name: p.read_bytes() for p in mnist_dir.glob("*.gz")}
    httpd = _QuietServer(("127.0.0.1", 0), _Mirrors)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_download_from_a_good_mirror_loads(server, tmp_path):
    seen = []

    dest = download_mnist(
        tmp_path / "data",
        progress=lambda done, total, name: seen.append((done, total, name)),
        mirrors=(f"{server}/good/",),
    )

    assert len(load_mnist(dest).train_labels) == 60000
    assert sorted(p.name for p in dest.iterdir()) == sorted(f"{n}.gz" for n in FILES)
    assert {name for _, _, name in seen} == set(FILES)
    done, total, _ = seen[-1]
    assert done == total > 0


@pytest.mark.parametrize("bad", ["tampered", "short", "cut", "missing"])
def test_bad_mirror_falls_through_to_the_next(server, tmp_path, bad):
    dest = download_mnist(tmp_path, mirrors=(f"{server}/{bad}/", f"{server}/good/"))

    read_idx(dest / f"{LABELS}.gz", LABELS)
    assert _leftovers(dest) == []


@pytest.mark.parametrize("bad", ["tampered", "cut"])
def test_only_bad_mirrors_leave_nothing_half_written(server, tmp_path, bad):
    with pytest.raises(DataError, match="No MNIST mirror gave a good copy"):
        download_mnist(tmp_path, mirrors=(f"{server}/{bad}/",) * 2)

    assert _leftovers(tmp_path) == []
    assert not (tmp_path / f"{LABELS}.gz").exists()


def test_unreachable_mirrors_give_the_offline_sentence(closed_port, tmp_path):
    with pytest.raises(DataError, match="^Could not reach any MNIST mirror.*import"):
        download_mnist(tmp_path, mirrors=(closed_port,), timeout=5)

    assert list(tmp_path.iterdir()) == []


def test_cancel_mid_file_keeps_nothing(server, tmp_path):
    calls = []

    def progress(done, total, name):
        calls.append(done)

    with pytest.raises(Cancelled):
        download_mnist(
            tmp_path,
            progress=progress,
            cancelled=lambda: len(calls) > 3,
            mirrors=(f"{server}/good/",),
        )

    assert 0 < calls[-1] < len(_Mirrors.files["train-images-idx3-ubyte.gz"])
    assert list(tmp_path.iterdir()) == []


def test_good_files_already_there_are_not_fetched(server, mnist_dir, tmp_path):
    import_mnist(mnist_dir, tmp_path)
    names = []

    download_mnist(
        tmp_path,
        progress=lambda done, total, name: names.append(name),
        mirrors=(f"{server}/missing/",),
    )

    assert names == []


def test_damaged_file_in_dest_is_replaced(server, mnist_dir, tmp_path):
    import_mnist(mnist_dir, tmp_path)
    (tmp_path / LABELS).write_bytes(b"not mnist")

    download_mnist(tmp_path, mirrors=(f"{server}/good/",))

    assert not (tmp_path / LABELS).exists()
    read_idx(tmp_path / f"{LABELS}.gz", LABELS)


def test_import_copies_raw_and_gzipped_files(mnist_dir, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in FILES:
        (src / f"{name}.gz").write_bytes((mnist_dir / f"{name}.gz").read_bytes())
    (src / f"{LABELS}.gz").unlink()
    raw = gzip.decompress((mnist_dir / f"{LABELS}.gz").read_bytes())
    (src / LABELS).write_bytes(raw)

    dest = import_mnist(src, tmp_path / "dest")

    assert (dest / LABELS).read_bytes() == raw
    assert len(load_mnist(dest).test_labels) == 10000


def test_import_of_a_tampered_file_writes_nothing(mnist_dir, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in FILES:
        (src / f"{name}.gz").write_bytes((mnist_dir / f"{name}.gz").read_bytes())
    packed = (src / f"{LABELS}.gz").read_bytes()
    (src / f"{LABELS}.gz").write_bytes(_tampered(packed))

    with pytest.raises(DataError, match="differs from the official"):
        import_mnist(src, tmp_path / "dest")

    assert not (tmp_path / "dest").exists()


def test_import_from_a_folder_without_mnist_names_what_is_missing(tmp_path):
    with pytest.raises(DataError, match="lacks the MNIST file"):
        import_mnist(tmp_path, tmp_path / "dest")
    with pytest.raises(DataError, match="does not exist"):
        import_mnist(tmp_path / "nowhere", tmp_path / "dest")


def test_unreachable_mirror_is_tried_once_per_run(
    server, closed_port, tmp_path, caplog
):
    caplog.set_level(logging.INFO, logger="engine.download")

    download_mnist(tmp_path, mirrors=(closed_port, f"{server}/good/"), timeout=5)

    tried = [r for r in caplog.records if closed_port in r.getMessage()]
    assert len(tried) == 1
    assert len(load_mnist(tmp_path).test_labels) == 10000


def test_ctrl_c_mid_file_keeps_nothing(server, tmp_path):
    def progress(done, total, name):
        if done > 100_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download_mnist(tmp_path, progress=progress, mirrors=(f"{server}/good/",))

    assert list(tmp_path.iterdir()) == []
