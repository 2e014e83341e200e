"""Workshop routes: facilitator controls and key, participants, board, export, security."""

from __future__ import annotations

import csv
import io
import re

import pytest
from workshop_fixtures import STRONG, act, create, csrf_token, join, workshop_app
from workshop_fixtures import host as host  # noqa: F401  (fixtures)
from workshop_fixtures import ws_app as ws_app  # noqa: F401

HX = {"HX-Request": "true"}
WEAK_1 = "Take measures to protect the rights of persons with disabilities."


def text_of(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def started(ws_app, host) -> str:  # noqa: F811
    """A SMART-basics workshop whose first exercise is running; returns its code."""
    code, _key = create(host)
    assert act(host, code, "start").status_code == 303
    return code


# --- facilitator ---------------------------------------------------------------------------


def test_creating_a_workshop_gives_a_code_and_a_secret_link(ws_app, host) -> None:  # noqa: F811
    code, key = create(host, title="Kampala training")
    page = text_of(host.get(f"/workshops/{code}/host"))
    assert f"{code[:3]}-{code[3:]}" in page
    assert "Kampala training" in page and "Make it specific" in page
    assert "Exercise 1 of 6" in page
    assert f"/workshops/join?code={code}" in page
    assert len(key) >= 43 and key in page  # shown to the facilitator, under a closed <details>
    assert "<details class=\"context ws-secret\">" in page


def test_facilitator_pages_need_the_key(ws_app, host) -> None:  # noqa: F811
    code, key = create(host)
    stranger = ws_app.test_client()
    assert stranger.get(f"/workshops/{code}/host").status_code == 403
    assert stranger.get(f"/workshops/{code}/host?key=wrong").status_code == 403
    answer = stranger.get(f"/workshops/{code}/host?key={key}")
    assert answer.status_code == 303 and "key=" not in answer.headers["Location"]
    assert stranger.get(answer.headers["Location"]).status_code == 200  # now in the session


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/host", None),
        ("get", "/host/board", None),
        ("get", "/host/export.csv", None),
        ("post", "/host/action", {"do": "start"}),
        ("post", "/host/action", {"do": "end"}),
        ("post", "/host/action", {"do": "reveal"}),
        ("post", "/host/exercise", {"ex_weak": "Consider ratifying the treaty."}),
    ],
)
def test_every_facilitator_action_is_forbidden_without_the_key(
    ws_app, host, method, path, data  # noqa: F811
) -> None:
    code, _key = create(host)
    participant = join(ws_app, code)
    for client in (participant, ws_app.test_client()):
        response = getattr(client, method)(f"/workshops/{code}{path}", data=data)
        assert response.status_code == 403
        assert "Facilitator key needed" in text_of(response)
    page = text_of(host.get(f"/workshops/{code}/host"))
    assert "Not started" in page  # nothing changed


def test_start_pause_move_reveal_and_end(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    participant = join(ws_app, code)
    assert "Waiting for the facilitator" in text_of(participant.get(f"/workshops/{code}/"))
    assert act(host, code, "start").status_code == 303
    page = text_of(participant.get(f"/workshops/{code}/"))
    assert "Make it specific" in page and WEAK_1 in page
    assert act(host, code, "prev").status_code == 303  # already first: stays
    act(host, code, "next")
    act(host, code, "next")
    assert "Make it achievable" in text_of(participant.get(f"/workshops/{code}/"))
    for _ in range(10):
        act(host, code, "next")
    assert "Exercise 6 of 6" in text_of(host.get(f"/workshops/{code}/host"))
    act(host, code, "pause")
    assert "Paused by the facilitator" in text_of(participant.get(f"/workshops/{code}/"))
    act(host, code, "resume")
    model = "Repeal articles 150 to 153 of the Penal Code on criminal defamation"
    assert model not in text_of(participant.get(f"/workshops/{code}/"))
    act(host, code, "reveal")
    assert model in text_of(participant.get(f"/workshops/{code}/"))
    act(host, code, "hide")
    assert model not in text_of(participant.get(f"/workshops/{code}/"))
    act(host, code, "end")
    assert "This workshop has ended" in text_of(participant.get(f"/workshops/{code}/"))
    assert act(host, code, "start").status_code == 409


def test_unknown_action_is_refused(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    assert act(host, code, "dance").status_code == 400


def test_adhoc_workshop_and_adding_an_exercise(ws_app, host) -> None:  # noqa: F811
    missing = host.post("/workshops/new", data={"source": "adhoc", "ex_title": "Mine"})
    assert missing.status_code == 400
    assert "Type the weak recommendation" in text_of(missing)
    code, _ = create(
        host, source="adhoc", ex_title="Deadline drill", ex_weak="Ratify the Convention soon.",
        ex_state="Norland", ex_focus="T", ex_model_answer="Ratify the Convention by 2027.",
        ex_hints="Soon is not a date.\nPick a year.",
    )
    page = text_of(host.get(f"/workshops/{code}/host"))
    assert "Deadline drill" in page and "Ratify the Convention soon." in page
    assert "Exercise 1 of 1" in page
    added = host.post(f"/workshops/{code}/host/exercise",
                      data={"ex_title": "Second", "ex_weak": "Continue efforts on torture."})
    assert added.status_code == 303 and "Added+exercise+2" in added.headers["Location"]
    act(host, code, "next")
    page = text_of(host.get(f"/workshops/{code}/host"))
    assert "Exercise 2 of 2" in page and "Continue efforts on torture." in page
    bad = host.post(f"/workshops/{code}/host/exercise", data={"ex_title": "No text"})
    assert bad.status_code == 400


def test_unknown_set_is_a_form_error(host) -> None:  # noqa: F811
    response = host.post("/workshops/new", data={"source": "nope"})
    assert response.status_code == 400 and "Choose an exercise set" in text_of(response)


# --- participants --------------------------------------------------------------------------


def test_join_accepts_a_typed_code_and_rejoining_keeps_the_participant(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    client = ws_app.test_client()
    typed = f"{code[:3].lower()} - {code[3:].lower()}"
    first = client.post("/workshops/join", data={"code": typed, "name": "  Amina   K. "})
    assert first.status_code == 303 and first.headers["Location"] == f"/workshops/{code}/"
    assert "Amina K." in text_of(client.get(f"/workshops/{code}/"))
    again = client.post("/workshops/join", data={"code": code, "name": "Someone else"})
    assert again.status_code == 303
    board = text_of(host.get(f"/workshops/{code}/host"))
    assert re.search(r'id="stat-joined">1<', board)


def test_join_form_prefills_the_code_and_needs_a_name(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    form = text_of(ws_app.test_client().get(f"/workshops/join?code={code}"))
    assert f'value="{code[:3]}-{code[3:]}"' in form
    nameless = ws_app.test_client().post("/workshops/join", data={"code": code, "name": " "})
    assert nameless.status_code == 400 and "Type a name" in text_of(nameless)


def test_visiting_without_joining_goes_to_the_join_form(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    response = ws_app.test_client().get(f"/workshops/{code}/")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/workshops/join?code={code}"
    assert ws_app.test_client().get("/workshops/ZZZZZZ/").status_code == 404


def test_wrong_codes_are_rate_limited(engine, tmp_path) -> None:
    app = workshop_app(engine, tmp_path / "rl.sqlite", WORKSHOP_JOIN_FAILURES=3)
    host_client = app.test_client()
    code, _ = create(host_client)
    guesser = app.test_client()
    for guess in ("AAAAAA", "short", "BBBBBB"):
        assert guesser.post("/workshops/join", data={"code": guess, "name": "x"}).status_code == 404
    blocked = guesser.post("/workshops/join", data={"code": "CCCCCC", "name": "x"})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Too many wrong codes" in text_of(blocked)
    # A wrong facilitator key has its own budget (web/limits.py), so it is still a plain 403.
    assert guesser.get(f"/workshops/{code}/host?key=guess").status_code == 403
    # The limit is per client address.
    other = app.test_client()
    ok = other.post("/workshops/join", data={"code": code, "name": "y"},
                    environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert ok.status_code == 303


def test_a_participant_cannot_join_an_ended_workshop(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    act(host, code, "end")
    response = ws_app.test_client().post("/workshops/join", data={"code": code, "name": "Late"})
    assert response.status_code == 410


def test_live_check_scores_the_draft_against_the_weak_text(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina = join(ws_app, code)
    fragment = text_of(amina.post(f"/workshops/{code}/check", data={"text": STRONG}, headers=HX))
    assert 'class="badges"' in fragment and 'id="marked-draft"' in fragment
    before, after = (int(n) for n in re.findall(r"(?:Before|After) <strong>(\d+)</strong>",
                                                fragment))
    assert after > before
    assert '<div id="ws-check-status" hx-swap-oob="innerHTML">Overall' in fragment
    assert "<html" not in fragment
    # The draft is kept: a reload shows it instead of the weak text.
    page = text_of(amina.get(f"/workshops/{code}/"))
    assert f">{STRONG}</textarea>" in page
    # Without JS the Check button posts the whole page.
    full = text_of(amina.post(f"/workshops/{code}/check", data={"text": STRONG}))
    assert "<html" in full and 'class="badges"' in full


def test_too_long_or_empty_drafts_get_a_message(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina = join(ws_app, code)
    long = amina.post(f"/workshops/{code}/check", data={"text": "word " * 1200}, headers=HX)
    assert long.status_code == 413 and "characters" in text_of(long)
    empty = amina.post(f"/workshops/{code}/submit", data={"text": "  "})
    assert empty.status_code == 400 and "Type your rewrite" in text_of(empty)


def test_submit_resubmit_history_and_before_after(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina = join(ws_app, code)
    first = amina.post(f"/workshops/{code}/submit", data={"text": "Adopt measures soon."})
    assert first.status_code == 303 and first.headers["Location"].endswith("?submitted=1#mine")
    amina.post(f"/workshops/{code}/submit", data={"text": STRONG})
    page = text_of(amina.get(first.headers["Location"]))
    assert "Submitted." in page and "Resubmit" in page
    mine = page.split('id="mine"')[1]
    assert mine.index(STRONG) < mine.index("Adopt measures soon.")  # latest first
    assert mine.count("<li") == 2 and "counts" in mine
    rows = list(csv.DictReader(io.StringIO(
        text_of(host.get(f"/workshops/{code}/host/export.csv")).lstrip("\ufeff"))))
    assert [r["text"] for r in rows] == ["Adopt measures soon.", STRONG]
    assert [r["latest"] for r in rows] == ["no", "yes"]
    assert rows[1]["name"] == "Amina" and int(rows[1]["gain"]) > 0
    before = rows[1]["before_overall"]
    assert f"Before <strong>{before}</strong>" in mine
    assert f"After <strong>{rows[1]['after_overall']}</strong>" in mine


def test_submissions_wait_while_not_started_or_paused(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    amina = join(ws_app, code)
    act(host, code, "start")
    act(host, code, "pause")
    paused = amina.post(f"/workshops/{code}/submit", data={"text": STRONG})
    assert paused.status_code == 409 and "paused" in text_of(paused)
    act(host, code, "resume")
    assert amina.post(f"/workshops/{code}/submit", data={"text": STRONG}).status_code == 303


def test_a_form_for_an_old_exercise_reloads_onto_the_current_one(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina = join(ws_app, code)
    old = re.search(r'name="exercise" value="(\d+)"', text_of(amina.get(f"/workshops/{code}/")))
    act(host, code, "next")
    data = {"text": STRONG, "exercise": old.group(1)}
    moved = amina.post(f"/workshops/{code}/check", data=data, headers=HX)
    assert moved.status_code == 204 and moved.headers["HX-Refresh"] == "true"
    stale = amina.post(f"/workshops/{code}/submit", data=data)
    assert stale.status_code == 409 and "Make it measurable" in text_of(stale)
    rows = text_of(host.get(f"/workshops/{code}/host/export.csv")).strip().splitlines()
    assert len(rows) == 1  # header only: nothing was stored against the old exercise


def test_status_polling(ws_app, host) -> None:  # noqa: F811
    code, _ = create(host)
    amina = join(ws_app, code)
    page = text_of(amina.get(f"/workshops/{code}/"))
    poll = re.search(r'hx-get="(/workshops/[^"]+/status\?v=[^"]+)"', page).group(1)
    assert 'hx-trigger="every 3s"' in page
    assert amina.get(poll, headers=HX).status_code == 204  # nothing changed
    act(host, code, "start")
    started_now = amina.get(poll, headers=HX)
    assert started_now.status_code == 204 and started_now.headers["HX-Refresh"] == "true"
    page = text_of(amina.get(f"/workshops/{code}/"))
    poll = re.search(r'hx-get="(/workshops/[^"]+/status\?v=[^"]+)"', page).group(1).replace(
        "&amp;", "&")
    act(host, code, "reveal")
    revealed = amina.get(poll, headers=HX)
    assert revealed.status_code == 200 and "Model answer" in text_of(revealed)
    assert "Repeal articles 40 to 44" in text_of(revealed)
    assert "<html" not in text_of(revealed)
    act(host, code, "pause")
    paused = amina.get(poll, headers=HX)
    assert paused.status_code == 200 and "Paused" in text_of(paused)  # banner only, no reload


# --- board and export ----------------------------------------------------------------------


def test_board_shows_anonymous_scores_chart_weaknesses_and_spotlight(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    page = text_of(host.get(f"/workshops/{code}/host"))
    assert 'hx-trigger="every 2s"' in page and "Refresh board" in page
    poll = re.search(r'hx-get="(/workshops/[^"]+/host/board\?v=[^"]+)"', page).group(1)
    assert host.get(poll, headers=HX).status_code == 204
    amina, bo = join(ws_app, code, "Amina Secret"), join(ws_app, code, "Bo")
    amina.post(f"/workshops/{code}/submit", data={"text": STRONG})
    bo.post(f"/workshops/{code}/submit", data={"text": "Continue efforts as appropriate."})
    board = host.get(poll, headers=HX)
    html = text_of(board)
    assert board.status_code == 200 and "<html" not in html
    assert "Amina Secret" not in html  # anonymous
    assert "Participant 1" in html and "Participant 2" in html
    assert STRONG in html and re.search(r'id="stat-submitted">2<', html)
    scores = [int(s) for s in re.findall(r'<span class="score-pill[^"]*">(\d+)/100', html)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    assert "Before and after" in html and "Most common weaknesses" in html
    assert re.search(r'class="ws-weak-label">(Specific|Measurable|Achievable|Relevant|Time-bound):',
                     html)
    best = re.search(r'name="submission" value="(\d+)"', html).group(1)
    act(host, code, "spotlight", submission=best)
    spot = text_of(host.get(f"/workshops/{code}/host"))
    assert "In the spotlight" in spot
    assert STRONG in spot.split('class="ws-spotlight"')[1].split("</section>")[0]
    act(host, code, "unspotlight")
    assert "In the spotlight" not in text_of(host.get(f"/workshops/{code}/host"))
    assert act(host, code, "spotlight", submission="999999").status_code == 404


def test_export_is_csv_with_every_submission(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    join(ws_app, code, "Amina").post(f"/workshops/{code}/submit", data={"text": STRONG})
    response = host.get(f"/workshops/{code}/host/export.csv")
    assert response.mimetype == "text/csv"
    assert f"workshop-{code}.csv" in response.headers["Content-Disposition"]
    (row,) = csv.DictReader(io.StringIO(text_of(response).lstrip("\ufeff")))
    assert row["exercise"] == "1" and row["exercise_title"] == "Make it specific"
    assert row["participant"] == "1" and row["text"] == STRONG
    assert 0 <= int(row["before_overall"]) < int(row["after_overall"]) <= 100
    assert float(row["after_specific"]) > 0


# --- isolation, escaping, CSRF -------------------------------------------------------------


def test_a_participant_cannot_see_or_change_another_ones_draft(ws_app, host) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina, bo = join(ws_app, code, "Amina"), join(ws_app, code, "Bo")
    secret = "Amend the 1998 Civil Code by 2026 (the private draft of Amina)."
    amina.post(f"/workshops/{code}/check", data={"text": secret}, headers=HX)
    bo_page = text_of(bo.get(f"/workshops/{code}/"))
    assert secret not in bo_page and WEAK_1 in bo_page
    # Bo has no way to name Amina: extra form fields are ignored, his own draft changes.
    bo.post(f"/workshops/{code}/check",
            data={"text": "Bo's text.", "participant": "1", "participant_id": "1"}, headers=HX)
    assert f">{secret}</textarea>" in text_of(amina.get(f"/workshops/{code}/"))
    assert ">Bo&#39;s text.</textarea>" in text_of(bo.get(f"/workshops/{code}/"))
    bo.post(f"/workshops/{code}/submit", data={"text": "Bo's text.", "participant": "1"})
    rows = list(csv.DictReader(io.StringIO(
        text_of(host.get(f"/workshops/{code}/host/export.csv")).lstrip("\ufeff"))))
    assert [(r["name"], r["text"]) for r in rows] == [("Bo", "Bo's text.")]
    assert secret not in text_of(host.get(f"/workshops/{code}/host/board"))


def test_a_forged_or_foreign_session_is_not_a_participant(ws_app, engine, host, tmp_path) -> None:  # noqa: F811
    code = started(ws_app, host)
    amina = join(ws_app, code, "Amina")
    # A token from another workshop does not open this one.
    other_code, _ = create(host)
    with amina.session_transaction() as sess:
        held = dict(sess["ws_p"])
        sess["ws_p"] = {other_code: held[code]}
    assert amina.get(f"/workshops/{other_code}/").status_code == 303
    # A guessed token for a real participant id does not either.
    with amina.session_transaction() as sess:
        sess["ws_p"] = {code: held[code].split(".")[0] + ".guessed-token"}
    assert amina.get(f"/workshops/{code}/").status_code == 303
    # A cookie signed with another secret key is ignored.
    forger = workshop_app(engine, tmp_path / "ws.sqlite", SECRET_KEY="other").test_client()
    with forger.session_transaction() as sess:
        sess["ws_p"] = {code: held[code]}
    cookie = forger.get_cookie("session")
    thief = ws_app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get(f"/workshops/{code}/").status_code == 303


def test_everything_people_type_is_escaped(ws_app, host) -> None:  # noqa: F811
    evil = '<script>alert("x")</script>'
    code, _ = create(host, source="adhoc", title=evil, ex_title=evil, ex_weak=f"Consider {evil}.",
                     ex_state=evil, ex_issue=evil, ex_facts=evil, ex_model_answer=evil,
                     ex_reasoning=evil, ex_hints=evil)
    act(host, code, "start")
    act(host, code, "reveal")
    mallory = join(ws_app, code, evil)
    mallory.post(f"/workshops/{code}/check", data={"text": f"Adopt {evil} by 2027."}, headers=HX)
    mallory.post(f"/workshops/{code}/submit", data={"text": f"Adopt {evil} by 2027."})
    best = re.search(r'name="submission" value="(\d+)"',
                     text_of(host.get(f"/workshops/{code}/host"))).group(1)
    act(host, code, "spotlight", submission=best)
    exercise = re.search(r'name="exercise" value="(\d+)"',
                         text_of(mallory.get(f"/workshops/{code}/"))).group(1)
    pages = [
        host.get(f"/workshops/{code}/host"),
        host.get(f"/workshops/{code}/host/board", headers=HX),
        mallory.get(f"/workshops/{code}/"),
        mallory.post(f"/workshops/{code}/check", data={"text": f"Adopt {evil}."}, headers=HX),
        mallory.get(f"/workshops/{code}/status?v=running.{exercise}.0", headers=HX),
    ]
    for response in pages:
        html = text_of(response)
        assert "<script>alert" not in html, response.request.path
        assert "&lt;script&gt;" in html, response.request.path
    act(host, code, "end")
    assert "<script>alert" not in text_of(mallory.get(f"/workshops/{code}/"))


def test_csrf_protects_every_workshop_form(engine, tmp_path) -> None:
    app = workshop_app(engine, tmp_path / "csrf.sqlite", WTF_CSRF_ENABLED=True)
    facilitator = app.test_client()
    assert facilitator.post("/workshops/new", data={"source": "smart-basics"}).status_code == 400
    code, _key = create(facilitator)  # fetches the token from the form first
    assert act(facilitator, code, "start").status_code == 400
    host_page = text_of(facilitator.get(f"/workshops/{code}/host"))
    token = csrf_token(host_page)
    assert act(facilitator, code, "start", csrf_token=token).status_code == 303

    person = app.test_client()
    assert person.post("/workshops/join", data={"code": code, "name": "A"}).status_code == 400
    form = text_of(person.get(f"/workshops/join?code={code}"))
    joined = person.post("/workshops/join",
                         data={"code": code, "name": "A", "csrf_token": csrf_token(form)})
    assert joined.status_code == 303
    page = text_of(person.get(f"/workshops/{code}/"))
    header = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    assert person.post(f"/workshops/{code}/check", data={"text": STRONG},
                       headers=HX).status_code == 400
    assert person.post(f"/workshops/{code}/check", data={"text": STRONG},
                       headers={**HX, "X-CSRFToken": header}).status_code == 200
    assert person.post(f"/workshops/{code}/submit", data={"text": STRONG}).status_code == 400
    ok = person.post(f"/workshops/{code}/submit",
                     data={"text": STRONG, "csrf_token": csrf_token(page)})
    assert ok.status_code == 303


def test_pages_are_labelled_for_keyboard_and_screen_reader_users(ws_app, host) -> None:  # noqa: F811
    index = text_of(ws_app.test_client().get("/workshops/"))
    assert '<label for="code">' in index and '<label for="name">' in index
    assert 'aria-current="page"' in index and ">Workshops</a>" in index
    code = started(ws_app, host)
    page = text_of(join(ws_app, code).get(f"/workshops/{code}/"))
    assert '<label for="ws-text"' in page and 'role="status"' in page
    assert 'name="viewport"' in page and "workshop.css" in page and "workshop.js" in page
    for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", page):
        if 'type="hidden"' not in tag:
            field = re.search(r'id="([^"]+)"', tag).group(1)
            assert f'for="{field}"' in page, tag
    assert " style=" not in page and "<script>" not in page and " onclick=" not in page
