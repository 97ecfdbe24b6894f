"""Work out which Debian packages a built bundle needs from the system.

Usage: python packaging/check_depends.py [BUNDLE]

Every ELF file in the bundle names the shared libraries it links against;
those not shipped in the bundle must come from the system. Each is found
with ldconfig and traced to its package with `dpkg -S`; the highest glibc
symbol version sets the libc6 minimum. The result is compared with the
Depends list in deb_tree.py, and the exit status says whether they agree.
"""

import re
import subprocess
import sys
from pathlib import Path

import deb_tree

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / deb_tree.PACKAGE
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+)\]")
GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)")
# Sonames whose package may be absent from the build machine (looked up with
# apt-cache on Debian 12), so dpkg -S cannot name it.
KNOWN_PACKAGES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def elf_files(bundle: Path) -> list[Path]:
    """Return the regular ELF files in the bundle."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def external_libraries(bundle: Path) -> set[str]:
    """Return the sonames the bundle links against but does not contain."""
    shipped = {path.name for path in bundle.rglob("*")}
    needed = set()
    for path in elf_files(bundle):
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True
        ).stdout
        needed.update(NEEDED.findall(dynamic))
    return needed - shipped


def glibc_minimum(bundle: Path) -> tuple[int, int]:
    """Return the highest GLIBC_x.y symbol version any bundled file asks for."""
    highest = (2, 17)
    for path in elf_files(bundle):
        versions = subprocess.run(
            ["readelf", "-V", str(path)], capture_output=True, text=True
        ).stdout
        for major, minor in GLIBC.findall(versions):
            highest = max(highest, (int(major), int(minor)))
    return highest


def system_paths() -> dict[str, str]:
    """Return the x86-64 library paths ldconfig knows, by soname."""
    listing = subprocess.run(
        ["ldconfig", "-p"], capture_output=True, text=True, check=True
    ).stdout
    paths = {}
    for line in listing.splitlines():
        if "x86-64" in line and "=>" in line:
            name = line.strip().split(" ", 1)[0]
            paths.setdefault(name, line.split("=>")[1].strip())
    return paths


def owning_package(path: str) -> str | None:
    """Return the Debian package that installed a file, trying both /usr forms."""
    candidates = {path, path.removeprefix("/usr"), "/usr" + path}
    for candidate in candidates:
        result = subprocess.run(
            ["dpkg", "-S", candidate], capture_output=True, text=True
        )
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return None


def measured_depends(bundle: Path) -> tuple[dict[str, str], list[str]]:
    """Return {soname: package} and the sonames no package provides here."""
    paths = system_paths()
    packages, missing = {}, []
    for soname in sorted(external_libraries(bundle)):
        package = owning_package(paths[soname]) if soname in paths else None
        package = package or KNOWN_PACKAGES.get(soname)
        if package is None:
            missing.append(soname)
        else:
            packages[soname] = package
    return packages, missing


def main(argv: list[str]) -> int:
    """Print the measured dependencies and compare them with deb_tree.DEPENDS."""
    bundle = Path(argv[0]) if argv else DEFAULT_BUNDLE
    if not bundle.is_dir():
        print(f"No bundle at {bundle}; run packaging/build.py first.")
        return 2
    packages, missing = measured_depends(bundle)
    for soname, package in packages.items():
        print(f"{soname:28} {package}")
    for soname in missing:
        print(f"{soname:28} NOT FOUND on this system")
    major, minor = glibc_minimum(bundle)
    print(f"highest glibc symbol version: {major}.{minor}")

    declared = {entry.split(" ")[0] for entry in deb_tree.DEPENDS}
    measured = {package.split(":")[0] for package in packages.values()}
    for name in sorted(measured - declared):
        print(f"missing from Depends: {name}")
    for name in sorted(declared - measured):
        print(f"in Depends but not linked: {name}")
    return 0 if measured <= declared and not missing else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
