"""The HTML report in a real headless Chromium: it loads offline, runs without a script error,
requests nothing, and draws every chart.

Two independent witnesses of errors: the page's own catcher (``#js-error-list``, read from
``--dump-dom``) and Chromium's console log on stderr (``--enable-logging=stderr``). A probe
page with a deliberate error checks that both witnesses would see one.
"""

import subprocess
from pathlib import Path

import pytest

from sdgmap.io import read_initiatives
from sdgmap.mapping import map_corpus
from sdgmap.report import HEADLESS_FLAGS, find_browser, svg_to_png
from sdgmap.report import write_report

BROWSER = find_browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="Chromium is not installed (Debian: apt-get install -y chromium): cannot open the report in a browser")
EXAMPLE = Path(__file__).parent.parent / "examples" / "initiatives_map.csv"
CHART_IDS = ("chart-wheel", "chart-coverage", "chart-heatmap", "chart-network", "chart-systemic", "chart-map",
             "chart-groups-region", "chart-groups-year", "chart-groups-category", "gap-list", "initiatives-table")


def browse(page: Path, tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [BROWSER, *HEADLESS_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
               "--virtual-time-budget=3000", *options, page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and any(word in line for word in ("Uncaught", "Error", "error", "violates", "blocked"))]


@pytest.fixture(scope="module")
def example_report(model, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    impact = map_corpus(read_initiatives(EXAMPLE), model, evidence=True, results=folder / "initiatives.jsonl")
    return write_report(impact, folder, results=folder / "initiatives.jsonl", language="fr")


def test_report_runs_offline_without_errors_and_draws_every_chart(example_report, tmp_path):
    run = browse(example_report, tmp_path, "--dump-dom")
    dom = run.stdout
    assert 'data-report-ready="1"' in dom, "the page's last script did not run"
    assert '<ul id="js-error-list"></ul>' in dom, dom[dom.find("js-error-list"):][:500]
    assert console_problems(run.stderr) == []
    for element in CHART_IDS:
        assert f'id="{element}"' in dom, element
    assert dom.count('class="point"') == 17  # 18 example initiatives, one without coordinates
    assert dom.count("<tr data-goals=") == 18


def test_the_error_witnesses_see_a_broken_script_and_a_network_request(example_report, tmp_path):
    probe = tmp_path / "probe.html"
    html = example_report.read_text(encoding="utf-8")
    probe.write_text(html.replace("</main>", '<img src="https://example.invalid/x.png" alt="">'
                                             "<script>undefinedFunction();</script></main>"), encoding="utf-8")
    run = browse(probe, tmp_path, "--dump-dom")
    assert "undefinedFunction" in run.stdout and "blocked: https://example.invalid/x.png" in run.stdout
    assert len(console_problems(run.stderr)) == 2


def test_screenshot_of_the_report(example_report, tmp_path):
    shot = tmp_path / "report.png"
    browse(example_report, tmp_path, "--hide-scrollbars", "--window-size=1280,2400", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_charts_render_to_png(example_report, tmp_path):
    png = tmp_path / "wheel.png"
    assert svg_to_png(example_report.parent / "figures" / "wheel.svg", png)
    header = png.read_bytes()[:24]
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (920, 920)  # 460 x 460 at 2x
