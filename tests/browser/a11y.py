"""axe-core in the browser tests: the vendored axe.min.js (MPL-2.0, see vendor/), never served
by the app; it is injected into the page under test and run there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(page: Any, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """Run axe on the page as it is now; one line per serious or critical violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate, not a <script> tag: the app's Content-Security-Policy blocks inline scripts
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in impacts:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['impact']} {violation['id']}: {violation['help']} @ {targets}")
    return found


def assert_accessible(page: Any, where: str) -> None:
    """Fail with axe's own words when the page has a serious or critical violation."""
    found = axe_violations(page)
    assert not found, f"{where}:\n" + "\n".join(found)
