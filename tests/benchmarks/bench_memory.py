"""Memory: peak RSS of loading the model and classifying 10,000 texts, and a leak check.

    python tests/benchmarks/bench_memory.py [N] [--batches B] [--batch-size K] [--evidence] [--novel-words W]

The texts (~90 words) recombine the invented sentences of tests/data/*.jsonl, half English
and half French, with a fixed seed. The leak check classifies B (10) further batches of K
(2,000) new texts and prints the resident memory after each one: the word caches grow at
first (they stop at 200,000 words per language), then a steady RSS means no leak. Linux only
(reads /proc/self/status). Figures depend on the machine: they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    """Resident set size now."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def peak_mib() -> float:
    """Highest resident set size so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sentences_by_language() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"en": [], "fr": []}
    for name in ("en_initiatives.jsonl", "fr_initiatives.jsonl"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    found[row["lang"]] += [s.strip() + "." for s in row["text"].split(". ") if s.strip()]
    return found


def make_texts(n: int, seed: int, words: int = 90, novel: int = 0) -> list[str]:
    """n texts of about ``words`` words, each from sentences of one language in a new order
    (plus ``novel`` made-up words never seen before, to fill the word caches)."""
    rng = random.Random(seed)
    pools = sentences_by_language()
    texts = []
    for i in range(n):
        pool = pools["en" if i % 2 == 0 else "fr"]
        chosen: list[str] = []
        while sum(len(s.split()) for s in chosen) < words:
            chosen.append(rng.choice(pool))
        made_up = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyzéè", k=rng.randint(5, 12))) for _ in range(novel)]
        texts.append(" ".join(" ".join(chosen).split()[: words - novel] + made_up))
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="texts for the peak (default 10,000)")
    parser.add_argument("--batches", type=int, default=10, help="batches for the leak check (default 10)")
    parser.add_argument("--batch-size", type=int, default=2_000, help="texts per batch (default 2,000)")
    parser.add_argument("--evidence", action="store_true", help="also compute evidence (slower)")
    parser.add_argument("--novel-words", type=int, default=0, metavar="W",
                        help="replace W words of each leak-check text by made-up ones (fills the word caches)")
    args = parser.parse_args(argv)

    start_rss = rss_mib()
    import sdgmap

    imported = rss_mib()
    started = time.perf_counter()
    model = sdgmap.load()
    load_seconds = time.perf_counter() - started
    gc.collect()
    loaded, loaded_peak = rss_mib(), peak_mib()

    texts = make_texts(args.n, seed=0)
    text_mib = sum(sys.getsizeof(t) for t in texts) / 2**20
    started = time.perf_counter()
    results = model.classify_many(texts, evidence=args.evidence)
    seconds = time.perf_counter() - started
    with_results, peak = rss_mib(), peak_mib()
    result_count = len(results)
    del results
    gc.collect()
    after = rss_mib()

    print(f"sdgmap {sdgmap.__version__}, model {model.meta.get('name')} (evidence {'on' if args.evidence else 'off'}, targets on)")
    print(f"  interpreter                      RSS {start_rss:7.1f} MiB")
    print(f"  import sdgmap                    RSS {imported:7.1f} MiB")
    print(f"  sdgmap.load() ({load_seconds:.1f} s)            RSS {loaded:7.1f} MiB   peak {loaded_peak:7.1f} MiB")
    print(f"  classify_many({result_count:,} texts, {text_mib:.1f} MiB of text, {seconds:.1f} s, {result_count / seconds:.0f}/s)")
    print(f"    with the results held          RSS {with_results:7.1f} MiB   peak {peak:7.1f} MiB")
    print(f"    results freed                  RSS {after:7.1f} MiB")

    novel = f", {args.novel_words} made-up words each" if args.novel_words else ""
    print(f"  leak check: {args.batches} batches of {args.batch_size:,} new texts{novel}, results dropped after each")
    readings = []
    for batch in range(1, args.batches + 1):
        for _ in model.pipe(make_texts(args.batch_size, seed=batch, novel=args.novel_words), evidence=args.evidence):
            pass
        gc.collect()
        readings.append(rss_mib())
        words = sum(len(cache) for cache in model.processor._words.values())
        print(f"    batch {batch:2d}  RSS {readings[-1]:7.1f} MiB   word caches {words:,} entries")
    print(f"  growth: batch 1 → {args.batches}: {readings[-1] - readings[0]:+.1f} MiB; "
          f"batch 2 → {args.batches}: {readings[-1] - readings[min(1, len(readings) - 1)]:+.1f} MiB; "
          f"peak over the run {peak_mib():.1f} MiB")


if __name__ == "__main__":
    main()
