"""What each training choice buys: retrain without it, evaluate on the blind sets.

    python scripts/ablation.py CORPUS_DIR --official-texts TAXONOMY_DIR -o OUT_DIR [--only NAME ...]

The bundled model is evaluated as it is; each variant is a full training (4–6 minutes on 2 cores) written to OUT_DIR/NAME, then judged
by scripts/evaluate.py's sets: the held-out hard blurbs (against annotator a), the corpus
`test` rows with complete labels, and the translation pairs. A table goes to stdout and
OUT_DIR/ablation.json. No choice of the bundled model was made on these figures' test sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import evaluate  # noqa: E402

import sdgmap  # noqa: E402
from sdgmap.training import TrainConfig, train  # noqa: E402

BASE = TrainConfig(n_jobs=2)
VARIANTS = {
    "without word vectors": replace(BASE, vector_weight=0.0),
    "without our blurbs (corpora only)": replace(BASE, use_synthetic=False),
    "without complete corpus labels": replace(BASE, use_annotations=False),
}


def summary(model, shared: Path) -> dict:
    hard = evaluate.hard_set(model)
    corpus = evaluate.corpus_test(model, shared)
    pairs = evaluate.translation_pairs(model, shared)
    row = {}
    for language in ("fr", "en"):
        a = hard[language]["annotator_a"]
        row[f"hard_{language}_example_f1"] = a["example_f1"]
        row[f"hard_{language}_goals_per_text"] = a["goals_per_text"]
        row[f"hard_{language}_top3_main"] = a["top3_main_goal"]
    row["undp_test_example_f1"] = corpus.get("undp", {}).get("example_f1")
    row["benchmark_like_mean"] = corpus.get("benchmark_like_mean")
    row["pairs_fr_minus_en"] = round(pairs["fr"]["benchmark_like"] - pairs["en"]["benchmark_like"], 4) if pairs else None
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--official-texts", type=Path, default=None)
    parser.add_argument("--only", nargs="*", default=None, help="Variant names to run (default: all).")
    parser.add_argument("--previous", type=Path, default=None, help="Also evaluate an older model folder (e.g. 0.1's).")
    args = parser.parse_args()
    shared = args.corpus.parent
    table = {"bundled model": summary(sdgmap.load(), shared)}
    if args.previous:
        table["previous model"] = summary(sdgmap.load(args.previous, trust=True), shared)
    for name, config in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        folder = args.output / name.replace(" ", "_").replace("(", "").replace(")", "")
        model, _ = train(args.corpus, folder, config, official_texts=args.official_texts)
        table[name] = summary(model, shared)
        print(name, json.dumps(table[name]), flush=True)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "ablation.json").write_text(json.dumps(table, indent=1) + "\n")
    columns = list(next(iter(table.values())))
    print("| variant | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, row in table.items():
        print(f"| {name} | " + " | ".join(str(row[c]) for c in columns) + " |")


if __name__ == "__main__":
    main()
