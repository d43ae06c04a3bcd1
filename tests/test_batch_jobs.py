"""Batch runs in worker processes, stopped runs, resumed runs and the progress line."""

import io
import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sdgmap import classify_file
from sdgmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def invented_rows(n: int, seed: int = 0, bad_every: int = 0) -> list[str]:
    """JSON lines made by recombining sentences of our own invented initiatives."""
    texts = [json.loads(line)["text"] for name in ("en_initiatives.jsonl", "fr_initiatives.jsonl")
             for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s]
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append("{not json" if i % 2 else json.dumps({"id": f"row-{i}", "text": i}))
        else:
            lines.append(json.dumps({"id": f"row-{i}", "text": " ".join(rng.sample(sentences, 3))}, ensure_ascii=False))
    return lines


def write_rows(path: Path, n: int, **kwargs) -> Path:
    path.write_text("\n".join(invented_rows(n, **kwargs)) + "\n", encoding="utf-8")
    return path


def test_jobs_2_writes_what_jobs_1_writes(tmp_path):
    source = write_rows(tmp_path / "in.jsonl", 600, bad_every=97)
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(cli, ["classify", str(source), "-o", str(out), "--jobs", str(jobs)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "600 rows written (594 classified, 6 with errors)" in result.output
        outputs[jobs] = out.read_bytes()
    assert outputs[1] == outputs[2]
    ids = [json.loads(line)["id"] for line in outputs[2].decode().splitlines()]
    assert len(ids) == 600 and ids[0] == "row-0" and ids[-1] == "row-599"


def _processes_in_group(group: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    found.append(int(entry.name))
            except ProcessLookupError:
                pass
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc (Linux)")
def test_sigkill_mid_run_leaves_no_complete_looking_output_and_no_workers(tmp_path):
    source = write_rows(tmp_path / "in.jsonl", 30_000)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sdgmap.cli", "classify", str(source), "-o", str(out), "--jobs", "2"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not any(p.stat().st_size > 0 for p in tmp_path.glob(".out.jsonl.*.partial")):
            assert process.poll() is None, "the run ended before it could be stopped"
            assert time.monotonic() < deadline, "no output was being written"
            time.sleep(0.1)
        assert process.poll() is None, "the run ended before it could be stopped"
        process.send_signal(signal.SIGKILL)  # only the main process: as the OOM killer would
        process.wait(timeout=10)
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")][0].endswith(".partial")
        deadline = time.monotonic() + 30  # the workers notice and stop by themselves
        while _processes_in_group(process.pid):
            assert time.monotonic() < deadline, "worker processes outlived their run"
            time.sleep(0.2)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a process group")
def test_ctrl_c_with_jobs_keeps_the_rows_done_and_warns_of_no_leaked_semaphore(tmp_path):
    source = write_rows(tmp_path / "in.jsonl", 30_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sdgmap.cli", "classify", str(source), "-o", "out.jsonl", "--jobs", "2", "--resume"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not (tmp_path / ".out.jsonl.partial.json").exists() or json.loads(
                (tmp_path / ".out.jsonl.partial.json").read_text() or "{}").get("rows", 0) == 0:
            assert process.poll() is None, "the run ended before it could be stopped"
            assert time.monotonic() < deadline, "no output was being written"
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole group
        _, err = process.communicate(timeout=60)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert process.returncode == 130 and "stopped: the rows done so far are saved" in err
    assert "leaked" not in err and "Traceback" not in err, err


class _StopsAfter:
    """The model, until a Ctrl-C arrives after ``batches`` batches."""

    def __init__(self, model, batches: int) -> None:
        self.model, self.meta, self.left = model, model.meta, batches

    def classify_many(self, texts, **options):
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return self.model.classify_many(texts, **options)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resume_goes_on_after_a_stop_to_the_same_output(tmp_path, model, suffix):
    source = write_rows(tmp_path / "in.jsonl", 230, bad_every=40)
    expected = tmp_path / f"expected{suffix}"
    classify_file(model, source, expected, batch_size=50)
    out = tmp_path / f"out{suffix}"
    with pytest.raises(KeyboardInterrupt):
        classify_file(_StopsAfter(model, 2), source, out, batch_size=50, resume=True)
    assert not out.exists()
    checkpoint = json.loads((tmp_path / f".out{suffix}.partial.json").read_text())
    assert checkpoint["rows"] == 100
    with pytest.raises(ValueError, match=r"E046.*differs in options"):
        classify_file(model, source, out, batch_size=50, resume=True, operating_point="recall")
    summary = classify_file(model, source, out, batch_size=50, resume=True)
    assert out.read_bytes() == expected.read_bytes()
    assert summary.rows == 230 and len(summary.skipped) == 5 and summary.classified == 225
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", f"expected{suffix}", f"out{suffix}"])


def test_resume_needs_files_in_and_out(tmp_path, model):
    source = write_rows(tmp_path / "in.jsonl", 3)
    with pytest.raises(ValueError, match="E048"):
        classify_file(model, source, None, resume=True)


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_only_on_a_terminal(tmp_path, model, monkeypatch):
    source = write_rows(tmp_path / "in.jsonl", 40)
    monkeypatch.setattr(sys, "stderr", _Terminal())
    classify_file(model, source, tmp_path / "out.jsonl", progress=True, batch_size=10)
    assert "classified 40 / 40 (100%)" in sys.stderr.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    classify_file(model, source, tmp_path / "out.jsonl", progress=True, batch_size=10)
    assert sys.stderr.getvalue() == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_line_on_a_terminal_that_reports_no_size(monkeypatch):
    # A bare pseudo-terminal (as under ssh -T or some CI runners) says it has 0 columns and rows:
    # tqdm, asked to size its line from it, would draw nothing.
    from sdgmap.util import Progress

    main, side = os.openpty()
    terminal = open(side, "w", encoding="utf-8", closefd=True)
    try:
        monkeypatch.setattr(sys, "stderr", terminal)
        bar = Progress(30, label="classified")
        bar.advance(30)
        bar.close()
        terminal.flush()
        shown = ""
        # The terminal hands the drawn line over in pieces: read until the final count or silence.
        while "30 / 30" not in shown and select.select([main], [], [], 2.0)[0]:
            shown += os.read(main, 4096).decode("utf-8", "replace")
    finally:
        terminal.close()
        os.close(main)
    assert "classified 30 / 30 (100%) · " in shown and "records/s" in shown
