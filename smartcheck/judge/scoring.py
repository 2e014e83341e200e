"""Turn rule matches into findings and findings into the five criterion scores."""

from __future__ import annotations

from smartcheck.judge.rule_kinds import Context, Rule, SubstitutionRule
from smartcheck.judge.ruleset import CriterionSpec
from smartcheck.report import CRITERIA, CriterionScore, Finding


def run_rules(rules: list[Rule], ctx: Context) -> list[Finding]:
    """Every finding the rules make on one text, honouring `unless` and absence rules."""
    text = ctx.parsed.text
    found = {rule.id: rule.find(ctx) for rule in rules}
    # A rule whose `requires` do not hold has found nothing, also for the rules it silences.
    raw = {rule.id: found[rule.id] if all(found[other] for other in rule.requires) else []
           for rule in rules}
    findings: list[Finding] = []
    for rule in rules:
        if any(raw[other] for other in rule.unless):
            continue
        if not all(found[other] for other in rule.requires):
            continue
        spans = raw[rule.id]
        if rule.fires_on_absence:
            if spans:
                continue
            spans = [(0, len(text))]
        for start, end in spans:
            match = text[start:end]
            suggestion = rule.suggest
            if isinstance(rule, SubstitutionRule):
                replacement = rule.replacement(match)
                suggestion = (f"Write '{replacement}' instead." if replacement
                              else "Delete it.") + (f" {rule.suggest}" if rule.suggest else "")
            findings.append(Finding(
                rule=rule.id, criterion=rule.criterion, level=rule.level, start=start, end=end,
                match=match, message=rule.format_message(match), suggestion=suggestion,
                link=rule.link, weight=rule.weight,
            ))
    return findings


def criterion_scores(findings: list[Finding], rules: list[Rule]) -> dict[str, CriterionScore]:
    """1 minus the findings' weights per criterion; a rule's total is capped at max_weight."""
    caps = {rule.id: rule.max_weight if rule.max_weight is not None else rule.weight
            for rule in rules}
    scores = {}
    for name in CRITERIA:
        own = [f for f in findings if f.criterion == name]
        penalty: dict[str, float] = {}
        for finding in own:
            penalty[finding.rule] = min(caps.get(finding.rule, finding.weight),
                                        penalty.get(finding.rule, 0.0) + finding.weight)
        score = max(0.0, 1.0 - sum(penalty.values()))
        scores[name] = CriterionScore(name, round(score, 3), sorted(own, key=lambda f: f.start))
    return scores


def overall_score(scores: dict[str, CriterionScore], specs: dict[str, CriterionSpec]) -> int:
    """100 × the weighted mean of the criterion scores."""
    total = sum(specs[name].weight for name in CRITERIA)
    mean = sum(scores[name].score * specs[name].weight for name in CRITERIA) / total
    return round(100 * mean)
