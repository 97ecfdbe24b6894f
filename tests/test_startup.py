"""Start the real program in a subprocess, as a user or a script would."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[1]


def run_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["DIGIT_LENS_SETTINGS"] = str(tmp_path / "settings.ini")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshot_writes_the_window_as_png(tmp_path):
    empty, seven = tmp_path / "empty.png", tmp_path / "seven.png"
    for shot, extra in ((empty, []), (seven, ["--demo-digit", "7"])):
        result = run_main(tmp_path, "--screenshot", str(shot), *extra)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr

    image = QImage(str(seven))
    assert (image.width(), image.height()) == (1280, 720)
    # the demo digit puts ink on the canvas
    assert image != QImage(str(empty))


def test_bad_model_flag_gives_one_sentence(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"junk")
    result = run_main(tmp_path, "--model", str(bad), "--screenshot", "x.png")

    assert result.returncode != 0
    assert "bad.npz" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
