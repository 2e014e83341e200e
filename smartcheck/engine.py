"""The Engine: loaded rules + spaCy pipeline (+ models), and `check` / `check_many`."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from smartcheck.errors import InputError
from smartcheck.judge.judging import Judge, Judgement
from smartcheck.judge.validate import validate
from smartcheck.report import ActionCategory, IssueTag, Report

SIMILAR_K = 3
BIG_BATCH = 64
EMBEDDER_DELAY_S = 3.0
# Similar recommendations are for drafting; a whole file's report does not show them.
SIMILAR_MAX_BATCH = 20
MODEL_LOADING_NOTE = ("The language model is still loading: issue tags come from words only "
                      "and similar recommendations are not shown yet.")


class Engine:
    """Holds the rules, the spaCy pipeline and the models; build once per process."""

    def __init__(self, rules_path: str | Path | None = None, *, use_models: bool = True,
                 suggestions: bool = True, embeddings: str = "background") -> None:
        """Load the pipeline and validate every rule file (fails fast on a bad rule).

        `embeddings`: "background" loads the sentence model in a thread and answers with
        rules (and word-based issue tags) until it is ready; "wait" waits for it; "off".
        """
        self.judge = Judge(rules_path)
        self.root, self.nlp, self.verbs = self.judge.root, self.judge.nlp, self.judge.verbs
        self.lexicons, self.rules = self.judge.lexicons, self.judge.rules
        self.not_issues = self.judge.not_issues
        self._relevant_scores = self.judge.relevant_scores
        self.make_suggestions = suggestions
        self.action_model = _load_action_model() if use_models else None
        self.issue_model = _load_issue_model() if use_models else None
        if embeddings not in {"background", "wait", "off"}:
            raise ValueError("embeddings must be 'background', 'wait' or 'off'")
        self.embedding_mode = embeddings
        self.embedder = None
        if embeddings != "off":
            from smartcheck.models.embeddings import get_embedder

            self.embedder = get_embedder()
            if embeddings == "wait":
                self.embedder.start_loading()
            else:
                # The first check starts the load once it has answered (encode(wait=False));
                # this timer starts it anyway if no check comes. Loading torch beside the
                # first check would slow that answer (cold start budget: 3 s).
                timer = threading.Timer(EMBEDDER_DELAY_S, self.embedder.start_loading)
                timer.daemon = True
                timer.start()

    @property
    def embedder_ready(self) -> bool:
        """Whether embedding-based parts (issue vectors, similar recommendations) are on."""
        return bool(self.embedder is not None and self.embedder.ready)

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
        # Verdicts use the word-based issue tags, so they are the same whether or not the
        # sentence model has loaded; its vectors then refine the tags and find similar texts.
        judgements = self.judge_many(clean)
        categories = self._action_categories(judgements)
        vectors, notes = self._vectors(clean)
        tags = self._issue_tags(clean, vectors) if vectors is not None else [
            j.issue_tags for j in judgements]
        reports = [
            Report(text=j.parsed.text, criteria=j.criteria, action_category=category,
                   overall=j.overall, issues=_top_issues(issue_tags), notes=list(notes))
            for j, category, issue_tags in zip(judgements, categories, tags, strict=True)
        ]
        if vectors is not None and len(clean) <= SIMILAR_MAX_BATCH:
            self._add_similar(reports, vectors)
        if self.make_suggestions:
            from smartcheck.rewrite import suggest_many

            suggestions = suggest_many(self.judge, judgements, context)
            for report, suggested in zip(reports, suggestions, strict=True):
                report.suggestions = suggested
        return reports

    def judge_many(self, texts: list[str],
                   issue_tags: list[list[tuple[str, float]]] | None = None) -> list[Judgement]:
        """Rule-based verdicts for validated texts (also used for re-scoring rewrites)."""
        if issue_tags is None:
            issue_tags = self._issue_tags(texts, None)
        return self.judge.judge_many(texts, issue_tags)

    # -- embeddings and issues --------------------------------------------------------------

    def _vectors(self, texts: list[str]) -> tuple[Any, list[str]]:
        """Sentence vectors when the model is ready (or waited for), with notes if not."""
        if self.embedder is None:
            return None, []
        wait = self.embedding_mode == "wait"
        if len(texts) >= BIG_BATCH and (wait or self.embedder.ready):
            from smartcheck.models.embeddings import batch_threads

            # Measured on 1,000 texts: 76/s end to end with one torch thread, 110/s with two
            # (running the encoder beside the parser in a thread gained nothing: the GIL).
            with batch_threads():
                vectors = self.embedder.encode(texts, wait=wait)
        else:
            vectors = self.embedder.encode(texts, wait=wait)
        if vectors is None:
            return None, [MODEL_LOADING_NOTE]
        return vectors, []

    def _issue_tags(self, texts: list[str], vectors: Any) -> list[list[tuple[str, float]]]:
        """UPR Info issue labels with scores for each text (word-based without vectors)."""
        if self.issue_model is None:
            return [[] for _ in texts]
        return self.issue_model.predict(texts, vectors)

    def _add_similar(self, reports: list[Report], vectors: Any) -> None:
        """Nearest real recommendations (or team exemplars) for each report."""
        from smartcheck.corpus.similar import RELEVANCE_FLOOR, issue_acceptance, similar

        for report, vector in zip(reports, vectors, strict=True):
            try:
                report.similar = similar(vector=vector, k=SIMILAR_K,
                                         min_similarity=RELEVANCE_FLOOR,
                                         issues=[tag.label for tag in report.issues])
                for tag in report.issues:
                    share = issue_acceptance(tag.label)
                    if share:
                        report.acceptance.append({"issue": tag.label, **share})
            except InputError as error:  # e.g. a database URL that cannot be reached
                report.notes.append(f"Similar recommendations unavailable: {error}")

    # -- internals --------------------------------------------------------------------

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


def _top_issues(tags: list[tuple[str, float]]) -> list[IssueTag]:
    """Labels at or above the tagger's threshold (0.5), at most five; else the best one."""
    chosen = [IssueTag(label, score) for label, score in tags if score >= 0.5][:5]
    return chosen or [IssueTag(label, score) for label, score in tags[:1]]


def _load_issue_model() -> Any:
    """The shipped issue tagger, or None when it has not been built."""
    try:
        from smartcheck.models.issue_model import IssueModel

        return IssueModel.load()
    except (ImportError, OSError, KeyError, ValueError) as error:
        warnings.warn(f"issue model not loaded ({error}); Relevant uses word lists only",
                      stacklevel=2)
        return None


def _load_action_model() -> Any:
    """The shipped action-category model, or None when it has not been built."""
    try:
        from smartcheck.models.action_model import ActionModel

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
