"""Evaluate the bundled model on our own sets and on the held-out translation pairs.

    python scripts/evaluate.py [--shared ../shared/data] [--write]

- tests/data/{fr,en}_initiatives.jsonl (our invented descriptions, never trained on):
  multi-label figures, top-1/top-3 of the main goal, language detection, per split;
- French/English agreement on the `test` split of undp_fr_translated.jsonl (French
  translations and their English originals, held out from training): goal-level
  agreement and F1 of each language against the labels.
With --write, the figures go to models/evaluation.json and into the model card.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sdgmap  # noqa: E402
from sdgmap.training._evaluate import agreement, evaluate_labelled, label_matrix, scores  # noqa: E402

SETS = ("fr_initiatives", "en_initiatives")


def own_sets(model) -> dict:
    report = {}
    for name in SETS:
        rows = [json.loads(line) for line in (ROOT / "tests" / "data" / f"{name}.jsonl").open(encoding="utf-8")]
        for split in ("dev", "test"):
            chosen = [r for r in rows if r["split"] == split]
            figures = evaluate_labelled(model, [r["text"] for r in chosen], [r["sdgs"] for r in chosen],
                                        [r["main_sdg"] for r in chosen], [r["lang"] for r in chosen])
            figures.pop("per_goal")
            report[f"{name}/{split}"] = figures
        short = [r for r in rows if r["text"].count(".") <= 1]
        report[f"{name}/one_sentence_language_accuracy"] = evaluate_labelled(
            model, [r["text"] for r in short], [r["sdgs"] for r in short], languages=[r["lang"] for r in short]
        )["language_accuracy"]
    return report


def translation_pairs(model, shared: Path) -> dict:
    path = shared / "corpora" / "undp_fr_translated.jsonl"
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == "test"]
    fr = model.classify_many([r["text"] for r in rows], language="fr", targets=False)
    en = model.classify_many([r["text_en"] for r in rows], language="en", targets=False)
    Y = label_matrix([r["sdgs"] for r in rows])

    def figures(results):
        decided = [[g in r.sdgs for g in range(1, 18)] for r in results]
        proba = [[r.score(g) for g in range(1, 18)] for r in results]
        import numpy as np

        s = scores(Y, np.array(decided), np.array(proba))
        return {k: s[k] for k in ("micro_f1", "macro_f1", "mean_balanced_accuracy", "goals_per_text")}

    return {"n_pairs": len(rows), "french": figures(fr), "english": figures(en), "agreement": agreement(fr, en)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    model = sdgmap.load()
    report = {"own_sets": own_sets(model), "translation_pairs_test": translation_pairs(model, args.shared)}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if args.write:
        from sdgmap.training import write_card

        (ROOT / "models" / "evaluation.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
        meta = json.loads((ROOT / "models" / "sdgmap-base" / "meta.json").read_text(encoding="utf-8"))
        write_card(meta, ROOT / "models" / "README.md", "sdgmap-base", report)


if __name__ == "__main__":
    main()
