"""Documents: pages per second for a long PDF, reading alone and end to end, and peak memory.

    python tests/benchmarks/bench_documents.py [--pages 200] [--evidence]

The PDF is written by tests/document_builders.py: each page has a bookmarked heading and
about 2,400 characters of the invented test paragraphs (English and French, one goal per
page). Each measure runs in a fresh process so its peak RSS (ru_maxrss) is its own:

- ``baseline``: import sdgmap and load the model (what every other row includes);
- ``stream``: read every section through ``open_document`` without keeping any;
- ``read``: ``read_document`` (keeps the text and the sections);
- ``classify``: ``classify_document`` end to end (targets on, the default).

Figures depend on the machine: they are printed, not asserted. Linux only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CHILD = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
mode, path, evidence = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
import sdgmap
from sdgmap.documents import classify_document, open_document, read_document
model = sdgmap.load() if mode in ("baseline", "classify") else None
start = time.perf_counter()
sections = 0
if mode == "stream":
    for _ in open_document(path):
        sections += 1
elif mode == "read":
    sections = len(read_document(path).sections)
elif mode == "classify":
    sections = len(classify_document(model, path, evidence=evidence).sections)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "sections": sections,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(path: Path, pages: int) -> Path:
    from document_builders import PAGES, PdfPage, build_pdf

    made = []
    for k in range(pages):
        _, _, heading, paragraphs = PAGES[k % len(PAGES)]
        body = " ".join(paragraphs)
        made.append(PdfPage(f"{k + 1}. {heading}", [body] * max(1, 2400 // len(body))))
    return build_pdf(path, made, title="Benchmark report")


def measure(mode: str, path: Path, evidence: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), "1" if evidence else "0"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--evidence", action="store_true", help="Also ask for evidence (slower).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = build(Path(folder) / "bench.pdf", args.pages)
        print(f"{args.pages}-page PDF, {path.stat().st_size / 1e6:.2f} MB, written in {time.perf_counter() - started:.1f} s")
        for mode in ("baseline", "stream", "read", "classify"):
            row = measure(mode, path, args.evidence)
            rate = f"{args.pages / row['seconds']:8.1f} pages/s" if mode != "baseline" else " " * 16
            print(f"{mode:<9} {row['seconds']:7.2f} s {rate}  {row['sections']:5d} sections  peak RSS {row['peak_mib']:6.0f} MiB")


if __name__ == "__main__":
    main()
