"""Errors a rewrite copies from its original, found by kind rather than from a list (issue 10f).

- instrument titles: a span that looks like a title ("… Convention on the Rights of …") must be
  a title or short form of the closed list in rules/lexicons/instruments.yml; a near miss is
  normalised to its title, any other title-like span declines the rewrite;
- acronyms: an all-capitals token one edit or one transposition from a known acronym, and not
  itself known ("CPRD"), is repaired when one known acronym is that close, else declined;
- unknown words: a lower-case word in neither the corpus vocabulary (smartcheck/data/
  vocabulary.json, `python -m smartcheck.rewrite.vocabulary`) nor the words a rewrite adds;
- ordinals by rule ("22th"); a phrase repeated at once ("human rights Covenants on human rights");
- misspellings the corpus itself has (issue 10i): a word of the artefact's misspelling list
  ("Degrating", one edit from the far commoner "degrading"), in any case;
- a title that runs on past a known short form ("Convention against Torture and other Cruel,
  Inhuman and Degrating Treatment") must match a title as a whole;
- a list announced for one item ("the following instruments: the CAT").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from smartcheck.errors import RuleFileError
from smartcheck.judge.lexicons import load_yaml_mapping
from smartcheck.resources import ARTEFACT_DIR, lexicons_dir, read_artefact

VOCABULARY = ARTEFACT_DIR / "vocabulary.json"
# A near miss is normalised only when it is this close to one title and clearly closer to it
# than to any other (the two Covenants, the CRC and its protocols are close to each other).
NEAR = 0.9
MARGIN = 0.05
HEADS = r"(?:Conventions?|Covenants?|Protocols?|Charter|Statute)"
SMALL = {"of", "the", "and", "on", "against", "from", "for", "with", "all", "or", "to", "in",
         "their", "relating", "at", "by"}
# a small word, in lower case or capitalised as in a miscopied title ("Convention Against")
_LOW = r"(?:[a-z]+|Against|On|Of|For|The|To|From|Relating)"
# A title: a head word, then a small word, then a capitalised name ("Convention on the Rights").
_TITLE = re.compile(r"(?:\b(?:(?:International|Optional|Second|First|African|American|European|"
                    r"Arab|Inter-American|Framework|United Nations|UN|ILO|UNESCO|Council of "
                    r"Europe|Refugee|Genocide|Rome)\s+)*" + HEADS + r"\b"
                    r"(?:\s+(?:" + _LOW + r"\s+){1,3}[A-Z][\w'-]*)"
                    r"(?:(?:,?\s+|\s+(?:[a-z]+\s+){1,3})[A-Z][\w'-]*)*)")
_ACRONYM = re.compile(r"\b[A-Z]{3,7}\b")
_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'-]*[a-z](?![\w'-])")
# Endings a known word takes ("harmonized" from "harmonize", "floggings" from "flogging").
INFLECTIONS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
               ("ing", "e"), ("ly", ""), ("ies", "y"), ("ied", "y"), ("ation", "e"),
               ("ation", "ate"), ("ize", "ization"), ("ise", "isation"), ("ized", "ization"),
               ("ised", "isation"), ("er", ""), ("ers", ""), ("ity", ""), ("ness", ""))
PREFIXES = ("non", "re", "anti", "inter", "intra", "multi", "post", "pre", "de", "trans",
            "self", "socio", "counter", "over", "under", "co", "micro", "neo", "ethno", "in")
FUNCTION = {"the", "of", "and", "to", "in", "on", "for", "a", "an", "with", "by", "or", "as",
            "its", "their", "all", "at", "from"}


# A one-letter word other than "a"/"I" is a typo ("the Rights f All"); a list marker "(b)",
# "e.g." and "s" after an apostrophe are not words.
_LETTER = re.compile(r"(?<![\w(.'\u2019/&-])[b-z](?![\w).'\u2019/&-])")
# A protocol named twice: "the Optional Protocols to ICCPR OP-2" mixes a title and its acronym.
_PROTOCOL_TWICE = re.compile(r"\bOptional\s+Protocols?\s+to\s+(?:the\s+)?(?:\S+\s+){0,2}?"
                             r"OP(?:[-\s]?\d|[A-Z]{1,4})?\b")
# An organisation is joined, not ratified: "a State party to the International Labour
# Organization", "ratify the ILO" (unless a treaty of it follows: "the ILO Convention").
_ORGANISATION = (r"(?:(?:[A-Z][\w'-]*\s+){0,4}(?:Organi[sz]ation|Union|Council of Europe|"
                 r"Agency|Bank|Fund)|ILO|WTO|UNESCO|WHO|OAS|OSCE|OIC)")
_PARTY_TO_BODY = re.compile(r"\b(?:[Pp]art(?:y|ies)\s+to|[Rr]atif(?:y|ying|ied|ication of))\s+"
                            r"(?:the\s+)?" + _ORGANISATION + r"\b(?!\s+\(\w+\)\s+"
                            r"(?:Convention|Charter|Protocol|Treaty|Statute))(?!\s*'s\b)"
                            r"(?!\s+(?i:[\w-]+\s+){0,4}(?i:conventions?|charter|protocols?|"
                            r"treaty|treaties|statute|framework|agreement|instruments?|"
                            r"standards?)\b)")
# "the following international instruments: the CAT": a list announced for one item (no comma,
# "and" or semicolon after the colon).
_ONE_LISTED = re.compile(r"\bfollowing\s+(?:[a-z-]+\s+){0,3}[a-z]+s\s*:\s*(?P<item>[^:]+)$")
# A freedom said in the plural where English has a mass noun: "the media freedoms".
_FREEDOMS = re.compile(r"\b(?:the\s+)?(media|press|internet|academic|artistic|religious)\s+"
                       r"freedoms\b", re.IGNORECASE)


@lru_cache(maxsize=2)
def load_instruments(path: str | None = None
                     ) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """The canonical titles and short forms (as written), the known acronyms and the treaty
    acronyms a near miss is measured against."""
    file = Path(path) if path else lexicons_dir() / "instruments.yml"
    data = load_yaml_mapping(file)
    lists = {}
    for key in ("titles", "short", "acronyms", "treaty_acronyms"):
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(
                isinstance(v, str) and v.strip() for v in value):
            raise RuleFileError(file, key, "a non-empty list of strings")
        lists[key] = value
    return tuple(lists["titles"]) + tuple(lists["short"]), \
        frozenset(lists["acronyms"]) | frozenset(lists["treaty_acronyms"]), \
        frozenset(lists["treaty_acronyms"])


@lru_cache(maxsize=2)
def load_title_acronyms(path: str | None = None) -> dict[str, str]:
    """Acronym → the canonical title it is the short form of."""
    file = Path(path) if path else lexicons_dir() / "instruments.yml"
    value = load_yaml_mapping(file).get("title_acronyms")
    if not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
        raise RuleFileError(file, "title_acronyms", "a mapping of acronyms to titles")
    return dict(value)


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    """Lower-cased titles and short forms → as written (read-only: shared by every call)."""
    return {t.lower(): t for t in load_instruments()[0]}


@lru_cache(maxsize=1)
def _long_titles() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Closed-list titles of three words or more, longest first: as written, in lower case,
    and the case-blind pattern of the whole title."""
    titles = sorted(_canonical().values(), key=len, reverse=True)
    return tuple((t, t.lower(), re.compile(r"\b" + re.escape(t) + r"\b", re.IGNORECASE))
                 for t in titles if len(t.split()) >= 3)


def _trim(span: str) -> str:
    """The span without trailing small words and without a leading 'Optional Protocol to the'."""
    words = span.split()
    while words and (words[-1].lower() in SMALL or re.fullmatch(r"[A-Z]{2,}(?:-[A-Z]+)?",
                                                                  words[-1])):
        words.pop()  # trailing small words, or the acronym after a title ("… Rights ICCPR")
    return " ".join(words)


def _known(span: str) -> bool:
    """Whether a title-like span is a known title or short form, or starts with one."""
    return _known_one(span)


def _known_one(span: str) -> bool:
    """Whether one title-like span is a known title or short form, or a known start of one
    ("Convention on the Elimination", before "of all forms …" in lower case)."""
    canon = _canonical()
    lower = span.lower()
    bare = re.sub(r"^(?:the\s+)?(?:united nations|un|unesco|ilo|council of europe)\s+", "", lower)
    if len(bare.split()) >= 4 and any(t.startswith(bare + " ") or t.startswith(bare + ",")
                                      for t in canon):
        return True
    if re.match(r"(?:ilo\s+)?conventions?\s+(?:no\b|concerning\b)", bare) or \
            bare.startswith("ilo convention"):
        return True  # ILO conventions go by number or "concerning …"
    inner = re.sub(r"^(?:(?:first|second|additional)\s+)?(?:optional\s+)?protocols?\s+"
                   r"(?:thereto\s+)?(?:to|of)\s+(?:the\s+)?", "", bare)
    for candidate in {lower, bare, inner, "united nations " + bare, "united nations " + inner}:
        if candidate in canon or any((candidate.startswith(t + " ") or
                                      candidate.startswith(t + ",")) and
                                     not _runs_on(span[len(span) - len(candidate) + len(t):])
                                     for t in canon if len(t.split()) > 1):
            return True
    return False


# After a known short form, more of a title ("… against Torture and other Cruel, Inhuman …"):
# a joiner or comma, then a capitalised word that is not a title of its own.
_RUNS_ON = re.compile(r"^\s*(?:,\s*|\s(?:and|or)\s+(?:other\s+)?)(?!(?:the|its|an?)\b)"
                      r"(?!(?:International|Optional|Convention|Covenant|Protocol|Statute|"
                      r"Charter|Rome|African|American|European)\b)[A-Z][a-z]")


def _runs_on(rest: str) -> bool:
    """Whether the rest of a span after a known short form continues that title."""
    return _RUNS_ON.search(rest) is not None


@lru_cache(maxsize=1)
def _multiword_titles() -> tuple[tuple[str, str, Counter[str]], ...]:
    """Lower-cased titles of several words, as written, with the count of each letter."""
    return tuple((t, w, Counter(t)) for t, w in _canonical().items() if len(t.split()) > 1)


@lru_cache(maxsize=4096)
def _nearest(span: str) -> tuple[str | None, float, float]:
    """The title a span is closest to, its similarity and the runner-up's."""
    lower = span.lower()
    letters = Counter(lower)
    top: list[tuple[float, str]] = []  # the two best (similarity, title), best first
    for t, w, counts in _multiword_titles():
        if len(top) == 2:
            # difflib's quick ratios (from lengths, then letter counts) bound the similarity
            # from above: a title that cannot beat the runner-up is not compared
            total = len(lower) + len(t)
            if 2.0 * min(len(lower), len(t)) / total < top[1][0] or \
                    2.0 * sum((letters & counts).values()) / total < top[1][0]:
                continue
        top = sorted([*top, (SequenceMatcher(None, lower, t).ratio(), w)], reverse=True)[:2]
    if not top:
        return None, 0.0, 0.0
    return top[0][1], top[0][0], top[1][0] if len(top) > 1 else 0.0


# Where a series of titles divides ("X and the Y", "X, Y", "X and its Optional Protocol").
_BETWEEN = re.compile(r"(?:(?:,\s*|\s+)(?:and|or)\s+|,\s*)(?:the\s+|its\s+|to\s+the\s+)?"
                      r"(?=(?:International|"
                      r"Optional|Second|First|Additional|Rome|Convention|Covenant|Protocol|"
                      r"Statute|Charter|African|American|European|Inter-American|United|UN|"
                      r"ILO|UNESCO)\b)")


def title_spans(text: str) -> list[str]:
    """The spans of a text that look like instrument titles, one per title of a series."""
    parts = (_trim(p) for m in _TITLE.finditer(text) for p in _BETWEEN.split(m.group()))
    return [p for p in parts if len(p.split()) >= 3]


def title_ranges(text: str) -> list[tuple[int, int]]:
    """Where titles stand in a text (a closed-list title in any case, or a title-like run with
    its own tail, "… Women and Children, supplementing the … Convention"): spans nothing may
    be inserted into."""
    lower = text.lower()
    ranges = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    for title in _canonical():
        if title in lower:  # most texts name no title: no pattern is run for them
            ranges += [(m.start(), m.end()) for m in re.finditer(re.escape(title), lower)]
    # "…, supplementing the United Nations Convention against …": one title with its parent's
    starts = {start: end for start, end in ranges}
    for start, end in list(ranges):
        link = _LINKED.match(text, end)
        if link and link.end() in starts:
            ranges.append((start, starts[link.end()]))
    return ranges


_LINKED = re.compile(r",?\s+(?:supplementing|amending|additional to|relating to)\s+(?:the\s+)?")


def _acronym_fix(token: str, known: frozenset[str]) -> list[str]:
    """Treaty acronyms one transposition from `token`, or (both of four letters or more) one
    substitution, insertion or deletion: "CPRD", "ICESR"; a three-letter "TRC" is no "CRC"."""
    def close(a: str, b: str) -> bool:
        if abs(len(a) - len(b)) > 1:
            return False
        if len(a) == len(b):
            diff = [i for i in range(len(a)) if a[i] != b[i]]
            return len(diff) == 1 and min(len(a), len(b)) >= 4 or len(diff) == 2 and \
                diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        if min(len(a), len(b)) < 4:
            return False
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    return sorted(k for k in known if len(k) >= 3 and k.isupper() and close(token, k))


@lru_cache(maxsize=2)
def load_misspellings(path: str | None = None) -> dict[str, str]:
    """The corpus's likely misspellings → the commoner word, empty when not built."""
    found = read_artefact(path or VOCABULARY).get("misspellings")
    return dict(found) if isinstance(found, dict) else {}


@lru_cache(maxsize=2)
def load_vocabulary(path: str | None = None) -> frozenset[str]:
    """The corpus vocabulary (lower-case words seen often enough), empty when not built."""
    return frozenset(read_artefact(path or VOCABULARY).get("words") or ())


@lru_cache(maxsize=1)
def spacy_words() -> frozenset[str]:
    """The lower-case words of the spaCy model's lexicon, read from a cache in the build folder
    (reading the model's own files costs ~0.7 s, once per machine, not per process)."""
    from smartcheck.models.onnx_encoder import build_dir

    cache = build_dir() / f"spacy-words-{_model_version()}.txt"
    try:
        return frozenset(cache.read_text(encoding="utf-8").split())
    except OSError:
        pass
    words = _read_spacy_words()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp")
        partial.write_text("\n".join(sorted(words)), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # a read-only install reads the model's files each time
    return words


def _model_version() -> str:
    """Name and version of the installed spaCy model (keys the word cache)."""
    from importlib.metadata import PackageNotFoundError, version

    from smartcheck.judge.nlp import MODEL_NAME

    try:
        return f"{MODEL_NAME}-{version(MODEL_NAME)}"
    except PackageNotFoundError:
        return MODEL_NAME


def _read_spacy_words() -> frozenset[str]:
    """The lower-case words of the spaCy model's own lexicon: its strings as shipped and its
    lemmatizer's WordNet index (the live string store grows with every text parsed, so it
    cannot tell a known word)."""
    import importlib.util

    from spacy.lookups import Lookups

    from smartcheck.judge.nlp import MODEL_NAME

    spec = importlib.util.find_spec(MODEL_NAME)
    roots = [Path(r) for r in (spec.submodule_search_locations or [])] if spec else []
    words: set[str] = set()
    for model in (d for root in roots for d in root.glob("*") if (d / "vocab").is_dir()):
        try:
            strings = json.loads((model / "vocab" / "strings.json").read_text(encoding="utf-8"))
            words |= {w for w in strings if isinstance(w, str) and w.islower() and w.isalpha()}
            lookups = Lookups().from_disk(model / "lemmatizer" / "lookups")
            for name in ("lemma_index", "lemma_exc"):
                if lookups.has_table(name):
                    for value in lookups.get_table(name).values():
                        items = value if isinstance(value, list) else list(value)
                        words |= {w for w in items if isinstance(w, str)}
                        if isinstance(value, dict):
                            words |= {w for v in value.values() for w in v
                                      if isinstance(w, str)}
        except (OSError, ValueError):
            continue
        break
    return frozenset(words)


def known_word(word: str) -> bool:
    """Whether a lower-case word is in the corpus vocabulary or spaCy's lexicon."""
    def listed(w: str) -> bool:
        return w in load_vocabulary() or w in spacy_words()

    def inflected(w: str) -> bool:
        # a form of a known word either way ("harmonized" ← "harmonize", "disaggregate" →
        # "disaggregated")
        return listed(w) or any(w.endswith(end) and len(w) - len(end) >= 3 and
                                listed(w[: -len(end)] + add) for end, add in INFLECTIONS) or \
            any(listed(w + end) for end in ("s", "d", "ed", "ing", "ion", "ly"))

    def known(w: str) -> bool:
        # a known word with a prefix written solid ("nonrefoulement", "reeducation")
        return inflected(w) or any(w.startswith(p) and len(w) - len(p) >= 4 and
                                   inflected(w[len(p):]) for p in PREFIXES)

    bare = word.strip("'-")
    parts = [p for p in re.split(r"['-]", bare) if p]
    return known(word) or known(bare) or len(parts) > 1 and all(
        known(p) or p in {"s", "non", "anti", "re", "pre", "co", "multi", "socio", "neo"}
        for p in parts)


# A head word of a title, in lower case after a capitalised word of the title
# ("the third Optional protocol to the Convention").
_LOWER_HEAD = re.compile(r"\b(Optional|Additional|International|Second|First|Third|Rome|"
                         r"African|American|European|Inter-American|Framework)\s+"
                         r"(protocols?|conventions?|covenants?|charter|statute)\b")
_MID_THE = re.compile(r"(?<=[a-z,;] )The (?=[A-Z])")
_AFTER_TITLE = re.compile(r"\s+([A-Z][A-Z-]{1,9}s?)\b(?![\w)-])")


def _title_format(text: str) -> str:
    """Title formats copied wrong, repaired where the canonical list is certain: a closed-list
    title in the wrong case, "Optional protocol", "to The Convention" and the title's own
    acronym stuck on bare ("… Enforced Disappearance CED" → "… Enforced Disappearance (CED)")."""
    # A case-blind match of an ASCII text is a substring of its lower case, which these
    # substitutions (a title for itself in another case) leave unchanged: titles absent from
    # it are skipped without running their pattern.
    lower = text.lower() if text.isascii() else None
    for title, title_lower, pattern in _long_titles():
        if lower is None or title_lower in lower:
            text = pattern.sub(lambda m, t=title: m.group() if _inside_name(m.string, m.start())
                               else t, text)
    text = _LOWER_HEAD.sub(lambda m: f"{m.group(1)} {m.group(2).capitalize()}", text)
    starts = {start for start, _ in title_ranges(text)}
    text = "".join(
        "the " if m and m.end() in starts else part
        for part, m in _split_keep(text, _MID_THE))
    acronyms = load_title_acronyms()
    for acronym, title in acronyms.items():
        if title not in text:
            continue
        # not after "Protocol to the …": "(CAT)" there would name the protocol
        text = re.sub(r"(?<!Protocol to the )" + re.escape(title) + r"\s+" + acronym +
                      r"\b(?![\w)-])", f"{title} ({acronym})", text)
    return text


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word other than the text's first runs straight into `start`
    ("International Convention Against Torture": not the short form, another title)."""
    before = text[:start].split()
    return len(before) > 1 and before[-1][:1].isupper() and before[-1] != "The"


def _split_keep(text: str, pattern: re.Pattern[str]) -> list[tuple[str, re.Match[str] | None]]:
    """The text cut at each match: (match text, match) and (text between, None) in order."""
    parts: list[tuple[str, re.Match[str] | None]] = []
    at = 0
    for m in pattern.finditer(text):
        parts += [(text[at : m.start()], None), (m.group(), m)]
        at = m.end()
    return parts + [(text[at:], None)]


def bare_acronyms(text: str) -> list[str]:
    """Acronyms stuck bare after a closed-list title that they do not name ("… Child CED")."""
    found = []
    for title, _, _ in _long_titles():
        if title not in text:
            continue
        for m in re.finditer(re.escape(title) + _AFTER_TITLE.pattern, text):
            found.append(f"{title} {m.group(1)}")
    return found


def normalise(text: str) -> str:
    """The text with near-miss instrument titles and transposed acronyms repaired."""
    text = _title_format(text)
    for span in title_spans(text):
        if _known(span):
            continue
        title, best, second = _nearest(span)
        if title and best >= NEAR and best - second >= MARGIN:
            text = text.replace(span, title)
    _, known, treaties = load_instruments()
    for token in set(_ACRONYM.findall(text)) - known:
        # only a transposition is repaired ("CPRD" → "CRPD"), when one acronym is that close
        swaps = [f for f in _acronym_fix(token, treaties) if sorted(f) == sorted(token)]
        if len(swaps) == 1:
            text = re.sub(rf"\b{token}\b", swaps[0], text)
    return _FREEDOMS.sub(lambda m: f"{m.group(1)} freedom", text)


def _ordinal_ok(number: str, suffix: str) -> bool:
    """Whether an ordinal has its suffix ("22nd", "11th", not "22th")."""
    n = int(number)
    want = "th" if n % 100 in {11, 12, 13} else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return suffix.lower() == want


def _repeated(text: str) -> str | None:
    """A title or noun said to be on itself ("the human rights Covenants on human rights"):
    a two-word phrase, one or two words with a preposition, the same phrase ending the clause
    (or before the rewrite's own "by [year]"). A phrase said twice in a series ("human rights
    defenders and give human rights training") is English and not caught."""
    # only lower-case words repeat: a name said twice ("the Rome Statute … the Rome Statute
    # definition") is no garble; "\0" stands for a capitalised word
    words = [w if w.islower() or w in ",.;:" else "\0"
             for w in re.findall(r"[\w'-]+|[,.;:]", text)]
    for i in range(len(words) - 1):
        if words[i] in FUNCTION or words[i + 1] in FUNCTION or \
                not words[i][:1].isalpha() or not words[i + 1][:1].isalpha():
            continue
        for j in range(i + 3, min(i + 5, len(words) - 1)):
            gap = set(words[i + 2 : j])
            after = words[j + 2] if j + 2 < len(words) else "."
            if words[j : j + 2] == words[i : i + 2] and gap & {"on", "of", "for"} and \
                    not gap & {"and", "or", ",", ";"} and after in {",", ".", ";", ":", "by"}:
                return " ".join(w for w in words[i : j + 2] if w != "\0")
    return None


def _one_item(rest: str) -> bool:
    """Whether the words after a colon name one item (a title's own commas and "and" aside)."""
    for span in sorted(title_spans(rest), key=len, reverse=True):
        rest = rest.replace(span, "T")
    rest = re.sub(r"\([^)]*\)|\bby \[year\]", " ", rest)
    return not re.search(r"[,;]|\b(?:and|or|as well as)\b", rest)


def copied_problems(text: str, original: str = "") -> list[str]:
    """Copied errors of these kinds a text has, one line each."""
    problems = []
    for span in title_spans(text):
        if not _known(span):
            problems.append(f"an instrument title not in the canonical list: {span}")
    _, known, treaties = load_instruments()
    for token in sorted(set(_ACRONYM.findall(text)) - known):
        if _acronym_fix(token, treaties):
            problems.append(f"a misspelt acronym: {token}")
    for m in _ORDINAL.finditer(text):
        if not _ordinal_ok(m.group(1), m.group(2)):
            problems.append(f"a wrong ordinal: {m.group()}")
    if load_vocabulary():
        copied = set(_WORD.findall(original)) if original else None
        for word in sorted(set(_WORD.findall(text))):
            if (copied is None or word in copied) and not known_word(word):
                problems.append(f"an unknown word copied: {word}")
    misspelt = load_misspellings()
    for word in sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)} & set(misspelt)):
        problems.append(f"a misspelling of '{misspelt[word]}': {word}")
    one = _ONE_LISTED.search(text)
    if one and _one_item(one.group("item")):
        problems.append(f"a list announced for one item: {one.group().strip()}")
    repeated = _repeated(text)
    if repeated:
        problems.append(f"a phrase repeated at once: {repeated}")
    problems += [f"a one-letter word: {m.group()}" for m in _LETTER.finditer(text)][:1]
    problems += [f"a protocol named twice: {m.group()}" for m in _PROTOCOL_TWICE.finditer(text)]
    problems += [f"an organisation ratified like a treaty: {m.group()}"
                 for m in _PARTY_TO_BODY.finditer(text)]
    problems += [f"a freedom in the plural: {m.group()}" for m in _FREEDOMS.finditer(text)]
    problems += [f"an acronym stuck bare to a title: {b}" for b in bare_acronyms(text)]
    problems += [f"a capital 'The' mid-sentence: {m.group()}…" for m in _MID_THE.finditer(text)
                 if m.end() in {start for start, _ in title_ranges(text)}]
    problems += [f"a title word in lower case: {m.group()}" for m in _LOWER_HEAD.finditer(text)]
    return problems
