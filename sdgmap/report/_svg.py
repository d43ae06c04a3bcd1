"""Small helpers to write standalone SVG: the same markup works inline in HTML and as a file."""

from __future__ import annotations

import html
import math
import re

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def esc(value) -> str:
    """Text escaped for XML and HTML (user data: names, places, regions)."""
    return html.escape(str(value), quote=True)


def document(element_id: str, width: float, height: float, body: str, title: str) -> str:
    """A complete ``<svg>`` element with its accessible title."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" id="{esc(element_id)}" class="chart" role="img" '
            f'aria-labelledby="{esc(element_id)}-title" viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" '
            f'height="{_n(height)}" font-family="{esc(FONT)}" font-size="12" fill="#222">'
            f'<title id="{esc(element_id)}-title">{esc(title)}</title>'
            f'<rect width="100%" height="100%" fill="#fff"/>{body}</svg>')


def text(x: float, y: float, content, **attributes) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}"{_attributes(attributes)}>{esc(content)}</text>'


def rect(x: float, y: float, width: float, height: float, tooltip: str | None = None, **attributes) -> str:
    inner = f"<title>{esc(tooltip)}</title>" if tooltip else ""
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(width, 0))}" height="{_n(max(height, 0))}"{_attributes(attributes)}>{inner}</rect>'


def line(x1: float, y1: float, x2: float, y2: float, **attributes) -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"{_attributes(attributes)}/>'


def circle(cx: float, cy: float, r: float, tooltip: str | None = None, **attributes) -> str:
    inner = f"<title>{esc(tooltip)}</title>" if tooltip else ""
    return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"{_attributes(attributes)}>{inner}</circle>'


def polar(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    """Point at ``degrees`` clockwise from 12 o'clock."""
    angle = math.radians(degrees - 90)
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def percent(share: float, language: str, digits: int = 0) -> str:
    """12 % in French typography (comma, narrow no-break space), 12% in English."""
    value = f"{100 * share:.{digits}f}"
    return f"{value.replace('.', ',')}\u202f%" if language == "fr" else f"{value}%"


def points(difference: float, language: str) -> str:
    """A difference of two shares in percentage points, signed: "+12 pts" (never "%")."""
    value = f"{100 * difference:+.0f}"
    return f"{value.replace('-', '−')}\u00a0pts"


def colon(language: str) -> str:
    """": " in English; French puts a no-break space before the colon."""
    return "\u00a0: " if language == "fr" else ": "


def number(value: float, language: str, digits: int = 2) -> str:
    value = f"{value:.{digits}f}"
    return value.replace(".", ",") if language == "fr" else value


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "field"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _attributes(attributes: dict) -> str:
    return "".join(f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"' for key, value in attributes.items())
