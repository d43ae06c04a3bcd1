"""The report of an impact map: a self-contained HTML page, SVG (and PNG) charts, its tables."""

from ._png import HEADLESS_FLAGS, find_browser, svg_to_png
from ._report import write_report

__all__ = ["HEADLESS_FLAGS", "find_browser", "svg_to_png", "write_report"]
