"""Save and load trained networks as .npz files with JSON metadata.

A model file holds arrays w0, b0, w1, b1, ... and one entry "metadata": a
JSON document as a uint8 byte array. Nothing is pickled: loading uses
allow_pickle=False, so a file carrying Python objects is refused, never run.
"""

import json
import os
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import numpy as np

from engine import activations as registry
from engine.network import Network

FORMAT_VERSION = 1


class ModelFileError(Exception):
    """A model file that cannot be used; str() is one plain sentence."""


def save_model(path: str | Path, network: Network, metadata: dict) -> None:
    """Write network and metadata to path atomically (temporary file, rename)."""
    path = Path(path)
    meta = {
        **metadata,
        "format_version": FORMAT_VERSION,
        "layer_sizes": network.layer_sizes,
        "activation": network.activation_name,
    }
    meta.setdefault("created", date.today().isoformat())
    arrays = {f"w{i}": w for i, w in enumerate(network.weights)}
    arrays |= {f"b{i}": b for i, b in enumerate(network.biases)}
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, **arrays)
        # mkstemp makes the file private; give it the usual permissions.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_model(path: str | Path) -> tuple[Network, dict]:
    """Return the network and metadata stored at path, or raise ModelFileError."""
    path = Path(path)
    name = path.name
    if path.is_file() and not zipfile.is_zipfile(path):
        # np.load would take any other file for a pickle and say so.
        raise ModelFileError(
            f"{name} is not a Digit Lens model file (.npz) or is damaged."
        )
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except FileNotFoundError:
        raise ModelFileError(f"The model file {name} does not exist.") from None
    except ValueError:
        # np.load raises ValueError for object arrays when pickles are off.
        raise ModelFileError(
            f"{name} contains pickled Python objects, which Digit Lens refuses "
            "to load for safety."
        ) from None
    except (OSError, zipfile.BadZipFile, EOFError):
        raise ModelFileError(
            f"{name} is not a Digit Lens model file (.npz) or is damaged."
        ) from None
    meta = _read_metadata(arrays, name)
    weights, biases = _read_layers(arrays, meta, name)
    return Network(weights, biases, meta["activation"]), meta


def _read_metadata(arrays: dict, name: str) -> dict:
    raw = arrays.get("metadata")
    if raw is None or raw.dtype != np.uint8:
        raise ModelFileError(f"{name} has no Digit Lens metadata.")
    try:
        meta = json.loads(raw.tobytes().decode())
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelFileError(f"{name} has unreadable metadata.") from None
    if not isinstance(meta, dict):
        raise ModelFileError(f"{name} has unreadable metadata.")
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelFileError(
            f"{name} uses model format {version!r}; this Digit Lens reads "
            f"format {FORMAT_VERSION}."
        )
    if meta.get("activation") not in registry.ACTIVATIONS:
        raise ModelFileError(
            f"{name} uses the activation {meta.get('activation')!r}, which this "
            "Digit Lens does not know."
        )
    sizes = meta.get("layer_sizes")
    if (
        not isinstance(sizes, list)
        or len(sizes) < 2
        or not all(isinstance(n, int) and n > 0 for n in sizes)
    ):
        raise ModelFileError(f"{name} has invalid layer sizes in its metadata.")
    if sizes[0] != 784 or sizes[-1] != 10:
        raise ModelFileError(
            f"{name} maps {sizes[0]} inputs to {sizes[-1]} outputs; a digit "
            "model needs 784 inputs and 10 outputs."
        )
    return meta


def _read_layers(arrays: dict, meta: dict, name: str):
    sizes = meta["layer_sizes"]
    weights, biases = [], []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        w, b = arrays.get(f"w{i}"), arrays.get(f"b{i}")
        if w is None or b is None:
            raise ModelFileError(f"{name} is missing the weights of layer {i + 1}.")
        if w.shape != (n_in, n_out) or b.shape != (n_out,):
            raise ModelFileError(
                f"{name} has weights of the wrong shape in layer {i + 1}."
            )
        if w.dtype != np.float32 or b.dtype != np.float32:
            raise ModelFileError(
                f"{name} stores layer {i + 1} as {w.dtype}, not float32."
            )
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            raise ModelFileError(
                f"{name} contains infinite or NaN weights in layer {i + 1}."
            )
        weights.append(w)
        biases.append(b)
    return weights, biases
