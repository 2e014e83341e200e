"""Find the asks inside running prose: the sentence or clause that asks someone to act.

"The coalition urges the Government to …", "We call on the authorities to …", "X should …",
"We recommend that the State …", "It is essential that …", "X is urged to …", "There should
be …". Background is left alone: past recommendations and what others recommended ("In 2021
X supported a recommendation to …", "The Committee recommended …"), law described with
modal verbs ("Under article 41, a suspect must …"), quotations, "should have", conditional
"Should X …", questions, reported speech, commitments and meta sentences.

Tuned on the team's dev documents and sentence lists (tests/data/prose/dev, *-sentences.txt);
the verbs that may open an ask's action come from the UPR corpus (language.REC_VERBS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartcheck.extract.language import REC_VERBS, words

ABBREVIATIONS = words(
    "no nos art arts para paras mr mrs ms dr st vs cf p pp e.g i.e etc al op cit ibid fig "
    "sect ch vol jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
QUOTED = re.compile(r"\"[^\"]{0,400}\"|“[^”]{0,400}”|‘[^’]{0,400}’")

PRESENT_ASK = (
    r"(?:urge|urges|call\s+(?:up)?on|calls\s+(?:up)?on|ask|asks|request|requests|"
    r"encourage|encourages|invite|invites|appeal\s+to|appeals\s+to|expect|expects|"
    r"recommend|recommends|propose|proposes)"
)
ADVERB = r"(?:(?:also|further|again|therefore|thus|strongly|respectfully|urgently|once\s+again|"
ADVERB += r"finally|in\s+particular|in\s+addition|moreover|equally|similarly|furthermore)\s+)*"
# "We urge the Government to …", "Recommending States could also ask X to …"
ASK_VERB = re.compile(
    rf"\b(?P<pre>(?:would\s+like\s+to|wish\s+to|may\s+wish\s+to|could|can|might)\s+)?{ADVERB}"
    rf"(?P<verb>{PRESENT_ASK})\b(?!\s*[-–])",
    re.IGNORECASE,
)
CALL_FOR = re.compile(
    rf"\b{ADVERB}(?:call|calls|reiterate\s+(?:our|its|their)\s+calls?|reiterates\s+(?:its|their)"
    rf"\s+calls?|renew\s+(?:our|its)\s+calls?|demand|demands|appeal|appeals)\s+for\b|"
    r"\b(?:demand|demands)\s+(?=the\b|an?\b|that\b)",
    re.IGNORECASE,
)
IMPERSONAL = re.compile(
    r"\b(?:it\s+is|it\s+remains|it\s+would\s+be)\s+(?:\w+\s+)?(?:essential|imperative|crucial|"
    r"vital|urgent|necessary|important|critical|indispensable|high\s+time|time|paramount|"
    r"key)\s+(?:that|for)\s+|\bour\s+(?:main\s+|first\s+|key\s+)?(?:recommendation|request|ask|"
    r"call)\s+is\s+(?:that|for)\s+|\bwe\s+(?:would\s+)?(?:like|want|wish|hope|expect)\s+to\s+"
    r"see\s+",
    re.IGNORECASE,
)
PASSIVE_ASK = re.compile(
    r"\b(?:is|are)\s+(?:strongly\s+|also\s+|therefore\s+|urgently\s+)?(?:urged|called\s+upon|"
    r"called\s+on|encouraged|requested|invited|asked)\s+to\s+",
    re.IGNORECASE,
)
MODAL = re.compile(
    r"\b(?P<modal>should|must|shall|ought\s+to|(?:urgently\s+)?needs\s+to|(?:urgently\s+)?need\s+"
    r"to|has\s+to|have\s+to)\b",
    re.IGNORECASE,
)
# Intro clauses that make what follows a description, a condition or a report.
BACKGROUND_INTRO = re.compile(
    r"^(?:under|according|pursuant|in\s+theory|in\s+principle|on\s+paper|formally|in\s+accordance|by\s+law|if|when|whenever|once|unless|"
    r"since|because|as\s+required|as\s+provided|in\s+\d{4}|in\s+its|in\s+their|in\s+his|"
    r"in\s+her|at\s+its|during|after|before|following|the\s+law|the\s+code|the\s+act|"
    r"the\s+constitution|the\s+regulation|the\s+guidelines|the\s+rules)\b",
    re.IGNORECASE,
)
REPORTED = re.compile(
    r"\b(?:said|says|stated|states\s+that|(?<!the\s)state\s+that|told|announced|argued|argues|claimed|claims|"
    r"believes?\s+that\s+(?!\w+\s+(?:should|must))|according\s+to|pledged|promised|"
    r"committed|intends?|indicated|informed|explained|insisted|maintains?|holds?\s+that|"
    r"held\s+that|provides?\s+that|requires?\s+that|recommended|urged|called|asked|"
    r"requested|suggested|supported|accepted|noted|received|rejected|welcomed|in\s+practice|"
    r"but\s+in\s+practice|it\s+rarely|was\s+expected|is\s+expected|are\s+expected)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"^(?:[\w'’,\- ]*?\b)?(?:we|our|i)\b", re.IGNORECASE)
# Mechanisms and duty-bearers speaking in the present are reported, not the author's ask.
OTHER_SPEAKER = re.compile(
    r"\b(?:committee|rapporteur|working\s+group|ombuds\w*|court|commission|government|"
    r"ministry|minister|president|council|parliament|authorities|secretary|commissioner|"
    r"experts?|state\s+party|treaty\s+bod\w+)\b",
    re.IGNORECASE,
)
FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|did|does|do|may|might|can|could|would|will|"
    r"remains?|continues?|says?|said|told|held|provides|requires)\b",
    re.IGNORECASE,
)
RELATIVE = re.compile(r"\b(?:who|whose|which|whom|that)\b", re.IGNORECASE)
# "should consider ratifying" is a (weak) ask; "should be considered" is caught as a
# participle instead.
NOT_ACTIONS = words(
    "note read construe interpret understand know recall remember regret welcome appreciate "
    "commend congratulate thank"
)
NOT_AFTER_MODAL = words(
    "has had be been being not also only never always the a an this that it they we you "
    "he she there to no only rather occur happen exist apply feel seem appear"
)
NOT_PARTICIPLES = words(
    "construed noted read understood seen interpreted regarded deemed considered known "
    "expected completed finished available able possible aware"
)
IRREGULAR = {
    "given": "give", "made": "make", "taken": "take", "held": "hold", "brought": "bring",
    "set": "set", "put": "put", "paid": "pay", "kept": "keep", "built": "build",
    "sent": "send", "shut": "shut", "found": "find", "lifted": "lift", "met": "meet",
    "done": "do", "undertaken": "undertake", "withdrawn": "withdraw", "laid": "lay",
}
SUBJECT_START = re.compile(r"^(?:the|a|an|all|each|every|any|no|its|their|his|her|it|she|he|"
                           r"they|there|this|these|those|such|independent|recommending|your|"
                           r"other|[A-Z])", re.IGNORECASE)
# Bare plural subjects that are duty-bearers; other bare plurals with an active verb describe
# what people must do under a rule ("Candidates must pay a fee"), not an ask.
INSTITUTIONS = re.compile(
    r"(?:municipalit|court|school|hospital|prosecutor|polic|government|state|authorit|"
    r"ministr|parliament|institution|bod|agenc|compan|employer|service|provider|"
    r"council|judge|legislator|member)\w*$", re.IGNORECASE)
PRONOUN_OR_DET = words("we i you our it she he they there this these those")
SPLIT_AND = re.compile(
    r"(?:,\s*|;\s*|\s+)(?:and\s+|as\s+well\s+as\s+|while\s+|;\s*)?(?:also\s+|further\s+)?"
    r"(?=(?:to\s+|should\s+|must\s+|shall\s+)?(?:also\s+|further\s+)?(?P<v>[a-z][a-z\-]+)\b)"
)
ORDINAL_NEXT = re.compile(
    r";\s*(?:and\s+)?(?:second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly)"
    r"\s*,\s*(?:and\s+)?", re.IGNORECASE)


# A modal further into a sentence than this has no short subject before it (and a cap keeps
# a long unpunctuated paste linear).
MAX_SUBJECT_CHARS = 400


@dataclass
class Ask:
    """One ask: the exact source text that carries it, who is asked, and what to check."""

    text: str  # exact substring of the paragraph
    start: int  # offset of `text` in the paragraph
    addressee: str | None  # as written ("the Government"); None for passive/impersonal asks
    action: str  # the recommendation to check ("adopt a law …" or "Examplia should …")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, not breaking after "No.", "art.", "e.g." …."""
    spans, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        before = text[start : match.start()].rstrip("\"”’')]")
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def find_asks(text: str) -> list[Ask]:
    """Every ask in a paragraph, in order; [] for background."""
    masked = QUOTED.sub(lambda m: m.group(0)[0] + "\u00a4" * (len(m.group(0)) - 2)
                        + m.group(0)[-1], text)
    found: list[Ask] = []
    for start, end in sentences(text):
        found += sentence_asks(text[start:end], masked[start:end], start)
    return found


def sentence_asks(sentence: str, masked: str, offset: int = 0) -> list[Ask]:
    """The asks of one sentence (`masked` has quotations blanked out); [] if it asks nothing."""
    stripped = masked.strip()
    if not stripped or stripped.rstrip("\"”’') ").endswith("?"):
        return []
    if re.match(r"^\W*should\b", stripped, re.IGNORECASE):
        return []  # "Should a transgender person refuse surgery, …"
    head = _ask_head(masked)
    if head is None:
        return []
    action_at, addressee, subject_at = head
    if re.match(r"\s*(?:have|has)\s+(?:been|\w+ed|\w+en)\b", masked[action_at:]):
        return []  # "should have referred", counterfactual
    pieces = _split(masked, action_at)
    asks = []
    for n, (a, b) in enumerate(pieces):
        begin = subject_at if n == 0 else a
        raw = sentence[begin:b].strip()
        piece_action = sentence[a:b].strip()
        if not raw or len((raw if n == 0 else piece_action).split()) < 2:
            continue  # "… must stop." is an ask; a one-word tail after "and" is not
        lead = masked[subject_at:action_at]
        as_written = (MODAL.search(lead) or PASSIVE_ASK.search(lead)) and not (
            ASK_VERB.search(lead) or IMPERSONAL.search(lead))
        if n == 0 and as_written:
            piece_action = raw  # "Parliament should repeal …" is checked as written
        action = _action_text(piece_action, addressee)
        asks.append(Ask(raw, offset + begin + (len(sentence[begin:b]) - len(
            sentence[begin:b].lstrip())), addressee, action))
    return asks


def _ask_head(masked: str) -> tuple[int, str | None, int] | None:
    """(where the action starts, the addressee, where the ask's text starts) or None."""
    for finder in (_impersonal, _ask_verb, _call_for, _passive_ask, _modal):
        head = finder(masked)
        if head is not None:
            return head
    return None


def _impersonal(s: str) -> tuple[int, str | None, int] | None:
    match = IMPERSONAL.search(s)
    if not match or _reported_before(s[: match.start()]):
        return None
    return _that_clause(s, match.end(), 0)


def _ask_verb(s: str) -> tuple[int, str | None, int] | None:
    match = ASK_VERB.search(s)
    if not match:
        return None
    pre = s[: match.start()]
    if not FIRST_PERSON.match(pre.strip() or "we") and (
        OTHER_SPEAKER.search(pre) or BACKGROUND_INTRO.match(pre.strip())
    ):
        return None
    if _reported_before(pre) or re.search(r"\b(?:has|have|had|was|were)\s*$", pre):
        return None
    if not pre.strip() and match.group("verb").lower() not in {"urge", "recommend", "call on"}:
        return None  # "Ask …" at the start is an imperative, handled as a whole
    verb = match.group("verb").lower()
    rest_at = match.end()
    rest = s[rest_at:]
    if re.match(r"\s+(?!recommending\s+States)\w+ing\b|\s+(?:the\s+)?following\b", rest):
        return None  # "We recommend reading …", a lead-in
    that = re.match(r"(?:\s*,\s*(?:first(?:ly)?|in\s+particular|above\s+all|therefore|also|"
                    r"urgently|strongly)\s*,)?\s+that\s+", rest, re.IGNORECASE)
    if verb.startswith(("recommend", "request", "propose", "ask", "urge")) and that:
        return _that_clause(s, rest_at + that.end(), 0)
    if verb.startswith(("recommend", "propose")):
        rest2 = re.match(r"\s+(?:to\s+)?(?P<a>[^,;]{2,80}?)\s+to\s+(?=[a-z])", rest)
        if rest2:
            return rest_at + rest2.end(), rest2.group("a").strip(), 0
        verb_word = re.match(r"\s+(?P<v>[a-z]+)\b", rest)
        if verb_word and _is_action_verb(verb_word.group("v")):
            return rest_at + verb_word.start("v"), None, 0
        return None
    to = re.match(r"\s+(?P<a>[^;:]{1,120}?)\s+to\s+(?=(?:\w+ly\s+)?[a-z])", rest)
    if not to:
        return None
    addressee = to.group("a").strip(" ,")
    if addressee.lower() in {"you", "them"} or not _looks_like_np(addressee):
        return None
    subject = pre.strip(" ,*_\"“")
    if match.group("pre") and subject and not FIRST_PERSON.match(subject) and _looks_like_np(
        subject
    ):
        # "Recommending States could also ask Valdoria to …" asks the recommending States
        addressee = re.sub(r"\s+(?:could|can|might|may)(?:\s+\w+)*$", "", subject)
    return rest_at + to.end(), addressee, 0


def _call_for(s: str) -> tuple[int, str | None, int] | None:
    match = CALL_FOR.search(s)
    if not match:
        return None
    pre = s[: match.start()]
    if OTHER_SPEAKER.search(pre) and not FIRST_PERSON.match(pre.strip() or "we"):
        return None
    if _reported_before(pre) or re.search(r"\b(?:has|have|had)\s*$", pre):
        return None
    return match.end(), None, 0


def _passive_ask(s: str) -> tuple[int, str | None, int] | None:
    match = PASSIVE_ASK.search(s)
    if not match:
        return None
    subject = s[: match.start()].strip()
    subject_at = _subject_start(s, match.start())
    if subject_at is None:
        return None
    subject = s[subject_at : match.start()].strip()
    if not _looks_like_np(subject):
        return None
    return match.end(), _addressee(subject), subject_at


def _modal(s: str) -> tuple[int, str | None, int] | None:
    for match in MODAL.finditer(s, 0, min(len(s), MAX_SUBJECT_CHARS)):
        after = s[match.end() : match.end() + 200]
        verb = re.match(r"\s*(?:,[^,]{2,40},)?\s+(?:not\s+)?(?:(?:also|further|urgently|"
                        r"immediately|promptly|"
                        r"therefore|now|as\s+a\s+(?:first\s+step|matter\s+of\s+urgency)|"
                        r"without\s+delay|in\s+particular|finally|[a-z]{3,}ly),?\s+)*"
                        r"(?P<v>[a-z]+(?:-[a-z]+)?)(?:\s+"
                        r"(?P<p>[a-z]+))?", after)
        if not verb:
            continue
        subject_at = _subject_start(s, match.start())
        if subject_at is None:
            continue
        subject = s[subject_at : match.start()].strip()
        if not _looks_like_np(subject) and subject.lower() != "there":
            continue
        word, nxt = verb.group("v").lower(), (verb.group("p") or "").lower()
        if word in {"be", "been"}:
            if subject.lower() == "there":
                return match.end(), None, subject_at
            if not _participle_action(nxt):
                continue
            return match.end() + verb.start("v"), None, subject_at
        if not _modal_action(word):
            continue
        if subject.lower() == "there" or _bare_plural(subject) or re.search(
            r",\s+but\s+(?!also)", s[match.end() : match.end() + 2000]
        ):
            continue
        return match.end() + verb.start("v"), _addressee(subject), subject_at
    return None


def _bare_plural(subject: str) -> bool:
    """"Candidates", "Detainees in prisons": a bare plural that is not a duty-bearer."""
    words = subject.split()
    head = re.split(r"\s+(?:in|of|at|on|from|for|with|against|under|who|whose|which)\s+",
                    subject)[0].split()
    if not words or not head or words[0].lower() in {"the", "all", "its", "their", "these",
                                                     "those", "each", "every", "our", "any",
                                                     "no", "such", "some"}:
        return False
    last = head[-1]
    if last.lower() in {"children", "people", "women", "men", "girls", "boys"}:
        return True
    return last.endswith("s") and not last[:1].isupper() or (
        len(head) == 1 and last.endswith("s") and not INSTITUTIONS.match(last)
        and last.lower() not in {"states"}
    ) and not INSTITUTIONS.search(last)


def _subject_start(s: str, modal_at: int) -> int | None:
    """Where the subject before a modal starts, after an allowed intro clause; None if none."""
    before = s[:modal_at]
    intro_end = 0
    lead = re.match(
        r"^\W*(?:[^,]{0,80},\s*)?(?:we\s+(?:therefore\s+|also\s+|firmly\s+|strongly\s+)?"
        r"(?:believe|consider|think|are\s+convinced|submit|maintain)\s+(?:that\s+)?|"
        r"in\s+our\s+view,?\s+|in\s+our\s+opinion,?\s+)",
        before,
        re.IGNORECASE,
    )
    if lead:
        intro_end = lead.end()
    elif "," in before:
        intro = before[: before.rfind(",")]
        if BACKGROUND_INTRO.match(intro.strip(" *\"“")) or _reported_before(intro) or re.search(
            r"\b(?:but|and|or|which|who|that)\s*$", before.strip()
        ):
            return None
        if FINITE.search(intro) and not re.match(
            r"^\W*(?:although|though|while|whilst|rather\s+than|instead\s+of|given|in\s+light|"
            r"in\s+view|to\s+\w+|as\s+a|as\s+long|pending|until|in\s+the\s+meantime|finally|"
            r"first|second|third|in\s+addition|moreover|furthermore|at\s+the\s+same\s+time)\b",
            intro, re.IGNORECASE,
        ):
            return None
        intro_end = before.rfind(",") + 1
    if BACKGROUND_INTRO.match(before.strip(" *\"“")) and not lead:
        if not re.match(r"^\W*the\s+(?:law|code|act|constitution|regulation|guidelines|rules)\s+"
                        r"(?:on|of)\b", before.strip(), re.IGNORECASE):
            return None
        if "," in before[:intro_end]:
            return None
    while intro_end < len(before) and before[intro_end] in " *_\"“":
        intro_end += 1
    return intro_end


def _that_clause(s: str, at: int, subject_at: int) -> tuple[int, str | None, int] | None:
    """In "… that ADDRESSEE VERB …", find the verb; the addressee is what comes before it."""
    words = list(re.finditer(r"[A-Za-z][\w'’\-]*", s[at:]))
    for n, word in enumerate(words[:16]):
        w = word.group(0).lower()
        if n == 0:
            continue
        if w in {"should", "must", "shall"}:
            nxt = words[n + 1] if n + 1 < len(words) else None
            addressee = s[at : at + word.start()].strip(" ,")
            if nxt is not None and nxt.group(0).lower() == "be":
                return at + nxt.start(), None, subject_at
            return (at + nxt.start() if nxt else at + word.end()), addressee, subject_at
        past_ok = s[:at].rstrip().lower().endswith(("time that", "to see")) and w.endswith(
            ("ed", "en"))
        if (_is_action_verb(w) and not w.endswith("s")) or (past_ok and _participle_action(w)):
            addressee = re.sub(r"(?:\s+\w{3,}ly)+$", "", s[at : at + word.start()].strip(" ,"))
            if addressee.lower() in {"there"}:
                return None
            return at + word.start(), addressee or None, subject_at
        if w in {"be"}:
            return at + word.start(), None, subject_at
    return None


def _is_action_verb(word: str) -> bool:
    """A base-form verb that can open a recommendation's action."""
    word = word.lower()
    if word in NOT_ACTIONS:
        return False
    return word in REC_VERBS or (len(word) > 5 and word.endswith(("ise", "ize", "ify")))


def _modal_action(word: str) -> bool:
    """After "X should", any base-form verb but those that ask for no action ("should have
    been" is caught before as a counterfactual; "should have the right to" is an ask)."""
    return word not in NOT_ACTIONS and word not in NOT_AFTER_MODAL and not word.endswith(
        ("ed", "ing", "ly")) or _is_action_verb(word)


def _participle_action(word: str) -> bool:
    """"repealed", "given", "brought" … a passive of an action verb."""
    if not word or word in NOT_PARTICIPLES:
        return False
    if word in IRREGULAR:
        return True
    for stem in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ied") else "",
                 word[:-3] if len(word) > 4 and word[-3] == word[-4] else ""):
        if stem and _is_action_verb(stem):
            return True
    return word.endswith(("ed", "en")) and len(word) > 4 and word not in NOT_PARTICIPLES


def _looks_like_np(text: str) -> bool:
    """A short noun phrase: no finite verb outside a relative clause, not too long."""
    text = text.strip(" *_\"“")
    if not text or len(text.split()) > 16:
        return False
    if not SUBJECT_START.match(text):
        return False
    head = RELATIVE.split(text, maxsplit=1)[0]
    if re.search(r"\b(?:stipulates|states|provides|requires|says|shows|notes|indicates|"
                 r"finds|establishes|specifies|prescribes|means|implies|confirms|reports|"
                 r"argues|claims|explains|ensures|guarantees|declares)\s+that\b", text,
                 re.IGNORECASE):
        return False
    if FINITE.search(head) or MODAL.search(head):
        return False
    return not REPORTED.search(head)


def _reported_before(text: str) -> bool:
    return bool(REPORTED.search(text))


def _addressee(subject: str) -> str | None:
    subject = subject.strip(" ,*_\"“")
    if subject.lower() in PRONOUN_OR_DET or subject.lower() == "there":
        return None
    return subject[0].lower() + subject[1:] if subject.lower().startswith("the ") else subject


def _split(masked: str, action_at: int) -> list[tuple[int, int]]:
    """Split the action part of a sentence at "… and to VERB", "… and should VERB" …."""
    end = len(masked.rstrip())
    cuts: list[int] = []
    for match in SPLIT_AND.finditer(masked, action_at):
        at = match.end()
        if at <= action_at + 1 or at >= end:
            continue
        joiner = masked[match.start() : at]
        tail = masked[at : min(end, at + 300)]  # a window: long paragraphs stay linear
        verb = match.group("v")
        if not re.search(r"and|;", joiner) and not joiner.strip().startswith(","):
            continue
        if not re.search(r"\band\b|;", joiner):
            continue
        is_to = re.match(r"(?:to|should|must|shall)\s", tail)
        left = masked[max(cuts[-1] if cuts else action_at, match.start() - 300) : match.start()]
        if len(left.split()) < 2 or len(tail.split()) < 3:
            continue
        verb_next = is_to or (_is_action_verb(verb) or _verb_before_object(tail)) and not \
            verb.endswith("s")
        that_next = re.match(r"that\s", tail) and re.search(r"\bthat\b", left)
        clause_next = re.match(
            r"(?:[\w'’\-]+\s+){0,10}(?:should|must|shall)\s+(?:be\s+)?\w+", tail
        ) and not re.search(r"\b(?:that|which|who)\b", tail.split(" should ")[0])
        if verb_next or that_next or clause_next:
            cuts.append(at)
    for match in ORDINAL_NEXT.finditer(masked, action_at):
        if match.end() < end and len(masked[match.end():end].split()) >= 3:
            cuts.append(match.end())  # "…; second, that it …; third, that it …"
    cuts.sort()
    bounds = [action_at, *cuts]
    spans = []
    for n, a in enumerate(bounds):
        b = bounds[n + 1] if n + 1 < len(bounds) else end
        piece_end = b
        while piece_end > a and masked[piece_end - 1] in " ,;":
            piece_end -= 1
        if masked[a:piece_end].rstrip().endswith(" and"):
            piece_end = a + masked[a:piece_end].rstrip().rfind(" and")
        spans.append((a, piece_end))
    return spans


def _verb_before_object(tail: str) -> bool:
    """"designate a mechanism …": a bare word, then a determiner, reads as verb + object."""
    match = re.match(r"([a-z]+)\s+(?:a|an|the|its|their|all|any|every|this|these|those|"
                     r"adequate|sufficient|specific|clear)\s", tail)
    return bool(match) and not match.group(1).endswith(("ly", "ing", "ed", "s")) and \
        match.group(1) not in NOT_AFTER_MODAL


def _action_text(piece: str, addressee: str | None) -> str:
    """What to check: "adopt …" after "urge X to", "X should …" for a modal ask."""
    piece = re.sub(r"^(?:to|and)\s+", "", piece.strip())
    piece = piece.rstrip(" ;,")
    if re.match(r"(?:should|must|shall)\b", piece) and addressee:
        return f"{addressee[0].upper()}{addressee[1:]} {piece}"
    return piece[0].upper() + piece[1:] if piece else piece
