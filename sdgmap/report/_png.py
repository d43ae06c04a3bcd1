"""PNG copies of the SVG charts, drawn by headless Chromium when it is installed.

No Python dependency: the same browser that checks the report renders the figures at 2x
for papers. Without a browser, the SVG files (vector, better for print) are all there is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HEADLESS_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def svg_to_png(svg: Path, png: Path, *, scale: int = 2, timeout: float = 60.0) -> bool:
    """Render one SVG file to PNG; False when no browser is found or it fails."""
    browser = find_browser()
    if browser is None:
        return False
    width, height = _size(svg.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="sdgmap-png-") as profile:
        command = [browser, *HEADLESS_FLAGS, f"--user-data-dir={profile}", f"--force-device-scale-factor={scale}",
                   f"--window-size={width},{height}", f"--screenshot={png.resolve()}", svg.resolve().as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError):
            return False
    return png.is_file()


def _size(svg: str) -> tuple[int, int]:
    found = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    return (round(float(found[1])), round(float(found[2]))) if found else (800, 600)
