"""The Engine: loaded rules + spaCy pipeline (+ models), and `check` / `check_many`."""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from smartcheck.cpu_load import idle_core
from smartcheck.errors import InputError
from smartcheck.judge.judging import Judge, Judgement
from smartcheck.judge.validate import validate
from smartcheck.report import ActionCategory, IssueTag, Report

SIMILAR_K = 3
BIG_BATCH = 64
# A batch's text is encoded for its issue tags only when its closest label is this near the
# word-based head's threshold (margin units; chosen on sessions 13-14, bench/batch_tags.py).
DOUBT_BAND = 0.05
EMBEDDER_DELAY_S = 3.0
# The ONNX encoder loads in well under a second: a check waits for it (at most this long)
# instead of answering without vectors, so the CLI shows what the web app shows.
FAST_LOAD_WAIT_S = 3.0
# A batch this large is split between this process and worker processes (fork, Linux), each
# judging a chunk; smaller ones cost more in start-up and pickling than they gain.
PARALLEL_MIN = 192
CHUNK = 64
WORKER_TIMEOUT_S = 120.0
WORKERS_ENV = "SMARTCHECK_WORKERS"
# Similar recommendations are for drafting; a whole file's report does not show them.
SIMILAR_MAX_BATCH = 20
UNSEARCHED_NOTE = ("Similar recommendations leave out {n} imported {texts} with no sentence "
                   "vector yet (`smartcheck corpus vectors` adds them).")
MODEL_LOADING_NOTE = ("The language model is still loading: issue tags come from words only "
                      "and similar recommendations are not shown yet.")


class Engine:
    """Holds the rules, the spaCy pipeline and the models; build once per process."""

    def __init__(self, rules_path: str | Path | None = None, *, use_models: bool = True,
                 suggestions: bool = True, embeddings: str = "background",
                 workers: int | None = None, batch_tags: str = "vectors") -> None:
        """Load the pipeline and validate every rule file (fails fast on a bad rule).

        `embeddings`: "background" loads the sentence model in a thread and answers with
        rules (and word-based issue tags) until it is ready; "wait" waits for it; "off".
        `workers`: extra processes for large batches (default: one fewer than the cores, at
        most one; $SMARTCHECK_WORKERS overrides; 0 keeps everything in this process).
        `batch_tags`: how batches of 64 texts or more get their issue tags: "vectors" (the
        texts whose tags a vector may change, those within DOUBT_BAND of a threshold, are
        encoded beside the judging and get the tags a single check gives; within the issue-14
        gate of encoding all) or "words" (the word-based head only: faster, lower F1).
        """
        if embeddings not in {"background", "wait", "off"}:
            raise ValueError("embeddings must be 'background', 'wait' or 'off'")
        if batch_tags not in {"vectors", "words"}:
            raise ValueError("batch_tags must be 'vectors' or 'words'")
        self.batch_tags = batch_tags
        self.embedding_mode = embeddings
        self.embedder = None
        # The sentence model loads beside spaCy: onnxruntime builds its session in C++.
        if embeddings != "off":
            from smartcheck.models.embeddings import get_embedder

            self.embedder = get_embedder()
            if embeddings == "wait" or self.embedder.backend == "onnx":
                self.embedder.start_loading()
                if self.embedder.backend == "onnx":
                    threading.Thread(target=self._warm_similar, name="smartcheck-similar",
                                     daemon=True).start()
            else:
                # The first check starts the load once it has answered (encode(wait=False));
                # this timer starts it anyway if no check comes. Loading torch beside the
                # first check would slow that answer (cold start budget: 3 s).
                timer = threading.Timer(EMBEDDER_DELAY_S, self.embedder.start_loading)
                timer.daemon = True
                timer.start()
        self.judge = Judge(rules_path)
        self.root, self.nlp, self.verbs = self.judge.root, self.judge.nlp, self.judge.verbs
        self.lexicons, self.rules = self.judge.lexicons, self.judge.rules
        self.not_issues = self.judge.not_issues
        self._relevant_scores = self.judge.relevant_scores
        self.make_suggestions = suggestions
        self.action_model = _load_action_model() if use_models else None
        self.issue_model = _load_issue_model() if use_models else None
        self.workers = _default_workers() if workers is None else max(0, int(workers))
        self._workers_chosen = workers is not None or bool(os.environ.get(WORKERS_ENV, "").strip())
        self._pool: Any = None
        self._encoder: Any = None
        self._encoder_pid = 0

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
        if len(clean) >= PARALLEL_MIN and self._can_fork():
            return self._check_parallel(clean, context)
        return self._check_valid(clean, context)

    def _check_valid(self, clean: list[str], context: dict[str, Any] | None,
                     big: bool | None = None) -> list[Report]:
        """check_many on validated texts, in this process (`big`: part of a large batch)."""
        # Verdicts use the word-based issue tags, so they are the same whether or not the
        # sentence model has loaded; its vectors then refine the tags and find similar texts.
        big = len(clean) >= BIG_BATCH if big is None else big
        # The sentence model runs in C++ without the GIL: the texts are encoded on the other
        # core while spaCy, the rules and the rewrites run here (measured: a live check then
        # costs the longer of the two, not their sum).
        words, encoded = None, list(range(len(clean)))
        if big and self.issue_model is not None and self._batch_vectors():
            # MiniLM costs more CPU per text than spaCy and the rules together: a batch
            # encodes only the texts whose tags it may change (bench/batch_tags.py).
            words, doubt = self.issue_model.predict_with_doubt(clean)
            encoded = [i for i, d in enumerate(doubt) if d < DOUBT_BAND]
        elif big:
            encoded = []
        pending = None if self.embedder is None or not encoded else (
            self._encoder_pool().submit(self._vectors, [clean[i] for i in encoded]))
        judgements = self.judge_many(clean, words)
        categories = self._action_categories(judgements)
        suggestions = None
        if self.make_suggestions:
            from smartcheck.rewrite import suggest_many

            suggestions = suggest_many(self.judge, judgements, context)
        vectors, notes = (None, []) if pending is None else pending.result()
        tags = [j.issue_tags for j in judgements]
        if vectors is not None:
            refined = self._issue_tags([clean[i] for i in encoded], vectors)
            for i, issue_tags in zip(encoded, refined, strict=True):
                tags[i] = issue_tags
        reports = [
            Report(text=j.parsed.text, criteria=j.criteria, action_category=category,
                   overall=j.overall, issues=_top_issues(issue_tags), notes=list(notes))
            for j, category, issue_tags in zip(judgements, categories, tags, strict=True)
        ]
        if vectors is not None and len(clean) <= SIMILAR_MAX_BATCH and not big:
            self._add_similar(reports, vectors)
        if suggestions is not None:
            for report, suggested in zip(reports, suggestions, strict=True):
                report.suggestions = suggested
        return reports

    def _batch_vectors(self) -> bool:
        """Whether a large batch is encoded for its issue tags (see `batch_tags`).

        Only with the ONNX encoder: the torch fallback costs several times more per text.
        """
        return (self.batch_tags == "vectors" and self.embedder is not None
                and self.embedder.backend == "onnx")

    def _encoder_pool(self) -> Any:
        """Threads that encode drafts beside the judging (re-made in a forked child)."""
        if self._encoder is None or self._encoder_pid != os.getpid():
            from concurrent.futures import ThreadPoolExecutor

            self._encoder = ThreadPoolExecutor(2, thread_name_prefix="smartcheck-encode")
            self._encoder_pid = os.getpid()
        return self._encoder

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
        if not wait and self.embedder.loading and self.embedder.backend == "onnx":
            self.embedder.wait(FAST_LOAD_WAIT_S)
        vectors = self.embedder.encode(texts, wait=wait)
        if vectors is None:
            return None, [MODEL_LOADING_NOTE]
        return vectors, []

    def _issue_tags(self, texts: list[str], vectors: Any) -> list[list[tuple[str, float]]]:
        """UPR Info issue labels with scores for each text (word-based without vectors)."""
        if self.issue_model is None:
            return [[] for _ in texts]
        return self.issue_model.predict(texts, vectors)

    def _warm_similar(self) -> None:
        """Build the similar-recommendations index as soon as the vectors can be computed."""
        if self.embedder is not None and self.embedder.wait(60):
            from smartcheck.corpus.similar import get_index

            with contextlib.suppress(Exception):  # a check will report the problem itself
                get_index(embedder=self.embedder)

    def _add_similar(self, reports: list[Report], vectors: Any) -> None:
        """Nearest real recommendations (or team exemplars) for each report."""
        from smartcheck.corpus.similar import (
            RELEVANCE_FLOOR,
            get_index,
            issue_acceptance,
            similar,
        )

        for report, vector in zip(reports, vectors, strict=True):
            try:
                report.similar = similar(vector=vector, k=SIMILAR_K,
                                         min_similarity=RELEVANCE_FLOOR,
                                         issues=[tag.label for tag in report.issues])
                for tag in report.issues:
                    share = issue_acceptance(tag.label)
                    if share:
                        report.acceptance.append({"issue": tag.label, **share})
                index = get_index(embedder=self.embedder)
                if index is not None and index.unsearched:
                    report.notes.append(UNSEARCHED_NOTE.format(
                        n=f"{index.unsearched:,}",
                        texts="text" if index.unsearched == 1 else "texts"))
            except InputError as error:  # e.g. a database URL that cannot be reached
                report.notes.append(f"Similar recommendations unavailable: {error}")

    # -- both cores for large batches -----------------------------------------------------

    def _can_fork(self) -> bool:
        """Worker processes only from the main thread (a server's request threads never fork).

        By default also only when a core is idle: with the machine busy, a forked worker made
        large batches slower, not faster (0.44x vs 0.51x bare spaCy, load 3.5-5, same run).
        Our own recent batches are not counted as "busy" (cpu_load.OwnLoad).
        """
        return (self.workers > 0 and threading.current_thread() is threading.main_thread()
                and _fork_available() and (self._workers_chosen or idle_core()))

    def _check_parallel(self, clean: list[str], context: dict[str, Any] | None) -> list[Report]:
        """Chunks judged here and in forked workers at once; same reports, in order."""
        pool = self._worker_pool()
        chunks = [clean[i:i + CHUNK] for i in range(0, len(clean), CHUNK)]
        results: dict[int, list[Report]] = {}
        front, back = 0, len(chunks) - 1
        running: list[tuple[int, Any]] = []
        # The workers take chunks from the end, this process from the front, so a worker
        # slowed down by other jobs on the machine just takes fewer chunks.
        while True:
            while front <= back and len(running) < 2 * self.workers:
                running.append((back, pool.apply_async(_worker_check, (chunks[back], context))))
                back -= 1
            done = [(i, job) for i, job in running if job.ready()]
            for i, job in done:
                results[i] = self._collect(job, chunks[i], context)
                running.remove((i, job))
            if front <= back:
                results[front] = self._check_valid(chunks[front], context, big=True)
                front += 1
            elif running:
                i, job = running.pop(0)
                results[i] = self._collect(job, chunks[i], context)
            else:
                break
        return [report for i in range(len(chunks)) for report in results[i]]

    def _collect(self, job: Any, chunk: list[str], context: dict[str, Any] | None) -> list[Report]:
        """A worker's reports; if it died or stalls, the chunk is judged here (never a hang)."""
        import multiprocessing

        try:
            return job.get(timeout=WORKER_TIMEOUT_S)
        except multiprocessing.TimeoutError:
            warnings.warn("a batch worker stopped answering; judging its chunk here",
                          stacklevel=2)
            self.workers = 0  # later batches stay in this process
            return self._check_valid(chunk, context, big=True)

    def _worker_pool(self) -> Any:
        """The forked worker processes, started on first use with this engine loaded."""
        global _fork_engine
        if self._pool is None:
            import atexit
            import multiprocessing

            if self.make_suggestions:
                import smartcheck.rewrite  # noqa: F401  (imported before the fork)
            if self.embedder is not None and self.embedder.loading:
                self.embedder.wait(FAST_LOAD_WAIT_S)  # no half-loaded model in a child
            _fork_engine = self
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
            atexit.register(self.close)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

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
                if j.action.addressed_to_others and j.action.other_actor_how != "aid":
                    # UPR Info codes an ask of other States or bodies 1, whatever its verb; when
                    # no actor is named ("development aid must not be tied …") its coders
                    # follow the verb (sessions 13-16), so the model's category stands.
                    value, confidence = 1, max(float(confidence), 0.6)
                agrees = int(value) == j.action.category
                reason = j.action.reason if agrees else reason
                result.append(ActionCategory(int(value), float(confidence),
                                             reason + _why_they_differ(j, int(value))))
            return result
        return [ActionCategory(j.action.category or 4, 0.6 if j.action.category else 0.3,
                               j.action.reason) for j in judgements]


def _why_they_differ(judgement: Judgement, value: int) -> str:
    """Why the Specific verdict reads the action differently from the category, if it does.

    The category follows UPR Info's coding of similar texts; Specific follows SMART-RUBRIC.md
    (a concrete verb *and* an identifiable object). Where they part, the report says so
    instead of leaving two verdicts that seem to contradict each other.
    """
    action = judgement.action
    judged = action.specific_category
    if judged is None or judged == value:
        return ""
    verdict = judgement.criteria["specific"].verdict
    words = f"'{action.opening_words}'" if action.opening_words else "the opening"
    if action.negated:
        if value == action.category:
            return ""  # the rule-based reason already says why
        return (f" Specific judges what the State is asked not to do ('{action.verb}'), so a "
                f"clear abstention can pass although the category is {value}.")
    if value == 5 and judged < 5 and verdict != "pass":
        return (f" Specific still reads {words} as category {judged}: it needs a concrete "
                "verb on a named object, or a concrete means (“… by amending …”).")
    if value < 5 and judged == 5 and verdict == "pass":
        return (f" Specific reads {words} as a concrete action on an identifiable object "
                "(SMART-RUBRIC.md), although UPR Info codes similar texts as category "
                f"{value}.")
    return ""


_fork_engine: Engine | None = None


def _worker_check(texts: list[str], context: dict[str, Any] | None) -> list[Report]:
    """Run in a forked worker: judge a chunk with the engine inherited from the parent."""
    assert _fork_engine is not None
    return _fork_engine._check_valid(texts, context, big=True)


def _fork_available() -> bool:
    """Whether worker processes can be forked here (not on Windows or macOS' spawn default)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


def _default_workers() -> int:
    """Extra processes for large batches: $SMARTCHECK_WORKERS, else cores - 1 (at most 1)."""
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env.isdigit():
        return int(env)
    return max(0, min(2, os.cpu_count() or 1) - 1)


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
