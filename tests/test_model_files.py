import json
import shutil

import pytest

import sdgmap
from sdgmap.util import models_dir


@pytest.fixture
def copy_of_bundled(tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(models_dir() / "sdgmap-base", target)
    return target


def test_bundled_model_loads_without_opt_in():
    assert sdgmap.load().meta["name"] == "sdgmap-base"


def test_model_from_another_path_needs_trust(copy_of_bundled):
    with pytest.raises(PermissionError, match="E009"):
        sdgmap.load(copy_of_bundled)
    manifest = json.loads((copy_of_bundled / "manifest.json").read_text())["sha256"]
    assert sdgmap.load(copy_of_bundled, trusted_manifest=manifest).meta["name"] == "sdgmap-base"
    assert sdgmap.load(copy_of_bundled, trust=True).meta["name"] == "sdgmap-base"


def test_tampered_weights_are_refused(copy_of_bundled):
    weights = copy_of_bundled / "weights.npz"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="E008"):
        sdgmap.load(copy_of_bundled, trust=True)


def test_truncated_file_is_refused(copy_of_bundled):
    vocabulary = copy_of_bundled / "vocabulary.json"
    vocabulary.write_bytes(vocabulary.read_bytes()[:100])
    with pytest.raises(ValueError, match="E008"):
        sdgmap.load(copy_of_bundled, trust=True)


def test_manifest_not_matching_the_trusted_one_is_refused(copy_of_bundled):
    manifest = json.loads((copy_of_bundled / "manifest.json").read_text())["sha256"]
    manifest["weights.npz"] = "0" * 64
    with pytest.raises(ValueError, match="E009"):
        sdgmap.load(copy_of_bundled, trusted_manifest=manifest)


def test_missing_file_is_refused(copy_of_bundled):
    (copy_of_bundled / "lexicon.json").unlink()
    with pytest.raises(FileNotFoundError, match="E007"):
        sdgmap.load(copy_of_bundled, trust=True)


def test_missing_model_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="E005"):
        sdgmap.load(tmp_path / "nothing", trust=True)
