"""Sentence encoders compared: MiniLM on torch, the same MiniLM as ONNX, a static model2vec model.

    python bench/compare_encoders.py [--static-dir DIR]

Speed and memory are measured in a fresh process per option (one after the other, so the
figures of one run compare); quality against today's encoder (sentence-transformers + torch)
on real recommendations: top-5 neighbours of 500 queries (sessions 13-16) among 2,000 older
texts, near-duplicate pairs of a 2,000-text batch, and issue tags on all of sessions 13-16.
The static model is distilled here from the installed MiniLM (model2vec, 256 dimensions;
model2vec and its distiller's skeletoken are installed with `pip install --no-deps model2vec
skeletoken`: the `model2vec[distill]` extra would pull a CUDA build of torch).
Writes its section of docs/evaluation-issues.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from run import write_section  # noqa: E402

OUT = ROOT / "docs" / "evaluation-issues.md"
DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"

SPEED = r"""
import json, re, statistics, sys, time
sys.path.insert(0, {root!r})
option, threads, static_dir = {option!r}, {threads}, {static_dir!r}
texts = json.loads(open({texts_path!r}, encoding="utf-8").read())
t = time.perf_counter()
if option == "torch":
    import torch
    from sentence_transformers import SentenceTransformer
    from smartcheck.models.embeddings import _offline, model_path
    _offline()
    torch.set_num_threads(threads)
    model = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)
    model.max_seq_length = 128
    encode = lambda xs: model.encode(xs, batch_size=32, normalize_embeddings=True)
elif option == "onnx":
    from smartcheck.models.onnx_encoder import OnnxEncoder
    model = OnnxEncoder(threads=threads)
    encode = model.encode
else:
    from model2vec import StaticModel
    model = StaticModel.from_pretrained(static_dir)
    encode = lambda xs: model.encode(xs)
load = time.perf_counter() - t
encode(texts[:64])
t = time.perf_counter()
encode(texts)
rate = len(texts) / (time.perf_counter() - t)
single = []
for x in texts[:200]:
    t = time.perf_counter()
    encode([x + " "])
    single.append((time.perf_counter() - t) * 1000)
hwm = re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)
print(load, rate, statistics.median(single), int(hwm) / 1024, int("torch" in sys.modules))
"""


def real_texts(n: int, sessions: tuple[int, int], seed: int) -> list[str]:
    """n distinct real recommendations of these sessions (fixed seed)."""
    with DATA.open(encoding="utf-8") as handle:
        texts = sorted({r["Text"] for r in csv.DictReader(handle)
                        if sessions[0] <= int(r["Session"]) <= sessions[1] and r["Text"].strip()})
    random.Random(seed).shuffle(texts)
    return texts[:n]


def speed(option: str, threads: int, texts: list[str], static_dir: str) -> list[float]:
    """(load s, texts/s, p50 ms of one text, peak RSS MB, torch imported) in a fresh process."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(texts, handle)
        handle.flush()
        code = SPEED.format(root=str(ROOT), option=option, threads=threads,
                            static_dir=static_dir, texts_path=handle.name)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
    return [float(x) for x in out]


def distil(target: Path) -> Path:
    """A static model2vec model distilled from the installed MiniLM (256 dims, PCA)."""
    if (target / "config.json").exists():
        return target
    from model2vec.distill import distill

    from smartcheck.models.embeddings import _offline, model_path

    _offline()
    distill(model_name=str(model_path()), pca_dims=256).save_pretrained(str(target))
    return target


def overlap_top5(ref: np.ndarray, new: np.ndarray, n_queries: int) -> float:
    """Mean share of the reference top-5 neighbours that the new vectors also find."""
    def top5(q: np.ndarray, matrix: np.ndarray) -> np.ndarray:
        return np.argsort(-(q @ matrix.T), axis=1, kind="stable")[:, :5]

    a = top5(ref[:n_queries], ref[n_queries:])
    b = top5(new[:n_queries], new[n_queries:])
    return float(np.mean([len(set(x) & set(y)) / 5 for x, y in zip(a, b, strict=True)]))


def duplicate_agreement(ref: np.ndarray, new: np.ndarray) -> tuple[float, int, int]:
    """Jaccard of the near-duplicate pair sets (each at the calibrated threshold, 0.91)."""
    from smartcheck.corpus.duplicates import near_duplicates

    a = {(p.i, p.j) for p in near_duplicates(ref)}
    b = {(p.i, p.j) for p in near_duplicates(new)}
    return (len(a & b) / len(a | b) if a | b else 1.0), len(a), len(b)


def issue_f1(vectors_of) -> tuple[tuple[float, float], tuple[float, float]]:
    """(full head with these vectors, word-based head) micro/macro-F1 on all of sessions 13-16."""
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    from smartcheck.models.issue_model import IssueModel

    with DATA.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["Session"]) >= 13 and r["Text"].strip()]
    model = IssueModel.load()
    texts = [r["Text"] for r in rows]
    gold = MultiLabelBinarizer(classes=model.labels).fit_transform(
        [[s.strip() for s in r["Issue"].split(",") if s.strip()] for r in rows])

    def f1(on: np.ndarray) -> tuple[float, float]:
        return (round(float(f1_score(gold, on, average="micro", zero_division=0)), 4),
                round(float(f1_score(gold, on, average="macro", zero_division=0)), 4))

    return f1(model.scores(texts, vectors_of(texts))[1]), f1(model.scores(texts)[1])


def main(argv: list[str] | None = None) -> int:
    """Measure every option and write the comparison table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--static-dir", default="/tmp/smartcheck-model2vec-minilm-256")
    parser.add_argument("--skip-tags", action="store_true", help="skip the 8,905-row tag run")
    args = parser.parse_args(argv)
    from sentence_transformers import SentenceTransformer

    from smartcheck.models.build import build
    from smartcheck.models.embeddings import _offline, model_path
    from smartcheck.models.onnx_encoder import OnnxEncoder

    build()
    static_dir = str(distil(Path(args.static_dir)))
    from model2vec import StaticModel

    bench_texts = real_texts(1000, (13, 16), seed=21)
    speeds = {}
    for option in ("torch", "onnx", "static"):
        for threads in ((1, 2) if option == "onnx" else (1,)):
            speeds[option, threads] = speed(option, threads, bench_texts, static_dir)
            print(option, threads, speeds[option, threads], flush=True)

    _offline()
    texts = real_texts(500, (13, 16), seed=1) + real_texts(2000, (1, 12), seed=2)
    reference = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)
    reference.max_seq_length = 128
    ref = reference.encode(texts, batch_size=64, normalize_embeddings=True)
    onnx = OnnxEncoder(threads=2)
    static = StaticModel.from_pretrained(static_dir)
    vectors = {"torch": ref, "onnx": onnx.encode(texts),
               "static": np.asarray(static.encode(texts, normalize=True), dtype=np.float32)}
    cosine = float(np.min(np.sum(vectors["onnx"] * ref, axis=1)))
    quality = {}
    for option, vecs in vectors.items():
        quality[option] = {"top5": overlap_top5(ref, vecs, 500),
                           "dups": duplicate_agreement(ref[:2000], vecs[:2000])}
        print(option, quality[option], flush=True)
    tags = None if args.skip_tags else issue_f1(onnx.encode)
    print("tags", tags, flush=True)

    names = {"torch": "MiniLM, sentence-transformers + torch (before)",
             "onnx": "same MiniLM as ONNX, onnxruntime fp32 (**shipped**)",
             "static": "model2vec static, distilled from the local MiniLM (256 dims)"}
    lines = []
    for option in ("torch", "onnx", "static"):
        one = speeds[option, 1]
        two = speeds.get((option, 2))
        rate = f"{one[1]:,.0f}" + (f" / {two[1]:,.0f}" if two else "")
        dups = quality[option]["dups"]
        if option == "static":
            tag = "n/a: the full head is trained on MiniLM vectors"
        elif option == "torch":
            tag = "0.902 / 0.849 (artefact provenance)"
        elif tags is None:
            tag = "not run"
        else:
            tag = f"{tags[0][0]:.3f} / {tags[0][1]:.3f}"
        lines.append(f"| {names[option]} | {rate} | {one[2]:.1f} ms | {one[0]:.1f} s | "
                     f"{one[3]:.0f} MB | {'yes' if one[4] else 'no'} | "
                     f"{quality[option]['top5']:.3f} | {dups[0]:.3f} ({dups[2]} vs {dups[1]}) | "
                     f"{tag} |")
    lexical = "" if tags is None else (
        f" The word-based head alone (no vectors; `batch_tags='words'`): "
        f"{tags[1][0]:.3f} / {tags[1][1]:.3f}.")
    section = (
        f"## Sentence encoders compared (issue 14; {date.today()}, one run, load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n\n"
        "| option | texts/s (1 thread; 2 for ONNX), 1,000 texts | p50 one text | load | peak RSS "
        "(encoder alone) | torch | top-5 neighbours as MiniLM (500 queries) | near-duplicate "
        "pairs agree (Jaccard; pairs new vs MiniLM) | issue tags micro / macro-F1, full head, "
        "sessions 13–16 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        + "\n".join(lines) + "\n\n"
        f"Smallest cosine between the ONNX and the torch vector of the same text: {cosine:.6f}."
        f"{lexical} Gates (issue 14): tags ≥ 0.897 / 0.844, top-5 overlap ≥ 0.7, "
        "near-duplicates agree ≥ 0.9. Shipped: the ONNX export for every vector (live checks, "
        "similar recommendations, near-duplicates, corpus import); batches of 64 or more texts "
        "encode only the third whose tags a vector may change, because MiniLM costs more CPU "
        "per text than spaCy and the rules together (section \"Issue tags of a batch\"); the "
        "static model is ~100× faster but finds other neighbours."
        "\nCommand: `python bench/compare_encoders.py`.")
    write_section(section, "encoders-compared", OUT)
    print(section)
    (Path("/tmp") / "smartcheck-encoders.json").write_text(json.dumps(
        {"speeds": {f"{k[0]}-{k[1]}": v for k, v in speeds.items()}, "quality": quality,
         "tags": tags, "cosine_min": cosine, "at": time.time()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
