"""A compact, human-readable view of a result for the terminal."""

from __future__ import annotations

from .._taxonomy import taxonomy
from ..lang import registered_languages
from ..results import Classification


def _bar(score: float, width: int = 20) -> str:
    filled = round(score * width)
    return "█" * filled + "·" * (width - filled)


def render(result: Classification, text: str | None = None, top: int = 5) -> str:
    tax = taxonomy()
    language = result.language if result.language in registered_languages() else "en"
    lines = [f"language: {result.language}   operating point: {result.operating_point}"]
    if result.truncated:
        lines.append("(text truncated: only its beginning was read)")
    if not result.sdgs:
        lines.append("no goal asserted")
    for item in result.goals[:top]:
        mark = "✔" if item.selected else " "
        name = tax.goal(item.goal).short(language)
        lines.append(f" {mark} SDG {item.goal:>2} {_bar(item.score)} {item.score:5.2f}  {name}")
        for target in (t for t in result.targets if t.goal == item.goal):
            lines.append(f"        target {target.target:<6} {target.score:4.2f}  {tax.target(target.target).label(language)}")
        for evidence in [e for e in result.evidence if e.goal == item.goal and e.kind == "phrase"][:4]:
            lines.append(f"        «{evidence.text}»")
    return "\n".join(lines)
