"""Build the example impact report (examples/report/) and its screenshot from initiatives_map.csv.

    python examples/build_report.py

Same as ``sdgmap report examples/initiatives_map.csv -o examples/report --evidence --png``,
in French, plus screenshots of the page at 1280 and 400 px wide (``examples/report_fr_1280.png``,
``examples/report_fr_400.png``) when Chromium is installed.
Every initiative in the input is invented.
"""

import subprocess
import tempfile
from pathlib import Path

import sdgmap
from sdgmap.report import HEADLESS_FLAGS, find_browser

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "report"

model = sdgmap.load()
results = OUTPUT / "initiatives.jsonl"
OUTPUT.mkdir(exist_ok=True)
impact = sdgmap.map_corpus(sdgmap.read_initiatives(HERE / "initiatives_map.csv"), model, evidence=True, results=results)
page = sdgmap.write_report(impact, OUTPUT, results=results, language="fr",
                           title="Initiatives d'exemple\u00a0: carte d'impact ODD", png=True)
print(f"{impact.count} initiatives mapped; report: {page}")

browser = find_browser()
if browser:
    for width, height in ((1280, 2400), (400, 2400)):
        shot = HERE / f"report_fr_{width}.png"
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([browser, *HEADLESS_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                            f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True)
        print(f"screenshot: {shot}")
