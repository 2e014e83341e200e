"""The site's colour pairs meet WCAG AA contrast (4.5:1 for text)."""

from __future__ import annotations

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[1] / "web" / "static" / "site.css").read_text()
VARS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", CSS))


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def colour(name: str) -> str:
    """A CSS custom property's value, or a literal colour."""
    return name if name.startswith("#") else VARS[name]


PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "wash"),
    ("brand", "paper"),
    ("brand", "wash"),
    ("#ffffff", "brand"),
    ("#ffffff", "brand-dark"),
    ("pass", "pass-bg"),
    ("partial", "partial-bg"),
    ("fail", "fail-bg"),
    ("#ffffff", "pass"),
    ("#ffffff", "partial"),
    ("#ffffff", "fail"),
    ("#ffffff", "#8a5a00"),
    ("ink", "#fbd3d3"),
    ("ink", "#fde7b6"),
    ("ink", "#dce9fa"),
    ("brand-dark", "#e8f0fa"),
    ("muted", "pass-bg"),
    ("muted", "fail-bg"),
    ("muted", "partial-bg"),
]


def test_text_colour_pairs_have_at_least_4_5_to_1() -> None:
    low = {
        (a, b): round(contrast(colour(a), colour(b)), 2)
        for a, b in PAIRS
        if contrast(colour(a), colour(b)) < 4.5
    }
    assert not low, low


def test_the_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48
