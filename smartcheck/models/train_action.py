"""Train the action-category model on sessions 1-12 and score it on sessions 13-16."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from smartcheck.models.action_model import (
    DATA_DIR,
    FEATURE_VERSION,
    SPACY_MODEL,
    VERB_LEXICON,
    ActionModel,
    extract,
    get_nlp,
    read_rows,
    scores,
    vectorize,
)

TRAIN_SESSIONS = range(1, 13)
TEST_SESSIONS = range(13, 17)
# Inner split of the training sessions, used only to fit the probability temperature and tune.
INNER_TRAIN, INNER_DEV = range(1, 11), range(11, 13)
DEFAULTS: dict[str, Any] = {
    "classifier": "linear_svc",
    "C": 0.5,
    "block_weights": {"open": 0.7, "parse": 0.6, "char": 0.6, "word": 1.0},
    "min_df": {"open": 2, "parse": 3, "char": 8, "word": 4},
    "class_weight": None,
}
BINARY_BLOCKS = ("open", "parse")


def build_vocab(raws: Sequence[dict], min_df: dict[str, int]) -> tuple[list[str], np.ndarray]:
    """Vocabulary (features seen in >= min_df training docs) and idf (1 for binary blocks)."""
    df: dict[str, Counter] = {b: Counter() for b in min_df}
    for raw in raws:
        for block, feats in raw.items():
            df[block].update(feats.keys())
    vocab, idf = [], []
    n = len(raws)
    for block in min_df:
        for f, c in sorted(df[block].items()):
            if c >= min_df[block]:
                vocab.append(f)
                idf.append(1.0 if block in BINARY_BLOCKS else math.log((1 + n) / (1 + c)) + 1)
    return vocab, np.asarray(idf, dtype=np.float32)


def matrix(raws: Sequence[dict], index: dict[str, int], idf: np.ndarray, bw: dict) -> Any:
    """CSR matrix of the vectorised features (same code path as prediction)."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for raw in raws:
        i, v = vectorize(raw, index, idf, bw)
        indices.extend(i)
        data.extend(v)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(raws), len(index)), dtype=np.float32)


def fit(raws: Sequence[dict], y: Sequence[int], params: dict[str, Any]) -> ActionModel:
    """Fit a linear classifier (LinearSVC or logistic regression) over the raw features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    vocab, idf = build_vocab(raws, params["min_df"])
    index = {f: i for i, f in enumerate(vocab)}
    X = matrix(raws, index, idf, params["block_weights"])
    if params["classifier"] == "linear_svc":
        clf = LinearSVC(C=params["C"], class_weight=params["class_weight"], random_state=0)
    else:
        clf = LogisticRegression(C=params["C"], max_iter=3000, class_weight=params["class_weight"])
    clf.fit(X, list(y))
    meta = {
        "feature_version": FEATURE_VERSION,
        "classes": [int(c) for c in clf.classes_],
        "block_weights": params["block_weights"],
        "vocab": vocab,
        "temperature": 1.0,
    }
    # float16 is what the artefact stores: keep train-time scores identical to the shipped model
    return ActionModel(meta, clf.coef_.T.astype(np.float16), clf.intercept_, idf.astype(np.float16))


def fit_temperature(model: ActionModel, docs: Sequence[Any], y: Sequence[int]) -> float:
    """Temperature minimising the log-loss on held-out docs: softmax(scores / T) then gives
    calibrated confidences for either classifier."""
    logits = np.vstack([model._scores(d)[0] for d in docs])
    cols = [model.classes.index(c) for c in y]
    best, best_t = math.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.05), np.log(5.0), 93)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float(np.mean(logp[np.arange(len(cols)), cols]))
        if loss < best:
            best, best_t = loss, float(t)
    return round(best_t, 3)


def _parse(rows: Sequence[dict]) -> list[Any]:
    return list(get_nlp().pipe((r["Text"] for r in rows), batch_size=256))


def _split(rows, docs, sessions):
    keep = set(sessions)
    sel = [i for i, r in enumerate(rows) if int(r["Session"]) in keep]
    return [docs[i] for i in sel], [int(rows[i]["Action"]) for i in sel]


def train(
    csv_path: str | Path,
    out_dir: str | Path = DATA_DIR,
    params: dict[str, Any] | None = None,
    docs: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """Train on sessions 1-12, evaluate on 13-16, write action_model.* to out_dir; return scores."""
    params = {**DEFAULTS, **(params or {})}
    started = time.time()
    rows = read_rows(csv_path)
    docs = list(docs) if docs is not None else _parse(rows)
    raws = [extract(d) for d in docs]

    # inner split: fit the temperature (and report a dev figure) without touching 13-16
    tr_d, tr_y = _split(rows, list(range(len(rows))), INNER_TRAIN)
    dev_d, dev_y = _split(rows, list(range(len(rows))), INNER_DEV)
    inner = fit([raws[i] for i in tr_d], tr_y, params)
    temperature = fit_temperature(inner, [docs[i] for i in dev_d], dev_y)
    dev = scores(dev_y, [p[0] for p in inner.predict([docs[i] for i in dev_d])])

    tr_i, tr_y = _split(rows, list(range(len(rows))), TRAIN_SESSIONS)
    te_i, te_y = _split(rows, list(range(len(rows))), TEST_SESSIONS)
    model = fit([raws[i] for i in tr_i], tr_y, params)
    model.meta["temperature"] = temperature
    model.meta["lexicon"] = {str(c): list(v) for c, v in VERB_LEXICON.items()}
    out = Path(out_dir)
    path = out / "action_model.json"
    model.save(path)
    model = ActionModel.load(path)  # score exactly what ships
    t0 = time.time()
    preds = model.predict([docs[i] for i in te_i])
    per_doc_ms = 1000 * (time.time() - t0) / max(1, len(te_i))
    test = scores(te_y, [p[0] for p in preds])

    metrics = {
        "heldout_sessions_13_16": test,
        "inner_dev_sessions_11_12": {k: dev[k] for k in ("accuracy", "macro_f1")},
        "n_train": len(tr_i),
        "n_features": len(model.vocab),
        "temperature": temperature,
        "predict_ms_per_parsed_doc": round(per_doc_ms, 3),
        "artefact_bytes": path.stat().st_size + path.with_suffix(".npz").stat().st_size,
    }
    provenance = {
        "artefact": ["action_model.json", "action_model.npz"],
        "data_file": Path(csv_path).name,
        "data_sha256": hashlib.sha256(Path(csv_path).read_bytes()).hexdigest(),
        "train_sessions": [TRAIN_SESSIONS.start, TRAIN_SESSIONS.stop - 1],
        "test_sessions": [TEST_SESSIONS.start, TEST_SESSIONS.stop - 1],
        "spacy_model": SPACY_MODEL,
        "params": params,
        "date": dt.date.today().isoformat(),
        "command": "python -m smartcheck.models.train_action --data "
        "../shared/data/upr-info-recommendations-sessions-01-16.csv",
        "train_seconds": round(time.time() - started, 1),
        "accuracy": round(test["accuracy"], 4),
        "macro_f1": round(test["macro_f1"], 4),
        "per_class_f1": {str(c): round(v["f1"], 4) for c, v in test["per_class"].items()},
        "confusion_matrix": test["confusion"],
        **{k: v for k, v in metrics.items() if k != "heldout_sessions_13_16"},
    }
    (out / "action_model.provenance.json").write_text(
        json.dumps(provenance, indent=1) + "\n", encoding="utf-8"
    )
    return metrics


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rebuild the shipped artefact and print the held-out scores."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True, help="UPR Info export CSV (sessions 1-16)")
    ap.add_argument("--out", default=str(DATA_DIR), help="output directory")
    ap.add_argument("--C", type=float, default=DEFAULTS["C"], help="inverse regularisation")
    ap.add_argument(
        "--classifier", choices=("linear_svc", "logreg"), default=DEFAULTS["classifier"]
    )
    a = ap.parse_args(argv)
    m = train(a.data, a.out, {"C": a.C, "classifier": a.classifier})
    t = m["heldout_sessions_13_16"]
    print(f"held-out sessions 13-16: accuracy {t['accuracy']:.4f}  macro-F1 {t['macro_f1']:.4f}")
    for c, v in t["per_class"].items():
        print(
            f"  {c}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} n={v['support']}"
        )
    print("confusion (rows true 1-5, cols predicted 1-5):")
    for row in t["confusion"]["matrix"]:
        print("  " + " ".join(f"{x:5d}" for x in row))
    print(f"artefact {m['artefact_bytes'] / 1e6:.2f} MB, {m['n_features']} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
