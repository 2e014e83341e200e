"""The drafting page shows a suggestion's score now and once its brackets are filled."""

from __future__ import annotations

import re

HX = {"HX-Request": "true"}


def test_suggestion_shows_now_and_once_filled(client) -> None:
    text = "Consider ratifying the Optional Protocol to the Convention against Torture."
    page = client.post("/", data={"text": text}, headers=HX).get_data(as_text=True)
    # The pills carry a colour class by score (pill-pass, …) after "score-pill".
    found = re.search(r"(\d+)/100 now</span>, <span class=\"score-pill[\w -]*\">(\d+)/100</span> "
                      r"once you fill <code>\[year\]</code>", page)
    assert found, page
    now, filled = map(int, found.groups())
    assert now < filled == 100
    assert re.search(r"<li><code>\[year\]</code>: the year it should be done by", page)


def test_suggestion_without_brackets_shows_one_score(client) -> None:
    page = client.post("/", data={"text": "Consider ratifying the CRPD.", "year": "2029"},
                       headers=HX).get_data(as_text=True)
    assert "Ratify the CRPD by 2029." in page
    assert "/100 now" not in page
