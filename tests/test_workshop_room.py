"""The workshop room: the projector view, the create form, the export's plain labels."""

from __future__ import annotations

import csv
import io
import re

from workshop_fixtures import STRONG, act, create, join
from workshop_fixtures import host as host  # noqa: F401  (fixtures)
from workshop_fixtures import ws_app as ws_app  # noqa: F401

HX = {"HX-Request": "true"}


def text_of(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def test_projector_view_shows_join_exercise_and_board_without_controls_or_key(
    ws_app, host  # noqa: F811
) -> None:
    code, key = create(host, title="Kampala training")
    act(host, code, "start")
    join(ws_app, code, "Amina Secret").post(f"/workshops/{code}/submit", data={"text": STRONG})
    host_page = text_of(host.get(f"/workshops/{code}/host"))
    assert "Open the projector view" in host_page
    assert f'href="/workshops/{code}/screen"' in host_page
    response = host.get(f"/workshops/{code}/screen")
    assert response.status_code == 200
    page = text_of(response)
    assert key not in page and "key=" not in page  # the key never reaches the shared screen
    assert f"{code[:3]}-{code[3:]}" in page and "/workshops/join" in page.replace("<wbr>", "")
    assert "Make it specific" in page and "Exercise 1 of 6" in page
    assert STRONG in page and re.search(r'id="stat-submitted">1<', page)
    assert "Before and after" in page and "Most common weaknesses" in page
    assert "Amina Secret" not in page  # anonymous
    for control in ("<form", "<button", "<input", "Pause", "End the workshop", "Spotlight",
                    "Export", "Facilitator link"):
        assert control not in page, control
    assert "site-header" not in page  # no site navigation on the projector


def test_projector_view_needs_the_key_and_drops_it_from_the_address(ws_app, host) -> None:  # noqa: F811
    code, key = create(host)
    stranger = ws_app.test_client()
    assert stranger.get(f"/workshops/{code}/screen").status_code == 403
    assert stranger.get(f"/workshops/{code}/screen/live").status_code == 403
    assert stranger.get(f"/workshops/{code}/screen?key=wrong").status_code == 403
    answer = stranger.get(f"/workshops/{code}/screen?key={key}")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/{code}/screen")
    assert key not in text_of(stranger.get(f"/workshops/{code}/screen"))


def test_projector_live_part_polls_and_follows_the_room(ws_app, host) -> None:  # noqa: F811
    code, key = create(host)
    page = text_of(host.get(f"/workshops/{code}/screen"))
    poll = re.search(r'hx-get="(/workshops/[^"]+/screen/live\?v=[^"]+)"', page).group(1)
    assert host.get(poll.replace("&amp;", "&"), headers=HX).status_code == 204
    act(host, code, "start")
    act(host, code, "reveal")
    live = host.get(poll.replace("&amp;", "&"), headers=HX)
    fragment = text_of(live)
    assert live.status_code == 200 and "<html" not in fragment
    assert 'id="screen-live"' in fragment and "Model answer" in fragment
    assert key not in fragment


def test_export_weak_points_are_plain_labels_not_rule_ids(ws_app, host) -> None:  # noqa: F811
    code, _key = create(host)
    act(host, code, "start")
    join(ws_app, code).post(f"/workshops/{code}/submit",
                            data={"text": "Continue efforts to protect persons with disabilities."})
    rows = list(csv.DictReader(io.StringIO(
        text_of(host.get(f"/workshops/{code}/host/export.csv")).lstrip("\ufeff"))))
    weak = rows[0]["weak_points"]
    assert weak
    assert not re.search(r"\b[a-z_]+\.[a-z-]+\b", weak), weak  # no "specific.continuity-opening"
    labels = weak.split("; ")
    assert all(re.match(r"(Specific|Measurable|Achievable|Relevant|Time-bound): [a-z ]+$", lab)
               for lab in labels), labels


def test_board_weaknesses_use_plain_labels(ws_app, host) -> None:  # noqa: F811
    code, _key = create(host)
    act(host, code, "start")
    join(ws_app, code).post(f"/workshops/{code}/submit",
                            data={"text": "Continue efforts to protect persons with disabilities."})
    board = text_of(host.get(f"/workshops/{code}/host/board"))
    weak = board.split('class="ws-weaknesses"')[1].split("</ol>")[0]
    assert "ws-rule" not in weak and not re.search(r">[a-z_]+\.[a-z-]+<", weak)
    assert re.search(r'class="ws-weak-label">(Specific|Measurable|Achievable|Relevant|Time-bound):',
                     weak)
