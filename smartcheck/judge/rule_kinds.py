"""One small class per rule kind; each finds the character spans its rule is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar

import textstat

from smartcheck.errors import RuleFileError
from smartcheck.judge.analysis import Action
from smartcheck.judge.gated import GatedMatcher
from smartcheck.judge.parsing import Parsed

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int]


@dataclass
class Context:
    """What every rule may look at: the parse, the action analysis, other signals."""

    parsed: Parsed
    action: Action
    issue_scores: dict[str, float] | None = None
    # Per-text results shared by the rules (the lemmas `near` scans).
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def lemmas(self) -> list[str]:
        """Lower-case lemmas of every token of the Doc."""
        if "lemmas" not in self.memo:
            self.memo["lemmas"] = [t.lemma_.lower() for t in self.parsed.doc]
        return self.memo["lemmas"]


@dataclass
class Rule:
    """Fields every rule file has; subclasses add the kind's own keys and `find`."""

    id: str
    path: str
    kind: str
    criterion: str
    level: str
    weight: float
    message: str
    link: str
    examples: dict[str, list[str]]
    suggest: str = ""
    max_weight: float | None = None
    unless: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    description: str = ""
    fires_on_absence: ClassVar[bool] = False
    keys: ClassVar[dict[str, str]] = {}

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Validate and compile the kind's own keys (override in subclasses)."""

    def find(self, ctx: Context) -> list[Span]:
        """Character spans this rule matches in the text."""
        raise NotImplementedError

    def format_message(self, match: str) -> str:
        """The message with `%s` replaced by the matched words."""
        return self.message.replace("%s", match) if "%s" in self.message else self.message

    def fail(self, key: str, expected: str) -> RuleFileError:
        """An error naming this rule's file, the key and what was expected."""
        return RuleFileError(self.path, key, expected)

    def either(self, key: str, spec: dict[str, Any]) -> bool | str:
        """A condition that may be required (true), excluded (false) or left open ("any")."""
        value = spec.get(key, "any")
        if value not in {"any", True, False}:
            raise self.fail(key, "true, false or any")
        return value


def _spans_from_matches(ctx: Context, matches: list[tuple[int, int]]) -> list[Span]:
    """Character spans of token matches, dropping any inside the parsing prefix."""
    spans = []
    for start, end in matches:
        if start < ctx.parsed.first:
            continue
        spans.append(ctx.parsed.char_span(start, end))
    return _longest_first(spans)


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop spans contained in a longer span; return in text order."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(k[0] <= span[0] and span[1] <= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


class PhraseRule(Rule):
    """Shared compile step for kinds that match word lists (`tokens` and/or `lexicon`)."""

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Compile `tokens`, `lexicon` and `patterns` into matchers."""
        phrases = list(spec.get("tokens") or [])
        if not all(isinstance(p, str) and p.strip() for p in phrases):
            raise self.fail("tokens", "a list of non-empty strings")
        names = spec.get("lexicon") or []
        names = [names] if isinstance(names, str) else names
        for name in names:
            if name not in lexicons:
                raise self.fail("lexicon", f"one of {sorted(lexicons)}")
            phrases += list(lexicons[name].terms)
        self.phrases = phrases
        from spacy.matcher import PhraseMatcher

        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        if phrases:
            self.phrase_matcher.add(self.id, [nlp.make_doc(p) for p in phrases])
        patterns = spec.get("patterns") or []
        self.matcher = compile_patterns(self, nlp, patterns)
        attached = spec.get("verb_attached") or []
        self.attached = compile_patterns(self, nlp, attached)
        self.near = compile_near(self, spec.get("near") or [])
        # Words that look like a match but say something else ("registered within 30 days of
        # birth" is the content of a right, not a deadline): matches inside them are dropped.
        self.exclude = compile_patterns(self, nlp, spec.get("exclude") or [])
        if not phrases and not patterns and not attached and not self.near:
            raise self.fail("tokens", "at least one of 'tokens', 'lexicon', 'patterns' or 'near'")

    def raw_matches(self, ctx: Context) -> list[Span]:
        """Spans matched by the word lists and the token patterns."""
        doc = ctx.parsed.doc
        found = [(s, e) for _, s, e in self.phrase_matcher(doc)]
        if self.matcher is not None:
            found += [(s, e) for _, s, e in self.matcher(doc)]
        if self.attached is not None:
            found += [(s, e) for _, s, e in self.attached(doc)
                      if modifies_action(doc[s]) and not after_example(doc, s)]
        for near in self.near:
            found += near.matches(doc, ctx.lemmas())
        if self.exclude is not None and found:
            excluded = [(s, e) for _, s, e in self.exclude(doc)]
            found = [(s, e) for s, e in found
                     if not any(xs <= s and e <= xe for xs, xe in excluded)]
        return _spans_from_matches(ctx, found)



@dataclass(frozen=True)
class Near:
    """A word from `first` followed within `within` tokens by a word from `then` (by lemma).

    Matcher wildcards ({"OP": "{0,12}"}) cost more than the whole parse; this is a plain scan.
    """

    first: frozenset[str]
    then: frozenset[str]
    within: int
    pos: frozenset[str] = frozenset()  # if set, the `first` word must have one of these POS
    object: bool = False  # if set, the `then` word must be what the `first` word acts on

    def matches(self, doc: Any, lemmas: list[str] | None = None) -> list[tuple[int, int]]:
        """Token spans from a `first` word to the nearest `then` word after it (`lemmas`:
        the Doc's lower-case lemmas, if already read)."""
        found = []
        lemmas = [t.lemma_.lower() for t in doc] if lemmas is None else lemmas
        for i, lemma in enumerate(lemmas):
            if lemma in self.first and (not self.pos or doc[i].pos_ in self.pos):
                for j in range(i + 1, min(len(lemmas), i + 1 + self.within)):
                    if lemmas[j] in self.then and (not self.object or acts_on(doc, i, j)):
                        found.append((i, j + 1))
                        break
        return found


def modifies_action(token: Any) -> bool:
    """Whether a phrase's first word hangs on an action verb ('adopt it *in* 2026'), not on a
    noun ('his visit in 2010') or a past participle ('crimes committed between …')."""
    head = token.head
    return head is not token and head.pos_ in {"VERB", "AUX"} and head.tag_ not in {"VBN", "VBD"}


EXAMPLE_MARKERS = {"example", "instance", "e.g.", "e.g", "eg", "i.e.", "such"}


def after_example(doc: Any, i: int, window: int = 6) -> bool:
    """Whether token `i` sits in an example ("for example, at the Pride march in 2013"): a
    year given to illustrate says nothing about when the State must act."""
    return any(t.lower_ in EXAMPLE_MARKERS for t in doc[max(0, i - window) : i])


# Prepositions that tie a noun to another noun as a partner or beneficiary, not as the thing
# made: "a relationship of cooperation *with* the mechanisms", "support *to* the commission".
PARTNER_PREPOSITIONS = {"with", "for", "to", "towards", "toward", "between", "among", "against"}


def acts_on(doc: Any, verb_i: int, noun_i: int) -> bool:
    """Whether token `noun_i` is what the verb at `verb_i` makes or acts on.

    Walking up from the noun, a partner preposition attached to another noun ("establish a
    relationship of cooperation *with* the UN mechanisms") means the noun is not the
    deliverable; anything else (objects, apposition, the verb's own adverbials) is accepted,
    so that parse errors on long objects do not lose real deliverables.
    """
    token = doc[noun_i]
    for _ in range(10):
        head = token.head
        if token.i == verb_i or head is token or head.i < verb_i:
            return True
        # The subject of another clause ("… while the moratorium is under discussion") is not
        # what the verb makes.
        if token.dep_ in {"nsubj", "nsubjpass"} and head.i != verb_i and \
                head.pos_ in {"VERB", "AUX"}:
            return False
        if token.dep_ in {"prep", "dative"} and token.lower_ in PARTNER_PREPOSITIONS:
            if head.pos_ in {"NOUN", "PROPN"} and head.i != verb_i:
                return False
            # "provide resources *to* the Commission": with an object of its own, the verb's
            # partner phrase names a recipient, not what is made.
            if head.i == verb_i and any(c.dep_ in {"dobj", "obj"} for c in head.children):
                return False
        token = head
    return True


def compile_near(rule: Rule, specs: Any) -> list[Near]:
    """Validate `near: [{first: [...], then: [...], within: N}]`."""
    if not isinstance(specs, list):
        raise rule.fail("near", "a list of {first, then, within} mappings")
    compiled = []
    for number, spec in enumerate(specs):
        key = f"near[{number}]"
        if not isinstance(spec, dict) or not {"first", "then", "within"} <= set(spec) or \
                not set(spec) <= {"first", "then", "within", "pos", "object"}:
            raise rule.fail(key, "a mapping with 'first', 'then', 'within' (and maybe 'pos', "
                                 "'object')")
        if not isinstance(spec.get("object", False), bool):
            raise rule.fail(key, "'object' as true or false")
        pos = spec.get("pos", [])
        if not isinstance(pos, list) or not all(isinstance(p, str) for p in pos):
            raise rule.fail(key, "'pos' as a list of part-of-speech tags such as VERB")
        words = [spec["first"], spec["then"]]
        if not all(isinstance(w, list) and w and all(isinstance(x, str) for x in w)
                   for w in words):
            raise rule.fail(key, "'first' and 'then' as lists of lemmas")
        if not isinstance(spec["within"], int) or not 1 <= spec["within"] <= 30:
            raise rule.fail(key, "'within' as a whole number from 1 to 30")
        compiled.append(Near(frozenset(x.lower() for x in spec["first"]),
                             frozenset(x.lower() for x in spec["then"]), spec["within"],
                             frozenset(pos), spec.get("object", False)))
    return compiled


def compile_patterns(rule: Rule, nlp: Language, patterns: Any) -> GatedMatcher | None:
    """Validate spaCy token patterns written in YAML and build a Matcher (not run on a text
    that lacks the words every pattern needs)."""
    if not patterns:
        return None
    if not isinstance(patterns, list) or not all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns
    ):
        raise rule.fail("patterns", "a list of token patterns (each a list of mappings)")
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab, validate=True)
    for number, pattern in enumerate(patterns):
        try:
            matcher.add(f"{rule.id}#{number}", [pattern])
        except Exception as exc:  # spaCy raises several error types for bad patterns
            raise rule.fail(f"patterns[{number}]", f"a valid spaCy token pattern ({exc})") from exc
    return GatedMatcher(matcher, patterns)


class ExistenceRule(PhraseRule):
    """Fires on every occurrence of listed words, lexicon terms or token patterns."""

    def find(self, ctx: Context) -> list[Span]:
        """Each match is a finding."""
        return self.raw_matches(ctx)


class PatternRule(ExistenceRule):
    """Fires on spaCy Matcher token patterns (same mechanics as existence, patterns first)."""

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Compile the patterns; `unless_means: true` silences the rule when the ask names a
        concrete means ("…, including by establishing …"), which is then what is judged."""
        super().prepare(nlp, lexicons, spec)
        self.unless_means = spec.get("unless_means", False)
        if not isinstance(self.unless_means, bool):
            raise self.fail("unless_means", "true or false")

    def find(self, ctx: Context) -> list[Span]:
        """Each match is a finding, unless the ask is judged on its concrete means."""
        if self.unless_means and ctx.action.concrete_means:
            return []
        return self.raw_matches(ctx)


class SubstitutionRule(PhraseRule):
    """Fires on a listed phrase and proposes its replacement (`swap`)."""

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Compile the `swap` mapping into a phrase matcher."""
        swap = spec.get("swap")
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in swap.items()
        ):
            raise self.fail("swap", "a mapping of phrase to replacement")
        self.swap = {k.lower(): v for k, v in swap.items()}
        super().prepare(nlp, lexicons, {"tokens": list(swap)})

    def find(self, ctx: Context) -> list[Span]:
        """Each listed phrase found."""
        return self.raw_matches(ctx)

    def replacement(self, match: str) -> str:
        """What the matched phrase should become."""
        return self.swap.get(match.lower(), "")


class AbsenceRule(PhraseRule):
    """Fires once, over the whole text, when none of its words or patterns occur."""

    fires_on_absence: ClassVar[bool] = True

    def find(self, ctx: Context) -> list[Span]:
        """Evidence spans (the rule fires when this is empty)."""
        return self.raw_matches(ctx)


# How far after the opening words `object_words` are looked for (the object and its modifiers).
OBJECT_WINDOW = 12
# The head of the direct object: "a relationship of …", "all necessary measures".
HEAD_WINDOW = 4


class OpeningRule(Rule):
    """Fires on the opening verb when the action analysis meets the rule's conditions."""

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Validate `categories`, `object` and `means`."""
        categories = spec.get("categories")
        if not isinstance(categories, list) or not all(c in {1, 2, 3, 4, 5} for c in categories):
            raise self.fail("categories", "a list of action categories 1-5")
        self.categories = set(categories)
        self.object = spec.get("object", "any")
        if self.object not in {"any", "vague", "specific"}:
            raise self.fail("object", "one of any, vague, specific")
        self.means = spec.get("means", "any")
        if self.means not in {"any", True, False}:
            raise self.fail("means", "true, false or any")
        self.use_opening = bool(spec.get("use_opening_category", False))
        self.negated = spec.get("negated", "any")
        if self.negated not in {"any", True, False}:
            raise self.fail("negated", "true, false or any")
        self.absolute = spec.get("absolute_outcome", "any")
        if self.absolute not in {"any", True, False}:
            raise self.fail("absolute_outcome", "true, false or any")
        self.others = spec.get("addressed_to_others", "any")
        if self.others not in {"any", True, False}:
            raise self.fail("addressed_to_others", "true, false or any")
        self.separate = spec.get("separate_action", "any")
        if self.separate not in {"any", True, False}:
            raise self.fail("separate_action", "true, false or any")
        self.inside = spec.get("coordinated_inside", "any")
        if self.inside not in {"any", True, False}:
            raise self.fail("coordinated_inside", "true, false or any")
        words = spec.get("object_words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise self.fail("object_words", "a list of lemmas")
        self.object_words = frozenset(w.lower() for w in words)
        not_words = spec.get("object_not_words", [])
        if not isinstance(not_words, list) or not all(isinstance(w, str) for w in not_words):
            raise self.fail("object_not_words", "a list of lemmas")
        self.object_not_words = frozenset(w.lower() for w in not_words)

    def find(self, ctx: Context) -> list[Span]:
        """The opening words, if the conditions hold."""
        action = ctx.action
        category = action.opening_category if self.use_opening else action.specific_category
        if category not in self.categories:
            return []
        if self.negated != "any" and action.negated != self.negated:
            return []
        if self.absolute != "any" and action.absolute_outcome != self.absolute:
            return []
        if self.others != "any" and action.addressed_to_others != self.others:
            return []
        if self.separate != "any" and action.separate_action != self.separate:
            return []
        if self.inside != "any" and action.coordinated_inside != self.inside:
            return []
        if self.object_words and not any(
                t.lemma_.lower() in self.object_words or t.lower_ in self.object_words
                for t in ctx.parsed.doc[action.opening_end:action.opening_end + OBJECT_WINDOW]):
            return []
        if self.object_not_words and any(
                t.lemma_.lower() in self.object_not_words or t.lower_ in self.object_not_words
                for t in ctx.parsed.doc[action.opening_end:action.opening_end + HEAD_WINDOW]):
            return []
        if action.addressed_to_others and action.other_actor_tokens is not None:
            return [ctx.parsed.char_span(*action.other_actor_tokens)]
        if self.object == "vague" and action.object_specific:
            return []
        if self.object == "specific" and not action.object_specific:
            return []
        if self.means != "any" and bool(action.means) != self.means:
            return []
        end = action.opening_end
        if action.second_verb_privileged and action.verb is not None:
            end = action.verb.i + 1
        return [ctx.parsed.char_span(action.opening_start, end)]


# "(a) … (b) … (c)", "i) … ii) …", "1. … 2. …" inside one recommendation.
LIST_MARKER = re.compile(r"(?:^|[\s:;,—–-])(\((?:[a-h]|i{1,3}|iv|v|vi{1,3}|[1-9])\)|"
                         r"(?:[a-h]|i{1,3}|iv|v|vi{1,3}|[1-9])\))(?=\s)", re.IGNORECASE)


class OccurrenceRule(Rule):
    """Fires when something is counted more often than `max` (e.g. main verbs)."""

    counters: ClassVar[tuple[str, ...]] = ("main_verbs", "sentences", "list_items")

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Validate `count` and `max`."""
        self.count = spec.get("count")
        if self.count not in self.counters:
            raise self.fail("count", f"one of {list(self.counters)}")
        self.max = spec.get("max")
        if not isinstance(self.max, int) or self.max < 0:
            raise self.fail("max", "a whole number ≥ 0")

    def find(self, ctx: Context) -> list[Span]:
        """A span from the first to the last counted item, when over the limit."""
        if self.count == "list_items":
            spans = [m.span(1) for m in LIST_MARKER.finditer(ctx.parsed.text)]
            if len(spans) <= self.max:
                return []
            return [(spans[0][0], spans[-1][1])]
        if self.count == "main_verbs":
            items = [(t.i, t.i + 1) for t in ctx.action.main_verbs]
        else:
            items = [(s.start, s.end) for s in ctx.parsed.doc.sents if s.end > ctx.parsed.first]
        if len(items) <= self.max:
            return []
        start = max(items[0][0], ctx.parsed.first)
        return [ctx.parsed.char_span(start, items[-1][1])]


class MetricRule(Rule):
    """Fires when a readability metric (textstat) is past a declared threshold."""

    metrics: ClassVar[tuple[str, ...]] = ("words", "words_per_sentence", "flesch_reading_ease")

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Validate `metric` and one of `max`/`min`."""
        self.metric = spec.get("metric")
        if self.metric not in self.metrics:
            raise self.fail("metric", f"one of {list(self.metrics)}")
        self.max, self.min = spec.get("max"), spec.get("min")
        if not any(isinstance(v, (int, float)) for v in (self.max, self.min)):
            raise self.fail("max", "a number (or 'min')")

    def value(self, text: str) -> float:
        """The metric's value for the text."""
        words = textstat.lexicon_count(text)
        if self.metric == "words":
            return float(words)
        if self.metric == "words_per_sentence":
            return words / max(1, textstat.sentence_count(text))
        return float(textstat.flesch_reading_ease(text))

    def find(self, ctx: Context) -> list[Span]:
        """The whole text when past the threshold."""
        value = self.value(ctx.parsed.text)
        over = self.max is not None and value > self.max
        under = self.min is not None and value < self.min
        return [(0, len(ctx.parsed.text))] if over or under else []

    def format_message(self, match: str) -> str:
        """The message with `%s` replaced by the measured value."""
        value = self.value(match)
        return self.message.replace("%s", f"{value:.0f}")


def loose_words(text: str) -> str:
    """Text folded for lenient phrase matching: lower case, hyphenated words joined,
    punctuation and possessives dropped, plural -s cut ("Whistle-blower" ~ "whistleblowers",
    "free, prior and informed consent" ~ "free prior and informed consent")."""
    text = re.sub(r"['’]s\b", "", text.lower())
    text = re.sub(r"(\w)-(\w)", r"\1\2", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
             for w in text.split()]
    return " " + " ".join(words) + " "


class IssueRule(Rule):
    """Fires when neither the issue tagger nor the human-rights lexicon finds an issue."""

    fires_on_absence: ClassVar[bool] = True

    def prepare(self, nlp: Language, lexicons: dict[str, Any], spec: dict[str, Any]) -> None:
        """Validate `min_score` and compile the fallback word lists."""
        self.min_score = spec.get("min_score", 0.5)
        if not isinstance(self.min_score, (int, float)) or not 0 < self.min_score < 1:
            raise self.fail("min_score", "a number between 0 and 1")
        self.words = ExistenceRule(**{f.name: getattr(self, f.name) for f in fields(Rule)})
        self.words.prepare(nlp, lexicons, spec)
        self.loose = sorted({loose_words(p) for p in self.words.phrases} - {"  "})

    def find(self, ctx: Context) -> list[Span]:
        """Evidence of an issue: lexicon spans, or the whole text when the tagger is sure."""
        spans = self.words.raw_matches(ctx)
        scores = ctx.issue_scores or {}
        if not spans and scores and max(scores.values()) >= self.min_score:
            return [(0, len(ctx.parsed.text))]
        # The same words spelt with hyphens, commas or another number ("Whistle-blower
        # Protection Bill", "free, prior and informed consent").
        if not spans:
            text = loose_words(ctx.parsed.text)
            if any(phrase in text for phrase in self.loose):
                return [(0, len(ctx.parsed.text))]
        return spans


KINDS: dict[str, type[Rule]] = {
    "existence": ExistenceRule,
    "pattern": PatternRule,
    "substitution": SubstitutionRule,
    "absence": AbsenceRule,
    "opening": OpeningRule,
    "occurrence": OccurrenceRule,
    "metric": MetricRule,
    "issue": IssueRule,
}
