"""Regression floors on our own evaluation sets (tests/data/, never trained on).

The floors sit below the figures measured when the bundled model was trained (see
models/README.md and `python scripts/evaluate.py`); they catch a model or pipeline that
got worse, they are not targets to tune to.
"""

import numpy as np
import pytest

from sdgmap.training import evaluate_labelled


def _figures(model, rows, split):
    chosen = [r for r in rows if r["split"] == split]
    return evaluate_labelled(model, [r["text"] for r in chosen], [r["sdgs"] for r in chosen],
                             [r["main_sdg"] for r in chosen], [r["lang"] for r in chosen])


@pytest.mark.parametrize("split", ["dev", "test"])
def test_french_main_goal_in_top_three(model, fr_set, split):
    assert _figures(model, fr_set, split)["top3_main_goal"] >= 0.80


@pytest.mark.parametrize("split", ["dev", "test"])
def test_english_main_goal_in_top_three(model, en_set, split):
    assert _figures(model, en_set, split)["top3_main_goal"] >= 0.70


def test_french_within_reach_of_english(model, fr_set, en_set):
    fr = _figures(model, fr_set, "test")["mean_balanced_accuracy"]
    en = _figures(model, en_set, "test")["mean_balanced_accuracy"]
    assert fr >= en - 0.05


def test_language_detection_on_our_sets(model, fr_set, en_set):
    rows = fr_set + en_set
    results = model.classify_many([r["text"] for r in rows], targets=False)
    accuracy = sum(r.language == row["lang"] for r, row in zip(results, rows)) / len(rows)
    assert accuracy >= 0.98


def test_language_detection_on_first_sentences(model, fr_set, en_set):
    rows = fr_set + en_set
    firsts = [r["text"].split(". ")[0] for r in rows]
    results = model.classify_many(firsts, targets=False)
    accuracy = sum(r.language == row["lang"] for r, row in zip(results, rows)) / len(rows)
    assert accuracy >= 0.98


# -- the held-out hard blurbs (tests/data/blurbs_hard.jsonl, two blind annotators) -----------


@pytest.fixture(scope="module")
def hard_set():
    from conftest import read_jsonl

    return read_jsonl("blurbs_hard.jsonl")


@pytest.fixture(scope="module")
def hard_figures(model, hard_set):
    from sdgmap.training import example_scores, label_matrix

    report = {}
    for language in ("fr", "en"):
        rows = [r for r in hard_set if r["lang"] == language]
        results = model.classify_many([r["text"] for r in rows], targets=False)
        proba = np.array([[r.score(g) for g in range(1, 18)] for r in results])
        decided = np.array([[g in r.sdgs for g in range(1, 18)] for r in results])
        for annotator in ("a", "b"):
            labels = [r[f"sdgs_{annotator}"] for r in rows]
            report[language, annotator] = example_scores(label_matrix(labels), decided, proba, [g[0] if g else None for g in labels])
    return report


# Floors under the figures measured when the model was trained (models/README.md).
CURATOR_FLOORS = {"fr": {"example_f1": 0.68, "top3_main_goal": 0.88}, "en": {"example_f1": 0.62, "top3_main_goal": 0.85}}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("annotator", ["a", "b"])
def test_blurbs_as_a_curator_would_tag_them(hard_figures, language, annotator):
    figures = hard_figures[language, annotator]
    for name, floor in CURATOR_FLOORS[language].items():
        assert figures[name] >= floor, name
    # About as many goals as careful annotators give a short blurb, not twice as many.
    assert 1.4 <= figures["goals_per_text"] <= 2.4


def test_operating_points_are_nested(model, hard_set):
    texts = [r["text"] for r in hard_set[:200]]
    asserted = {point: [set(r.sdgs) for r in model.classify_many(texts, operating_point=point, targets=False)]
                for point in ("recall", "balanced", "f1", "precision")}
    for looser, stricter in (("recall", "balanced"), ("balanced", "f1"), ("f1", "precision")):
        assert all(b <= a for a, b in zip(asserted[looser], asserted[stricter])), (looser, stricter)
    assert sum(map(len, asserted["recall"])) > sum(map(len, asserted["precision"]))


def test_a_goal_clearly_ahead_is_always_asserted(model, hard_set):
    results = model.classify_many([r["text"] for r in hard_set], targets=False)
    for result in results:
        best = result.goals[0]
        if best.score >= 0.5:
            assert best.goal in result.sdgs
