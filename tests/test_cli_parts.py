"""Pieces of the command line tested in-process: ink, tables, bars, names."""

import io

import numpy as np
import pytest

from engine import cli
from engine.cli_support import CliError, Terminal, bar_text, format_duration
from engine.ink import ink_from_rgba


def _digit_stroke(rng) -> np.ndarray:
    # A vertical bar of ink with soft edges, off-centre, on a 40x30 page.
    ink = np.zeros((40, 30), np.float32)
    ink[8:32, 12:16] = 1.0
    ink[8:32, 11] = ink[8:32, 16] = 0.5
    return np.clip(ink + rng.uniform(0, 0.02, ink.shape), 0, 1)


def _rgba(grey: np.ndarray, alpha: np.ndarray | None = None) -> np.ndarray:
    alpha = np.ones_like(grey) if alpha is None else alpha
    return np.dstack([grey, grey, grey, alpha]).astype(np.float32)


def test_light_ink_on_dark_page_is_kept():
    ink = _digit_stroke(np.random.default_rng(0))
    got = ink_from_rgba(_rgba(ink))
    assert got[20, 13] == pytest.approx(1.0)
    assert got[2, 2] < 0.05


def test_dark_ink_on_light_page_is_inverted_alike():
    ink = _digit_stroke(np.random.default_rng(1))
    light = ink_from_rgba(_rgba(ink))
    dark = ink_from_rgba(_rgba(1 - ink))
    np.testing.assert_allclose(light, dark, atol=0.05)


def test_grey_paper_becomes_an_empty_background():
    ink = _digit_stroke(np.random.default_rng(2))
    photo = 0.8 - 0.6 * ink  # dark pen on grey paper
    got = ink_from_rgba(_rgba(photo))
    assert got.max() == pytest.approx(1.0)
    assert np.median(got) < 0.05


def test_black_strokes_on_a_transparent_page_read_as_ink():
    ink = _digit_stroke(np.random.default_rng(3))
    got = ink_from_rgba(_rgba(np.zeros_like(ink), alpha=ink))
    assert got[20, 13] == pytest.approx(1.0)
    assert got[2, 2] < 0.05


def test_faint_noise_is_blank_not_a_digit():
    noise = np.random.default_rng(4).uniform(0.5, 0.55, (30, 30))
    assert not ink_from_rgba(_rgba(noise)).any()


def test_confusion_table_has_labelled_rows_and_columns():
    confusion = np.arange(100).reshape(10, 10) * 11
    lines = cli.confusion_lines(confusion)

    assert lines[0].split("|")[1].split() == [str(d) for d in range(10)]
    assert len(lines) == 12
    row_3 = lines[5].split("|")
    assert row_3[0].strip() == "3"
    assert [int(n) for n in row_3[1].split()] == list(confusion[3])


def test_bundled_model_is_found_by_name(tmp_path, monkeypatch):
    (tmp_path / "relu-16-16.npz").write_bytes(b"")
    monkeypatch.setattr(cli, "bundled_models_dir", lambda: tmp_path)
    monkeypatch.chdir(tmp_path.parent)

    assert cli.resolve_model("relu-16-16") == tmp_path / "relu-16-16.npz"
    assert cli.resolve_model("relu-16-16.npz") == tmp_path / "relu-16-16.npz"
    with pytest.raises(CliError, match=r"bundled: relu-16-16\)"):
        cli.resolve_model("tanh-16-16")


def test_progress_bar_shows_share_and_eta():
    assert bar_text(0.5, "epoch 1/2", 65) == (
        "[============>           ]  50% epoch 1/2  ETA 1:05"
    )
    assert bar_text(1.0, "done", None).startswith("[" + "=" * 24 + "] 100%")
    assert format_duration(3725) == "1:02:05"


def test_progress_bar_is_silent_off_a_terminal():
    out, err = io.StringIO(), io.StringIO()
    term = Terminal(out, err)
    term.progress(0.5, "halfway")
    term.say("epoch 1/2")

    assert err.getvalue() == ""
    assert out.getvalue() == "epoch 1/2\n"


def test_every_command_has_a_parser():
    parser = cli.build_parser()
    for command in cli.SUBCOMMANDS:
        args = ["--help"]
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args([command, *args])
        assert exit_info.value.code == 0


def test_main_sends_every_command_to_the_command_line():
    import main

    assert set(cli.SUBCOMMANDS) <= set(main.COMMANDS)
