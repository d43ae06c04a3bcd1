"""Adaptation time for 200 and 5,000 curated rows (target: seconds for 100-5,000 rows).

    python tests/benchmarks/bench_adapt.py [N ...]     # default: 200 5000

The curated rows are the invented French blurbs of ``tests/curated_sets.py`` (templates ×
slots, a "solidarity → 10" convention), cut to the asked size. Timed: the base model
reading the texts (``predict_proba``, warm tokenizer), and the whole ``sdgmap.adapt`` call
(which reads them again, then fits and cross-validates the adapter), and ``save_adapted``.
Prints the figures rather than asserting on them (they depend on the machine).
"""

import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1])]
from curated_sets import KINDS, curated_rows  # noqa: E402

import sdgmap  # noqa: E402


def main(sizes: list[int]) -> None:
    model = sdgmap.load()
    model.predict_proba(["Un jardin partagé pour les habitants du quartier."])  # load the French tokenizer
    for n in sizes:
        per_kind = max(1, n // len(KINDS) + 1)
        rows = curated_rows({kind: per_kind * (2 if kind == "solidarity" else 1) for kind in KINDS}, seed=n)[:n]
        texts, labels = [r["text"] for r in rows], [r["labels"] for r in rows]
        start = time.perf_counter()
        model.predict_proba(texts)
        reading = time.perf_counter() - start
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            adapted, report = sdgmap.adapt(model, texts, labels)
            total = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            sdgmap.save_adapted(adapted, Path(folder) / "m", report)
            saving = time.perf_counter() - start
        print(f"{n:>5} rows: adapt {total:5.2f} s (base reading the texts {reading:4.2f} s, fit + "
              f"{report.folds}-fold CV {total - reading:4.2f} s), save {saving:4.2f} s; "
              f"CV hit@1 {report.before.hit_at_1:.3f} -> {report.after.hit_at_1:.3f}, "
              f"hit@3 {report.before.hit_at_3:.3f} -> {report.after.hit_at_3:.3f}, alpha {report.alpha}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 5000])
