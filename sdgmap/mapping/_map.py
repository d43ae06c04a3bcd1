"""Impact mapping of a corpus: stream initiatives, keep counts, not results.

Memory stays bounded whatever the corpus size: each initiative adds to the counts of the
corpus and of its groups (``_tally``), then is dropped, after being written to ``results``
if asked. The one thing kept per initiative is its five systemic components (40 bytes),
so quartiles are exact.

>>> import sdgmap
>>> impact = sdgmap.map_corpus([{"text": "Un jardin partagé cultive des légumes bio."}])
>>> impact.count
1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sized
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

from pydantic import ValidationError

from ..errors import Errors
from ..loading import ModelSource, resolve
from ..pipeline._model import SDGModel
from ..results import Classification, ClassifyOptions
from ..systemic._impact import systemic_impact
from ..util import Progress, atomic_writer
from ._initiative import METADATA_FIELDS, Initiative, UnreadableRow
from ._records import record_json
from ._results import ImpactMap, MappedInitiative, MappingSettings
from ._tally import Corpus, Reading

DEFAULT_GROUP_BY = ("region", "year", "category")
GAP_THRESHOLD = 0.05  # under 1 initiative in 20: "rare" (0 is "never")
NETWORK_MIN_PHI = 0.1  # Cohen's "small" association: weaker pairs are noise on a network drawing
NETWORK_MIN_COUNT = 2  # one initiative doing both is an anecdote, not a link
MAX_GROUPS = 50  # a field with more values (an id, a free-text place) is not a grouping


def map_corpus(
    items: Iterable,
    model: SDGModel | ModelSource | None = None,
    *,
    options: ClassifyOptions | None = None,
    group_by: str | Iterable[str] = DEFAULT_GROUP_BY,
    operating_point: str | None = None,
    language: str | None = None,
    evidence: bool = False,
    systemic: bool = True,
    results: str | Path | object | None = None,
    keep_results: bool = False,
    progress: bool = False,
    gap_threshold: float = GAP_THRESHOLD,
    network_min_phi: float = NETWORK_MIN_PHI,
    network_min_count: int = NETWORK_MIN_COUNT,
    max_groups: int = MAX_GROUPS,
    batch_size: int = 256,
) -> ImpactMap:
    """Map a corpus of initiatives to the SDGs: coverage, gaps, co-occurrence, systemic spread.

    Parameters
    ----------
    items : iterable
        Dicts or :class:`Initiative` (a ``text``, optional ``id``, ``name``, ``place``,
        ``latitude``/``longitude``, ``region``, ``year`` and any other field), or
        ``(initiative, Classification)`` pairs already computed, or :class:`MappedInitiative`.
        Read once, as a stream.
    model : SDGModel or ModelSource, optional
        Reads the texts; loaded only if a text needs reading (the bundled model if not given).
    options : ClassifyOptions, optional
        What to compute for each text (precomputed readings are taken as they are).
    group_by : str or iterable of str
        Fields to break the corpus down by. A field no initiative has is left out.
    operating_point, language, evidence
        Shorthand for ``options`` when it is not given.
    systemic : bool
        Compute the systemic score of each initiative and summarise its distribution.
    results : path or writable text stream, optional
        Write one record per initiative (JSON Lines, the results layout of ``sdgmap classify``:
        its columns, then its reading) while streaming; a path is written atomically (it
        appears once complete). ``sdgmap.read_results`` reads it back.
    keep_results : bool
        Also keep them in ``ImpactMap.initiatives`` (memory grows with the corpus).
    progress : bool
        Show a progress line on stderr when it is a terminal.
    gap_threshold, network_min_phi, network_min_count, max_groups
        See :class:`MappingSettings`; the defaults are documented in this module.

    Returns
    -------
    ImpactMap
    """
    settings = MappingSettings(gap_threshold=gap_threshold, network_min_phi=network_min_phi,
                               network_min_count=network_min_count, max_groups=max_groups)
    fields = (group_by,) if isinstance(group_by, str) else tuple(dict.fromkeys(group_by))
    corpus = Corpus(fields, settings.max_groups)
    if options is None:
        options = ClassifyOptions(language=language, operating_point=operating_point, evidence=evidence)
    reader = _Reader(model, options)
    kept: list[MappedInitiative] = []
    meter = Progress(len(items) if isinstance(items, Sized) else None, enabled=progress)
    with ExitStack() as stack:
        sink = _open_sink(results, stack)
        for initiative, classification in reader.read(items, corpus, batch_size):
            impact = None
            if systemic:
                impact = classification.systemic or systemic_impact(classification)
            corpus.add(initiative, Reading.of(classification, impact))
            if sink is not None or keep_results:
                mapped = MappedInitiative(initiative=initiative, classification=classification,
                                          systemic_score=None if impact is None else impact.score)
                if sink is not None:
                    sink.write(record_json(mapped.record()))
                if keep_results:
                    kept.append(mapped)
            meter.advance()
        meter.close()
    return corpus.impact_map(settings, systemic, tuple(kept))


# --- reading items --------------------------------------------------------------------------

class _Reader:
    """Turns items into (Initiative, Classification), classifying texts a batch at a time."""

    def __init__(self, model: SDGModel | ModelSource | None, options: ClassifyOptions) -> None:
        self.source = model
        self.options = options.model_copy(update={"systemic": False}).kwargs()  # the map adds its own

    def read(self, items: Iterable, corpus: Corpus, batch_size: int):
        iterator = enumerate(items, 1)
        while batch := list(islice(iterator, batch_size)):
            parsed: list[tuple[int, Initiative, Classification | None]] = []
            for position, item in batch:
                try:
                    parsed.append((position, *_parse(item, position, corpus.dropped)))
                except (TypeError, ValueError) as error:
                    corpus.skip(position, _item_id(item), _message(error))
            readings = iter(self._classify([initiative for _, initiative, reading in parsed if reading is None]))
            for position, initiative, reading in parsed:
                found = reading if reading is not None else next(readings)
                if isinstance(found, Exception):
                    corpus.skip(position, initiative.id, _message(found))
                else:
                    yield initiative, found

    def _classify(self, initiatives: list[Initiative]) -> list:
        if not initiatives:
            return []
        self.model = resolve(self.source)
        texts = [initiative.text for initiative in initiatives]
        try:
            return self.model.classify_many(texts, batch_size=len(texts), **self.options)
        except ValueError:  # a bad option (E002, E003): the caller's error, not an item's
            raise
        except Exception:  # noqa: BLE001 - find the item at fault; the others are still mapped
            return [self._classify_one(text) for text in texts]

    def _classify_one(self, text: str):
        try:
            return self.model.classify(text, **self.options)
        except Exception as error:  # noqa: BLE001 - reported as a skipped item, never lost
            return error


def _parse(item, position: int, dropped: Counter[str]) -> tuple[Initiative, Classification | None]:
    if isinstance(item, UnreadableRow):
        raise ValueError(item.error)
    if isinstance(item, MappedInitiative):
        return _with_id(item.initiative, position), item.classification
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Classification):
        return _with_id(_initiative(item[0], position, dropped), position), item[1]
    return _with_id(_initiative(item, position, dropped), position), None


def _initiative(item, position: int, dropped: Counter[str]) -> Initiative:
    if isinstance(item, Initiative):
        return item
    if not isinstance(item, Mapping):
        raise TypeError(Errors.E030.format(position=position, type=type(item).__name__))
    values = dict(item)
    while True:
        try:
            return Initiative.model_validate(values)
        except ValidationError as error:
            # One unreadable value (a year "Date du CA") costs that value, not the initiative.
            bad = {str(e["loc"][0]) if e["loc"] else "coordinates" for e in error.errors()}
            if "coordinates" in bad:  # only one of latitude and longitude: neither places it
                bad |= {"latitude", "longitude"}
            bad &= set(METADATA_FIELDS)
            bad &= {field for field, value in values.items() if value is not None}
            if not bad:
                raise
            for field in bad:
                values[field] = None
                dropped[field] += 1


def _with_id(initiative: Initiative, position: int) -> Initiative:
    return initiative if initiative.id is not None else initiative.model_copy(update={"id": str(position)})


def _item_id(item) -> str | None:
    if isinstance(item, UnreadableRow):
        return item.id
    if isinstance(item, Mapping) and item.get("id") not in (None, ""):
        return str(item["id"])
    return None


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return str(error) if isinstance(error, (TypeError, ValueError)) else f"{type(error).__name__}: {error}"


def _open_sink(results, stack: ExitStack):
    if results is None:
        return None
    if hasattr(results, "write"):
        return results
    return stack.enter_context(atomic_writer(results))
