"""Lay out the Debian package tree around a bundle and pack it with dpkg-deb."""

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
ICON_DIR = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

PACKAGE = "digit-lens"
INSTALL_DIR = Path("opt") / PACKAGE
# The MNIST download goes over HTTPS and needs the system's CA certificates;
# drawing and the bundled models work without them.
RECOMMENDS = ("ca-certificates",)


@dataclass(frozen=True)
class PackageInfo:
    """What the control file says about the package."""

    version: str
    summary: str
    description: str
    maintainer: str
    homepage: str | None = None
    # Filled in from the built bundle by check_depends.debian_depends().
    depends: tuple[str, ...] = ()


def stage(bundle: Path, staging: Path, info: PackageInfo) -> Path:
    """Copy the bundle and desktop files into a fresh package tree."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)

    launcher = staging / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    # The bootloader finds its _internal folder through /proc/self/exe, so a
    # symlink is enough and costs nothing at start-up.
    launcher.symlink_to(Path("/") / INSTALL_DIR / PACKAGE)

    _copy(PACKAGING / f"{PACKAGE}.desktop", staging / "usr/share/applications")
    _install_icons(staging / "usr/share/icons/hicolor")
    _write_copyright(staging / "usr/share/doc" / PACKAGE)
    _write_debian_dir(staging, info)
    return staging


def _copy(source: Path, folder: Path, name: str | None = None) -> Path:
    """Copy one file into a folder as a plain 0644 file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    target.chmod(0o644)
    return target


def _install_icons(hicolor: Path) -> None:
    """Put every PNG size and the SVG where the hicolor theme looks."""
    for size in ICON_SIZES:
        png = ICON_DIR / f"{PACKAGE}-{size}.png"
        _copy(png, hicolor / f"{size}x{size}" / "apps", f"{PACKAGE}.png")
    _copy(ICON_DIR / f"{PACKAGE}.svg", hicolor / "scalable" / "apps")


def _write_copyright(doc_dir: Path) -> None:
    """Write the short copyright note Debian policy asks for."""
    doc_dir.mkdir(parents=True, exist_ok=True)
    text = (
        "Digit Lens is distributed under the MIT licence.\n"
        "The bundled Qt libraries (PySide6) are under the LGPL-3.0; numpy,\n"
        "pyqtgraph and platformdirs under BSD/MIT-style licences; CPython\n"
        "under the PSF licence. Their licence files ship in\n"
        f"/{INSTALL_DIR}/_internal beside each library.\n"
    )
    (doc_dir / "copyright").write_text(text)
    (doc_dir / "copyright").chmod(0o644)


def _write_debian_dir(staging: Path, info: PackageInfo) -> None:
    """Write control, md5sums and the maintainer scripts."""
    debian = staging / "DEBIAN"
    debian.mkdir(mode=0o755)
    for script in ("postinst", "postrm"):
        _copy(PACKAGING / "debian" / script, debian).chmod(0o755)

    (debian / "md5sums").write_text(md5sums(staging))
    (debian / "control").write_text(control_text(staging, info))


def md5sums(staging: Path) -> str:
    """Return the md5sums file: one line per packaged regular file."""
    lines = []
    for path in sorted(_payload(staging)):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(staging)}\n")
    return "".join(lines)


def installed_size_kib(staging: Path) -> int:
    """Return Installed-Size the way dpkg-gencontrol counts it."""
    total = 0
    for path in _payload(staging):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 1024)
        else:
            total += 1
    return total


def _payload(staging: Path):
    """Yield every path that will be installed, leaving out DEBIAN/."""
    for folder, dirs, files in os.walk(staging):
        dirs[:] = [d for d in dirs if d != "DEBIAN"]
        for name in dirs + files:
            yield Path(folder) / name


def control_text(staging: Path, info: PackageInfo) -> str:
    """Return the DEBIAN/control file."""
    fields = {
        "Package": PACKAGE,
        "Version": info.version,
        "Architecture": "amd64",
        "Maintainer": info.maintainer,
        "Installed-Size": str(installed_size_kib(staging)),
        "Depends": ", ".join(info.depends),
        "Recommends": ", ".join(RECOMMENDS),
        "Section": "science",
        "Priority": "optional",
        "Homepage": info.homepage,
        "Description": f"{info.summary}\n{_folded(info.description)}",
    }
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v)


def _folded(text: str) -> str:
    """Indent a long description the way control files want it."""
    lines = []
    for paragraph in text.strip().split("\n\n"):
        lines += [" " + line.strip() for line in paragraph.splitlines()]
        lines.append(" .")
    return "\n".join(lines[:-1])


def pack(staging: Path, deb: Path) -> Path:
    """Build the .deb with xz compression and root ownership."""
    deb.parent.mkdir(parents=True, exist_ok=True)
    # Level 9 saves about 0.6 MB over the default 6 for the same time here.
    command = ["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build"]
    subprocess.run([*command, str(staging), str(deb)], check=True)
    return deb
