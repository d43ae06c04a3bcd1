"""Loading a model never runs code, and reads only files its manifest covers.

Complements tests/test_model_files.py (tampering, trust). Here the attacker controls a model
folder and regenerates its manifest, so ``trust=True`` lets it through verification: what
must still hold is that nothing in it executes, and that verification covers exactly the
files inside the folder that the loader reads.
"""

import io
import json
import pickle
import shutil
import zipfile

import numpy as np
import pytest

import sdgmap
from sdgmap.pipeline import write_manifest
from sdgmap.util import models_dir


class _Payload:
    """Unpickling this creates ``marker``: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def copy_of_bundled(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(models_dir() / "sdgmap-base", target)
    return target


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "code-ran"
    assert not path.exists()
    return path


def manifest_of(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sha256"]


def write_raw_manifest(folder, files):
    (folder / "manifest.json").write_text(json.dumps({"sha256": files}), encoding="utf-8")


def test_an_extra_pickle_file_is_never_opened(copy_of_bundled, marker):
    (copy_of_bundled / "model.pkl").write_bytes(pickle.dumps(_Payload(marker)))
    (copy_of_bundled / "weights.pkl").write_bytes(pickle.dumps(_Payload(marker)))
    write_manifest(copy_of_bundled)
    model = sdgmap.load(copy_of_bundled, trust=True)
    assert model.classify("A citizen solar cooperative.").sdgs
    assert not marker.exists()


def test_weights_with_a_pickled_object_array_are_refused(copy_of_bundled, marker):
    weights = copy_of_bundled / "weights.npz"
    with np.load(weights, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["coef"] = np.array([_Payload(marker)], dtype=object)
    np.savez(weights, **arrays)  # np.savez pickles object arrays
    write_manifest(copy_of_bundled)
    with pytest.raises(ValueError, match="allow_pickle"):
        sdgmap.load(copy_of_bundled, trust=True)
    assert not marker.exists()


def test_weights_member_holding_raw_pickle_bytes_runs_nothing(copy_of_bundled, marker):
    weights = copy_of_bundled / "weights.npz"
    buffer = io.BytesIO()
    with zipfile.ZipFile(weights) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = pickle.dumps(_Payload(marker)) if name == "coef.npy" else source.read(name)
            target.writestr(name, data)
    weights.write_bytes(buffer.getvalue())
    write_manifest(copy_of_bundled)
    with pytest.raises(ValueError):
        sdgmap.load(copy_of_bundled, trust=True).classify("A citizen solar cooperative.")
    assert not marker.exists()


def test_weights_that_are_not_a_zip_are_refused(copy_of_bundled, marker):
    (copy_of_bundled / "weights.npz").write_bytes(pickle.dumps(_Payload(marker)))
    write_manifest(copy_of_bundled)
    with pytest.raises(ValueError):
        sdgmap.load(copy_of_bundled, trust=True)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["../outside.json", "../../outside.json", "sub/../../outside.json", "ABSOLUTE"])
def test_manifest_entry_outside_the_folder_is_refused(copy_of_bundled, name):
    # Bug (sdgmap/_bundle.py, verify): `folder / name` is hashed whatever `name` is, so a
    # manifest can make the loader read (and report the hash prefix of) any file on the
    # machine: "../x", an absolute path, a symlink out. Fix: see test_symlink_out_of_the_folder.
    outside = copy_of_bundled.parent / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    if name == "ABSOLUTE":
        name = str(outside)
    files = manifest_of(copy_of_bundled)
    files[name] = sdgmap.pipeline.sha256(outside)
    write_raw_manifest(copy_of_bundled, files)
    with pytest.raises(ValueError, match="E050"):
        sdgmap.load(copy_of_bundled, trust=True)
    with pytest.raises(ValueError, match="E050"):
        sdgmap.load(copy_of_bundled, trusted_manifest=files)


def test_symlink_out_of_the_folder_is_refused(copy_of_bundled, tmp_path):
    # Bug (sdgmap/_bundle.py, verify): a listed file may be a symlink to anywhere. Fix, in
    # the loop over the manifest (before hashing):
    #     root = folder.resolve()
    #     ...
    #     path = folder / name
    #     if not name or Path(name).name != name or path.resolve().parent != root:
    #         raise ValueError(Errors.E050.format(path=folder, name=name))
    elsewhere = tmp_path / "elsewhere.npz"
    shutil.move(copy_of_bundled / "weights.npz", elsewhere)
    (copy_of_bundled / "weights.npz").symlink_to(elsewhere)
    with pytest.raises(ValueError, match="E050"):
        sdgmap.load(copy_of_bundled, trust=True)


def test_symlink_inside_the_folder_is_allowed(copy_of_bundled):
    (copy_of_bundled / "lexicon.copy").write_bytes((copy_of_bundled / "lexicon.json").read_bytes())
    (copy_of_bundled / "lexicon.json").unlink()
    (copy_of_bundled / "lexicon.json").symlink_to("lexicon.copy")
    assert sdgmap.load(copy_of_bundled, trust=True).meta["name"] == "sdgmap-base"


def test_file_read_but_not_in_the_trusted_manifest_is_refused(copy_of_bundled):
    # Bug (sdgmap/_bundle.py, verify + _model.from_disk): only the files the manifest lists
    # are checked, but the loader also reads targets.json if present and every
    # lemmas-*.json. For a model saved without targets, a targets.json dropped into a copy
    # that a user pins with trusted_manifest is read unverified. Fix, at the end of verify:
    #     read = [*folder.glob("lemmas-*.json"), *(folder / n for n in (
    #             "meta.json", "weights.npz", "vocabulary.json", "lexicon.json", "targets.json"))]
    #     for path in read:
    #         if path.exists() and path.name not in expected:
    #             raise ValueError(Errors.E051.format(name=path.name, path=folder))
    (copy_of_bundled / "targets.json").unlink(missing_ok=True)  # a model saved without targets
    trusted = write_manifest(copy_of_bundled)
    (copy_of_bundled / "targets.json").write_text(json.dumps(["1.1"]), encoding="utf-8")
    with pytest.raises(ValueError, match="E051"):
        sdgmap.load(copy_of_bundled, trusted_manifest=trusted)
    (copy_of_bundled / "targets.json").unlink()
    (copy_of_bundled / "lemmas-xx.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="E051"):
        sdgmap.load(copy_of_bundled, trusted_manifest=trusted)


@pytest.mark.parametrize(
    "content",
    ['{"sha256": []}', '{"sha256": "abc"}', '{"sha256": {"meta.json": 5}}', "[]", "null", "not json",
     "[" * 100_000 + "]" * 100_000, '{"sha256": {"": "00"}}'],
    ids=["list", "string", "number digest", "top-level list", "null", "not json", "deep nesting", "empty name"],
)
def test_malformed_manifest_is_a_clear_error(copy_of_bundled, content):
    # Bug (sdgmap/_bundle.py, verify): a `sha256` that is not a mapping raised
    # AttributeError, deep nesting RecursionError. Fix: catch RecursionError with the
    # others around json.loads, then
    #     if not isinstance(expected, dict) or not all(isinstance(d, str) for d in expected.values()):
    #         raise ValueError(Errors.E005.format(path=manifest_path, reason="`sha256` must map file names to SHA-256 digests"))
    (copy_of_bundled / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="E00[589]|E050"):
        sdgmap.load(copy_of_bundled, trust=True)


def test_model_files_are_data_only():
    # What the bundled model is made of: JSON and .npz arrays without pickle.
    folder = models_dir() / "sdgmap-base"
    assert {p.suffix for p in folder.iterdir()} <= {".json", ".npz"}
    with np.load(folder / "weights.npz", allow_pickle=False) as archive:
        for name in archive.files:
            assert archive[name].dtype != object, name
    with zipfile.ZipFile(folder / "weights.npz") as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())
