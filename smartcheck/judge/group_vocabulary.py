"""Learn the names of affected groups from real recommendations (rules/lexicons/groups-learned.yml).

A recommendation names who is affected as the object of a rights frame: "the rights of
*migrant workers*", "discrimination against *Palestinians*", "violence against *journalists*",
"the situation of *detainees*". Nouns seen in such frames in several recommendations, that
also behave like people elsewhere in the corpus ("*detainees* who …", a person suffix), are
kept with their modifiers ("pre-trial detainees") and their singular. The rebuild command and
the data's hash are written into the lexicon file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from smartcheck.resources import data_provenance, lexicons_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Heads of "<frame> of X" whose object is a rights-holder.
OF_FRAMES = {"right", "situation", "protection", "inclusion", "integration", "participation",
             "empowerment", "representation", "welfare", "well-being", "wellbeing", "need",
             "living", "condition", "treatment", "detention", "release", "safety", "security",
             "access", "education", "health", "employment", "registration", "exploitation",
             "trafficking", "abuse", "killing", "murder", "torture", "harassment", "arrest",
             "persecution", "marginalization", "marginalisation", "stigmatization", "enrolment",
             "enrollment", "dignity", "reintegration", "rehabilitation", "return", "expulsion",
             "deportation", "eviction", "displacement", "recruitment", "identification"}
# Heads of "<frame> against X".
AGAINST_FRAMES = {"discrimination", "violence", "attack", "abuse", "crime", "stigma", "prejudice",
                  "harassment", "reprisal", "intimidation", "threat", "hostility", "racism",
                  "stereotype", "hatred", "act", "incitement", "practice", "measure", "persecution"}
# Heads of "<frame> for X" (services and protections meant for a group).
FOR_FRAMES = {"protection", "shelter", "service", "assistance", "support", "access", "care",
              "education", "opportunity", "remedy", "redress", "compensation", "programme",
              "program", "quota", "facility", "aid", "housing", "justice", "equality"}
PERSON_SUFFIXES = ("ers", "ors", "ists", "ees", "ians", "ants", "ents", "ites")
# Modifiers that leave a group undefined ("vulnerable groups", "such persons").
VAGUE_MODIFIERS = {"such", "certain", "other", "specific", "these", "those", "all", "various",
                   "different", "vulnerable", "disadvantaged", "marginalized", "marginalised",
                   "most", "many", "some", "several", "social", "particular"}
# Frames' objects that are not groups of people (or, like 'citizens', not a defined group:
# SMART-RUBRIC.md and the team's labelling read "all citizens" as no group).
NOT_GROUPS = {"right", "rights", "law", "laws", "state", "states", "country", "countries",
              "society", "citizen", "citizens", "population", "populations", "people", "person",
              "persons", "individual", "individuals", "human", "humans", "being", "beings",
              "member", "members", "national", "nationals", "resident", "government",
              "governments", "authority", "authorities", "institution", "institutions", "others",
              "party", "parties", "agent", "agents", "official", "officials", "officer",
              "officers", "force", "forces", "perpetrator", "perpetrators", "offender",
              "offenders", "trafficker", "traffickers", "employer", "employers", "torturer",
              "torturers", "owner", "owners", "actor", "actors", "stakeholder", "stakeholders",
              "partner", "partners", "donor", "donors", "counterpart", "counterparts",
              "instrument", "instruments", "document", "documents", "event", "events",
              "element", "elements", "agreement", "agreements", "statement", "statements",
              "investment", "investments", "component", "components", "department",
              "departments", "incident", "incidents", "settlement",
              "settlements", "patent", "patents", "percent", "segment", "segments", "content",
              "contents", "ban", "bans", "plan", "plans", "programs", "orders", "order", "powers",
              "matters", "borders", "centers", "centres", "numbers", "papers", "letters",
              "chambers", "quarters", "disasters", "answers", "headquarters", "grants", "plants",
              "organs", "towns", "mechanisms", "provisions", "conventions", "sanctions",
              "regions", "nations", "relations", "regulations", "obligations", "missions",
              "actions", "conditions", "detentions", "protections", "opinions", "decisions",
              "opportunities", "terms", "crimes", "victims", "services", "ideas",
              "values", "rules", "issues", "goals", "schools", "homes", "lands", "cases",
              "areas", "situations", "sexes", "commitments", "parliaments",
              "rates", "ages", "religions", "languages", "media", "men", "man", "group", "groups",
              "sector", "sectors", "violation", "violations", "million", "millions",
              "organisation", "organisations", "organization", "organizations", "personnel",
              "police", "prison", "prisons", "shelter", "shelters", "union", "unions",
              "representative", "representatives", "observer", "observers", "servant",
              "servants", "seeker", "seekers", "objector", "objectors", "peoples"}
MIN_DOCS = 3
EXPORT = "upr-info-recommendations-sessions-01-16.csv"
OUTPUT_NAME = "groups-learned.yml"
LINK = "https://www.upr-info.org/en/review/database-upr-recommendations"


def _frame_object(token: Token) -> bool:
    """Whether a noun is the object of a rights frame ('rights of X', 'violence against X')."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    frame = prep.head.lemma_.lower()
    word = prep.lower_
    return (word == "of" and frame in OF_FRAMES or word == "against" and frame in AGAINST_FRAMES
            or word == "for" and frame in FOR_FRAMES)


def _phrase(token: Token) -> str:
    """The noun with the modifiers right before it ('pre-trial detainees', 'Roma women')."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ in {"amod", "compound"} and \
            token.doc[start - 1].head.i in range(start, token.i + 1) and \
            token.doc[start - 1].pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}:
        start -= 1
    return token.doc[start : token.i + 1].text.lower()


def _looks_like_people(word: str, who: Counter, named: Counter) -> bool:
    """People are followed by 'who' in the corpus, carry a person suffix, or are a people's
    name written with a capital inside a sentence ('Palestinians', 'Roma')."""
    return who[word] >= 2 or named[word] >= 2 or word.endswith(PERSON_SUFFIXES)


def learn_groups(docs: Iterable[Doc], min_docs: int = MIN_DOCS) -> list[str]:
    """Group names (plural heads, their frequent modified forms and singulars) from parsed texts."""
    heads: dict[str, set[int]] = defaultdict(set)
    phrases: dict[str, set[int]] = defaultdict(set)
    singular: dict[str, Counter] = defaultdict(Counter)
    who: Counter = Counter()
    named: Counter = Counter()
    for number, doc in enumerate(docs):
        for token in doc:
            if token.lower_ in {"who", "whom", "whose"} and token.i > 0:
                who[doc[token.i - 1].lower_] += 1
            if token.tag_ not in {"NNS", "NNPS"} or not token.is_alpha:
                continue
            if not _frame_object(token):
                continue
            word = token.lower_
            if token.text[0].isupper() and not token.is_sent_start:
                named[word] += 1
            heads[word].add(number)
            singular[word][token.lemma_.lower()] += 1
            phrase = _phrase(token)
            if phrase != word:
                phrases[phrase].add(number)
    kept_heads = {w for w, seen in heads.items()
                  if len(seen) >= min_docs and w not in NOT_GROUPS
                  and _looks_like_people(w, who, named)}
    terms = set(kept_heads)
    for word in kept_heads:
        lemma = singular[word].most_common(1)[0][0]
        if lemma != word and lemma not in NOT_GROUPS and lemma.isalpha():
            terms.add(lemma)
    people = kept_heads | {"persons", "people", "peoples", "individuals", "men", "groups",
                           "seekers", "objectors"}
    for phrase, seen in phrases.items():
        words = phrase.split()
        if len(seen) >= min_docs and words[-1] in people and words[0] not in VAGUE_MODIFIERS:
            terms.add(phrase)
    return sorted(terms)


def read_texts(csv_path: str | Path) -> list[str]:
    """The Text column of a UPR Info export."""
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        return [row["Text"] for row in csv.DictReader(handle) if (row.get("Text") or "").strip()]


def build(csv_path: str | Path, out: str | Path | None = None,
          docs: Sequence[Doc] | None = None) -> Path:
    """Parse the export, learn the groups and write the lexicon file with its provenance."""
    from smartcheck.judge.nlp import load_pipeline, parse

    if docs is None:
        docs = list(parse(load_pipeline(), read_texts(csv_path), batch_size=256))
    terms = learn_groups(docs)
    target = Path(out) if out else lexicons_dir() / OUTPUT_NAME
    data = {
        "name": "groups-learned",
        "description": ("Affected groups learned from the UPR Info export: plural nouns that are "
                        f"the object of a rights frame in at least {MIN_DOCS} recommendations "
                        "and behave like people (smartcheck/judge/group_vocabulary.py)."),
        "link": LINK,
        "provenance": {
            **data_provenance(csv_path),
            "texts": len(docs),
            "date": dt.date.today().isoformat(),
            "command": "python -m smartcheck.judge.group_vocabulary --data "
                       f"../shared/data/{EXPORT}",
        },
        "terms": terms,
    }
    header = ("# Generated by smartcheck/judge/group_vocabulary.py: do not edit by hand; add "
              "hand-written groups to groups.yml.\n")
    target.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                              width=100), encoding="utf-8")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rebuild rules/lexicons/groups-learned.yml from a UPR Info export."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help="UPR Info export CSV")
    parser.add_argument("--out", default=None, help="output YAML (default: the rules' lexicons)")
    args = parser.parse_args(argv)
    path = build(args.data, args.out)
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
    print(f"{len(terms)} group names written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
