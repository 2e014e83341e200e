"""The Judge: loaded rules + spaCy pipeline, turning texts into rule-based Judgements."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smartcheck.judge.analysis import Action, ObjectTerms, analyse
from smartcheck.judge.lexicons import (
    load_action_verbs,
    load_lexicons,
    not_issues_for_relevance,
)
from smartcheck.judge.nlp import load_pipeline
from smartcheck.judge.parsing import Parsed, parse_many
from smartcheck.judge.placeholders import blind_action, blind_rules, slot_spans
from smartcheck.judge.rule_kinds import Context
from smartcheck.judge.ruleset import load_criteria, load_rules
from smartcheck.judge.scoring import criterion_scores, overall_score, run_rules
from smartcheck.report import CriterionScore, Finding
from smartcheck.resources import rules_dir

SPECIFIC_OBJECT_LEXICONS = ("treaties", "deliverables")
IssueTags = list[tuple[str, float]]
UN_ACRONYMS = frozenset({"UN", "OHCHR", "UNHCR", "UNICEF", "UNDP", "UNFPA", "UNESCO", "UNODC",
                         "IOM", "HRC", "GANHRI", "UPR", "NGO", "NGOS", "LGBT", "LGBTI", "LGBTIQ",
                         "HIV", "AIDS", "FGM", "NHRI", "NPM", "SDG", "SDGS", "ICC"})


@dataclass
class Judgement:
    """Rule-based verdicts on one parsed text, before suggestions and embeddings."""

    parsed: Parsed
    action: Action
    findings: list[Finding]
    criteria: dict[str, CriterionScore]
    overall: int
    issue_tags: IssueTags


class Judge:
    """The rules, lexicons and spaCy pipeline; judges texts with given issue tags."""

    def __init__(self, rules_path: str | Path | None = None) -> None:
        """Load the pipeline and validate every rule file (fails fast on a bad rule)."""
        self.root = Path(rules_path) if rules_path else rules_dir()
        self.nlp = load_pipeline()
        self.verbs = load_action_verbs(str(self.root / "lexicons"))
        self.lexicons = load_lexicons(str(self.root / "lexicons"))
        self.rules = load_rules(self.nlp, self.root)
        self.criteria_specs = load_criteria(self.root)
        self.object_terms = ObjectTerms(
            named=self.terms(*SPECIFIC_OBJECT_LEXICONS),
            groups=self.terms("groups", "groups-learned"),
            issues=self.terms("human-rights-terms"),
        )
        self.not_issues = not_issues_for_relevance(self.root / "lexicons")
        # Acronyms stay upper case when an ALL-CAPS text is parsed in sentence case.
        self.acronyms = frozenset(
            term for lexicon in self.lexicons.values() for term in lexicon.terms
            if " " not in term and term.isupper() and len(term) > 1) | UN_ACRONYMS

    def terms(self, *names: str) -> frozenset[str]:
        """Lower-case terms of the named lexicons."""
        return frozenset(t.lower() for name in names for t in self.lexicons[name].terms)

    def relevant_scores(self, tags: IssueTags) -> dict[str, float]:
        """Issue scores that count as a human-rights issue for the Relevant criterion."""
        return {label: score for label, score in tags if label not in self.not_issues}

    def judge_many(self, texts: list[str], issue_tags: list[IssueTags]) -> list[Judgement]:
        """Rule-based verdicts for validated texts, each with its issue tags."""
        parsed_all = parse_many(self.nlp, texts, self.verbs, keep_upper=self.acronyms)
        return [self.judge(parsed, tags)
                for parsed, tags in zip(parsed_all, issue_tags, strict=True)]

    def judge(self, parsed: Parsed, issue_tags: IssueTags,
              slots_as_evidence: bool = False) -> Judgement:
        """Run the action analysis and every rule on one parsed text.

        A `[…]` slot is no evidence (placeholders.py) unless `slots_as_evidence`, which
        scores the text as if its slots were filled in.
        """
        action = analyse(parsed, self.verbs, self.object_terms)
        slots = [] if slots_as_evidence else slot_spans(parsed.text)
        rules = self.rules
        if slots:
            action, rules = blind_action(action, parsed, slots), blind_rules(rules, parsed, slots)
        ctx = Context(parsed=parsed, action=action, issue_scores=self.relevant_scores(issue_tags))
        findings = run_rules(rules, ctx)
        criteria = criterion_scores(findings, self.rules)
        return Judgement(parsed, action, findings, criteria,
                         overall_score(criteria, self.criteria_specs), issue_tags)
