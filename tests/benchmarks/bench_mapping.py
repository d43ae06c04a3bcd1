"""Impact mapping end to end on N texts of ~50 words: time and peak memory.

    nice python tests/benchmarks/bench_mapping.py [N]        # N = 100000 by default

Texts recombine the invented sentences of ``tests/data/*.jsonl`` (never the shared corpora),
within one language each. Every initiative gets an invented region and year, and half of them
coordinates, so breakdowns, GeoJSON and the map are exercised. Timed steps: classify + map
(a stream: the texts are generated lazily, the results written to JSON Lines, only counts
kept), then the report (tables, GeoJSON, CSV, SVG and HTML, reading the results back).
Peak memory is the process's maximum resident set size (``ru_maxrss``).
"""

import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1])]

import sdgmap  # noqa: E402
from sdgmap.mapping import map_corpus  # noqa: E402
from sdgmap.report import write_report  # noqa: E402

DATA = HERE.parent / "data"
REGIONS = ("Val-Fleuri", "Haut-Marais", "Côte des Brumes", "Plaine d'Orge", "Northmoor", "Riverside Vale", "Greyhill", "Lowfen")
WORDS = 50


def sentences() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"en": [], "fr": []}
    for path in sorted(DATA.glob("*_initiatives.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                pools[row["lang"]] += [s for s in re.split(r"(?<=[.!?])\s+", row["text"]) if len(s.split()) >= 4]
    return pools


def initiatives(n: int, seed: int = 0):
    """Yield n invented initiatives, lazily: the input is never held in memory."""
    rng = random.Random(seed)
    pools = sentences()
    for i in range(n):
        pool = pools["fr" if i % 2 else "en"]
        words: list[str] = []
        while len(words) < WORDS:
            words += rng.choice(pool).split()
        item = {"id": f"b{i}", "text": " ".join(words[:WORDS]), "region": rng.choice(REGIONS), "year": rng.randint(2015, 2024)}
        if i % 2 == 0:
            item.update(latitude=round(rng.uniform(43.0, 50.5), 4), longitude=round(rng.uniform(-1.5, 7.0), 4))
        yield item


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main(n: int = 100_000) -> None:
    start = time.perf_counter()
    model = sdgmap.load()
    loaded = time.perf_counter()
    baseline = peak_mib()
    with tempfile.TemporaryDirectory(prefix="sdgmap-bench-") as folder:
        results = Path(folder) / "initiatives.jsonl"
        impact = map_corpus(initiatives(n), model, group_by=("region", "year"), results=results, progress=True)
        mapped = time.perf_counter()
        after_mapping = peak_mib()
        write_report(impact, Path(folder) / "report", results=results)
        reported = time.perf_counter()
        size = results.stat().st_size / 2**20
    print(f"{n:,} texts of {WORDS} words ({impact.skipped} skipped), bundled model, 1 process")
    print(f"  load model          {loaded - start:8.1f} s")
    print(f"  classify + map      {mapped - loaded:8.1f} s   {n / (mapped - loaded):7.0f} texts/s   (results: {size:.0f} MiB JSON Lines)")
    print(f"  report              {reported - mapped:8.1f} s   (tables, GeoJSON, CSV, SVG, HTML)")
    print(f"  total               {reported - start:8.1f} s")
    print(f"  peak RSS            {baseline:8.0f} MiB after loading, {after_mapping:.0f} MiB after mapping, {peak_mib():.0f} MiB at the end")
    print(f"  mean goals {impact.mean_goals:.2f}, no goal {impact.no_goal}, network edges {len(impact.network)}, "
          f"systemic median {impact.systemic.median:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
