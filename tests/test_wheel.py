"""The wheel ships every subpackage, the bundled data and model: each imports from it alone."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]


@pytest.mark.slow
def test_the_wheel_holds_every_subpackage_and_each_imports_from_it(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                            "--quiet", "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("sdgmap-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    code = (
        "import importlib, pathlib, sys\n"
        f"for name in {PACKAGES!r}:\n"
        "    module = importlib.import_module(name)\n"
        f"    where = pathlib.Path(list(module.__path__)[0])  # data and models are folders without __init__\n"
        f"    assert where.is_relative_to({str(site)!r}), where\n"
        "import sdgmap\n"
        "print(sdgmap.load().classify('A citizen solar cooperative sells renewable power.').sdgs)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().startswith(("(", "["))  # the goals it asserts
