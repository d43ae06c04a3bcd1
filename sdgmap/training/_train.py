"""Rebuild the bundled model from the labelled corpora, deterministically given a seed.

    python -m sdgmap.train ../shared/data/corpora -o models/sdgmap-base

Training needs the ``train`` extra (scikit-learn, spacy-lookups-data); the model it
writes runs without them.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from . import _evaluate
from ._corpus import SINGLE_LABEL_SOURCES, CorpusRow, read_corpus, read_synthetic
from ..lexicon import Lexicon
from ..pipeline._model import SDGModel
from ..util._resources import data_dir
from ..pipeline._targets import build_target_index
from .._taxonomy import taxonomy
from ..pipeline._text import TextProcessor
from ..about import __version__
from ..errors import Errors
from ..lang import get_language, registered_languages


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the model; stored in its ``meta.json``."""

    seed: int = 0
    C: float = 4.0
    max_features: int = 150_000
    min_df: int = 2
    max_df: float = 0.5
    lexicon_weight: float = 0.5
    # Weight of a negative label from a source that only gives the main goal (label noise).
    partial_negative_weight: float = 1.0
    # Give every source the same total weight, so thresholds do not follow the largest one.
    balance_sources: bool = False
    cv: int = 5
    use_lexicon: bool = True
    # Add our invented initiative descriptions (data/synthetic/) to the training split,
    # each weighing as much as this many corpus rows (they are few, and in the target register).
    use_synthetic: bool = True
    synthetic_weight: float = 3.0


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
    counts = Counter(row.source for row in rows)
    for i, row in enumerate(rows):
        if row.source in SINGLE_LABEL_SOURCES:
            weights[i, Y[i] == 0] *= config.partial_negative_weight
        if config.balance_sources:
            weights[i] *= len(rows) / (len(counts) * counts[row.source])
        if row.source == "synthetic":
            weights[i] *= config.synthetic_weight
    return weights


def _row_language(row: CorpusRow) -> str | None:
    return row.lang if row.lang in registered_languages() else None


def official_target_texts(folder: str | Path | None) -> dict[str, list[tuple[str, str]]]:
    """Official target and indicator texts per target id, from open-sdg style YAML files."""
    texts: dict[str, list[tuple[str, str]]] = {}
    if folder is None or not Path(folder).is_dir():
        return texts
    import yaml

    for language in ("en", "fr"):
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


def train(
    corpus: str | Path | list[CorpusRow],
    output: str | Path | None = None,
    config: TrainConfig = TrainConfig(),
    lexicon: Lexicon | None = None,
    official_texts: str | Path | None = None,
    verbose: bool = False,
) -> tuple[SDGModel, dict]:
    """Fit on the ``train`` split, report on ``dev`` and ``test``; save to ``output`` if given.

    ``official_texts`` is a folder with the official target and indicator texts
    (``{en,fr}_global_{targets,indicators}.yml``); they enrich the target profiles.
    """
    from ._estimators import SDGClassifier, SDGVectorizer

    started = time.time()
    rows = read_corpus(corpus) if isinstance(corpus, (str, Path)) else list(corpus)
    if config.use_synthetic:
        rows += read_synthetic(data_dir() / "synthetic")
    train_rows = [row for row in rows if row.split == "train"]
    if not train_rows:
        raise ValueError(Errors.E011.format(detail="no row has split 'train'"))
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
    )
    X = vectorizer.fit_transform([docs[row.id] for row in train_rows])
    Y = _evaluate.label_matrix([row.sdgs for row in train_rows])
    classifier = SDGClassifier(C=config.C, cv=config.cv, random_state=config.seed)
    classifier.fit(X, Y, sample_weight=_weights(train_rows, Y, config))
    if verbose:
        print(f"fitted {X.shape[1]} features in {time.time() - started:.1f}s")

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
        "lexicon_version": lexicon.version if lexicon else None,
    }
    targets = build_target_index(vectorizer.space_, processor, target_texts(lexicon, official_target_texts(official_texts)))
    meta["target_profiles"] = "labels + lexicon" + (" + official texts" if official_texts else "")
    model = SDGModel(runtime, vectorizer.space_, classifier.scorer_, meta, targets=targets)
    report = evaluate_splits(model, rows, docs)
    model.meta["performance"] = report
    model.meta["training_seconds"] = round(time.time() - started, 1)
    if output is not None:
        model.save(output)
    return model, report


def evaluate_splits(model: SDGModel, rows: list[CorpusRow], docs: dict) -> dict:
    """Figures on the dev and test splits: overall, per source, per language, per goal."""
    report = {}
    for split in ("dev", "test"):
        chosen = [row for row in rows if row.split == split]
        if not chosen:
            continue
        proba = model._proba([docs[row.id] for row in chosen])
        Y = _evaluate.label_matrix([row.sdgs for row in chosen])
        by_point = {}
        for point in model.operating_points:
            decided = model.scorer.decide(proba, point) & (proba > 0)
            entry = {"all": _evaluate.scores(Y, decided, proba)}
            for key, members in _groups(chosen).items():
                index = np.array(members)
                entry[key] = _evaluate.scores(Y[index], decided[index], proba[index])
                entry[key].pop("per_goal")
            by_point[point] = entry
        report[split] = by_point
    return report


def _groups(rows: list[CorpusRow]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(f"source:{row.source}", []).append(i)
        groups.setdefault(f"lang:{row.lang}", []).append(i)
    return dict(sorted(groups.items()))
