"""Rebuild the bundled model from the labelled corpora, deterministically given a seed.

    sdgmap train CORPUS_DIR -o my-model --official-texts TAXONOMY_DIR

What it learns from: the ``train`` split of the corpora and our invented initiative
blurbs (``data/synthetic``). What it calibrates on: held-out ``dev`` rows whose every
goal was annotated blind (``data/annotations`` for the corpora, the blurbs' own labels),
since the corpora's labels are partial. Training needs the ``train`` extra
(scikit-learn, spacy-lookups-data); the model it writes runs without them.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .._taxonomy import taxonomy
from ..about import __version__
from ..errors import Errors
from ..lang import get_language, registered_languages
from ..lexicon import Lexicon
from ..pipeline._model import SDGModel, text_lengths
from ..pipeline._text import TextProcessor
from ..util._resources import data_dir
from . import _evaluate
from ._corpus import SINGLE_LABEL_SOURCES, CorpusRow, read_corpus, read_synthetic, with_complete_labels

COMPLETE_LABELS = "annotations/corpus_complete_labels.jsonl"
# Report sentences and research abstracts: what per-goal benchmarks of SDG classifiers are made of.
REPORT_SOURCES = frozenset({"tub", "meter", "aurora_survey", "oro", "zora"})


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the model; stored in its ``meta.json``."""

    seed: int = 0
    C: float = 4.0
    max_features: int = 150_000
    min_df: int = 2
    max_df: float = 0.5
    lexicon_weight: float = 0.5
    use_lexicon: bool = True
    # Scale of the word-vector block (languages whose registry entry names vectors); 0: none.
    vector_weight: float = 1.0
    # Weight of a negative label from a source that only gives the main goal (label noise).
    partial_negative_weight: float = 1.0
    # Add our invented initiative descriptions (data/synthetic/), each weighing as much as
    # this many corpus rows (they are few, and in the register the model is for).
    use_synthetic: bool = True
    synthetic_weight: float = 3.0
    # Complete labels of corpus dev/test rows (data/annotations): calibration and figures.
    use_annotations: bool = True
    # Target model: share of its largest weights kept, and the smallest share reported.
    target_keep: float = 0.2
    target_min_share: float = 0.1
    # Goals fitted in parallel (joblib); the result does not depend on it.
    n_jobs: int = 1


def lemma_tables() -> dict[str, dict[str, str]]:
    """Form → lemma lookup tables from spacy-lookups-data (lower-cased)."""
    import spacy_lookups_data

    folder = Path(spacy_lookups_data.__file__).parent / "data"
    tables = {}
    for language in registered_languages():
        with gzip.open(folder / f"{language}_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
            raw = json.load(handle)
        table: dict[str, str] = {}
        for form, lemma in sorted(raw.items()):
            lemma = (lemma[0] if isinstance(lemma, list) else lemma).lower()
            if form.lower() != lemma:
                table.setdefault(form.lower(), lemma)
        tables[language] = table
    return tables


def _prune(tables: dict[str, dict[str, str]], keep: set[str]) -> dict[str, dict[str, str]]:
    # Ship only the forms whose lemma the model can use (or must drop as a stop word):
    # a small table that loads fast and lemmatises exactly as in training.
    return {
        lang: {form: lemma for form, lemma in table.items() if lemma in keep or lemma in get_language(lang).stop_words}
        for lang, table in tables.items()
    }


def _weights(rows: list[CorpusRow], Y: np.ndarray, config: TrainConfig) -> np.ndarray:
    weights = np.ones(Y.shape)
    for i, row in enumerate(rows):
        if row.source in SINGLE_LABEL_SOURCES:
            weights[i, Y[i] == 0] *= config.partial_negative_weight
        if row.source in ("synthetic", "blurbs"):
            weights[i] *= config.synthetic_weight
    return weights


def _row_language(row: CorpusRow) -> str | None:
    return row.lang if row.lang in registered_languages() else None


def _vector_languages(config: TrainConfig) -> tuple[str, ...]:
    return tuple(code for code in registered_languages() if config.vector_weight > 0 and get_language(code).vectors)


def official_target_texts(folder: str | Path | None) -> dict[str, list[tuple[str, str]]]:
    """Official target and indicator texts per target id, from open-sdg style YAML files."""
    texts: dict[str, list[tuple[str, str]]] = {}
    if folder is None or not Path(folder).is_dir():
        return texts
    import yaml

    for language in registered_languages():
        for kind in ("targets", "indicators"):
            path = Path(folder) / f"{language}_global_{kind}.yml"
            if not path.is_file():
                continue
            for key, text in yaml.safe_load(path.read_text(encoding="utf-8")).items():
                parts = key.split("-")
                if parts[-1] == "title" and isinstance(text, str):
                    texts.setdefault(f"{parts[0]}.{parts[1]}", []).append((language, text))
    return texts


def target_texts(lexicon: Lexicon | None, official: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """What describes each target: our labels, its lexicon terms, official texts if given."""
    texts = {t.id: [("en", t.label_en), ("fr", t.label_fr)] for t in taxonomy().targets}
    for entry in lexicon.entries if lexicon is not None else ():
        if entry.target in texts:
            for language, terms in entry.terms.items():
                texts[entry.target].append((language, " ; ".join(terms)))
    for target, items in official.items():
        if target in texts:
            texts[target].extend(items)
    return texts


def read_training_rows(corpus: str | Path | list[CorpusRow], config: TrainConfig) -> list[CorpusRow]:
    """Corpus rows (with their complete labels when annotated) and our own blurbs."""
    rows = read_corpus(corpus) if isinstance(corpus, (str, Path)) else list(corpus)
    if config.use_annotations:
        rows = with_complete_labels(rows, data_dir() / COMPLETE_LABELS)
    if config.use_synthetic:
        rows += read_synthetic(data_dir() / "synthetic")
    return rows


def calibration_rows(rows: list[CorpusRow]) -> list[CorpusRow]:
    """Held-out rows with complete labels; a corpus without any uses its dev rows as they are."""
    dev = [row for row in rows if row.split == "dev"]
    complete = [row for row in dev if row.complete is not None]
    return complete or dev


def train(
    corpus: str | Path | list[CorpusRow],
    output: str | Path | None = None,
    config: TrainConfig = TrainConfig(),
    lexicon: Lexicon | None = None,
    official_texts: str | Path | None = None,
    verbose: bool = False,
) -> tuple[SDGModel, dict]:
    """Fit on the ``train`` split, calibrate on ``dev``, report on ``dev`` and ``test``.

    ``official_texts`` is a folder with the official target and indicator texts
    (``{en,fr}_global_{targets,indicators}.yml``): extra examples for the target model.
    Saves to ``output`` if given.
    """
    from sklearn.pipeline import Pipeline

    from ._estimators import SDGClassifier, SDGVectorizer

    started = time.time()
    rows = read_training_rows(corpus, config)
    train_rows = [row for row in rows if row.split == "train"]
    if not train_rows:
        raise ValueError(Errors.E011.format(detail="no row has split 'train'"))
    held_out = calibration_rows(rows)
    if not held_out:
        raise ValueError(Errors.E011.format(detail="no row has split 'dev' to calibrate on"))
    if lexicon is None and config.use_lexicon:
        lexicon = Lexicon.load()
    tables = lemma_tables()
    processor = TextProcessor(tables, lexicon)
    docs = {row.id: processor.process(row.text, _row_language(row)) for row in rows}
    if verbose:
        print(f"processed {len(rows)} texts in {time.time() - started:.1f}s")

    vectorizer = SDGVectorizer(
        min_df=config.min_df, max_df=config.max_df, max_features=config.max_features,
        lexicon=lexicon, lexicon_weight=config.lexicon_weight,
        vector_languages=_vector_languages(config), vector_weight=config.vector_weight,
    )
    classifier = SDGClassifier(C=config.C, n_jobs=config.n_jobs, random_state=config.seed)
    Y = _evaluate.label_matrix([row.sdgs for row in train_rows])
    Pipeline([("features", vectorizer), ("goals", classifier)]).fit(
        [docs[row.id] for row in train_rows], Y, goals__sample_weight=_weights(train_rows, Y, config)
    )
    held_docs = [docs[row.id] for row in held_out]
    register = np.array([row.source == "blurbs" for row in held_out])
    reports = np.array([row.source in REPORT_SOURCES and row.complete is not None for row in held_out])
    classifier.calibrate(
        vectorizer.transform(held_docs), _evaluate.label_matrix([_labels(row) for row in held_out]),
        text_lengths(held_docs), select=register if register.any() else None,
        reports=reports, main_goals=[_labels(row)[0] if _labels(row) else 0 for row in held_out],
    )
    if verbose:
        print(f"fitted and calibrated {vectorizer.space_.n_features} features in {time.time() - started:.1f}s")

    targets = _fit_targets(rows, docs, vectorizer, processor, lexicon, official_texts, config)
    keep = {lemma for gram in vectorizer.space_.vocabulary for lemma in gram.split(" ")}
    if lexicon is not None:
        keep.update(lexicon.lemmas(processor.lemmatise))
    runtime = TextProcessor(_prune(tables, keep), lexicon)
    meta = {
        "name": "sdgmap-base",
        "version": __version__,
        "sdgmap_version": __version__,
        "languages": list(registered_languages()),
        "labels": list(range(1, 18)),
        "config": asdict(config),
        "training_rows": len(train_rows),
        "sources": dict(sorted(Counter(row.source for row in train_rows).items())),
        "calibration_rows": dict(sorted(Counter(row.source for row in held_out).items())),
        "operating_point_choice": classifier.calibration_report_,
        "lexicon_version": lexicon.version if lexicon else None,
        "target_training": "annotated targets" + (" + official texts" if official_texts else ""),
    }
    model = SDGModel(runtime, vectorizer.space_, classifier.scorer_, meta, targets=targets)
    report = evaluate_splits(model, rows, docs)
    model.meta["performance"] = report
    model.meta["training_seconds"] = round(time.time() - started, 1)
    if output is not None:
        model.save(output)
    return model, report


def _labels(row: CorpusRow) -> tuple[int, ...]:
    return row.complete if row.complete is not None else row.sdgs


def _fit_targets(rows, docs, vectorizer, processor, lexicon, official_texts, config):
    """Target weights from annotated (text, target) pairs of the train and dev splits, plus
    each target's own descriptions (our labels, lexicon terms, official texts)."""
    from ._estimators import TargetClassifier

    annotated = [row for row in rows if row.targets and row.split in ("train", "dev")]
    described = target_texts(lexicon, official_target_texts(official_texts))
    extra = [(processor.process(text, language), target) for target, items in described.items() for language, text in items]
    X = vectorizer.transform([docs[row.id] for row in annotated] + [doc for doc, _ in extra])
    labels = [row.targets for row in annotated] + [(target,) for _, target in extra]
    classifier = TargetClassifier(keep=config.target_keep, min_share=config.target_min_share, n_jobs=config.n_jobs)
    return classifier.fit(X, labels, [t.id for t in taxonomy().targets]).index_


def evaluate_splits(model: SDGModel, rows: list[CorpusRow], docs: dict) -> dict:
    """Figures on the dev and test splits, overall, per source and per language.

    Against complete labels where the rows have them ("labels": "complete"), else the
    source's own (partial) labels.
    """
    report = {}
    for split in ("dev", "test"):
        chosen = [row for row in rows if row.split == split]
        if not chosen:
            continue
        X, proba = model._score([docs[row.id] for row in chosen])
        by_point = {}
        for point in model.operating_points:
            decided = model.scorer.decide(proba, point)
            entry = {}
            for key, members in _groups(chosen).items():
                index = np.array(members)
                group = [chosen[i] for i in index]
                complete = all(row.complete is not None for row in group)
                Y = _evaluate.label_matrix([_labels(row) for row in group])
                figures = _evaluate.scores(Y, decided[index], proba[index])
                figures.update(_evaluate.example_scores(Y, decided[index], proba[index],
                                                        [_labels(row)[0] if _labels(row) else None for row in group]))
                figures["labels"] = "complete" if complete else "source"
                if key != "all":
                    figures.pop("per_goal")
                entry[key] = figures
            by_point[point] = entry
        report[split] = by_point
    return report


def _groups(rows: list[CorpusRow]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {"all": list(range(len(rows)))}
    for i, row in enumerate(rows):
        groups.setdefault(f"source:{row.source}", []).append(i)
        groups.setdefault(f"lang:{row.lang}", []).append(i)
    return dict(sorted(groups.items()))
