import json
import pickle
import zipfile

import numpy as np
import pytest

from engine.model_file import ModelFileError, load_model, save_model
from engine.network import Network


@pytest.fixture
def net():
    return Network.create([784, 16, 16, 10], "sigmoid", seed=4)


def test_round_trip_keeps_weights_and_metadata(tmp_path, net):
    path = tmp_path / "m.npz"
    save_model(path, net, {"name": "test", "test_accuracy": 0.5})
    loaded, meta = load_model(path)
    for a, b in zip(net.weights + net.biases, loaded.weights + loaded.biases):
        np.testing.assert_array_equal(a, b)
    assert loaded.activation_name == "sigmoid"
    assert meta["layer_sizes"] == [784, 16, 16, 10]
    assert meta["test_accuracy"] == 0.5 and meta["created"]
    assert not list(tmp_path.glob("*.tmp"))


def test_failed_save_leaves_old_file_alone(tmp_path, net, monkeypatch):
    path = tmp_path / "m.npz"
    save_model(path, net, {})
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez_compressed", broken)
    with pytest.raises(OSError):
        save_model(path, net, {})
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def _write(path, **arrays):
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def _meta(**changes):
    meta = {"format_version": 1, "layer_sizes": [784, 3, 10]}
    meta |= {"activation": "relu", **changes}
    return np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)


def _layers(dtype=np.float32):
    return {
        "w0": np.zeros((784, 3), dtype),
        "b0": np.zeros(3, dtype),
        "w1": np.zeros((3, 10), dtype),
        "b1": np.zeros(10, dtype),
    }


def test_hand_written_valid_file_loads(tmp_path):
    _write(tmp_path / "ok.npz", metadata=_meta(), **_layers())
    net, meta = load_model(tmp_path / "ok.npz")
    assert net.layer_sizes == [784, 3, 10]


@pytest.mark.parametrize(
    "arrays, message",
    [
        ({"metadata": _meta(), **_layers(np.float64)}, "not float32"),
        ({"metadata": _meta(activation="zap"), **_layers()}, "does not know"),
        ({"metadata": _meta(format_version=9), **_layers()}, "format 9"),
        ({"metadata": _meta(layer_sizes=[784, 4, 10]), **_layers()}, "wrong shape"),
        ({"metadata": _meta(layer_sizes=[5, 3, 10]), **_layers()}, "784 inputs"),
        ({**_layers()}, "no Digit Lens metadata"),
        (
            {"metadata": _meta(), **_layers(), "w1": np.full((3, 10), np.nan, "f4")},
            "NaN",
        ),
        ({"metadata": _meta(), "w0": np.zeros((784, 3), "f4")}, "missing"),
    ],
)
def test_bad_contents_get_one_sentence(tmp_path, arrays, message):
    path = tmp_path / "bad.npz"
    _write(path, **arrays)
    with pytest.raises(ModelFileError, match=message) as err:
        load_model(path)
    assert str(err.value).endswith(".") and "\n" not in str(err.value)


def test_truncated_and_foreign_files_are_refused(tmp_path, net):
    good = tmp_path / "good.npz"
    save_model(good, net, {})
    cut = tmp_path / "cut.npz"
    cut.write_bytes(good.read_bytes()[:3000])
    text = tmp_path / "notes.npz"
    text.write_text("hello")
    for path in (cut, text):
        with pytest.raises(ModelFileError, match="not a Digit Lens model"):
            load_model(path)
    with pytest.raises(ModelFileError, match="does not exist"):
        load_model(tmp_path / "missing.npz")


class Boom:
    def __reduce__(self):
        return (exec, ("raise SystemExit('pickle was executed')",))


def test_pickled_payload_is_refused_not_run(tmp_path):
    path = tmp_path / "evil.npz"
    with zipfile.ZipFile(path, "w") as z:
        with z.open("metadata.npy", "w") as f:
            np.lib.format.write_array(f, np.array([Boom()], dtype=object))
        z.writestr("w0.npy", pickle.dumps(Boom()))
    with pytest.raises(ModelFileError, match="pickled"):
        load_model(path)
