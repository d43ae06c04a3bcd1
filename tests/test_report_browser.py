"""The HTML report in a real headless Chromium: it loads offline, runs without a script error,
requests nothing, and draws every chart.

Two independent witnesses of errors: the page's own catcher (``#js-error-list``, read from
``--dump-dom``) and Chromium's console log on stderr (``--enable-logging=stderr``). A probe
page with a deliberate error checks that both witnesses would see one.
"""

import html
import re
import subprocess
from pathlib import Path

import pytest

from sdgmap.io import read_initiatives
from sdgmap.mapping import map_corpus
from sdgmap.report import HEADLESS_FLAGS, find_browser, svg_to_png, write_report

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


# Headless Chromium lays a window out at least 500 px wide, so the page is measured inside an
# iframe of the wanted width (file pages may read each other with --allow-file-access-from-files).
_FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="frame" src="index.html" style="border:0;width:{width}px;height:2000px"></iframe>
<script>
document.getElementById('frame').addEventListener('load', function () {{
  var page = this.contentDocument, root = document.documentElement, left = Infinity;
  root.setAttribute('data-view-width', this.contentWindow.innerWidth);
  root.setAttribute('data-scroll-width', page.documentElement.scrollWidth);
  page.querySelectorAll('text.group-label').forEach(function (t) {{ left = Math.min(left, t.getBBox().x); }});
  root.setAttribute('data-label-left', Math.floor(left));
}});
</script></body></html>"""


def _measured(example_report, tmp_path, width):
    frame = example_report.parent / f"frame-{width}.html"
    frame.write_text(_FRAME.format(width=width), encoding="utf-8")
    dom = browse(frame, tmp_path, "--dump-dom", "--allow-file-access-from-files").stdout
    found = dict(re.findall(r'data-(scroll-width|view-width|label-left)="(-?\d+)"', dom[:2000]))
    assert found, dom[:2000]
    return int(found["scroll-width"]), int(found["view-width"]), int(found["label-left"])


@pytest.mark.parametrize("width", [400, 1280])
def test_page_fits_the_screen_and_group_labels_are_not_cut(example_report, tmp_path, width):
    scroll_width, view_width, label_left = _measured(example_report, tmp_path, width)
    assert view_width == width
    assert scroll_width <= width, f"the page is {scroll_width} px wide on a {width} px screen"
    assert label_left >= 0, "a group label starts left of its chart"


def test_french_page_reads_french_and_counts_rows_in_one_sentence(example_report, tmp_path):
    dom = browse(example_report, tmp_path, "--dump-dom").stdout
    body = html.unescape(re.sub(r"<[^>]+>", " ", dom[dom.find("<body"):]))
    for english in ("balanced", "breadth", "reach", "Par theme", "Systemic", "vs rest", "Evidence"):
        assert english not in body, english
    assert "point de fonctionnement\u00a0: équilibré" in body
    assert re.search(r'<span id="shown-count">18</span> initiatives affichées sur 18', dom)
    assert "· 18 initiatives" not in dom
    assert "&amp;amp;" not in dom and "&amp;nbsp;" not in dom
