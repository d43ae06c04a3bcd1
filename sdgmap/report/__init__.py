"""The report of an impact map: a self-contained HTML page, SVG (and PNG) charts, its tables."""

from ._charts import coverage_svg, groups_svg, network_svg, systemic_svg
from ._html import template_environment
from ._png import HEADLESS_FLAGS, find_browser, svg_to_png
from ._report import write_report

__all__ = [
    "HEADLESS_FLAGS", "coverage_svg", "find_browser", "groups_svg", "network_svg", "svg_to_png", "systemic_svg",
    "template_environment", "write_report",
]
