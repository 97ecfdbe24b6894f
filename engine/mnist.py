"""Read and verify the four MNIST files in the IDX format, gzipped or not.

An IDX file is a big-endian header (a magic number, then one 32-bit size per
dimension) followed by unsigned bytes. The SHA-256 of the uncompressed bytes
must match the official release, so a damaged or different copy is refused
before it can quietly train a worse model.
"""

import gzip
import hashlib
import logging
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
SIDE = 28


@dataclass(frozen=True)
class IdxSpec:
    """What one MNIST file must contain."""

    sha256: str
    magic: int
    count: int


FILES: dict[str, IdxSpec] = {
    "train-images-idx3-ubyte": IdxSpec(
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        IMAGE_MAGIC,
        60000,
    ),
    "train-labels-idx1-ubyte": IdxSpec(
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        LABEL_MAGIC,
        60000,
    ),
    "t10k-images-idx3-ubyte": IdxSpec(
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        IMAGE_MAGIC,
        10000,
    ),
    "t10k-labels-idx1-ubyte": IdxSpec(
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        LABEL_MAGIC,
        10000,
    ),
}

FETCH_HINT = "run `digit-lens download` or `digit-lens import DIR`"


class DataError(Exception):
    """MNIST data is missing or damaged; str() is one sentence for the user."""


@dataclass
class MnistData:
    """The MNIST training and test sets, ready for the network.

    Images are float32 (n, 784) in 0..1; labels are int64 (n,).
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


def locate(folder: Path, name: str) -> Path | None:
    """Return the file for name in folder, uncompressed or .gz, or None."""
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def missing_files(folder: Path) -> list[str]:
    """Return the names of the MNIST files that folder lacks."""
    return [name for name in FILES if locate(Path(folder), name) is None]


def uncompress(data: bytes, path: Path) -> bytes:
    """Return data gunzipped if it is a gzip stream, else unchanged."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        return gzip.decompress(data)
    except EOFError:
        raise DataError(f"{path} is truncated; {FETCH_HINT} again.") from None
    except (gzip.BadGzipFile, zlib.error):
        raise DataError(f"{path} is corrupt; {FETCH_HINT} again.") from None


def check_idx(raw: bytes, name: str, path: Path) -> None:
    """Raise DataError unless raw is the official, complete file called name."""
    spec = FILES[name]
    ndim = 3 if spec.magic == IMAGE_MAGIC else 1
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataError(f"{path} is truncated; {FETCH_HINT} again.")

    header = np.frombuffer(raw, ">u4", count=1 + ndim)
    expected = [spec.magic, spec.count] + [SIDE, SIDE] * (ndim == 3)
    if header[0] != spec.magic:
        raise DataError(f"{path} is not an MNIST {_kind(spec)} file; {FETCH_HINT}.")
    if list(header) != expected:
        raise DataError(f"{path} has the wrong dimensions for {name}; {FETCH_HINT}.")
    item_size = SIDE * SIDE if ndim == 3 else 1
    if len(raw) != header_size + spec.count * item_size:
        raise DataError(f"{path} is truncated; {FETCH_HINT} again.")

    if hashlib.sha256(raw).hexdigest() != spec.sha256:
        raise DataError(
            f"{path} differs from the official MNIST release; {FETCH_HINT} again."
        )


def _kind(spec: IdxSpec) -> str:
    return "image" if spec.magic == IMAGE_MAGIC else "label"


def read_verified(path: Path, name: str) -> bytes:
    """Return the uncompressed bytes of path after checking them as name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"Could not read {path}: {error.strerror}.") from None
    raw = uncompress(data, path)
    check_idx(raw, name, path)
    return raw


def read_idx(path: Path, name: str) -> np.ndarray:
    """Return the verified contents of path as uint8 (count, 28, 28) or (count,)."""
    raw = read_verified(path, name)
    spec = FILES[name]
    if spec.magic == IMAGE_MAGIC:
        return np.frombuffer(raw, np.uint8, offset=16).reshape(-1, SIDE, SIDE)
    return np.frombuffer(raw, np.uint8, offset=8)


def _images(pixels: np.ndarray) -> np.ndarray:
    # One pass from uint8 to scaled float32, without a float64 temporary.
    out = np.empty((len(pixels), SIDE * SIDE), np.float32)
    flat = pixels.reshape(len(pixels), -1)
    np.multiply(flat, np.float32(1 / 255), out=out, casting="unsafe")
    return out


def require_files(folder: Path, advice: str) -> None:
    """Raise DataError, ending in advice, unless folder holds all four files."""
    if not folder.is_dir():
        raise DataError(f"The MNIST folder {folder} does not exist; {advice}.")
    missing = missing_files(folder)
    if missing:
        names = ", ".join(missing)
        raise DataError(f"{folder} lacks the MNIST file(s) {names}; {advice}.")


def load_mnist(folder: Path) -> MnistData:
    """Return the verified MNIST training and test sets found in folder."""
    folder = Path(folder)
    require_files(folder, FETCH_HINT)

    arrays = {name: read_idx(locate(folder, name), name) for name in FILES}
    log.info("Loaded MNIST from %s", folder)
    return MnistData(
        train_images=_images(arrays["train-images-idx3-ubyte"]),
        train_labels=arrays["train-labels-idx1-ubyte"].astype(np.int64),
        test_images=_images(arrays["t10k-images-idx3-ubyte"]),
        test_labels=arrays["t10k-labels-idx1-ubyte"].astype(np.int64),
    )
