"""Files in, files out, through the CLI: invented initiatives only."""

import json
import subprocess
import sys

from click.testing import CliRunner

from sdgmap.cli import cli

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
    assert [m["initiative"]["name"] for m in mapped] == ["Jardin des Tilleuls", "Fix-It Corner"]
    assert [m["initiative"]["place"] for m in mapped] == ["Bourg-Neuf", "Millbrook"]
    assert [m["initiative"]["year"] for m in mapped] == [None, 2019]
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
