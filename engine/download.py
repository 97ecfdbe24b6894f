"""Fetch MNIST from public mirrors, or import it from a folder, safely.

Every file is written to a temporary name beside its destination, checked
against the official SHA-256, and only then renamed into place, so the data
folder never holds a half-written or damaged file.
"""

import http.client
import logging
import os
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from engine.mnist import FILES, DataError, check_idx, locate, require_files, uncompress
from engine.paths import default_data_dir

log = logging.getLogger(__name__)

MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
CHUNK = 64 * 1024
IMPORT_HINT = "import the files from a folder with `digit-lens import DIR`"

# progress(bytes_done, bytes_total, file_name); bytes_total is 0 when unknown.
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The download was stopped on request; nothing half-written was kept."""


class MirrorFailed(Exception):
    """One mirror could not deliver one file."""

    def __init__(self, reason: str, reached: bool):
        super().__init__(reason)
        self.reached = reached


def download_mnist(
    dest: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    mirrors: tuple[str, ...] = MIRRORS,
    timeout: float = 30.0,
) -> Path:
    """Download the MNIST files that dest lacks and return dest.

    Raises Cancelled when cancelled() turns true, DataError when no mirror
    delivers a good copy of a file.
    """
    dest = _make_folder(Path(dest) if dest else default_data_dir())
    fetcher = _Fetcher(tuple(mirrors), progress, cancelled, timeout)
    for name in FILES:
        if not _holds_good_copy(dest, name):
            fetcher.fetch(name, dest)
    return dest


def import_mnist(src: Path, dest: Path | None = None) -> Path:
    """Copy the four MNIST files (raw or .gz) from src into dest and return dest."""
    src = Path(src)
    dest = Path(dest) if dest else default_data_dir()
    require_files(src, "choose the folder that holds the four files, raw or .gz")

    sources = {name: locate(src, name) for name in FILES}
    payloads = {name: _read_checked(path, name) for name, path in sources.items()}
    if dest.exists() and dest.resolve() == src.resolve():
        return dest
    _make_folder(dest)
    for name, data in payloads.items():
        target = dest / sources[name].name
        _write_atomic(target, lambda out, data=data: out.write(data))
        _drop_other_form(target, name)
    return dest


def _read_checked(path: Path, name: str) -> bytes:
    # Return the file as stored (gz or raw) once its content is verified.
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"Could not read {path}: {error.strerror}.") from None
    check_idx(uncompress(data, path), name, path)
    return data


def _make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(
            f"Could not create the folder {folder}: {error.strerror}."
        ) from None
    return folder


def _holds_good_copy(folder: Path, name: str) -> bool:
    path = locate(folder, name)
    if path is None:
        return False
    try:
        _read_checked(path, name)
    except DataError as error:
        log.warning("Replacing a bad copy: %s", error)
        return False
    return True


def _drop_other_form(target: Path, name: str) -> None:
    # A stale raw file would shadow a fresh .gz (locate prefers raw), and the
    # other way round; keep only the file just written.
    other = target.parent / (name if target.name.endswith(".gz") else f"{name}.gz")
    other.unlink(missing_ok=True)


def _write_atomic(
    target: Path,
    fill: Callable[[BinaryIO], object],
    check: Callable[[Path], None] | None = None,
) -> None:
    # Write through a temporary file in the same folder so os.replace is an
    # atomic rename; any failure or interruption removes the temporary file.
    # os.open with 0o666 lets the umask decide the permissions, as for any
    # file the user saves (mkstemp would make it private).
    temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
        if check:
            check(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@dataclass
class _Fetcher:
    """One download run: where to look, whom to tell, when to stop."""

    mirrors: tuple[str, ...]
    progress: Progress | None
    cancelled: Callable[[], bool] | None
    timeout: float
    # Mirrors that could not be reached are not tried again in this run.
    unreachable: set[str] = field(default_factory=set)

    def fetch(self, name: str, dest: Path) -> None:
        """Write name.gz into dest from the first mirror with a good copy."""
        failures = []
        target = dest / f"{name}.gz"
        for base in self.mirrors:
            if base in self.unreachable:
                continue
            url = f"{base}{name}.gz"
            try:
                _write_atomic(
                    target,
                    lambda out, url=url: self.stream(url, out, name),
                    lambda temp: _check_download(temp, name),
                )
            except MirrorFailed as failure:
                log.info("%s: %s", url, failure)
                failures.append(failure)
                if not failure.reached:
                    self.unreachable.add(base)
                continue
            _drop_other_form(target, name)
            return
        raise DataError(_failure_sentence(name, failures))

    def stream(self, url: str, out: BinaryIO, name: str) -> None:
        """Copy url to out chunk by chunk, reporting and heeding stop requests."""
        with _open(url, self.timeout) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            self._report(done, total, name)
            while chunk := self._next_chunk(response, name):
                out.write(chunk)
                done += len(chunk)
                self._report(done, total, name)
        if total and done != total:
            raise MirrorFailed(f"sent {done} of {total} bytes", reached=True)

    def _next_chunk(self, response, name: str) -> bytes:
        if self.cancelled and self.cancelled():
            raise Cancelled(f"Download of {name} stopped.")
        return _read(response)

    def _report(self, done: int, total: int, name: str) -> None:
        if self.progress:
            self.progress(done, total, name)


def _failure_sentence(name: str, failures: list[MirrorFailed]) -> str:
    if not any(failure.reached for failure in failures):
        return (
            f"Could not reach any MNIST mirror; check your connection or {IMPORT_HINT}."
        )
    return (
        f"No MNIST mirror gave a good copy of {name}.gz; try again later or "
        f"{IMPORT_HINT}."
    )


def _check_download(temp: Path, name: str) -> None:
    try:
        check_idx(uncompress(temp.read_bytes(), temp), name, temp)
    except DataError as error:
        raise MirrorFailed(f"damaged copy ({error})", reached=True) from None


def _open(url: str, timeout: float):
    request = urllib.request.Request(url, headers={"User-Agent": "digit-lens"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        error.close()  # it holds the connection open otherwise
        raise MirrorFailed(f"HTTP {error.code} {error.reason}", reached=True) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise MirrorFailed(f"unreachable ({reason})", reached=False) from None


def _read(response) -> bytes:
    try:
        return response.read(CHUNK)
    except (OSError, http.client.HTTPException) as error:
        raise MirrorFailed(f"connection broke ({error!r})", reached=True) from None
