"""What importing costs, and what the public API promises about imports and immutability."""

import subprocess
import sys
import time

import pydantic
import pytest

import sdgmap


def _run(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


HEAVY = ("spacy", "scipy", "sklearn")


def test_import_sdgmap_loads_neither_spacy_nor_scipy():
    result = _run(f"import sys, sdgmap; print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_and_argument_errors_load_no_model_nor_heavy_library():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from sdgmap.cli import cli\n"
        "runner = CliRunner()\n"
        "assert runner.invoke(cli, ['--help']).exit_code == 0\n"
        "assert runner.invoke(cli, ['classify', '--help']).exit_code == 0\n"
        "assert runner.invoke(cli, ['report', '--help']).exit_code == 0\n"
        "assert runner.invoke(cli, ['classify', '--language', 'xx', 'some text']).exit_code == 2\n"
        "assert runner.invoke(cli, ['classify', '--jobs', '0', 'a.csv']).exit_code == 2\n"
        f"print(sorted(m for m in {HEAVY!r} + ('sdgmap.pipeline._model',) if m in sys.modules))\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_is_fast():
    _run("import sdgmap.cli")  # warm the file cache and bytecode
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "sdgmap.cli", "--help"], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0 and "classify" in result.stdout
    assert elapsed < 3.0  # under 1 s on a quiet machine; the margin is for busy CI runners


def test_star_import_works_without_scikit_learn():
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None  # as if scikit-learn were not installed\n"
        "from sdgmap import *\n"
        "print(load.__name__, Classification.__name__)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["load", "Classification"]


def test_all_names_are_importable_and_listed():
    public = getattr(sdgmap, "__all__")  # noqa: B009 - spelled so, the private-module count stays honest
    for name in public:
        assert getattr(sdgmap, name) is not None
    assert {"load", "SDGModel", "Classification", "map_corpus", "systemic_impact", "write_report"} <= set(public)
    with pytest.raises(AttributeError):
        sdgmap.not_a_name  # noqa: B018


def test_training_estimators_stay_reachable():
    pytest.importorskip("sklearn")
    assert sdgmap.SDGClassifier.__name__ == "SDGClassifier"


def test_results_are_deeply_immutable(model):
    result = model.classify("Un jardin partagé où les habitants cultivent des légumes bio.", evidence=True)
    for field in ("sdgs", "goals", "targets", "evidence"):
        assert isinstance(getattr(result, field), tuple), field
    with pytest.raises(AttributeError):
        result.sdgs.append(99)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        result.language = "en"
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        result.goals[0].score = 1.0
    impact = sdgmap.systemic_impact(result)
    assert isinstance(impact.dimensions, tuple) and isinstance(impact.probabilities, tuple)


def test_public_functions_are_not_shadowed_by_modules():
    # Importing every layer must leave `sdgmap.taxonomy` the function (a module of that
    # name would replace it on the package).
    import sdgmap.cli  # noqa: F401
    import sdgmap.report  # noqa: F401

    assert callable(sdgmap.taxonomy) and sdgmap.taxonomy().goal(7).goal == 7
    assert callable(sdgmap.load) and callable(sdgmap.map_corpus)
