"""Adapting the model to a platform's conventions, on invented curated sets.

The curated sets (``curated_sets.py``) follow a convention the base model does not:
neighbourhood-solidarity projects tagged 10 only, where the base reads 1, 2, 3 or 11. Other
kinds are tagged as the base already reads them (controls).
"""

import csv
import json
import warnings

import numpy as np
import pytest
from click.testing import CliRunner
from curated_sets import KINDS, curated_rows

import sdgmap
from sdgmap.adaptation import HeadFit, parse_labels, read_report
from sdgmap.cli import cli
from sdgmap.pipeline import ADAPTER_FILE, Adapter

CONTROLS = [kind for kind in KINDS if kind != "solidarity"]


def _train_rows():
    return curated_rows({"solidarity": 30, **{kind: 12 for kind in CONTROLS}}, seed=1)


@pytest.fixture(scope="module")
def adapted(model):
    rows = _train_rows()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sdgmap.adapt(model, [r["text"] for r in rows], [r["labels"] for r in rows], ids=[r["id"] for r in rows])


@pytest.fixture(scope="module")
def held_out():
    return curated_rows(15, seed=2)


def _top(proba, k=1):
    return np.argsort(-proba, axis=1, kind="stable")[:, :k] + 1


def test_adapted_model_follows_the_convention_on_held_out_rows(model, adapted, held_out):
    new, _ = adapted
    texts = [r["text"] for r in held_out]
    kinds = np.array([r["kind"] for r in held_out])
    labels = np.array([r["labels"][0] for r in held_out])
    before, after = model.predict_proba(texts), new.predict_proba(texts)
    solidarity = kinds == "solidarity"
    base_rate = (_top(before)[solidarity, 0] == 10).mean()
    new_rate = (_top(after)[solidarity, 0] == 10).mean()
    print(f"held-out solidarity rows with 10 on top: {base_rate:.2f} -> {new_rate:.2f}")
    assert new_rate >= 0.8 and new_rate - base_rate >= 0.3
    # And not worse on the other goals: hit@1 and hit@3 of the control kinds.
    others = ~solidarity
    hit1 = [(_top(p)[others, 0] == labels[others]).mean() for p in (before, after)]
    hit3 = [(_top(p, 3)[others] == labels[others, None]).any(axis=1).mean() for p in (before, after)]
    print(f"controls hit@1 {hit1[0]:.3f} -> {hit1[1]:.3f}, hit@3 {hit3[0]:.3f} -> {hit3[1]:.3f}")
    assert hit1[1] >= hit1[0] - 0.02
    assert hit3[1] >= hit3[0]
    # The convention is "10 only": the solidarity rows' asserted goals include 10 now.
    asserted = [r.sdgs for r, kind in zip(new.classify_many(texts, targets=False), kinds) if kind == "solidarity"]
    assert np.mean([10 in goals for goals in asserted]) >= 0.8


def test_report_is_cross_validated_and_says_it_helped(adapted):
    _, report = adapted
    print(report.describe())
    assert report.helped
    assert report.after.hit_at_1 > report.before.hit_at_1 + 0.1
    assert report.after.hit_at_3 >= report.before.hit_at_3
    assert report.folds == 5 and report.rows == 30 + 12 * len(CONTROLS)
    assert 10 in report.adapted_goals
    assert [g.goal for g in report.goals] == list(range(1, 18))
    goal10 = report.goals[9]
    assert goal10.curated_rows == 30 and goal10.adapted and goal10.top1_after > goal10.top1_before
    # A modest change in how many goals are asserted, not an inflation.
    assert report.after.goals_per_text <= report.before.goals_per_text + 1.5
    assert len(report.base_sha256) == 64 and len(report.curated_sha256) == 64
    assert report.model_validate_json(report.model_dump_json()) == report


def test_goals_without_curated_rows_keep_the_base_scores_exactly(model, adapted, held_out):
    new, report = adapted
    texts = [r["text"] for r in held_out]
    untouched = [g - 1 for g in range(1, 18) if g not in report.adapted_goals]
    assert 13 - 1 in untouched  # no curated row is about climate
    np.testing.assert_array_equal(model.predict_proba(texts)[:, untouched], new.predict_proba(texts)[:, untouched])
    assert new.meta["adapted_from"]["sha256"] == model.meta["sha256"]
    assert model.adapter is None  # the base model is left alone


def test_saved_folder_refuses_to_load_untrusted_and_round_trips(adapted, held_out, tmp_path):
    new, report = adapted
    folder = sdgmap.save_adapted(new, tmp_path / "platform", report)
    manifest = json.loads((folder / "manifest.json").read_text())["sha256"]
    assert {ADAPTER_FILE, "README.md", "adaptation.json", "meta.json"} <= set(manifest)
    with pytest.raises(PermissionError, match="E009"):
        sdgmap.load(folder)
    texts = [r["text"] for r in held_out]
    loaded = sdgmap.load(folder, trust=True)
    np.testing.assert_allclose(loaded.predict_proba(texts), new.predict_proba(texts), rtol=0, atol=1e-12)
    assert sdgmap.load(folder, trusted_manifest=manifest).adapter is not None
    card = (folder / "README.md").read_text()
    assert report.base_sha256 in card and report.curated_sha256 in card
    assert read_report(folder) == report
    # A changed adapter is caught by the manifest.
    data = json.loads((folder / ADAPTER_FILE).read_text())
    data["bias"][9] += 5.0
    (folder / ADAPTER_FILE).write_text(json.dumps(data))
    with pytest.raises(ValueError, match="E008"):
        sdgmap.load(folder, trust=True)


def test_adapter_file_not_in_manifest_is_refused(adapted, tmp_path):
    new, _ = adapted
    base = sdgmap.load()
    folder = base.save(tmp_path / "plain")
    new.adapter.to_disk(folder)  # dropped in after the manifest was written
    with pytest.raises(ValueError, match="E051"):
        sdgmap.load(folder, trust=True)


def test_adapter_identity_and_malformed_file(tmp_path):
    proba = np.random.default_rng(0).uniform(0.01, 0.99, (4, 17))
    np.testing.assert_array_equal(Adapter.identity().transform(proba), proba)
    (tmp_path / ADAPTER_FILE).write_text('{"format": 1, "weights": [[1]], "bias": [], "active": []}')
    with pytest.raises(ValueError, match="E075"):
        Adapter.from_disk(tmp_path)


@pytest.mark.parametrize("value, expected", [
    ("10", (10,)), ("10;1", (10, 1)), ("10, 1", (10, 1)), ("10 | 1 |8", (10, 1, 8)), ("10 1", (10, 1)),
    ([10, 1, 10], (10, 1)), (7, (7,)), ("SDG 10", None), ("ODD13;ODD7", (13, 7)),
])
def test_parse_labels(value, expected):
    if expected is None:  # "SDG 10" splits on the space: "SDG" is not a goal
        with pytest.raises(ValueError, match="E070"):
            parse_labels(value, "r1")
    else:
        assert parse_labels(value, "r1") == expected


@pytest.mark.parametrize("labels, ids, code", [
    (lambda n: ["18"] + ["1"] * (n - 1), None, "E070"),
    (lambda n: ["0;3"] + ["1"] * (n - 1), None, "E070"),
    (lambda n: ["abc"] + ["1"] * (n - 1), None, "E070"),
    (lambda n: [""] + ["2"] * (n - 1), None, "E071"),
    (lambda n: [[]] + ["2"] * (n - 1), None, "E071"),
    (lambda n: ["1", "2"] * (n // 2), lambda n: ["a"] * n, "E072"),
    (lambda n: ["4"] * n, None, "E073"),
])
def test_bad_curated_rows_are_clear_errors(model, labels, ids, code):
    texts = [f"Un atelier de quartier numéro {i} pour les habitants." for i in range(20)]
    with pytest.raises(ValueError, match=code):
        sdgmap.adapt(model, texts, labels(20), ids=ids(20) if ids else None)


def test_other_bad_calls(model):
    texts = ["Un atelier pour les habitants."] * 12
    with pytest.raises(ValueError, match="E076"):
        sdgmap.adapt(model, texts, ["1", "2"] * 6, label_kind="partial")
    with pytest.raises(ValueError, match="E074"):
        sdgmap.adapt(model, texts[:5], ["1", "2", "3", "4", "5"])
    with pytest.raises(ValueError, match="E074"):
        sdgmap.adapt(model, texts, ["1", "2"] * 5)
    with pytest.raises(TypeError, match="E001"):
        sdgmap.adapt(model, [None] + texts[1:], ["1", "2"] * 6)


def test_small_one_sided_and_unread_sets_warn(model):
    rows = curated_rows({"solidarity": 20, "repair": 4, "solar": 4}, seed=5)
    texts = [r["text"] for r in rows]
    texts[0] = "Unser Verein hilft älteren Nachbarn beim Einkaufen und organisiert jede Woche gemeinsame Mahlzeiten."
    with pytest.warns(UserWarning) as caught:
        _, report = sdgmap.adapt(model, texts, [r["labels"] for r in rows])
    codes = {message[1:5] for message in report.warnings}
    assert {"W070", "W071", "W072"} <= codes
    assert any("W070" in str(w.message) for w in caught)


def test_complete_labels(model, held_out):
    rows = curated_rows({"solidarity": 25, **{kind: 10 for kind in CONTROLS}}, seed=3, solidarity_labels=[10, 11])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new, report = sdgmap.adapt(model, [r["text"] for r in rows], [r["labels"] for r in rows], label_kind="complete")
    assert report.label_kind == "complete" and report.helped
    solidarity = [r["text"] for r in held_out if r["kind"] == "solidarity"]
    top = _top(new.predict_proba(solidarity), 2)
    assert np.isin(top[:, 0], [10, 11]).mean() >= 0.8


def test_head_fit_stays_at_identity_when_pulled_hard():
    rng = np.random.default_rng(0)
    Z = rng.normal(-2, 1.5, (60, 17))
    positives = np.zeros((60, 17), dtype=bool)
    positives[np.arange(60), rng.integers(0, 17, 60)] = True
    fit = HeadFit(alpha=1e6).fit(Z, positives, np.ones(17, dtype=bool))
    np.testing.assert_allclose(fit.weights_, np.eye(17), atol=1e-4)
    np.testing.assert_allclose(fit.bias_, 0, atol=1e-4)


def test_suggest_ranks_rows_worth_curating(model, adapted):
    new, _ = adapted
    pool = curated_rows(6, seed=9)
    texts = [r["text"] for r in pool] + ["", "   "]
    ids = [r["id"] for r in pool] + ["empty", "blank"]
    found = sdgmap.suggest(new, texts, n=10, ids=ids)
    assert [s.rank for s in found] == list(range(1, 11))
    assert len({s.id for s in found}) == 10 and not {"empty", "blank"} & {s.id for s in found}
    assert all(s.reasons for s in found)
    # The rows the platform's convention moves come out ahead of most of the pool.
    by_id = {r["id"]: r["kind"] for r in pool}
    assert sum(by_id[s.id] == "solidarity" for s in found) >= 2
    assert len(sdgmap.suggest(model, texts, n=3)) == 3  # works with the base model too


def _write_csv(path, rows, labels_key="labels"):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "description", "sdgs"])
        for r in rows:
            writer.writerow([r["id"], r["text"], ";".join(map(str, r[labels_key]))])


def test_cli_adapt_classify_and_suggest(tmp_path):
    rows = _train_rows()
    curated = tmp_path / "curated.csv"
    _write_csv(curated, rows)
    out = tmp_path / "platform-model"
    runner = CliRunner()
    result = runner.invoke(cli, ["adapt", str(curated), "--text-column", "description", "--labels-column", "sdgs",
                                 "-o", str(out), "--report", str(tmp_path / "report.json")])
    assert result.exit_code == 0, result.output
    assert "hit@1" in result.output and (out / ADAPTER_FILE).is_file()
    assert json.loads((tmp_path / "report.json").read_text())["helped"] is True
    text = "Les Voisins de Bois-Joli organise des repas partagés chaque semaine pour les familles en difficulté."
    refused = runner.invoke(cli, ["--model", str(out), "classify", "--json", text])
    assert refused.exit_code != 0 and "E009" in refused.output
    shown = runner.invoke(cli, ["--model", str(out), "--trust", "classify", "--json", text])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["goals"][0]["goal"] == 10
    pool = tmp_path / "pool.jsonl"
    pool.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in curated_rows(5, seed=11)))
    suggested = runner.invoke(cli, ["--model", str(out), "--trust", "suggest", str(pool), "-n", "7", "-o", str(tmp_path / "s.csv")])
    assert suggested.exit_code == 0, suggested.output
    assert len((tmp_path / "s.csv").read_text().splitlines()) == 8


def test_cli_bad_curated_file_writes_nothing(tmp_path):
    rows = _train_rows()
    rows[3] = dict(rows[3], labels=[19])
    curated = tmp_path / "curated.csv"
    _write_csv(curated, rows)
    out = tmp_path / "never"
    result = CliRunner().invoke(cli, ["adapt", str(curated), "--text-column", "description", "-o", str(out)])
    assert result.exit_code != 0 and "E070" in result.output
    assert not out.exists() and not any(p.name.startswith(".never") for p in tmp_path.iterdir())
    missing = CliRunner().invoke(cli, ["adapt", str(curated), "--labels-column", "tags", "-o", str(out)])
    assert missing.exit_code != 0 and "E004" in missing.output


def test_service_answers_with_the_adapted_model(adapted):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from sdgmap.service import create_app

    new, _ = adapted
    client = TestClient(create_app(new))
    text = "Le Relais de Val-Fleuri propose des permanences d'accueil et d'écoute à les voisins isolés."
    answer = client.post("/v1/classify", json={"text": text}).json()
    assert answer["goals"][0]["goal"] == new.classify(text).goals[0].goal
