"""Build the .deb, install it, run the installed app, then remove it cleanly.

Slow (a PyInstaller build and a real dpkg install) and needs root and dpkg,
so it skips with the reason elsewhere.
"""

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
PACKAGE = "digit-lens"
INSTALL_DIR = Path("/opt/digit-lens")
LAUNCHER = Path("/usr/bin/digit-lens")
DESKTOP_FILE = Path("/usr/share/applications/digit-lens.desktop")
HICOLOR = Path("/usr/share/icons/hicolor")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
BARE_DEBIAN_NEEDS = ("libgl1", "libegl1", "libfontconfig1", "libxcb-cursor0")

pytestmark = pytest.mark.slow


def _skip_reason() -> str | None:
    """Return why this machine cannot run the test, or None."""
    if os.geteuid() != 0:
        return "installing a .deb needs root"
    for tool in ("dpkg", "dpkg-deb", "dpkg-query"):
        if shutil.which(tool) is None:
            return f"{tool} not found; the package test needs a Debian system"
    if importlib.util.find_spec("PyInstaller") is None:
        return "PyInstaller missing; install the dev extra (pip install -e '.[dev]')"
    if _is_installed():
        return "digit-lens is already installed here; the test would remove it"
    return None


def _status(package: str) -> str:
    """Return dpkg's status words for a package, empty when it is unknown."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return result.stdout if result.returncode == 0 else ""


def _is_installed() -> bool:
    """Return whether dpkg holds any trace of digit-lens, even half-installed."""
    status = _status(PACKAGE)
    return bool(status) and not status.endswith("not-installed")


def _missing_depends(deb: Path) -> list[str]:
    """Return the Depends entries no installed package satisfies."""
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True
    ).stdout
    names = [entry.strip().split(" ")[0] for entry in depends.split(",")]
    return [name for name in names if not _status(name).endswith(" installed")]


@pytest.fixture(scope="module")
def deb() -> Path:
    """Build the package with packaging/build.py and return the .deb."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with open(ROOT / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    deb = ROOT / "dist" / f"{PACKAGE}_{version}_amd64.deb"
    assert deb.is_file(), "build.py finished without writing the .deb"
    return deb


@pytest.fixture(scope="module")
def installed(deb):
    """Install the .deb, yield its file list, and purge it afterwards."""
    command = ["dpkg", "-i"]
    # Libraries only a desktop session loads (Wayland, for instance) may be
    # missing on a headless machine; the offscreen run does not need them.
    if _missing_depends(deb):
        command.append("--force-depends")
    try:
        result = subprocess.run([*command, str(deb)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        listing = subprocess.run(
            ["dpkg", "-L", PACKAGE], capture_output=True, text=True, check=True
        ).stdout
        yield [Path(line) for line in listing.splitlines() if line.strip()]
    finally:
        if _is_installed():
            subprocess.run(["dpkg", "--purge", PACKAGE], capture_output=True)


def test_package_lists_launcher_desktop_file_and_icons(installed):
    files = set(installed)
    expected = {LAUNCHER, DESKTOP_FILE, INSTALL_DIR / PACKAGE}
    expected |= {HICOLOR / f"{s}x{s}/apps/digit-lens.png" for s in ICON_SIZES}
    expected.add(HICOLOR / "scalable/apps/digit-lens.svg")
    assert expected <= files, sorted(expected - files)
    assert LAUNCHER.resolve() == INSTALL_DIR / PACKAGE
    assert all(path.exists() for path in expected)


def test_desktop_entry_points_at_the_command_and_icon(installed):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP_FILE)
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == PACKAGE
    assert section["Icon"] == PACKAGE
    assert {"Education", "Science"} <= set(section["Categories"].split(";"))
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_installed_app_saves_a_screenshot(installed, tmp_path):
    from PySide6.QtGui import QImage

    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    command = [PACKAGE, "--screenshot", str(shot), "--demo-digit", "3"]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]

    image = QImage(str(shot))
    assert not image.isNull(), "the screenshot is not a readable PNG"
    assert image.width() >= 640 and image.height() >= 400
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 50, "the screenshot is nearly one flat colour"


def test_depends_names_every_linked_system_library(installed):
    sys.path.insert(0, str(PACKAGING))
    try:
        import check_depends
    finally:
        sys.path.remove(str(PACKAGING))
    declared = subprocess.run(
        ["dpkg-query", "-W", "-f=${Depends}", PACKAGE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    declared_names = {entry.strip().split(" ")[0] for entry in declared.split(",")}

    measured = check_depends.debian_depends(INSTALL_DIR)
    assert {entry.split(" ")[0] for entry in measured} <= declared_names
    # What a bare Debian 12 needed before Qt's xcb plugin and fonts would load.
    assert set(BARE_DEBIAN_NEEDS) <= declared_names


def test_purge_leaves_nothing_behind(installed):
    result = subprocess.run(
        ["dpkg", "--purge", PACKAGE], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr

    assert not _is_installed()
    assert not INSTALL_DIR.exists()
    assert not LAUNCHER.exists() and not LAUNCHER.is_symlink()
    left = [path for path in installed if path.exists() and not path.is_dir()]
    assert left == []
    assert not Path("/usr/share/doc", PACKAGE).exists()
