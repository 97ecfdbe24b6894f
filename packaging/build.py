"""Build dist/digit-lens_<version>_amd64.deb from a PyInstaller one-folder bundle.

Usage: python packaging/build.py [--entry SCRIPT] [--no-strip] [--full-icu]

The bundle goes to build/pyinstaller/dist/digit-lens, the package tree to
build/deb/root, and the package to dist/. Needs pyinstaller (the "package"
extra) and dpkg-deb; binutils (strip, as, ld) is used when present to drop
symbol tables and the ICU data Qt never reads.
"""

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import check_depends
import deb_tree
import trim_icu

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "digit-lens.spec"
WORK = ROOT / "build" / "pyinstaller"
STAGING = ROOT / "build" / "deb" / "root"
DIST = ROOT / "dist"
BUNDLE_LIMIT_MB = 150
DEB_LIMIT_MB = 45
FALLBACK_MAINTAINER = "Digit Lens maintainers <maintainers@digit-lens.invalid>"


def read_package_info() -> deb_tree.PackageInfo:
    """Return version, summary and maintainer as pyproject.toml states them."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    people = project.get("maintainers") or project.get("authors") or []
    named = [p for p in people if p.get("name") and p.get("email")]
    maintainer = (
        f"{named[0]['name']} <{named[0]['email']}>" if named else FALLBACK_MAINTAINER
    )
    urls = project.get("urls", {})
    return deb_tree.PackageInfo(
        version=project["version"],
        summary=project["description"].rstrip("."),
        description=(
            "Digit Lens lets you draw a digit with the mouse and shows what a "
            "small\nneural network computes from it: every layer's activations, "
            "the\nactivation function with each neuron's weighted sum on it, and "
            "the\nfinal guess. Models can be trained inside the app on MNIST."
        ),
        maintainer=maintainer,
        homepage=urls.get("Homepage") or urls.get("homepage"),
    )


def build_bundle(entry: Path | None) -> Path:
    """Run PyInstaller on the spec and return the one-folder bundle."""
    env = dict(os.environ)
    if entry is not None:
        env["DIGIT_LENS_ENTRY"] = str(entry.resolve())
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm"]
    command += ["--log-level", "WARN", "--distpath", str(WORK / "dist")]
    command += ["--workpath", str(WORK / "work")]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    return WORK / "dist" / deb_tree.PACKAGE


def strip_symbols(bundle: Path) -> None:
    """Drop symbol tables and debug sections the program never reads.

    numpy.libs is left alone: stripping its OpenBLAS breaks numpy.
    """
    strip = shutil.which("strip")
    if strip is None:
        print("strip not found: the bundle keeps its symbol tables.")
        return
    internal = bundle / "_internal"
    targets = [
        path
        for path in internal.rglob("*.so*")
        if path.is_file()
        and not path.is_symlink()
        and "numpy.libs" not in path.relative_to(internal).parts
    ]
    if targets:
        subprocess.run([strip, "--strip-unneeded", *map(str, targets)], check=True)


def trim_icu_data(bundle: Path) -> None:
    """Shrink the ICU data library when binutils can rebuild it."""
    if shutil.which("as") is None or shutil.which("ld") is None:
        print("as/ld not found: the bundle keeps the full ICU data (32 MB).")
        return
    for library in (bundle / "_internal").rglob("libicudata.so.*"):
        if library.is_file() and not library.is_symlink():
            before, after = trim_icu.trim(library)
            print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


def folder_bytes(folder: Path) -> int:
    """Return the bytes of every regular file below a folder."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(path.stat().st_size for path in files)


def report(bundle: Path, deb: Path, seconds: float) -> None:
    """Print the build time and each size against its target."""
    bundle_mb = folder_bytes(bundle) / 1e6
    deb_mb = deb.stat().st_size / 1e6
    checks = [
        ("bundle", bundle_mb, BUNDLE_LIMIT_MB),
        (".deb", deb_mb, DEB_LIMIT_MB),
    ]
    print(f"built {deb.relative_to(ROOT)} in {seconds:.0f} s")
    for name, size, limit in checks:
        verdict = "ok" if size <= limit else "OVER TARGET"
        print(f"  {name:7} {size:7.1f} MB  (target <= {limit} MB: {verdict})")


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--entry",
        type=Path,
        help="bundle this script instead of main.py (to try the pipeline)",
    )
    parser.add_argument(
        "--full-icu",
        action="store_true",
        help="keep all of ICU's data instead of the parts Qt reads",
    )
    parser.add_argument(
        "--no-strip",
        action="store_true",
        help="keep symbol tables in the bundle's libraries",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the bundle and the .deb and return the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if shutil.which("dpkg-deb") is None:
        print("dpkg-deb is needed to build the package; install dpkg.")
        return 2
    os.umask(0o022)
    started = time.perf_counter()
    info = read_package_info()

    bundle = build_bundle(args.entry)
    if not args.no_strip:
        strip_symbols(bundle)
    if not args.full_icu:
        trim_icu_data(bundle)
    try:
        depends = check_depends.debian_depends(bundle)
    except check_depends.DependsError as error:
        print(error)
        return 1
    info = dataclasses.replace(info, depends=tuple(depends))
    staging = deb_tree.stage(bundle, STAGING, info)
    deb = DIST / f"{deb_tree.PACKAGE}_{info.version}_amd64.deb"
    deb_tree.pack(staging, deb)

    report(bundle, deb, time.perf_counter() - started)
    print(f"  Depends: {', '.join(depends)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
