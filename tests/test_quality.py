"""Regression floors on our own evaluation sets (tests/data/, never trained on).

The floors sit below the figures measured when the bundled model was trained (see
models/README.md and `python scripts/evaluate.py`); they catch a model or pipeline that
got worse, they are not targets to tune to.
"""

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
