"""100,000 rows through ``sdgmap classify FILE --jobs N``: throughput, peak memory, rows kept.

    python tests/benchmarks/bench_batch.py [--rows 100000] [--jobs 2] [--jobs 1 ...]

The rows recombine sentences of our invented initiatives (tests/data/*.jsonl); one row
in 10,000 is broken (invalid JSON or a number as text) and must come out as an error row
with its id. Checks: exactly one output row per input row, ids in input order. Memory is
the peak summed RSS of the run's processes (main + workers), sampled from /proc (Linux).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE)]
from _processes import PeakMemory, mib  # noqa: E402


def write_rows(path: Path, n: int, seed: int = 0) -> list[str]:
    texts = [json.loads(line)["text"] for name in ("en_initiatives.jsonl", "fr_initiatives.jsonl")
             for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s]
    rng = random.Random(seed)
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            row_id = f"row-{i:06d}"
            if i % 10_000 == 9_999:
                handle.write("{not json\n" if i % 20_000 == 9_999 else json.dumps({"id": row_id, "text": i}) + "\n")
                ids.append(str(len(ids) + 1) if i % 20_000 == 9_999 else row_id)  # no id: its row number
                continue
            text = " ".join(rng.sample(sentences, rng.randint(2, 4)))
            handle.write(json.dumps({"id": row_id, "text": text}, ensure_ascii=False) + "\n")
            ids.append(row_id)
    return ids


def run(source: Path, output: Path, jobs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "sdgmap.cli", "classify", str(source), "-o", str(output), "--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    with PeakMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"run failed ({process.returncode}):\n{stderr}")
    return {"seconds": seconds, "total": memory.total, "largest": memory.largest, "summary": stderr.strip()}


def check(output: Path, ids: list[str]) -> tuple[int, int]:
    seen, errors = [], 0
    with output.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            seen.append(record["id"])
            errors += record["error"] is not None
    assert len(seen) == len(ids), f"{len(seen)} output rows for {len(ids)} input rows"
    assert seen == ids, "ids lost or out of order"
    return len(seen), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, action="append", help="repeat to compare (default: 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rows.jsonl"
        ids = write_rows(source, args.rows)
        print(f"{args.rows:,} rows, {mib(source.stat().st_size)} of JSON Lines; {os.cpu_count()} CPUs")
        for jobs in args.jobs or [2]:
            output = Path(folder) / f"out-{jobs}.jsonl"
            figures = run(source, output, jobs)
            rows, errors = check(output, ids)
            print(f"--jobs {jobs}: {figures['seconds']:.1f}s wall (model loads included), "
                  f"{rows / figures['seconds']:,.0f} rows/s; peak memory {mib(figures['total'])} in all, "
                  f"{mib(figures['largest'])} for the largest process; {rows:,} rows out, {errors} error rows, "
                  f"ids in order")
            print("   ", figures["summary"].splitlines()[0])


if __name__ == "__main__":
    main()
