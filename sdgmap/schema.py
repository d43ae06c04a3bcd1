"""Write the JSON Schemas of the public results: ``python -m sdgmap.schema [DIR]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .documents._models import DocumentClassification
from .io._batch import BatchSummary
from .mapping._results import ImpactMap, MapComparison
from .results import Classification, SystemicImpact, SystemicSummary

SCHEMAS: dict[str, type[BaseModel]] = {
    "classification": Classification,
    "batch_summary": BatchSummary,
    "systemic_impact": SystemicImpact,
    "systemic_summary": SystemicSummary,
    "impact_map": ImpactMap,
    "map_comparison": MapComparison,
    "document_classification": DocumentClassification,
}


def write_schemas(folder: str | Path = "docs/schema") -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(model.model_json_schema(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(*sys.argv[1:2]):
        print(path)
