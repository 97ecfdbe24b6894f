"""Compare the start-up of the packaged app with a run from source.

Usage: python benchmarks/bench_installed_startup.py [--runs N] [--app PATH]

Times `digit-lens --screenshot` (the installed command, or the PyInstaller
bundle in build/ when the package is not installed) against
`python main.py --screenshot`, both offscreen, alternating the two so that
background load hits both alike. Prints the median wall time of each and
their ratio; the target is a packaged start no slower than 1.2x the source.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "build" / "pyinstaller" / "dist" / "digit-lens" / "digit-lens"
TARGET_RATIO = 1.2


def packaged_command(explicit: Path | None) -> Path | None:
    """Return the packaged executable to time, or None when there is none."""
    if explicit is not None:
        return explicit
    installed = shutil.which("digit-lens")
    if installed:
        return Path(installed)
    return BUNDLED if BUNDLED.exists() else None


def wall_time(command: list[str], shot: Path) -> float:
    """Run one screenshot start-up and return its wall time in seconds."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run(
        [*command, "--screenshot", str(shot), "--demo-digit", "3"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def measure(packaged: Path, runs: int) -> dict[str, list[float]]:
    """Time both ways of starting, alternating, after one warm-up each."""
    commands = {
        "packaged": [str(packaged)],
        "source": [sys.executable, str(ROOT / "main.py")],
    }
    times = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as folder:
        shot = Path(folder) / "shot.png"
        for command in commands.values():
            wall_time(command, shot)
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(wall_time(command, shot))
    return times


def main() -> int:
    """Print the start-up figures and the ratio against the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", type=Path, help="packaged executable to time")
    args = parser.parse_args()

    packaged = packaged_command(args.app)
    if packaged is None:
        print("No packaged app: install the .deb or run packaging/build.py first.")
        return 2
    times = measure(packaged, args.runs)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        spread = ", ".join(f"{value:.2f}" for value in values)
        print(f"{name:9} median {medians[name]:.2f} s  ({spread})")
    ratio = medians["packaged"] / medians["source"]
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"packaged / source = {ratio:.2f}  (target <= {TARGET_RATIO}: {verdict})")
    print(f"packaged command: {packaged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
