"""Files in, files out, through the CLI: invented initiatives only."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sdgmap.cli import cli
from sdgmap.io import read_results

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ROWS = [
    {"id": "g1", "text": "Un jardin partagé où les habitants du quartier cultivent des légumes bio.",
     "Nom": "Jardin des Tilleuls", "Commune": "Bourg-Neuf", "Année": "Date du CA", "region": "Nord"},
    {"id": "r1", "text": "A repair café where volunteers fix bikes and toasters instead of throwing them away.",
     "Nom": "Fix-It Corner", "Commune": "Millbrook", "Année": "2019", "region": "Sud"},
]


def _write(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_report_that_maps_nothing_fails_and_leaves_no_folder(tmp_path):
    source = _write(tmp_path / "in.jsonl", [{"id": "a", "description": "no text field"}, {"id": "b"}])
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["report", str(source), "-o", str(out), "--no-progress"])
    assert result.exit_code == 1
    assert "0 initiatives mapped" in result.output and "no report written" in result.output
    assert not out.exists()


def test_report_uses_named_columns_keeps_a_bad_year_and_says_what_it_left_out(tmp_path):
    source = _write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["report", str(source), "-o", str(out), "--no-progress", "--name-column", "Nom",
                                      "--place-column", "Commune", "--year-column", "Année", "--group-by", "region",
                                      "--group-by", "funder"])
    assert result.exit_code == 0, result.output
    assert "2 initiatives mapped" in result.output
    assert "--group-by funder: no initiative has this field" in result.output
    assert "1 unreadable year value(s) were left out" in result.output
    mapped = [json.loads(line) for line in (out / "initiatives.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [m["name"] for m in mapped] == ["Jardin des Tilleuls", "Fix-It Corner"]
    assert [m["place"] for m in mapped] == ["Bourg-Neuf", "Millbrook"]
    assert [m["year"] for m in mapped] == [None, 2019]
    impact = json.loads((out / "tables" / "impact_map.json").read_text(encoding="utf-8"))
    assert impact["dropped_values"] == {"year": 1}


def test_evidence_into_csv_is_said_not_silent(tmp_path):
    source = _write(tmp_path / "in.jsonl", ROWS[:1])
    result = CliRunner().invoke(cli, ["classify", str(source), "-o", str(tmp_path / "out.csv"), "--evidence",
                                      "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "--evidence is not written to CSV" in result.output


def test_train_without_its_extra_is_a_message_not_a_traceback(tmp_path):
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None  # as if the train extra were not installed\n"
        "from sdgmap.cli import main\n"
        f"sys.argv = ['sdgmap', 'train', {str(tmp_path)!r}, '-o', {str(tmp_path / 'model')!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "sdgmap[train]" in done.stderr or "none of" in done.stderr  # the extra, or no corpus file in the folder


def _csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_classify_output_is_a_report_input(tmp_path, suffix):
    tagged = tmp_path / f"tagged.{suffix}"
    runner = CliRunner()
    result = runner.invoke(cli, ["classify", str(EXAMPLES / "initiatives.csv"), "-o", str(tagged), "--no-progress"])
    assert result.exit_code == 0, result.output
    rows = len(_csv_rows(EXAMPLES / "initiatives.csv"))
    result = runner.invoke(cli, ["report", str(tagged), "-o", str(tmp_path / "report"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{rows} initiatives mapped; report" in result.output  # every row, none skipped
    impact = json.loads((tmp_path / "report" / "tables" / "impact_map.json").read_text(encoding="utf-8"))
    assert impact["count"] == rows and impact["skipped"] == 0
    names = [m.initiative.name for m in read_results(tmp_path / "report" / "initiatives.jsonl")]
    assert names == [row["name"] for row in _csv_rows(EXAMPLES / "initiatives.csv")]  # the input's names, kept


def test_one_results_csv_layout_and_one_reader(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["classify", str(EXAMPLES / "initiatives.csv"), "-o", str(tmp_path / "tagged.csv"),
                               "--no-progress"]).exit_code == 0
    assert runner.invoke(cli, ["report", str(tmp_path / "tagged.csv"), "-o", str(tmp_path / "report"),
                               "--no-progress"]).exit_code == 0
    classified = _csv_rows(tmp_path / "tagged.csv")
    reported = _csv_rows(tmp_path / "report" / "initiatives.csv")
    tail = ["language", "sdgs", "operating_point", "targets", "target_scores", "systemic_score", "truncated", "error",
            *(f"score_{g}" for g in range(1, 18))]
    for header in (list(classified[0]), list(reported[0])):
        assert header[0] == "id" and header[-len(tail):] == tail
    for a, b in zip(classified, reported, strict=True):  # same cells, same number format
        assert a["id"] == b["id"] and a["name"] == b["name"]
        assert [a[c] for c in tail if c != "systemic_score"] == [b[c] for c in tail if c != "systemic_score"]
    # One reader: the CSV and JSON Lines results of both commands read back to the same readings.
    readings = [[m.classification for m in read_results(path)]
                for path in (tmp_path / "tagged.csv", tmp_path / "report" / "initiatives.csv",
                             tmp_path / "report" / "initiatives.jsonl")]
    assert readings[0] == readings[1] == readings[2] and len(readings[0]) == len(classified)


def test_classify_keeps_every_input_column_and_writes_targets_to_csv(tmp_path):
    rows = [
        {"id": "k1", "text": "Une ressourcerie de quartier répare et revend des meubles donnés par les habitants.",
         "name": "La Ressourcerie des Lilas", "theme": "réemploi", "year": 2021, "place": "Val-Fleuri",
         "language": "français"},
        {"id": "k2", "text": "A community fridge where shops leave unsold food for neighbours.",
         "name": "Open Fridge Westerly", "theme": "food", "year": 2018, "place": "Westerly", "language": "English"},
    ]
    source = _write(tmp_path / "in.jsonl", rows)
    runner = CliRunner()
    for suffix in ("jsonl", "csv"):
        result = runner.invoke(cli, ["classify", str(source), "-o", str(tmp_path / f"out.{suffix}"), "--no-progress"])
        assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    table = _csv_rows(tmp_path / "out.csv")
    for row, line, cells in zip(rows, lines, table, strict=True):
        for column in ("name", "theme", "place", "text"):
            assert line[column] == cells[column] == row[column]
        assert line["year"] == row["year"] and cells["year"] == str(row["year"])
        # A column named like a result field is kept beside it, not overwritten.
        assert line["input_language"] == cells["input_language"] == row["language"]
        assert line["language"] in ("en", "fr") and cells["language"] == line["language"]
        assert cells["targets"] == ";".join(t["target"] for t in line["targets"])
        assert len(cells["target_scores"].split(";")) == len(line["targets"]) or not line["targets"]
    assert any(cells["targets"] for cells in table)
    # Read back, each row has its own column names again.
    back = list(read_results(tmp_path / "out.csv"))
    assert [m.initiative.value("language") for m in back] == ["français", "English"]
    assert [m.initiative.value("theme") for m in back] == ["réemploi", "food"]
