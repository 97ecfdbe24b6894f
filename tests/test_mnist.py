"""Reading and verifying the MNIST files, and where they are looked for."""

import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine import paths
from engine.mnist import FILES, DataError, load_mnist, missing_files, read_idx

LABELS = "t10k-labels-idx1-ubyte"


def _copy_set(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy(src / f"{name}.gz", dest / f"{name}.gz")
    return dest


def _raw(mnist_dir: Path, name: str) -> bytes:
    return gzip.decompress((mnist_dir / f"{name}.gz").read_bytes())


def test_load_gives_float_images_and_integer_labels(mnist_dir):
    data = load_mnist(mnist_dir)

    assert data.train_images.shape == (60000, 784)
    assert data.test_images.shape == (10000, 784)
    assert data.train_images.dtype == np.float32
    assert data.train_labels.dtype == np.int64
    assert data.train_images.min() == 0.0 and data.train_images.max() == 1.0
    assert set(np.unique(data.test_labels)) == set(range(10))
    # the first test digit of the official release is a 7
    assert data.test_labels[0] == 7
    assert data.test_images[0].reshape(28, 28)[14].max() > 0.5


def test_raw_and_gzipped_files_read_the_same(mnist_dir, tmp_path):
    (tmp_path / LABELS).write_bytes(_raw(mnist_dir, LABELS))

    raw = read_idx(tmp_path / LABELS, LABELS)
    packed = read_idx(mnist_dir / f"{LABELS}.gz", LABELS)

    np.testing.assert_array_equal(raw, packed)
    assert raw.shape == (10000,)


def test_uncompressed_file_is_preferred_and_loads(mnist_dir, tmp_path):
    folder = _copy_set(mnist_dir, tmp_path / "set")
    (folder / f"{LABELS}.gz").unlink()
    (folder / LABELS).write_bytes(_raw(mnist_dir, LABELS))

    data = load_mnist(folder)

    assert len(data.test_labels) == 10000


def test_missing_folder_is_one_sentence(tmp_path):
    with pytest.raises(DataError, match="does not exist; run `digit-lens download`"):
        load_mnist(tmp_path / "nowhere")


def test_missing_file_is_named(mnist_dir, tmp_path):
    folder = _copy_set(mnist_dir, tmp_path / "set")
    (folder / "train-labels-idx1-ubyte.gz").unlink()

    assert missing_files(folder) == ["train-labels-idx1-ubyte"]
    with pytest.raises(DataError, match="lacks the MNIST file.*train-labels"):
        load_mnist(folder)


def test_changed_byte_fails_the_hash(mnist_dir, tmp_path):
    raw = bytearray(_raw(mnist_dir, LABELS))
    raw[100] = (raw[100] + 1) % 10
    (tmp_path / LABELS).write_bytes(bytes(raw))

    with pytest.raises(DataError, match="differs from the official MNIST release"):
        read_idx(tmp_path / LABELS, LABELS)


@pytest.mark.parametrize("keep", [4, 8, 5000])
def test_truncated_raw_file_is_reported(mnist_dir, tmp_path, keep):
    (tmp_path / LABELS).write_bytes(_raw(mnist_dir, LABELS)[:keep])

    with pytest.raises(DataError, match="truncated"):
        read_idx(tmp_path / LABELS, LABELS)


def test_truncated_gzip_file_is_reported(mnist_dir, tmp_path):
    packed = (mnist_dir / f"{LABELS}.gz").read_bytes()
    (tmp_path / f"{LABELS}.gz").write_bytes(packed[: len(packed) // 2])

    with pytest.raises(DataError, match="truncated"):
        read_idx(tmp_path / f"{LABELS}.gz", LABELS)


def test_corrupt_gzip_file_is_reported(mnist_dir, tmp_path):
    packed = bytearray((mnist_dir / f"{LABELS}.gz").read_bytes())
    packed[len(packed) // 2] ^= 0xFF
    (tmp_path / f"{LABELS}.gz").write_bytes(bytes(packed))

    with pytest.raises(DataError, match="corrupt|differs"):
        read_idx(tmp_path / f"{LABELS}.gz", LABELS)


def test_image_file_in_place_of_labels_is_refused(mnist_dir, tmp_path):
    images = _raw(mnist_dir, "t10k-images-idx3-ubyte")
    (tmp_path / LABELS).write_bytes(images)

    with pytest.raises(DataError, match="not an MNIST label file"):
        read_idx(tmp_path / LABELS, LABELS)


def test_label_count_of_the_other_set_is_refused(mnist_dir, tmp_path):
    train = _raw(mnist_dir, "train-labels-idx1-ubyte")
    (tmp_path / LABELS).write_bytes(train)

    with pytest.raises(DataError, match="wrong dimensions"):
        read_idx(tmp_path / LABELS, LABELS)


def test_data_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))

    assert paths.default_data_dir() == tmp_path
    assert paths.find_mnist() is None


def test_find_mnist_needs_all_four_files(mnist_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    _copy_set(mnist_dir, tmp_path)
    assert paths.find_mnist() == tmp_path

    (tmp_path / "t10k-images-idx3-ubyte.gz").unlink()
    assert paths.find_mnist() is None


def test_default_folder_without_override_is_per_user(monkeypatch):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)

    folder = paths.default_data_dir()

    assert folder.name == "mnist"
    assert "digit-lens" in folder.parts
