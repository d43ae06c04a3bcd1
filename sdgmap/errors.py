"""User-facing errors and warnings, each with a stable code (as spaCy's ``errors.py``)."""

from __future__ import annotations


class Errors:
    E001 = "[E001] Expected text as str, got {type}. Decode bytes first (e.g. `data.decode('utf-8')`)."
    E002 = "[E002] Unknown operating point {name!r}. Choose one of: {options}."
    E003 = "[E003] Unknown language {lang!r}. Registered languages: {options}."
    E004 = "[E004] The input has no column or field {column!r}. Found: {found}."
    E005 = "[E005] Cannot read {path}: {reason}."
    E006 = "[E006] Unsupported file format {suffix!r} for {path}. Use .csv, .jsonl or .json."
    E007 = "[E007] Model directory {path} is missing {name}."
    E008 = "[E008] Model file {name} does not match its SHA-256 in the manifest (expected {expected}, got {actual}). The file is corrupted or was tampered with."
    E009 = "[E009] Model at {path} is not covered by a trusted manifest. Pass `trust=True` only for a model you built yourself, or give the manifest you trust."
    E010 = "[E010] The model is not fitted yet. Call `fit` first."
    E011 = "[E011] Training data is empty after filtering: {detail}."
    E012 = "[E012] Unknown goal {goal!r}: goals are numbered 1 to 17."
    E013 = "[E013] Unknown target {target!r}."
    E014 = "[E014] Model format {found} is not supported by sdgmap {version} (reads format {supported})."
    E015 = "[E015] Labels must be lists of goal numbers 1-17; row {row} has {labels!r}."
    E016 = "[E016] Expected a Classification, a mapping goal → probability or a sequence of 17 probabilities, got {type}."
    E017 = "[E017] Probabilities must be finite numbers between 0 and 1; goal {goal} has {value!r}."
    E018 = "[E018] Unknown grouping {name!r}. Use one of {options}, or a dict group → goals."
    E019 = "[E019] An interaction matrix must be 17 x 17 finite numbers; got shape {shape}."


class Warnings:
    W001 = "[W001] Text of {length} characters was cut to the first {limit} characters (see `max_length`)."
    W002 = "[W002] This model was trained with sdgmap {trained}; you are running {running}. Results may differ."
