import json

import numpy as np
import pytest

import sdgmap
from sdgmap.pipeline import sha256
from sdgmap.training import TrainConfig, train

pytestmark = pytest.mark.slow
CONFIG = TrainConfig(min_df=1, max_df=1.0, use_synthetic=False)


@pytest.fixture(scope="module")
def trained(tiny_corpus_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "tiny"
    model, report = train(tiny_corpus_dir, out, CONFIG)
    return out, model, report


def test_training_writes_a_loadable_model(trained):
    out, model, report = trained
    assert {p.name for p in out.iterdir()} >= {"meta.json", "weights.npz", "vocabulary.json", "manifest.json", "lexicon.json"}
    loaded = sdgmap.load(out, trust=True)
    text = "Le collectif agit pour la biodiversité et les pollinisateurs."
    assert np.allclose(loaded.predict_proba([text]), model.predict_proba([text]))
    assert loaded.classify(text) == model.classify(text)


def test_training_reports_dev_and_test_figures(trained):
    _, _, report = trained
    for split in ("dev", "test"):
        figures = report[split]["balanced"]
        assert figures["all"]["n"] == 17
        assert set(figures["all"]["per_goal"]) == {str(g) for g in range(1, 18)}
        assert "source:synthetic" in figures and "lang:fr" in figures
    # The lexicon terms of a goal are its evidence: the model learns them.
    assert report["test"]["balanced"]["all"]["mean_balanced_accuracy"] > 0.6


def test_training_is_deterministic_given_the_seed(trained, tiny_corpus_dir, tmp_path):
    out, _, _ = trained
    again = tmp_path / "again"
    train(tiny_corpus_dir, again, CONFIG)
    for name in ("weights.npz", "vocabulary.json", "lexicon.json"):
        assert sha256(out / name) == sha256(again / name), name
    first = json.loads((out / "meta.json").read_text())
    second = json.loads((again / "meta.json").read_text())
    first.pop("training_seconds"), second.pop("training_seconds")
    assert first == second


def test_empty_training_split_is_a_clear_error(tmp_path):
    (tmp_path / "sdg_corpus.jsonl").write_text(
        json.dumps({"id": "x", "source": "s", "lang": "en", "split": "test", "sdgs": [1], "text": "a"}) + "\n"
    )
    with pytest.raises(ValueError, match="E011"):
        train(tmp_path, None, CONFIG)


def test_bad_labels_are_a_clear_error(tmp_path):
    (tmp_path / "sdg_corpus.jsonl").write_text(
        json.dumps({"id": "x", "source": "s", "lang": "en", "split": "train", "sdgs": [19], "text": "a"}) + "\n"
    )
    with pytest.raises(ValueError, match="E015"):
        train(tmp_path, None, CONFIG)
