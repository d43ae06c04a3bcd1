"""Writing an adapted model: the model folder, its report and its card, under one manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..pipeline import _persistence as _bundle
from ._report import AdaptationReport

REPORT_FILE = "adaptation.json"
CARD_FILE = "README.md"


def save_adapted(model, path: str | Path, report: AdaptationReport | None = None) -> Path:
    """Write ``model`` (from :func:`adapt`) to ``path`` with ``adaptation.json`` and a model
    card, all listed in the SHA-256 manifest. The folder appears only once complete.

    It loads like any model folder that is not the bundled one: with ``trust=True`` or a
    trusted manifest (``sdgmap.load(path, trust=True)``, ``sdgmap --model DIR --trust``).
    """
    target = Path(path)
    staging, commit = _bundle.atomic_folder(target)
    try:
        model.save(staging)
        if report is not None:
            _bundle.write_json(staging / REPORT_FILE, report.model_dump(mode="json"))
        (staging / CARD_FILE).write_text(render_card(model.meta, report), encoding="utf-8")
        _bundle.write_manifest(staging)
        commit()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def render_card(meta: dict, report: AdaptationReport | None) -> str:
    base = meta.get("adapted_from", {})
    lines = [
        f"# Model card: {meta.get('name', 'sdgmap-adapted')}",
        "",
        "Written by `sdgmap adapt`; do not edit by hand (the manifest checks this file too).",
        "",
        "## What it is",
        f"The base model `{base.get('name')}` (version {base.get('version')}, manifest SHA-256 "
        f"`{base.get('sha256')}`) with an adapter fitted on a platform's curated tags: a per-goal "
        "logistic head on the base model's calibrated logits, pulled toward the base. Goals with too "
        "few curated rows keep the base score exactly. Everything else (text reading, targets, "
        "evidence) is the base model's; evidence weights are the base model's log-odds.",
        "",
        "**Intended use**: tagging new initiatives of the same platform the way its curators do. "
        "**Out of scope**: other platforms and other kinds of text (the conventions are this platform's).",
        "",
        "Load it only if you trust where it comes from: `sdgmap.load(DIR, trust=True)` or "
        "`sdgmap --model DIR --trust classify ...`.",
        "",
    ]
    if report is None:
        return "\n".join(lines)
    b, a = report.before, report.after
    lines += [
        "## Curated rows",
        f"{report.rows} rows, `{report.label_kind}` labels; SHA-256 of the set (texts, goals, label kind): "
        f"`{report.curated_sha256}`.",
        "",
        "## Evaluation (cross-validated on the curated rows)",
        f"{report.verdict} {report.folds}-fold cross-validation; every row is scored by an adapter "
        f"fitted without it. Head `{report.head}`, alpha {report.alpha}; operating point "
        f"`{report.operating_point}`.",
        "",
        "| | base | adapted |",
        "|---|---|---|",
        f"| hit@1 | {b.hit_at_1:.3f} | {a.hit_at_1:.3f} |",
        f"| hit@3 | {b.hit_at_3:.3f} | {a.hit_at_3:.3f} |",
        f"| example-F1 | {b.example_f1:.3f} | {a.example_f1:.3f} |",
        f"| goals per text | {b.goals_per_text:.2f} | {a.goals_per_text:.2f} |",
        "",
        "### Per goal",
        "",
        "| goal | curated rows | adapted | top goal of its rows (base → adapted) | top goal of all rows (base → adapted) |",
        "|---|---|---|---|---|",
    ]
    for g in report.goals:
        own = "–" if g.top1_before is None else f"{g.top1_before:.2f} → {g.top1_after:.2f}"
        lines.append(f"| {g.goal} | {g.curated_rows} | {'yes' if g.adapted else 'no (base)'} "
                     f"| {own} | {g.top_share_before:.2f} → {g.top_share_after:.2f} |")
    lines.append("")
    if report.warnings:
        lines += ["## Warnings", ""] + [f"- {w}" for w in report.warnings] + [""]
    lines += ["The full report is in `adaptation.json`.", ""]
    return "\n".join(lines)


def read_report(path: str | Path) -> AdaptationReport:
    """The :class:`AdaptationReport` saved in an adapted model's folder."""
    return AdaptationReport.model_validate(json.loads((Path(path) / REPORT_FILE).read_text(encoding="utf-8")))
