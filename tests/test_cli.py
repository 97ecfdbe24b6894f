"""The digit-lens command line, run the way a user runs it: main.py in a process."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from engine.mnist import load_mnist
from engine.model_file import load_model

ROOT = Path(__file__).resolve().parents[1]
ACCURACY_LINE = re.compile(r"^accuracy: (\d\.\d{4}) \((\d+)/(\d+)\)$")


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run main.py with args and return the finished process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env or _env(cwd / "no-data"),
        timeout=300,
    )


def _env(data_dir: Path) -> dict:
    # An empty default data folder, so only --data finds MNIST.
    return {**os.environ, "DIGIT_LENS_DATA": str(data_dir)}


def _assert_clean_failure(done: subprocess.CompletedProcess, sentence: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert re.search(sentence, done.stderr), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def trained(mnist_dir, tmp_path_factory):
    """Train a tiny model through the command line; return (run, model path)."""
    folder = tmp_path_factory.mktemp("cli")
    out = folder / "tiny.npz"
    done = run(
        "train", "--hidden", 32, "--epochs", 1, "--limit", 2000, "--seed", 3,
        "--lr", 0.003, "--batch-size", 32, "--no-augment",
        "--data", mnist_dir, "--out", out, cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done, out


def test_train_writes_a_model_with_its_test_accuracy(trained):
    done, out = trained
    network, meta = load_model(out)

    assert network.layer_sizes == [784, 32, 10]
    assert "epoch 1/1" in done.stdout
    assert 0.7 < meta["test_accuracy"] <= 1
    assert f"test accuracy: {meta['test_accuracy']:.4f}" in done.stdout
    assert meta["training"]["train_images"] == 2000
    assert len(meta["activation_max"]) == 1 and meta["activation_max"][0] > 0
    assert len(meta["weighted_sum_max"]) == 1
    assert [p.name for p in out.parent.iterdir()] == ["tiny.npz"]


def test_evaluate_ends_with_the_accuracy_line(trained, mnist_dir, tmp_path):
    _, model = trained
    done = run("evaluate", "--model", model, "--data", mnist_dir, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    accuracy, correct, total = ACCURACY_LINE.match(lines[-1]).groups()
    assert total == "10000"
    assert float(accuracy) == pytest.approx(int(correct) / 10000, abs=5e-5)
    assert float(accuracy) == pytest.approx(load_model(model)[1]["test_accuracy"])
    rows = [line for line in lines if re.match(r"^\s+\d \|", line)]
    counts = np.array([[int(n) for n in r.split("|")[1].split()] for r in rows])
    assert counts.shape == (10, 10)
    assert counts.sum() == 10000 and np.trace(counts) == int(correct)


def test_missing_model_is_one_sentence(mnist_dir, tmp_path):
    done = run("evaluate", "--model", tmp_path / "nope.npz", "--data", mnist_dir,
               cwd=tmp_path)  # fmt: skip
    _assert_clean_failure(done, "no model file .*nope.npz")


def test_file_that_is_not_a_model_is_one_sentence(mnist_dir, tmp_path):
    (tmp_path / "notes.npz").write_text("just text")
    done = run("evaluate", "--model", tmp_path / "notes.npz", cwd=tmp_path)
    _assert_clean_failure(done, "notes.npz")


def test_missing_data_points_to_download(trained, tmp_path):
    done = run("evaluate", "--model", trained[1], cwd=tmp_path)
    _assert_clean_failure(done, "No MNIST data in .*digit-lens download")


def test_bad_option_value_is_refused_by_the_parser(tmp_path):
    done = run("train", "--epochs", "0", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "not a positive whole number" in done.stderr


def test_train_into_a_missing_folder_fails_before_training(mnist_dir, tmp_path):
    done = run("train", "--data", mnist_dir, "--out", tmp_path / "no/m.npz",
               cwd=tmp_path)  # fmt: skip
    _assert_clean_failure(done, "does not exist")
    assert "epoch" not in done.stdout


def _save_png(pixels: np.ndarray, path: Path) -> Path:
    from PySide6.QtGui import QImage

    data = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w = data.shape
    image = QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8)
    assert image.copy().save(str(path))
    return path


def _printed_probabilities(stdout: str) -> np.ndarray:
    found = re.findall(r"^(\d): (\d\.\d{4})", stdout, re.MULTILINE)
    assert [d for d, _ in found] == [str(d) for d in range(10)]
    return np.array([float(p) for _, p in found])


def test_predict_reads_either_ink_polarity_alike(trained, mnist_dir, tmp_path):
    _, model = trained
    digit = load_mnist(mnist_dir).test_images[0].reshape(28, 28)
    # upscale so the picture looks like a scan, not an MNIST sample
    big = np.round(np.kron(digit, np.ones((4, 4))) * 255)
    light = _save_png(big, tmp_path / "light.png")
    dark = _save_png(255 - big, tmp_path / "dark.png")

    outputs = [run("predict", "--model", model, p, cwd=tmp_path) for p in (light, dark)]

    assert all(done.returncode == 0 for done in outputs), outputs[0].stderr
    p_light, p_dark = (_printed_probabilities(done.stdout) for done in outputs)
    assert p_light.sum() == pytest.approx(1, abs=1e-3)
    np.testing.assert_allclose(p_light, p_dark, atol=2e-4)
    guess = re.search(r"^digit: (\d)", outputs[0].stdout, re.MULTILINE).group(1)
    # the first test digit is a 7, and even this tiny model reads it
    assert int(guess) == int(p_light.argmax()) == 7


def test_predict_on_a_blank_picture_says_so(trained, tmp_path):
    blank = _save_png(np.full((50, 40), 255), tmp_path / "blank.png")
    done = run("predict", "--model", trained[1], blank, cwd=tmp_path)
    _assert_clean_failure(done, "looks blank")


def test_predict_on_a_file_that_is_not_a_picture(trained, tmp_path):
    (tmp_path / "seven.png").write_text("not a picture")
    done = run("predict", "--model", trained[1], tmp_path / "seven.png", cwd=tmp_path)
    _assert_clean_failure(done, "Could not read .* as a PNG or JPEG image")


def test_import_copies_mnist_to_the_data_folder(mnist_dir, tmp_path):
    done = run("import", mnist_dir, cwd=tmp_path, env=_env(tmp_path / "data"))

    assert done.returncode == 0, done.stderr
    assert len(load_mnist(tmp_path / "data").test_labels) == 10000


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT needs a POSIX shell")
def test_ctrl_c_during_training_keeps_nothing(mnist_dir, tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "train", "--epochs", "50",
         "--data", str(mnist_dir), "--out", str(tmp_path / "m.npz")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert process.stdout.readline().startswith("Training")
    # let the first batches run, then press Ctrl+C
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 130
    assert "Traceback" not in err and "stopped" in err
    assert list(tmp_path.iterdir()) == []


def test_help_lists_every_command(tmp_path):
    done = run("--help", cwd=tmp_path)

    assert done.returncode == 0
    for command in ("train", "evaluate", "predict", "download", "import"):
        assert command in done.stdout
