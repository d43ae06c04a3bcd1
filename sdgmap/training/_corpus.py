"""Reading the labelled training corpora (``sdg_corpus.jsonl`` and its French translations)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Errors

CORPUS_FILES = ("sdg_corpus.jsonl", "undp_fr_translated.jsonl")
# Sources that give only the main goal: their missing goals are not true negatives.
SINGLE_LABEL_SOURCES = frozenset({"tub", "zora", "aurora_survey"})
_TEMPLATE_PROMPT = re.compile(r"^\s*>.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class CorpusRow:
    id: str
    source: str
    lang: str
    split: str
    sdgs: tuple[int, ...]
    text: str
    meta: dict = field(default_factory=dict)
    # Every goal the text serves, from blind annotation (None: only the source's own labels,
    # which are partial: authors tag their main goals, some sources only one).
    complete: tuple[int, ...] | None = None
    # Targets the annotator marked (complete rows only).
    targets: tuple[str, ...] = ()


def clean_text(text: str) -> str:
    """Drop the questionnaire prompts of UNDP learning plans ("> Please provide...")."""
    return _TEMPLATE_PROMPT.sub("", text).strip()


def _labelled_items(path: Path):
    """(item, its goals) for each JSON line of a labelled file; bad labels stop with E015."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            labels = item.get("sdgs", [])
            if not isinstance(labels, list) or not all(isinstance(g, int) and 1 <= g <= 17 for g in labels):
                raise ValueError(Errors.E015.format(row=f"{path.name}:{number}", labels=labels))
            yield item, tuple(dict.fromkeys(labels))  # main goal first, as written


def read_corpus(folder: str | Path) -> list[CorpusRow]:
    """All rows of the corpus files found in ``folder``, labels checked."""
    folder = Path(folder)
    found = [folder / name for name in CORPUS_FILES if (folder / name).is_file()]
    if not found:
        raise FileNotFoundError(Errors.E005.format(path=folder, reason=f"none of {CORPUS_FILES} is there"))
    return [
        CorpusRow(id=item["id"], source=item["source"], lang=item.get("lang", "?"), split=item["split"],
                  sdgs=goals, text=clean_text(item["text"]), meta=item.get("meta") or {})
        for path in found
        for item, goals in _labelled_items(path)
    ]


def read_synthetic(folder: str | Path) -> list[CorpusRow]:
    """Our own invented initiative descriptions, with the split each row says (default train).

    Rows that carry blind annotations (``data/synthetic/blurbs.jsonl``) are completely
    labelled: their ``sdgs`` are every goal the annotator found, with targets.
    """
    rows = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        for item, goals in _labelled_items(path):
            annotated = "annotator" in item
            rows.append(CorpusRow(
                id=item["id"], source="blurbs" if annotated else "synthetic", lang=item["lang"],
                split=item.get("split", "train"), sdgs=goals, text=item["text"],
                complete=goals if annotated else None, targets=tuple(item.get("targets", ())),
            ))
    return rows


def with_complete_labels(rows: list[CorpusRow], path: str | Path) -> list[CorpusRow]:
    """The rows, with the blind annotations of ``path`` (JSON lines keyed by corpus id) added."""
    path = Path(path)
    if not path.is_file():
        return rows
    labels = {item["id"]: (goals, tuple(item.get("targets", ()))) for item, goals in _labelled_items(path)}
    return [
        replace(row, complete=labels[row.id][0], targets=labels[row.id][1]) if row.id in labels else row for row in rows
    ]
