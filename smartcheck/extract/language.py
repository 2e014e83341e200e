"""Small text tests the finders share: list labels, imperative openings, State attributions."""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The set of white-space separated words of `text` (for word lists written as prose)."""
    return frozenset(text.split())


_words = words


# Verbs that open UPR recommendations (UPR Info's action categories and common drafting).
REC_VERBS = _words(
    """
    abolish accede accelerate accept address adopt adhere align allocate allow amend apply
    approve appoint assess assist bring build carry cease clarify collect combat commit
    complete comply conduct consider consolidate continue cooperate coordinate create
    criminalise criminalize decriminalise decriminalize define deliver design develop devote
    disaggregate dismantle eliminate embark enable enact encourage end endeavour enforce engage
    enhance ensure establish evaluate examine expand expedite explore extend facilitate finalise
    finalize fight fulfil fulfill fund give guarantee harmonise harmonize identify implement
    improve include incorporate increase initiate integrate intensify introduce invest
    investigate invite issue keep launch legislate lift maintain make monitor move
    operationalise operationalize persevere pass pay permit persist place prevent prioritise
    prioritize proceed prohibit promote protect provide publish punish pursue raise ratify
    reconsider redouble reduce refrain reform regularise regularize reinforce release remove
    repeal replace report respect respond restore review revise safeguard scale secure seek set
    share sign speed step stop strengthen submit support take train undertake uphold upgrade
    use withdraw work broaden concentrate deepen expand mainstream recognize recognise
    reintroduce lower adjust align amplify audit budget compensate consult halt introduce
    """
    # Base-form verbs that open recommendations in the UPR Info corpus (sessions 1-16),
    # tagged VB by spaCy at least half the time and seen at least twice; words that also
    # open headings or background as nouns ("Act", "Order", "Record", "Draft") left out.
    """
    put become follow study elaborate conclude formulate envisage impose involve commute
    disseminate remain hold declare agree accomplish prosecute renew prepare eradicate revoke
    draw abrogate adapt find join inform meet strive reach acknowledge begin condemn confirm
    resolve advance denounce contribute sustain achieve endorse ease demonstrate tackle
    circulate collaborate bolster treat spare avoid reflect suspend rescind update reinstate
    reject alleviate promulgate participate translate abandon remedy reiterate lobby educate
    subscribe streamline resume restrict regulate empower transform conform discontinue
    transfer solve preserve deploy elevate overcome seize avail execute honour transmit attain
    outlaw communicate oversee widen accredit activate observe analyze analyse associate
    render compile suppress revisit push curb determine defend renounce employ distribute
    rehabilitate reverse announce convert start call require reopen ring-fence process
    see
    """
)
# Words that are verbs at the start of a recommendation but nouns in a data table or title.
NOUN_AFTER = {
    "increase": {"in", "of", "from"},
    "support": {"for", "to", "from", "of"},
    "review": {"of"},
    "report": {"of", "on", "by"},
    "end": {"of"},
    "use": {"of"},
    "work": {"of", "on", "with", "in"},
    "release": {"of"},
    "step": {"by"},
    "issue": {"of"},
    "set": {"of"},
    "budget": {"of", "for", "in"},
    "training": {"of"},
}
LEADING_ADVERBS = _words(
    "further also immediately urgently swiftly promptly fully effectively explicitly expressly "
    "formally publicly systematically progressively duly actively seriously rapidly "
    "continuously periodically then please"
)
SHOULD_SUBJECT = re.compile(
    r"^(?:that\s+)?(?:the\s+)?(?:government|state|authorities|parliament|ministry|"
    r"national assembly|[A-Z][\w-]+)(?:\s+of\s+[A-Z][\w\s-]{0,40}?)?\s+(?:should|must|shall)\b",
    re.IGNORECASE,
)

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
COUNT_WORD = re.compile(r"\S*[^\W_]\S*")

LABEL = re.compile(
    r"""^\s*(?:
        (?P<bullet>[•◦▪▫‣∙●○■□➢►✓\uf0a7\uf0b7\uf076\uf0d8\uf0fc])\s*
      | (?P<dash>[–—*+·]|-(?!-)|o)\s+
      | (?P<paren>\((?:\d{1,3}|[a-z]{1,2}|[A-Z]|[ivxlc]{1,5})\))\s*
      | (?P<dotted>\d{1,3}(?:\.\d{1,3})+)\.?(?=\s)\s*
      | (?P<num>\d{1,3})[.)](?=\s)\s*
      | (?P<letter>[a-z]{1,2}|[A-Z])[.)](?=\s)\s*
      | (?P<roman>[ivxlc]{1,5}|[IVXLC]{1,5})[.)](?=\s)\s*
    )""",
    re.VERBOSE,
)

# A trailing "(Austria, Brazil);" or "(Venezuela (Bolivarian Republic of))." attribution.
ATTRIBUTION = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)\s*[;.,]?\s*(?:and|or)?\s*$")
NOT_STATE_WORDS = _words(
    "convention protocol covenant act law code article articles committee council principles "
    "plan strategy programme program rapporteur report resolution recommendation "
    "recommendations para paragraph see above below annex section chapter cedaw crc icerd "
    "icescr iccpr cat opcat crpd icrmw ilo sdg sdgs upr e.g i.e etc"
)
STATE_SMALL_WORDS = frozenset({"of", "and", "the", "former", "d’", "d'"})


def split_label(text: str) -> tuple[str | None, str]:
    """Split a leading list label ("12.", "(b)", "115.3", "•") off `text`; "•" for bullets."""
    match = LABEL.match(text)
    if not match:
        return None, text.strip()
    rest = text[match.end() :].strip()
    if not rest:
        return None, text.strip()
    if match.group("bullet") or match.group("dash"):
        return "•", rest
    for group in ("paren", "dotted", "num", "letter", "roman"):
        value = match.group(group)
        if value:
            if group == "letter" and value.isupper() and len(rest.split()) <= 6:
                # "A. Background" is a section heading, not a list item
                return None, text.strip()
            raw = match.group(0).strip()
            return (raw if raw.endswith(")") and group != "dotted" else value), rest
    return None, text.strip()


def should_subject(text: str) -> bool:
    """True if `text` opens "The Government should …" (a subject and a modal, no verb first)."""
    return bool(SHOULD_SUBJECT.match(text.strip().lstrip("\"'“‘")))


def imperative_start(text: str) -> bool:
    """True if `text` opens like a recommendation: an action verb or "X should"."""
    stripped = text.strip().lstrip("\"'“‘")
    if stripped.rstrip("\"'”’) ").endswith("?"):
        return False  # a question ("Why should victims trust …?") asks nothing of anyone
    if SHOULD_SUBJECT.match(stripped):
        return True
    topic, colon, rest = stripped.partition(":")
    if colon and rest.strip() and len(topic.split()) <= 6 and imperative_start(rest):
        return True  # "Legal aid: ensure that …"
    words = [w.lower().strip("'’") for w in WORD.findall(stripped[:200])[:6]]
    while words and words[0] in LEADING_ADVERBS:
        words = words[1:]
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first in NOUN_AFTER and second in NOUN_AFTER[first]:
        return False
    if first in REC_VERBS:
        return True
    return (
        len(first) > 5
        and first.endswith(("ize", "ise", "ify"))
        and first
        not in {
            "otherwise",
            "expertise",
            "enterprise",
            "premise",
            "franchise",
        }
    )


def split_attribution(text: str) -> tuple[str, list[str]]:
    """Remove a trailing "(State, State);" attribution; return (text, states) or (text, [])."""
    match = ATTRIBUTION.search(text)
    if not match:
        return text, []
    states = split_states(match.group(1))
    if not states or not all(_state_like(s) for s in states):
        return text, []
    return text[: match.start()].rstrip(" ;,"), states


def split_states(inner: str) -> list[str]:
    """Split "Senegal, Venezuela (Bolivarian Republic of),Peru" on commas outside brackets."""
    parts, depth, current = [], 0, []
    for ch in inner:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [" ".join(p.split()) for p in parts if p.strip()]


def _state_like(name: str) -> bool:
    if any(ch.isdigit() for ch in name) or len(name) > 60:
        return False
    words = [re.sub(r"^d['’]", "", w) for w in NAME_WORD.findall(name)]
    if not words or (not name[0].isupper() and not name.startswith("the ")):
        return False
    for word in words:
        if len(word) > 1 and word.isupper():
            return False  # an acronym such as (CEDAW), not a State
        if word and word[0].islower() and word not in STATE_SMALL_WORDS:
            return False  # "(Decent Work for Domestic Workers)"
    return not any(w.lower() in NOT_STATE_WORDS for w in words)


def clean_item(text: str) -> str:
    """Strip list punctuation a lead-in leaves behind: trailing ";", "; and", ", or"."""
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"(?:[;,]\s*)?\b(?:and|or)\s*$", "", text).rstrip()
        text = text.rstrip(";,").rstrip()
    return text


def count_words(text: str) -> int:
    """Count words the way a word processor does: runs of non-space containing a letter/digit."""
    return len(COUNT_WORD.findall(text))


def normalise(text: str) -> str:
    """Collapse white space (including non-breaking spaces) to single spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())
