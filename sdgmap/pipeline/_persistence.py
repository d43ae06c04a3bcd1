"""Model files on disk: JSON and ``.npz`` arrays only (nothing that runs code when loaded),
with a SHA-256 manifest checked before anything is parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..errors import Errors

MANIFEST = "manifest.json"
# What SDGModel.from_disk reads (besides lemmas-*.json): all must be in the manifest.
LOADED_FILES = ("meta.json", "weights.npz", "vocabulary.json", "lexicon.json", "targets.json", "adapter.json")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_json(path: Path, data) -> None:
    # Sorted keys and fixed separators: the same model gives byte-identical files.
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")


def write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    # np.savez stamps zip entries with the current time; write them with a fixed one.
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.ascontiguousarray(arrays[name]), allow_pickle=False)


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def write_manifest(folder: Path) -> dict[str, str]:
    files = {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file() and p.name != MANIFEST}
    write_json(folder / MANIFEST, {"sha256": files})
    return files


def manifest_digest(folder: Path) -> str:
    """One hash for the whole model: the hash of its manifest."""
    return sha256(folder / MANIFEST)


def verify(folder: Path, trusted: dict[str, str] | None = None) -> None:
    """Check every file against the manifest (and the manifest against ``trusted``).

    Manifest entries must be plain file names inside ``folder`` (no path, no symlink out),
    and every file the loader reads must be listed.
    """
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(Errors.E007.format(path=folder, name=MANIFEST))
    try:
        expected = json.loads(manifest_path.read_text(encoding="utf-8"))["sha256"]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise ValueError(Errors.E005.format(path=manifest_path, reason=error)) from None
    if not isinstance(expected, dict) or not all(isinstance(d, str) for d in expected.values()):
        raise ValueError(Errors.E005.format(path=manifest_path, reason="`sha256` must map file names to SHA-256 digests"))
    if trusted is not None and trusted != expected:
        raise ValueError(Errors.E009.format(path=folder))
    root = folder.resolve()
    for name, digest in expected.items():
        path = folder / name
        if not name or Path(name).name != name or path.resolve().parent != root:
            raise ValueError(Errors.E050.format(path=folder, name=name))
        if not path.is_file():
            raise FileNotFoundError(Errors.E007.format(path=folder, name=name))
        actual = sha256(path)
        if actual != digest:
            raise ValueError(Errors.E008.format(name=name, expected=digest[:16], actual=actual[:16]))
    for path in [*folder.glob("lemmas-*.json"), *(folder / name for name in LOADED_FILES)]:
        if path.exists() and path.name not in expected:
            raise ValueError(Errors.E051.format(name=path.name, path=folder))


def atomic_folder(target: Path) -> tuple[Path, Callable[[], None]]:
    """A temporary sibling folder and a function that moves it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)

    def commit() -> None:
        if target.exists():
            backup = target.with_name(f".{target.name}-old")
            os.replace(target, backup)
            os.replace(staging, target)
            import shutil

            shutil.rmtree(backup)
        else:
            os.replace(staging, target)

    return staging, commit
