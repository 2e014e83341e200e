"""The group vocabulary learned from real recommendations (rules/lexicons/groups-learned.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smartcheck.judge.group_vocabulary import learn_groups
from smartcheck.judge.nlp import load_pipeline

LEARNED = Path(__file__).resolve().parent.parent / "rules" / "lexicons" / "groups-learned.yml"


def test_shipped_file_has_provenance_and_real_groups() -> None:
    data = yaml.safe_load(LEARNED.read_text(encoding="utf-8"))
    assert data["name"] == "groups-learned"
    assert data["provenance"]["command"].startswith("python -m smartcheck.judge.group_vocabulary")
    assert len(data["provenance"]["data_sha256"]) == 64
    terms = set(data["terms"])
    assert {"palestinians", "detainees", "detainee", "journalist", "migrant workers"} <= terms
    # Not groups of people, or not defined ones.
    assert not terms & {"rights", "citizens", "population", "groups", "vulnerable groups",
                        "violations", "prisons", "authorities", "perpetrators"}


def test_learns_people_named_in_rights_frames_only() -> None:
    nlp = load_pipeline()
    texts = [
        "Protect the rights of Tamburians living abroad.",
        "Stop violence against Tamburians in the north.",
        "End discrimination against Tamburians who return.",
        "Improve the situation of Tamburians.",
        "Improve the rights of gadgets.",
        "Protect the rights of gadgets in shops.",
        "Stop violence against gadgets.",
    ]
    terms = learn_groups(list(nlp.pipe(texts)), min_docs=3)
    assert "tamburians" in terms
    assert "gadgets" not in terms


@pytest.mark.parametrize("text", [
    "Amend article 12 of the Family Code to set the minimum age of marriage at 18 for both sexes.",
    "Lift the restrictions on the movement of Palestinians between the two territories.",
    "Investigate the death in custody of a detainee in 2024.",
    "Adopt a law against discrimination of people of diverse sexual orientation.",
    "Amend the Law on Public Assemblies in line with its obligations under the Covenant.",
])
def test_named_groups_and_indirect_standards_anchor_relevance(engine, text: str) -> None:
    report = engine.check(text)
    assert "relevant.no-anchor" not in {f.rule for f in report.criteria["relevant"].findings}
