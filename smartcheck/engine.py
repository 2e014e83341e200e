"""The Engine: loaded rules + spaCy pipeline (+ models), and `check` / `check_many`."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartcheck.analysis import Action, ObjectTerms, analyse
from smartcheck.lexicons import load_action_verbs, load_lexicons
from smartcheck.nlp import load_pipeline
from smartcheck.parsing import Parsed, parse_many
from smartcheck.report import ActionCategory, CriterionScore, Finding, Report
from smartcheck.resources import rules_dir
from smartcheck.rule_kinds import Context
from smartcheck.ruleset import load_criteria, load_rules
from smartcheck.scoring import criterion_scores, overall_score, run_rules
from smartcheck.validate import validate

SPECIFIC_OBJECT_LEXICONS = ("treaties", "deliverables")


@dataclass
class Judgement:
    """Rule-based verdicts on one parsed text, before suggestions and embeddings."""

    parsed: Parsed
    action: Action
    findings: list[Finding]
    criteria: dict[str, CriterionScore]
    overall: int


class Engine:
    """Holds the rules, the spaCy pipeline and the models; build once per process."""

    def __init__(self, rules_path: str | Path | None = None, *, use_models: bool = True,
                 suggestions: bool = True) -> None:
        """Load the pipeline and validate every rule file (fails fast on a bad rule)."""
        self.root = Path(rules_path) if rules_path else rules_dir()
        self.nlp = load_pipeline()
        self.verbs = load_action_verbs(str(self.root / "lexicons"))
        self.lexicons = load_lexicons(str(self.root / "lexicons"))
        self.rules = load_rules(self.nlp, self.root)
        self.criteria_specs = load_criteria(self.root)
        self.object_terms = ObjectTerms(
            named=self._terms(*SPECIFIC_OBJECT_LEXICONS),
            groups=self._terms("groups"),
            issues=self._terms("human-rights-terms"),
        )
        self.make_suggestions = suggestions
        self.action_model = _load_action_model() if use_models else None
        self._lock = threading.Lock()

    # -- public API -------------------------------------------------------------------

    def check(self, text: str, context: dict[str, Any] | None = None) -> Report:
        """Judge one recommendation; raises an InputError for text that cannot be judged."""
        return self.check_many([text], context=context)[0]

    def check_many(self, texts: Iterable[str],
                   context: dict[str, Any] | None = None) -> list[Report]:
        """Judge many recommendations in batches (one spaCy pass, one model call)."""
        clean = [validate(text) for text in texts]
        if not clean:
            return []
        judgements = self.judge_many(clean)
        categories = self._action_categories(judgements)
        reports = [
            Report(text=j.parsed.text, criteria=j.criteria, action_category=category,
                   overall=j.overall)
            for j, category in zip(judgements, categories, strict=True)
        ]
        if self.make_suggestions:
            from smartcheck.rewrite import suggest_many

            suggestions = suggest_many(self, judgements, context)
            for report, suggested in zip(reports, suggestions, strict=True):
                report.suggestions = suggested
        return reports

    def judge_many(self, texts: list[str]) -> list[Judgement]:
        """Rule-based verdicts for already validated texts (used for re-scoring rewrites)."""
        parsed_all = parse_many(self.nlp, texts, self.verbs)
        return [self._judge(parsed) for parsed in parsed_all]

    # -- internals --------------------------------------------------------------------

    def _terms(self, *names: str) -> frozenset[str]:
        """Lower-case terms of the named lexicons."""
        return frozenset(t.lower() for name in names for t in self.lexicons[name].terms)

    def _judge(self, parsed: Parsed, issue_scores: dict[str, float] | None = None) -> Judgement:
        """Run the action analysis and every rule on one parsed text."""
        action = analyse(parsed, self.verbs, self.object_terms)
        ctx = Context(parsed=parsed, action=action, issue_scores=issue_scores)
        findings = run_rules(self.rules, ctx)
        criteria = criterion_scores(findings, self.rules)
        return Judgement(parsed, action, findings, criteria,
                         overall_score(criteria, self.criteria_specs))

    def _action_categories(self, judgements: list[Judgement]) -> list[ActionCategory]:
        """The learned model's categories when shipped, else the rule-based reading."""
        if self.action_model is not None:
            # The model reads the text's own tokens, not the imperative parsing prefix.
            docs = [j.parsed.doc[j.parsed.first:].as_doc() if j.parsed.offset else j.parsed.doc
                    for j in judgements]
            predictions = self.action_model.predict(docs)
            result = []
            for j, (value, confidence, reason) in zip(judgements, predictions, strict=True):
                if j.action.means:
                    # UPR Info: a general action followed by a specific means is category 5
                    # (measured: also slightly more accurate on sessions 13-16).
                    value, confidence = 5, max(float(confidence), 0.6)
                agrees = int(value) == j.action.category
                result.append(ActionCategory(int(value), float(confidence),
                                             j.action.reason if agrees else reason))
            return result
        return [ActionCategory(j.action.category or 4, 0.6 if j.action.category else 0.3,
                               j.action.reason) for j in judgements]


def _load_action_model() -> Any:
    """The shipped action-category model, or None when it has not been built."""
    try:
        from smartcheck.action_model import ActionModel

        return ActionModel.load()
    except (ImportError, OSError, KeyError, ValueError) as error:
        # A missing or damaged artefact must not stop the tool: the rules still categorise.
        warnings.warn(f"action-category model not loaded ({error}); using the rules",
                      stacklevel=2)
        return None


_default: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """The process-wide Engine used by `smartcheck.check`."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Engine()
        return _default
