"""The README's code runs as written.

Every ```python block is executed in order, in one namespace, as in a notebook, from a folder
that has the repository's examples/ (the paths the README uses). The shell blocks of "Set up and
run" and "Test" are run as written by .ci/run in a fresh virtual environment; here we check that
they exist and hold the commands a fresh clone needs.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str, section: str | None = None) -> list[str]:
    text = README
    if section is not None:
        start = README.index(f"\n## {section}\n")
        end = README.find("\n## ", start + 1)
        text = README[start:end if end > 0 else None]
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.S | re.M)


def test_python_blocks_run_in_order(tmp_path, monkeypatch):
    code = blocks("python")
    assert len(code) >= 3
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "readme"}
    for number, block in enumerate(code, start=1):
        try:
            exec(compile(block, f"README.md python block {number}", "exec"), namespace)
        except Exception as error:  # name the block that failed
            pytest.fail(f"README python block {number} failed: {error!r}\n{block}")
    assert not (ROOT / "models" / "my-platform-model").exists()


def test_set_up_block_makes_a_venv_installs_and_runs():
    (setup,) = blocks("bash", "Set up and run")
    lines = [line for line in setup.splitlines() if line.strip()]
    assert lines[0].startswith("python3 -m venv ") and lines[1].startswith(". ")
    assert any(re.match(r"python -m pip install \.$", line) for line in lines)
    assert lines[-1].startswith("sdgmap classify examples/")


def test_test_block_installs_the_test_extra_before_pytest():
    (test,) = blocks("bash", "Test")
    lines = [line for line in test.splitlines() if line.strip()]
    assert re.match(r'python -m pip install "\.\[test[,\w]*\]"', lines[0]) and lines[-1] == "python -m pytest"


def test_no_placeholder_that_looks_like_a_real_file():
    for name in ("big.csv", "initiatives.csv --text-column description", "../shared/", "impact.co_occurrence",
                 "impact.groups", "-o models/"):
        assert name not in README, name
    for path in re.findall(r"\b(examples/[\w./-]+\.\w+)", README):
        assert (ROOT / path).exists(), path
    assert "## How good is it" in README

