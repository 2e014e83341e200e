"""`smartcheck rules list`: a header row and readable messages."""

from __future__ import annotations

from smartcheck.cli import main


def test_rules_list_has_a_header_and_no_raw_placeholders(capsys) -> None:
    assert main(["rules", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["RULE", "KIND", "LEVEL", "WEIGHT", "MESSAGE"]
    body = lines[1:]
    assert len(body) >= 20
    assert not any("%s" in line for line in body)
    consider = next(line for line in body if line.startswith("specific.consideration-opening"))
    assert "[matched words]" in consider
    # the columns line up under the header
    assert all(line[lines[0].index("KIND") - 1] == " " for line in body)
