"""Words on the user pages: the quiz, a long file, score pills, the rules listing."""

from __future__ import annotations

import io
import re

from conftest import make_app

from web.present import score_class


def test_quiz_with_no_answer_asks_for_answers_and_reveals_nothing(fake_client) -> None:
    from web.lesson import QUIZ

    for headers in ({}, {"HX-Request": "true"}):
        response = fake_client.post("/learn/quiz", data={}, headers=headers)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "Choose an answer for at least one question first" in page
        assert "You got" not in page
        for question in QUIZ:
            assert question.explain not in page


def test_quiz_with_some_answers_explains_only_those(fake_client) -> None:
    from web.lesson import QUIZ

    first, second = QUIZ[0], QUIZ[1]
    page = fake_client.post("/learn/quiz", data={first.key: first.answer}).get_data(as_text=True)
    assert "You got 1 of" in page and first.explain in page
    assert second.explain not in page and "No answer yet" in page


def test_a_long_passage_in_an_uploaded_txt_is_not_told_to_upload_a_file(fake_engine) -> None:
    client = make_app(fake_engine, BATCH_DUPLICATES="lexical").test_client()
    long = ("Adopt a law prohibiting discrimination against women in employment " * 120).strip()
    body = f"Recommendations\n\n1. Ratify the Optional Protocol by 2027.\n\n2. {long}.\n"
    response = client.post("/check-file/", data={"file": (io.BytesIO(body.encode()), "sub.txt")},
                           content_type="multipart/form-data", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "as a file instead" not in page
    assert re.search(r"more than one recommendation can\s+have", page)
    alone = client.post("/check-file/", data={"file": (io.BytesIO(long.encode()), "one.txt")},
                        content_type="multipart/form-data")
    assert alone.status_code == 400 and "as a file instead" not in alone.get_data(as_text=True)


def test_score_pills_are_coloured_by_score_like_the_criteria(fake_client) -> None:
    assert score_class(46) == "pill-partial"
    assert score_class(39) == "pill-fail"
    assert score_class(70) == "pill-pass"
    page = fake_client.get("/?text=Continue+efforts+to+combat+discrimination+against+women"
                           ).get_data(as_text=True)
    pills = re.findall(r'class="score-pill (pill-\w+)">(\d+)/100', page)
    assert pills
    assert all(cls == score_class(int(n)) for cls, n in pills), pills
    css = fake_client.get("/static/site.css").get_data(as_text=True)
    assert ".score-pill.pill-partial" in css and ".score-pill.pill-fail" in css
