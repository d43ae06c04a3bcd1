"""Documents: PDF, DOCX, HTML, Markdown and text read into sections with exact
offsets, and mapped to the SDGs page by page.

Every document is built here at test time (tests/document_builders.py), about invented
initiatives, one clear goal per page or heading.
"""

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from document_builders import PAGES, PdfPage, build_docx, build_html, build_markdown, build_pdf, pdf_pages

import sdgmap
from sdgmap.documents import (
    Block,
    Document,
    DocumentClassification,
    classify_document,
    open_document,
    read_document,
    readers,
    register_reader,
)

GOALS = [goal for goal, *_ in PAGES]
HEADINGS = [heading for _, _, heading, _ in PAGES]


def quiet_read(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_document(path, **options)


def assert_offsets_exact(doc):
    end = 0
    for index, section in enumerate(doc.sections):
        assert section.index == index
        assert section.start >= end
        assert doc.text[section.start:section.end] == section.text
        end = section.end
    assert end == len(doc.text)


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    return build_pdf(folder / "rapport.pdf", pdf_pages(), title="Rapport de développement durable")


@pytest.fixture(scope="module")
def pdf_reading(model, pdf_path):
    return classify_document(model, pdf_path)


# -- reading -------------------------------------------------------------------------------


def test_pdf_sections_follow_outline_with_page_and_heading(pdf_path):
    doc = read_document(pdf_path)
    assert doc.format == "pdf" and doc.pages == len(PAGES) and doc.title == "Rapport de développement durable"
    assert [(s.page, s.heading) for s in doc.sections] == [(k + 1, h) for k, h in enumerate(HEADINGS)]
    assert_offsets_exact(doc)
    for section, (_, _, heading, paragraphs) in zip(doc.sections, PAGES):
        assert section.text.startswith(heading + "\n\n")
        # The page's words, as written, in order (the PDF wraps lines at 85 characters).
        assert " ".join(section.text[len(heading):].split()) == " ".join(" ".join(paragraphs).split())
    assert "é" in doc.sections[1].text  # WinAnsi accents decoded


def test_pdf_without_outline_gives_page_sections_never_spanning_pages(tmp_path):
    long_page = PdfPage(None, [PAGES[0][3][0]] * 12)  # ~1,400 characters
    path = build_pdf(tmp_path / "plain.pdf", [long_page, PdfPage(None, PAGES[2][3])], outline=False)
    doc = read_document(path, max_chars=500)
    assert_offsets_exact(doc)
    assert {s.heading for s in doc.sections} == {None}
    assert [s.page for s in doc.sections] == sorted(s.page for s in doc.sections)
    assert {s.page for s in doc.sections} == {1, 2}
    assert len([s for s in doc.sections if s.page == 1]) >= 3
    assert all(len(s.text) <= 500 for s in doc.sections)
    # Cutting a long page keeps every character of the page text between sections.
    page_one = doc.text[: max(s.end for s in doc.sections if s.page == 1)]
    assert page_one.split() == " ".join([PAGES[0][3][0]] * 12).split()


def test_docx_headings_and_offsets(tmp_path):
    doc = read_document(build_docx(tmp_path / "strategy.docx", title="Stratégie"))
    assert doc.format == "docx" and doc.pages is None and doc.title == "Stratégie"
    assert [s.heading for s in doc.sections] == HEADINGS
    assert {s.page for s in doc.sections} == {None}
    assert_offsets_exact(doc)
    assert doc.sections[3].text == "Atelier Plume\n\n" + PAGES[3][3][0]


def test_html_headings_skip_scripts_and_styles(tmp_path):
    doc = read_document(build_html(tmp_path / "page.html", title="Nos initiatives"))
    assert doc.format == "html" and doc.title == "Nos initiatives"
    assert [s.heading for s in doc.sections] == HEADINGS
    assert "not text" not in doc.text and "color" not in doc.text
    assert doc.sections[0].text == "\n\n".join([HEADINGS[0], *PAGES[0][3]])
    assert_offsets_exact(doc)


def test_markdown_headings_and_plain_inline_text(tmp_path):
    path = build_markdown(tmp_path / "notes.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nA **bold** [link](http://example.org) and `code`.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "markdown"
    assert [s.heading for s in doc.sections] == HEADINGS
    assert doc.sections[-1].text.endswith("A bold link and code.")
    assert_offsets_exact(doc)


def test_text_with_form_feeds_is_paged(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("First page.\n\nStill first.\fSecond page.\f\fFourth.", encoding="utf-8")
    doc = quiet_read(path)
    assert [(s.page, s.text) for s in doc.sections] == [(1, "First page.\n\nStill first."), (2, "Second page."), (4, "Fourth.")]
    assert doc.pages == 4 and any(w.startswith("[W061]") for w in doc.warnings)
    assert_offsets_exact(doc)


def test_format_is_told_by_content_not_only_suffix(tmp_path, pdf_path):
    disguised = tmp_path / "download.bin"
    disguised.write_bytes(pdf_path.read_bytes())
    assert read_document(disguised).format == "pdf"
    misnamed = tmp_path / "report.html"
    misnamed.write_bytes(pdf_path.read_bytes())
    with pytest.warns(UserWarning, match=r"\[W064\]"):
        assert read_document(misnamed).format == "pdf"
    page = build_html(tmp_path / "page")  # no suffix
    assert read_document(page).format == "html"
    notes = build_markdown(tmp_path / "README")
    assert read_document(notes).format == "markdown"


def test_long_paragraph_is_cut_with_every_character_kept(tmp_path):
    sentence = "Volunteers repair bicycles and lend them to students for free. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 200, encoding="utf-8")
    doc = read_document(path, max_chars=1000)
    assert_offsets_exact(doc)
    assert doc.text == (sentence * 200).strip()
    assert len(doc.sections) > 10 and all(len(s.text) <= 1000 for s in doc.sections)
    assert all(s.text.endswith("free.") for s in doc.sections)  # cut at sentence ends


# -- bad input -----------------------------------------------------------------------------


def test_truncated_and_corrupt_pdfs_are_coded_errors(tmp_path, pdf_path):
    data = pdf_path.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"this is not a pdf at all \x00\x01\x02" * 10)
    for path in (truncated, garbage):
        with pytest.raises(ValueError, match=r"^\[E061\]"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read_document(path)


def test_encrypted_pdf_is_a_coded_error(tmp_path, pdf_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf_path))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ValueError, match=r"^\[E062\] .*encrypted"):
        read_document(path)
    # Encrypted with an empty user password (only restrictions): it opens.
    writer = PdfWriter(clone_from=PdfReader(pdf_path))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    assert len(read_document(path).sections) == len(PAGES)


def test_scanned_pdf_says_no_text_layer_and_no_ocr(tmp_path):
    path = build_pdf(tmp_path / "scan.pdf", [PdfPage(image=True), PdfPage(image=True)])
    with pytest.raises(ValueError, match=r"^\[E063\] .*no text layer.*OCR is not done"):
        read_document(path)


def test_pdf_with_some_scanned_and_empty_pages_warns_and_reads_the_rest(tmp_path):
    path = build_pdf(tmp_path / "mixed.pdf", [PdfPage(image=True), *pdf_pages()[:2], PdfPage()])
    with pytest.warns(UserWarning) as caught:
        doc = read_document(path)
    codes = sorted(str(w.message)[:6] for w in caught)
    assert codes == ["[W060]", "[W061]"]
    assert "page(s) 1 have no text layer" in doc.warnings[0] and "page(s) 4 are empty" in doc.warnings[1]
    assert [s.page for s in doc.sections] == [2, 3]


def test_unknown_empty_and_wrong_inputs(tmp_path):
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    with pytest.raises(ValueError, match=r"^\[E060\]"):
        read_document(blob)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.warns(UserWarning, match=r"\[W063\]"):
        doc = read_document(empty)
    assert doc.text == "" and doc.sections == ()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueError, match=r"^\[E061\] .*DOCX"):
        read_document(broken)
    with pytest.raises(FileNotFoundError):
        read_document(tmp_path / "missing.pdf")
    with pytest.raises(TypeError, match=r"^\[E065\]"):
        read_document(b"%PDF-1.4 ...")
    with pytest.raises(ValueError, match=r"^\[E066\]"):
        read_document(empty, format="odt")


def test_readers_are_registered_and_streamed(tmp_path):
    seen = []

    @register_reader("endless-test", suffixes=(".endless",), sniff=lambda head, path: False)
    def endless(path, context):
        page = 0
        while True:
            page += 1
            seen.append(page)
            yield Block(f"Page {page} of a report that never ends.", page)

    try:
        path = tmp_path / "x.endless"
        path.write_text("", encoding="utf-8")
        stream = iter(open_document(path))
        first = [next(stream)[1] for _ in range(3)]
        assert [s.page for s in first] == [1, 2, 3]
        assert len(seen) <= 4  # read page by page, not the whole document first
    finally:
        readers.pop("endless-test")


def test_import_stays_light():
    code = "import sys, sdgmap, sdgmap.documents; print(any(m in sys.modules for m in ('pypdf', 'docx', 'markdown_it')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_the_document_schema_is_the_published_contract():
    schema = Path(__file__).parent.parent / "docs" / "schema" / "document_classification.schema.json"
    published = json.loads(schema.read_text(encoding="utf-8"))
    assert published == DocumentClassification.model_json_schema(), (
        "The DocumentClassification schema changed: if on purpose, rewrite docs/schema/document_classification.schema.json "
        "as json.dumps(DocumentClassification.model_json_schema(), indent=1, ensure_ascii=False) + a newline."
    )


# -- classification ------------------------------------------------------------------------


def test_each_pdf_page_asserts_its_goal_on_the_right_page(pdf_reading):
    assert isinstance(pdf_reading, DocumentClassification)
    for section, goal in zip(pdf_reading.sections, GOALS):
        assert section.result.goals[0].goal == goal and goal in section.result.sdgs, (section.page, section.result.sdgs)
    for page, goal in enumerate(GOALS, 1):
        profile = pdf_reading.goal(goal)
        assert profile.selected and profile.pages[0] == page
        assert profile.max_score > 0.9
        assert profile.share == pytest.approx(len(pdf_reading.sections[page - 1].text) / len(pdf_reading.text), abs=0.02)
    assert set(GOALS) <= set(pdf_reading.sdgs)
    assert pdf_reading.language in ("en", "fr") and pdf_reading.systemic is not None


def test_document_profile_adds_up(pdf_reading):
    total = sum(len(s.text) for s in pdf_reading.sections)
    for item in pdf_reading.goals:
        asserting = [s for s in pdf_reading.sections if item.goal in s.result.sdgs]
        assert item.share == pytest.approx(sum(len(s.text) for s in asserting) / total, abs=1e-6)
        weighted = sum(len(s.text) * s.result.score(item.goal) for s in pdf_reading.sections) / total
        assert item.score == pytest.approx(weighted, abs=1e-6)
        assert set(item.pages) <= {s.page for s in asserting}
        assert item.selected == (item.share >= pdf_reading.min_share and item.share > 0)
    as_one = pdf_reading.as_classification()
    assert list(as_one.sdgs) == list(pdf_reading.sdgs)


def test_min_share_sets_the_document_goals(model, pdf_path):
    strict = classify_document(model, pdf_path, min_share=0.5, systemic=False)
    # Each page's own goal holds about a fifth of the text: none is the document's at 0.5.
    assert not set(GOALS) & set(strict.sdgs) and strict.systemic is None
    assert all(strict.goal(g).share >= 0.5 for g in strict.sdgs)


@pytest.mark.parametrize("build", [build_docx, build_html, build_markdown])
def test_other_formats_assert_each_headings_goal(model, tmp_path, build):
    suffix = {"build_docx": ".docx", "build_html": ".html", "build_markdown": ".md"}[build.__name__]
    reading = classify_document(model, build(tmp_path / f"doc{suffix}"))
    assert [s.heading for s in reading.sections] == HEADINGS
    assert [s.result.goals[0].goal for s in reading.sections] == GOALS
    for goal in GOALS:
        assert reading.goal(goal).sections[0] == GOALS.index(goal) and reading.goal(goal).pages == ()


def test_document_or_path_same_reading_and_evidence_is_section_relative(model, pdf_path):
    doc = quiet_read(pdf_path)
    reading = classify_document(model, doc, evidence=True)
    assert reading.text == doc.text
    assert [s.result.sdgs for s in reading.sections] == [s.result.sdgs for s in classify_document(model, pdf_path).sections]
    spans = [(s, e) for s in reading.sections for e in s.result.evidence]
    assert spans
    for section, evidence in spans:
        assert section.text[evidence.start:evidence.end] == evidence.text


def test_json_round_trip(pdf_reading):
    data = json.loads(pdf_reading.model_dump_json())
    assert DocumentClassification.model_validate(data) == pdf_reading
    assert data["sections"][0]["page"] == 1 and len(data["goals"]) == 17


def test_empty_document_has_no_goals(model, tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"\[W063\]"):
        reading = classify_document(model, path)
    assert reading.sdgs == () and reading.sections == () and reading.language is None
    assert all(g.score == 0 for g in reading.goals)


def test_document_model_rejects_wrong_offsets():
    with pytest.raises(ValueError):
        Document(format="text", text="abc def", sections=[{"index": 0, "start": 0, "end": 3, "text": "abd"}])


# -- wired into the package and the CLI ----------------------------------------------------


def test_public_api_and_model_method(model, pdf_path):
    doc = sdgmap.read_document(pdf_path)
    assert isinstance(doc, sdgmap.Document)
    reading = model.classify_document(doc, targets=False)
    assert isinstance(reading, sdgmap.DocumentClassification)
    assert [s.result.goals[0].goal for s in reading.sections] == GOALS


def test_cli_classify_document_profile_sections_and_errors(tmp_path, pdf_path):
    from click.testing import CliRunner

    from sdgmap.cli import cli

    runner = CliRunner()
    shown = runner.invoke(cli, ["classify", str(pdf_path)])
    assert shown.exit_code == 0, shown.output
    line = next(row for row in shown.output.splitlines() if "SDG 14" in row)
    assert line.split()[-4] == "3" or " 3 " in line  # the page that carries it
    out = tmp_path / "sections.csv"
    written = runner.invoke(cli, ["classify", str(pdf_path), "-o", str(out)])
    assert written.exit_code == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["page"], r["heading"]) for r in rows] == [(str(k + 1), h) for k, h in enumerate(HEADINGS)]
    data = json.loads(runner.invoke(cli, ["classify", "--json", str(pdf_path)]).output)
    assert data["format"] == "pdf" and data["sections"][2]["page"] == 3
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(pdf_path.read_bytes()[:300])
    failed = runner.invoke(cli, ["classify", str(corrupt)])
    assert failed.exit_code == 1 and "[E061]" in failed.output and "Traceback" not in failed.output


def test_cli_report_on_a_folder_with_a_bad_file(tmp_path, pdf_path):
    from click.testing import CliRunner

    from sdgmap.cli import cli

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rapport.pdf").write_bytes(pdf_path.read_bytes())
    build_docx(folder / "strategy.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(tmp_path / "out"), "--no-progress",
                                      "--strip", "rapport.pdf"])
    assert result.exit_code == 0, result.output
    assert "2 documents mapped, 1 could not be read" in result.output
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="document-strip"' in page and "p.3, SDG 14" in page
