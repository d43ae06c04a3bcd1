"""The loaded model: text → processed text → features → calibrated scores → results."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import numpy as np

from ..about import __model_format__, __version__
from ..errors import Errors, Warnings
from ..lang import get_language, registered_languages
from ..lexicon import Lexicon, LexiconEntry
from ..results import Classification, ClassifyOptions, GoalScore
from ..systemic._impact import systemic_impact
from ..util._resources import models_dir
from . import _persistence as _bundle
from ._adapter import ADAPTER_FILE, Adapter
from ._evidence import Explainer
from ._features import N_GOALS, FeatureSpace
from ._scoring import DEFAULT_OPERATING_POINT, LinearScorer, check_operating_point
from ._targets import TargetIndex
from ._text import DEFAULT_MAX_LENGTH, ProcessedText, TextProcessor, check_text

DEFAULT_MODEL = "sdgmap-base"
_GOALS = np.arange(1, N_GOALS + 1)
# Format 1 (0.1): no word vectors, length-free calibration, per-goal thresholds only.
READABLE_FORMATS = (1, __model_format__)


def text_lengths(docs: Sequence[ProcessedText]) -> np.ndarray:
    """log(1 + content words) per text: what the calibration reads of a text's length."""
    return np.log1p(np.array([sum(doc.content) for doc in docs], dtype=np.float64))


class SDGModel:
    """Reads texts and says which SDGs they serve.

    Load the bundled model with :func:`sdgmap.load`. ``operating_point`` sets the default
    decision rule ("balanced", "f1", "precision" or "recall"); each call may override it.
    """

    def __init__(
        self,
        processor: TextProcessor,
        space: FeatureSpace,
        scorer: LinearScorer,
        meta: dict,
        operating_point: str = DEFAULT_OPERATING_POINT,
        targets: TargetIndex | None = None,
        adapter: Adapter | None = None,
    ) -> None:
        self.processor = processor
        # A platform's conventions (``sdgmap.adapt``), applied to the calibrated probabilities.
        self.adapter = adapter
        self.space = space
        self.scorer = scorer
        self.meta = meta
        self.targets = targets
        self.operating_point = check_operating_point(operating_point, scorer.thresholds)
        processor.use_vocabulary(frozenset(gram for gram in space.vocabulary if " " not in gram))
        entries = processor.lexicon.entries if processor.lexicon is not None else ()
        self._explainer = Explainer(space, scorer, targets, [entry.target for entry in entries])

    @property
    def lexicon(self) -> Lexicon | None:
        return self.processor.lexicon

    @property
    def operating_points(self) -> tuple[str, ...]:
        return tuple(self.scorer.thresholds)

    # -- reading texts -------------------------------------------------------------------

    def classify(
        self,
        text: str,
        *,
        language: str | None = None,
        operating_point: str | None = None,
        targets: bool = True,
        evidence: bool = False,
        systemic: bool = False,
        options: ClassifyOptions | None = None,
    ) -> Classification:
        """Classify one text. Empty or whitespace text gives a result with no goals.

        ``targets`` (on by default, ~20-40% slower) adds the likely targets of each asserted
        goal; ``evidence`` (off by default: it scores each candidate span again, about
        4-6x slower) adds the words and sentences behind each asserted goal;
        ``systemic`` adds :func:`sdgmap.systemic_impact` of the result. ``options`` (a
        :class:`sdgmap.ClassifyOptions`, as the CLI, files and service pass) replaces them all.
        """
        return self.classify_many(
            [text], language=language, operating_point=operating_point, targets=targets, evidence=evidence,
            systemic=systemic, options=options,
        )[0]

    def classify_many(
        self,
        texts: Iterable[str],
        *,
        language: str | None = None,
        operating_point: str | None = None,
        targets: bool = True,
        evidence: bool = False,
        systemic: bool = False,
        batch_size: int = 256,
        options: ClassifyOptions | None = None,
    ) -> list[Classification]:
        """Classify many texts; results come back in input order."""
        return list(
            self.pipe(texts, language=language, operating_point=operating_point, targets=targets, evidence=evidence,
                      systemic=systemic, batch_size=batch_size, options=options)
        )

    def classify_document(self, source, **options):
        """Classify a document (PDF, DOCX, HTML, Markdown, text) section by section and as a
        whole; see :func:`sdgmap.documents.classify_document` for the options."""
        from ..documents import classify_document

        return classify_document(self, source, **options)

    def pipe(
        self,
        texts: Iterable[str],
        *,
        language: str | None = None,
        operating_point: str | None = None,
        targets: bool = True,
        evidence: bool = False,
        systemic: bool = False,
        batch_size: int = 256,
        options: ClassifyOptions | None = None,
    ) -> Iterator[Classification]:
        """Stream results in input order, reading ``batch_size`` texts at a time."""
        if isinstance(texts, (str, bytes)):  # not a collection of texts: one text, by mistake
            raise TypeError(Errors.E052.format(type=type(texts).__name__))
        if options is not None:
            language, operating_point = options.language, options.operating_point
            targets, evidence, systemic = options.targets, options.evidence, options.systemic
        point = check_operating_point(operating_point or self.operating_point, self.scorer.thresholds)
        iterator = iter(texts)
        while batch := list(islice(iterator, batch_size)):
            docs = [self.processor.process(check_text(text), language) for text in batch]
            for result in self._results(docs, point, targets, evidence):
                yield result.model_copy(update={"systemic": systemic_impact(result)}) if systemic else result

    def predict_proba(self, texts: Sequence[str], *, language: str | None = None) -> np.ndarray:
        """(n_texts, 17) calibrated probabilities, column ``g - 1`` for goal ``g``."""
        docs = [self.processor.process(check_text(text), language) for text in texts]
        return self._score(docs)[1]

    def _proba(self, docs: Sequence[ProcessedText]) -> np.ndarray:
        return self._score(docs)[1]

    def _score(self, docs: Sequence[ProcessedText]):
        X = self.space.transform(docs)
        proba = self.scorer.predict_proba(X, text_lengths(docs))
        if self.adapter is not None:
            proba = self.adapter.transform(proba)
        # No words to go on (empty, whitespace, only numbers or symbols): no score at all.
        empty = np.array([not any(doc.content) for doc in docs], dtype=bool)
        proba[empty] = 0.0
        return X, proba

    def _results(self, docs: Sequence[ProcessedText], point: str, targets: bool, evidence: bool) -> Iterator[Classification]:
        X, proba = self._score(docs)
        selected = self.scorer.decide(proba, point)
        target_scores = self.targets.scores(X) if targets and self.targets is not None else None
        for i, (doc, scores, chosen) in enumerate(zip(docs, proba, selected)):
            order = np.argsort(-scores, kind="stable")
            goals = [
                GoalScore(goal=int(_GOALS[j]), score=round(float(scores[j]), 6), selected=bool(chosen[j]))
                for j in order
            ]
            asserted = [g.goal for g in goals if g.selected]
            yield Classification(
                language=doc.language,
                sdgs=asserted,
                goals=goals,
                targets=self._explainer.targets_for(target_scores[i], asserted) if target_scores is not None else [],
                evidence=self._explainer.evidence_for(doc, asserted) if evidence else [],
                operating_point=point,
                truncated=doc.truncated,
            )

    # -- files ---------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON + ``.npz`` files with a SHA-256 manifest (atomically)."""
        target = Path(path)
        staging, commit = _bundle.atomic_folder(target)
        arrays, space_settings = self.space.to_disk(staging)
        for language, table in sorted(self.processor.lemma_tables.items()):
            _bundle.write_json(staging / f"lemmas-{language}.json", dict(sorted(table.items())))
        lexicon = self.lexicon
        entries = [] if lexicon is None else [
            {"goal": e.goal, "target": e.target, "terms": {k: list(v) for k, v in e.terms.items()}} for e in lexicon.entries
        ]
        _bundle.write_json(staging / "lexicon.json", {"version": lexicon.version if lexicon else None, "entries": entries})
        arrays.update(self.scorer.to_arrays())
        if self.targets is not None:
            arrays.update(self.targets.to_arrays())
            _bundle.write_json(staging / "targets.json", self.targets.ids)
        _bundle.write_arrays(staging / "weights.npz", arrays)
        if self.adapter is not None:
            self.adapter.to_disk(staging)
        meta = dict(self.meta)
        meta.update(
            format=__model_format__,
            **space_settings,
            max_length=self.processor.max_length,
            operating_points=list(self.scorer.thresholds),
        )
        _bundle.write_json(staging / "meta.json", meta)
        _bundle.write_manifest(staging)
        commit()
        return target

    @classmethod
    def from_disk(
        cls,
        path: str | Path,
        *,
        operating_point: str = DEFAULT_OPERATING_POINT,
        trusted_manifest: dict[str, str] | None = None,
    ) -> SDGModel:
        folder = Path(path)
        _bundle.verify(folder, trusted_manifest)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") not in READABLE_FORMATS:
            raise ValueError(Errors.E014.format(found=meta.get("format"), version=__version__, supported=__model_format__))
        if meta.get("sdgmap_version", "").rsplit(".", 1)[0] != __version__.rsplit(".", 1)[0]:
            warnings.warn(Warnings.W002.format(trained=meta.get("sdgmap_version"), running=__version__), stacklevel=2)
        arrays = _bundle.read_arrays(folder / "weights.npz")
        tables = {
            file.stem.split("-", 1)[1]: json.loads(file.read_text(encoding="utf-8"))
            for file in sorted(folder.glob("lemmas-*.json"))
        }
        lexicon_data = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
        lexicon = None
        if lexicon_data["entries"]:
            entries = [
                LexiconEntry(goal=e["goal"], target=e["target"], terms={k: tuple(v) for k, v in e["terms"].items()})
                for e in lexicon_data["entries"]
            ]
            lexicon = Lexicon(entries, version=lexicon_data["version"])
        space = FeatureSpace.from_disk(folder, arrays, meta)
        scorer = LinearScorer.from_arrays(arrays, meta["operating_points"])
        processor = TextProcessor(tables, lexicon, max_length=meta.get("max_length", DEFAULT_MAX_LENGTH))
        targets = None
        if (folder / "targets.json").is_file():
            targets = TargetIndex.from_arrays(json.loads((folder / "targets.json").read_text(encoding="utf-8")), arrays)
        adapter = Adapter.from_disk(folder) if (folder / ADAPTER_FILE).is_file() else None
        meta["sha256"] = _bundle.manifest_digest(folder)
        return cls(processor, space, scorer, meta, operating_point=operating_point, targets=targets, adapter=adapter)


def load(
    path: str | Path | None = None,
    *,
    operating_point: str = DEFAULT_OPERATING_POINT,
    trust: bool = False,
    trusted_manifest: dict[str, str] | None = None,
) -> SDGModel:
    """Load the bundled model (default) or one from ``path``.

    Every file is checked against the model's SHA-256 manifest before it is read. A
    model from another path loads only if ``trusted_manifest`` (the ``sha256`` mapping you
    trust) matches its manifest, or with ``trust=True`` for a model you built yourself.
    Model files are JSON and ``.npz`` arrays read without pickle, so even a trusted file
    cannot run code.
    """
    bundled = models_dir() / DEFAULT_MODEL
    folder = bundled if path is None else Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(Errors.E005.format(path=folder, reason="no such model directory"))
    if trusted_manifest is None and not trust and folder.resolve() != bundled.resolve():
        raise PermissionError(Errors.E009.format(path=folder))
    model = SDGModel.from_disk(folder, operating_point=operating_point, trusted_manifest=trusted_manifest)
    # Stop words come from spaCy's language modules, slow to import: pay for them here, with
    # the rest of loading, not on the first text (a service is ready once its model is).
    for code in registered_languages():
        get_language(code).stop_words  # noqa: B018
    return model
