import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "engine"
FORBIDDEN = ("PySide6", "pyqtgraph", "PyQt5", "PyQt6", "shiboken6")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_engine_file_imports_qt():
    files = sorted(ENGINE.glob("*.py"))
    assert len(files) >= 5
    for path in files:
        assert not _imports(path) & set(FORBIDDEN), path.name


def test_importing_the_whole_engine_loads_no_qt():
    modules = [f"engine.{p.stem}" for p in ENGINE.glob("*.py")]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(sorted(set(sys.modules) & set({FORBIDDEN!r})))"
    )
    root = ENGINE.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
