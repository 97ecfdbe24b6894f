"""Work out which Debian packages a built bundle needs from the system.

Usage: python packaging/check_depends.py [BUNDLE]

Every ELF file in the bundle names the shared libraries it links against;
those not shipped in the bundle must come from the system. Each is found
with ldconfig and traced to its package with `dpkg -S`, the way
dpkg-shlibdeps does for Debian's own packages; the highest glibc symbol
version sets the libc6 minimum. build.py writes the result into the
package's Depends, so it follows whatever Python and Qt went into the
bundle. Run on its own, this prints the table behind that line.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "digit-lens"
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+)\]")
GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)")
# Sonames whose package may be absent from the build machine (looked up with
# apt-cache on Debian 12), so dpkg -S cannot name it.
KNOWN_PACKAGES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


class DependsError(Exception):
    """A linked library that no package on this machine provides."""


def elf_files(bundle: Path) -> list[Path]:
    """Return the regular ELF files in the bundle."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _dynamic_sections(bundle: Path) -> str:
    """Return readelf's dynamic and version sections for every ELF file."""
    files = [str(path) for path in elf_files(bundle)]
    command = ["readelf", "-W", "-d", "-V", *files]
    return subprocess.run(command, capture_output=True, text=True).stdout


def external_libraries(report: str, bundle: Path) -> set[str]:
    """Return the sonames the bundle links against but does not contain."""
    shipped = {path.name for path in bundle.rglob("*")}
    return set(NEEDED.findall(report)) - shipped


def glibc_minimum(report: str) -> tuple[int, int]:
    """Return the highest GLIBC_x.y symbol version any bundled file asks for."""
    versions = [(int(major), int(minor)) for major, minor in GLIBC.findall(report)]
    return max(versions, default=(2, 17))


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
            package = result.stdout.split(":", 1)[0].strip()
            return package.split(",")[0].strip()
    return None


def library_packages(sonames: set[str]) -> dict[str, str | None]:
    """Return the package of each soname, None where none is known."""
    paths = system_paths()
    packages = {}
    for soname in sorted(sonames):
        package = owning_package(paths[soname]) if soname in paths else None
        packages[soname] = package or KNOWN_PACKAGES.get(soname)
    return packages


def debian_depends(bundle: Path) -> list[str]:
    """Return the Depends entries for a bundle, libc6 first with its minimum."""
    report = _dynamic_sections(bundle)
    packages = library_packages(external_libraries(report, bundle))
    unknown = sorted(name for name, package in packages.items() if package is None)
    if unknown:
        raise DependsError(
            f"No installed package provides {', '.join(unknown)}; install the "
            "package that does on the build machine and build again."
        )
    major, minor = glibc_minimum(report)
    others = sorted(set(packages.values()) - {"libc6"})
    return [f"libc6 (>= {major}.{minor})", *others]


def main(argv: list[str]) -> int:
    """Print each external library with its package, then the Depends line."""
    bundle = Path(argv[0]) if argv else DEFAULT_BUNDLE
    if not bundle.is_dir():
        print(f"No bundle at {bundle}; run packaging/build.py first.")
        return 2
    report = _dynamic_sections(bundle)
    packages = library_packages(external_libraries(report, bundle))
    for soname, package in packages.items():
        print(f"{soname:28} {package or 'NOT FOUND on this machine'}")
    try:
        print("Depends: " + ", ".join(debian_depends(bundle)))
    except DependsError as error:
        print(error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
