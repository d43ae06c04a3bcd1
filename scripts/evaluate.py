"""Evaluate a model on our own blind sets and on the held-out corpus rows.

    python scripts/evaluate.py [--model DIR] [--shared ../shared/data] [--write]

- tests/data/blurbs_hard.jsonl: 480 invented blurbs (320 fr, 160 en) written by a writer who
  never saw any training row, each labelled by two blind annotators (a, b): figures against
  each annotator, and the annotators against each other;
- tests/data/{fr,en}_initiatives.jsonl: the 0.1 sets (easier), test halves;
- the corpus `test` split with complete labels (data/annotations), per source; for the
  report-sentence and abstract sources, a benchmark-like figure: per goal, the mean of
  recall on texts whose main goal it is and specificity on texts that do not have it;
- targets: one of an annotator's targets among our three best of the right goal;
- the held-out French translations against the English texts they were made from.
With --write the figures go to models/evaluation.json and into the model card.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

import sdgmap  # noqa: E402
from sdgmap.training import example_scores, label_matrix  # noqa: E402
from sdgmap.training._evaluate import scores  # noqa: E402
from sdgmap.training._train import REPORT_SOURCES  # noqa: E402

# The report-sentence and abstract sources the training chooses its default rule on.
BENCHMARK_SOURCES = tuple(sorted(REPORT_SOURCES))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _read(model, texts, languages=None):
    results = model.classify_many(texts, targets=True)
    proba = np.array([[r.score(g) for g in range(1, 18)] for r in results])
    decided = np.array([[g in r.sdgs for g in range(1, 18)] for r in results])
    return results, proba, decided


def figures(proba, decided, labels, with_goals=False) -> dict:
    Y = label_matrix(labels)
    report = example_scores(Y, decided, proba, [goals[0] if goals else None for goals in labels])
    per_goal = scores(Y, decided, proba)
    report["micro_precision"], report["micro_recall"] = per_goal["micro_precision"], per_goal["micro_recall"]
    if with_goals:
        report["per_goal_f1"] = {g: row["f1"] for g, row in per_goal["per_goal"].items() if row["support"]}
    return report


def benchmark_like(decided, labels) -> float:
    """Per goal: mean of recall on texts whose main goal it is and specificity on texts
    without it (the protocol of per-goal accuracy on balanced true/false sets), averaged."""
    values = []
    for g in range(17):
        positives = [i for i, goals in enumerate(labels) if goals and goals[0] == g + 1]
        negatives = [i for i, goals in enumerate(labels) if g + 1 not in goals]
        if len(positives) >= 3 and negatives:
            values.append((decided[positives, g].mean() + 1 - decided[negatives, g].mean()) / 2)
    return round(float(np.mean(values)), 4) if values else 0.0


def target_hits(results, target_labels) -> dict:
    """One of the annotated targets of a goal among our (up to three) targets of that goal:
    over all annotated goals, and over those we assert (targets come with asserted goals)."""
    hits = total = asserted = 0
    for result, targets in zip(results, target_labels):
        by_goal: dict[int, set[str]] = {}
        for target in targets:
            by_goal.setdefault(int(target.split(".")[0]), set()).add(target)
        for goal, wanted in by_goal.items():
            total += 1
            asserted += goal in result.sdgs
            ours = {t.target for t in result.targets if t.goal == goal}
            hits += bool(ours & wanted)
    return {"top3_hit": round(hits / max(total, 1), 4), "top3_hit_asserted_goals": round(hits / max(asserted, 1), 4),
            "cases": total, "asserted": asserted}


def agreement(first, second) -> dict:
    Y1, Y2 = label_matrix(first), label_matrix(second)
    fake = Y2.astype(float)
    report = example_scores(Y1, Y2.astype(bool), fake, [g[0] if g else None for g in first])
    return {"example_f1": report["example_f1"], "same_main_goal": round(float(np.mean(
        [a[:1] == b[:1] for a, b in zip(first, second)])), 4)}


def hard_set(model) -> dict:
    rows = _jsonl(ROOT / "tests" / "data" / "blurbs_hard.jsonl")
    report = {}
    for language in ("fr", "en"):
        chosen = [r for r in rows if r["lang"] == language]
        results, proba, decided = _read(model, [r["text"] for r in chosen])
        entry = {"n": len(chosen)}
        for annotator in ("a", "b"):
            entry[f"annotator_{annotator}"] = figures(proba, decided, [r[f"sdgs_{annotator}"] for r in chosen], True)
            entry[f"targets_{annotator}"] = target_hits(results, [r[f"targets_{annotator}"] for r in chosen])
        entry["annotators_agree"] = agreement([r["sdgs_a"] for r in chosen], [r["sdgs_b"] for r in chosen])
        entry["language_accuracy"] = round(float(np.mean([r.language == language for r in results])), 4)
        report[language] = entry
    return report


def older_sets(model) -> dict:
    report = {}
    for name in ("fr_initiatives", "en_initiatives"):
        rows = [r for r in _jsonl(ROOT / "tests" / "data" / f"{name}.jsonl") if r["split"] == "test"]
        _, proba, decided = _read(model, [r["text"] for r in rows])
        report[f"{name}/test"] = figures(proba, decided, [[r["main_sdg"]] + [g for g in r["sdgs"] if g != r["main_sdg"]] for r in rows])
    return report


def corpus_test(model, shared: Path) -> dict:
    from sdgmap.training._corpus import read_corpus, with_complete_labels

    if not (shared / "corpora").is_dir():
        return {}
    rows = with_complete_labels(read_corpus(shared / "corpora"), ROOT / "data" / "annotations" / "corpus_complete_labels.jsonl")
    rows = [r for r in rows if r.split == "test" and r.complete is not None]
    report = {}
    for source in sorted({r.source for r in rows}):
        chosen = [r for r in rows if r.source == source]
        language = "fr" if source == "undp_fr_translated" else None
        results = model.classify_many([r.text for r in chosen], language=language)
        proba = np.array([[x.score(g) for g in range(1, 18)] for x in results])
        decided = np.array([[g in x.sdgs for g in range(1, 18)] for x in results])
        labels = [list(r.complete) for r in chosen]
        entry = figures(proba, decided, labels)
        entry["n"] = len(chosen)
        entry["benchmark_like"] = benchmark_like(decided, labels)
        entry["targets"] = target_hits(results, [r.targets for r in chosen])
        report[source] = entry
    english = [s for s in BENCHMARK_SOURCES if s in report]
    if english:
        report["benchmark_like_mean"] = round(float(np.mean([report[s]["benchmark_like"] for s in english])), 4)
    return report


def translation_pairs(model, shared: Path) -> dict:
    """The held-out French translations against the English texts they were made from, both
    judged against the French row's complete labels: how far French lags behind English."""
    path = shared / "corpora" / "undp_fr_translated.jsonl"
    if not path.is_file():
        return {}
    labels = {r["id"]: r["sdgs"] for r in _jsonl(ROOT / "data" / "annotations" / "corpus_complete_labels.jsonl")}
    rows = [r for r in _jsonl(path) if r["split"] == "test" and r["id"] in labels]
    gold = [labels[r["id"]] for r in rows]
    report = {"n_pairs": len(rows)}
    for language, field in (("fr", "text"), ("en", "text_en")):
        results = model.classify_many([r[field] for r in rows], language=language, targets=False)
        proba = np.array([[x.score(g) for g in range(1, 18)] for x in results])
        decided = np.array([[g in x.sdgs for g in range(1, 18)] for x in results])
        entry = figures(proba, decided, gold)
        entry["benchmark_like"] = benchmark_like(decided, gold)
        report[language] = entry
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="A model folder you built (default: the bundled one).")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    model = sdgmap.load(args.model, trust=True) if args.model else sdgmap.load()
    report = {"blurbs_hard": hard_set(model), "older_sets": older_sets(model), "corpus_test": corpus_test(model, args.shared),
              "translation_pairs_test": translation_pairs(model, args.shared)}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if args.write:
        from sdgmap.training import write_card

        (ROOT / "models" / "evaluation.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
        meta = json.loads((ROOT / "models" / "sdgmap-base" / "meta.json").read_text(encoding="utf-8"))
        write_card(meta, ROOT / "models" / "README.md", "sdgmap-base", report)


if __name__ == "__main__":
    main()
