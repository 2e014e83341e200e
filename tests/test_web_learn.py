"""The lesson pages, the try-it boxes and the self-check quiz."""

from __future__ import annotations

import re
from pathlib import Path

from web.lesson import LETTERS, QUIZ


def test_every_lesson_page_renders_with_lesson_nav(fake_client) -> None:
    for path, heading in [
        ("/learn/", "Writing SMART UPR recommendations"),
        ("/learn/smart", "The five SMART criteria"),
        ("/learn/ladder", "The action-category ladder"),
        ("/learn/mistakes", "Common mistakes"),
        ("/learn/quiz", "Self-check quiz"),
    ]:
        r = fake_client.get(path)
        page = r.get_data(as_text=True)
        assert r.status_code == 200, path
        assert f"<h1>{heading}</h1>" in page
        assert 'aria-label="Lesson pages"' in page
        assert re.search(r'<a href="/learn/"[^>]*aria-current="page">Learn</a>', page), path


def test_index_covers_the_upr_cycle_and_why_it_matters(fake_client) -> None:
    page = fake_client.get("/learn/").get_data(as_text=True)
    assert "What the Universal Periodic Review is" in page
    assert "Why recommendations matter for civil society" in page
    assert "one issue, one action" in page


def test_smart_page_has_weak_and_strong_examples_and_a_try_box_per_letter(fake_client) -> None:
    page = fake_client.get("/learn/smart").get_data(as_text=True)
    for letter in LETTERS:
        assert f'id="try-{letter.key}-text"' in page
        assert f'hx-target="#try-{letter.key}-result"' in page
        assert letter.weak.replace("“", "").split(" ")[0] in page
    assert page.count('class="example weak"') == 5
    assert page.count('class="example strong"') == 5


def test_try_it_box_htmx_fragment_scores_the_text(fake_client) -> None:
    r = fake_client.post(
        "/learn/smart",
        data={"box": "time_bound", "text": "Adopt a law on torture by 2027."},
        headers={"HX-Request": "true"},
    )
    body = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<p class="try-focus')
    assert "Time-bound: passes" in body
    assert 'class="badges"' in body


def test_try_it_box_without_js_renders_the_page_with_that_result(fake_client) -> None:
    r = fake_client.post("/learn/smart", data={"box": "specific", "text": "Continue efforts."})
    page = r.get_data(as_text=True)
    assert "<!doctype html>" in page
    result = re.search(r'id="try-specific-result".*?</div>\s*</div>\s*</section>', page, re.S)
    assert result and "Specific: not yet" in result.group(0)
    assert ">Continue efforts.</textarea>" in page
    other = re.search(r'id="try-measurable-result"[^>]*>\s*</div>', page)
    assert other is not None  # other boxes stay empty


def test_try_it_box_with_unknown_box_is_ignored(fake_client, fake_engine) -> None:
    r = fake_client.post("/learn/smart", data={"box": "zzz", "text": "Continue."})
    assert r.status_code == 200 and fake_engine.calls == 0


def test_quiz_grades_answers_without_js(fake_client) -> None:
    answers = {q.key: q.answer for q in QUIZ}
    answers["q2"] = "5"  # one wrong
    del answers["q5"]  # one unanswered
    page = fake_client.post("/learn/quiz", data=answers).get_data(as_text=True)
    assert f"You got 3 of {len(QUIZ)} right." in page
    assert page.count('class="feedback right"') == 3
    assert page.count('class="feedback wrong"') == 1
    assert page.count('class="feedback unanswered"') == 1 and "No answer yet." in page
    assert re.search(r'name="q2" value="5" checked', page)


def test_quiz_htmx_returns_the_graded_form_only(fake_client) -> None:
    data = {q.key: q.answer for q in QUIZ}
    body = fake_client.post("/learn/quiz", data=data, headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert body.strip().startswith('<form id="quiz"')
    assert "Well done" in body and "<html" not in body


def test_letter_pages_have_the_topics_and_a_try_box(fake_client) -> None:
    page = fake_client.get("/learn/time-bound").get_data(as_text=True)
    assert '<h1><span aria-hidden="true">T: </span>Time-bound</h1>' in page
    assert 'id="urgency"' in page and 'id="try-time_bound-text"' in page
    assert 'hx-post="/learn/time-bound"' in page
    assert fake_client.get("/learn/timebound").status_code == 404


def test_letter_page_try_box_works_with_and_without_js(fake_client) -> None:
    data = {"box": "time_bound", "text": "Adopt a law on torture by 2027."}
    part = fake_client.post("/learn/time-bound", data=data, headers={"HX-Request": "true"})
    assert "Time-bound: passes" in part.get_data(as_text=True)
    assert "<html" not in part.get_data(as_text=True)
    full = fake_client.post("/learn/time-bound", data=data).get_data(as_text=True)
    assert "<!doctype html>" in full and "Time-bound: passes" in full


def test_every_lesson_link_in_the_rules_resolves_to_a_page_and_anchor(fake_client) -> None:
    root = Path(__file__).resolve().parents[1] / "rules"
    links = set()
    for path in root.rglob("*.yml"):
        links.update(re.findall(r"^\s*link:\s*[\"']?(/learn/[^\s\"']*)", path.read_text(), re.M))
    assert links, "no /learn/ links found in rules/"
    for link in sorted(links):
        url, _, anchor = link.partition("#")
        r = fake_client.get(url)
        assert r.status_code == 200, link
        if anchor:
            assert f'id="{anchor}"' in r.get_data(as_text=True), link
