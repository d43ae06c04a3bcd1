import csv
import json

from click.testing import CliRunner

from sdgmap.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def write_csv(path, rows, fields):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


ROWS = [
    {"id": "a1", "name": "Sol'Air", "description": "Coopérative citoyenne qui installe des panneaux solaires sur les toits."},
    {"id": "b2", "name": "Fix'It", "description": "A repair café where volunteers fix broken appliances instead of throwing them away."},
    {"id": "c3", "name": "Vide", "description": ""},
    {"id": "d4", "name": "Formula", "description": "=HYPERLINK(\"http://x\") reading club for adults learning to read"},
]


def test_classify_one_text_prints_a_readable_view():
    result = run("classify", "A citizen solar cooperative sells renewable electricity.")
    assert result.exit_code == 0
    assert "SDG  7" in result.output and "Affordable and clean energy" in result.output


def test_classify_one_text_as_json():
    result = run("classify", "--json", "Une épicerie solidaire pour les familles en difficulté.")
    data = json.loads(result.output)
    assert data["language"] == "fr" and len(data["goals"]) == 17


def test_csv_in_jsonl_out_keeps_every_row_and_id(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, ROWS, ["id", "name", "description"])
    out = tmp_path / "out.jsonl"
    result = run("classify", str(source), "--text-column", "description", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a1", "b2", "c3", "d4"]
    assert 7 in lines[0]["sdgs"] and 12 in lines[1]["sdgs"]
    assert lines[2]["sdgs"] == [] and lines[2]["error"] is None
    assert "4 rows written" in result.output


def test_jsonl_in_csv_out_with_bad_rows_reported_not_dropped(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join([
            json.dumps({"id": "x1", "text": "Free legal advice for tenants facing eviction."}),
            "{not json",
            json.dumps({"id": "x3", "text": 42}),
            json.dumps({"id": "x4", "body": "no text field"}),
            json.dumps({"text": "A beach clean-up every month, with a count of plastic waste."}),
        ]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = run("classify", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["x1", "2", "x3", "x4", "5"]
    assert rows[0]["error"] == "" and rows[0]["score_16"]
    assert "invalid JSON" in rows[1]["error"]
    assert "E001" in rows[2]["error"] and "E004" in rows[3]["error"]
    assert "14" in rows[4]["sdgs"].split(";")
    assert "3 with errors" in result.output


def test_missing_text_column_fails_clearly_and_writes_nothing(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, ROWS, ["id", "name", "description"])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["classify", str(source), "-o", str(out)])
    assert result.exit_code != 0
    assert "E004" in result.output and "'text'" in result.output and "description" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_csv_output_escapes_formula_like_cells(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, [{"id": "=cmd()", "text": "Literacy classes for adults."}], ["id", "text"])
    out = tmp_path / "out.csv"
    run("classify", str(source), "-o", str(out))
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("'=cmd()")


def test_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["classify", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "No such file" in result.output
