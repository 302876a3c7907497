"""Loading a model and scoring texts with it."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sentiment.calibration import read_bias, with_bias
from sentiment.model_files import LABELS, ONNX_FILE, ONNX_INT8_FILE, default_model_dir

# Parallel single-threaded int8 sessions: each holds its own weights, so cap them.
MAX_WORKERS = 4
BACKENDS = ("auto", "onnx", "onnx-int8", "torch")


class ModelNotFound(Exception):
    pass


@dataclass(frozen=True)
class Verdict:
    label: str  # negative | neutral | positive | unscored
    score: float  # probability of the label
    polarity: float  # P(positive) - P(negative)


UNSCORED = Verdict("unscored", 0.0, 0.0)


def label_map(id2label: dict[int, str]) -> list[str]:
    """Each model class → one of LABELS, from the model's own label names.

    Understands negative/neutral/positive spellings (neg, NEGATIVE, LABEL_0 with
    three classes), two-class models and 1–5 star models."""
    names = [str(id2label[i]).lower() for i in sorted(id2label)]
    out = []
    for i, name in enumerate(names):
        if "neg" in name:
            out.append("negative")
        elif "pos" in name:
            out.append("positive")
        elif "neu" in name:
            out.append("neutral")
        elif name[:1].isdigit() and "star" in name:
            stars = int(name[0])
            out.append("negative" if stars <= 2 else "neutral" if stars == 3 else "positive")
        elif name.startswith("label_") and len(names) in (2, 3):
            out.append(("negative", "positive")[i] if len(names) == 2 else LABELS[i])
        else:
            raise ValueError(f"cannot map the model's label {id2label[i]!r} onto negative/neutral/positive")
    return out


def detect_language(text: str) -> str | None:
    """The text's language as the collect stage stores it (py3langid), None for a few characters."""
    import py3langid

    return py3langid.classify(text)[0] if len(re.findall(r"\w", text)) >= 3 else None


def resolve_model(spec: str, build: bool = True, progress: Callable[[str], None] = print) -> str:
    """'default' → the model in default_model_dir(), built there first if it is
    missing or was built from an earlier artifact (and `build`); a path → itself; anything else → a hub id."""
    if spec == "default":
        from sentiment.artifact import ArtifactError, build_default_model, is_stale
        from sentiment.e5 import PackedModelError

        path = default_model_dir()
        missing = not (path / "config.json").exists()
        if missing or is_stale(path):
            if not build:
                raise ModelNotFound(f"no default sentiment model at {path}; run `molva model build`")
            why = "once, about a minute" if missing else "the shipped model has changed; about a minute"
            progress(f"building the default sentiment model into {path} ({why})")
            try:
                build_default_model(path, progress=lambda msg: progress("  " + msg))
            except (ArtifactError, PackedModelError) as exc:
                raise ModelNotFound(f"cannot build the default sentiment model: {exc}") from None
        return str(path)
    path = Path(spec).expanduser()
    if path.exists():
        if not (path / "config.json").exists():
            raise ModelNotFound(f"{path} holds no transformers model (no config.json)")
        return str(path)
    return spec  # a hub id; transformers fetches it when the hub is reachable


class Scorer:
    """A loaded model. `Scorer(ref).score(texts)` → one Verdict per text.

    backend: "onnx-int8" runs the int8 ONNX copy next to the weights (made by
    `molva model build`), "onnx" its fused fp32 copy, "torch" the transformers
    model, "auto" the first of these the model folder has.

    The ONNX backends run each text alone (no padding; an int8 model's
    activation scales then come from that text only, so a verdict never
    depends on its batch neighbours), int8 on up to MAX_WORKERS parallel
    sessions; torch runs length-sorted batches of `batch_size`.

    Long texts keep their first three quarters and last quarter of
    `max_tokens` tokens ("head + tail" truncation): a complaint is usually
    stated at the start of a post and judged at its end, and one pass per
    mention keeps the weekly run's cost bounded."""

    def __init__(self, ref: str, max_tokens: int = 256, batch_size: int = 32, threads: int = 0, backend: str = "auto"):
        from transformers import AutoConfig, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(ref)
            self.config = AutoConfig.from_pretrained(ref)
        except (OSError, ValueError) as exc:
            raise ModelNotFound(f"cannot load sentiment model {ref!r}: {exc}") from None
        self.labels = label_map(self.config.id2label)
        try:
            self.class_bias = read_bias(self.config)
        except ValueError as exc:
            raise ModelNotFound(f"sentiment model {ref!r}: {exc}") from None
        # E5-style models expect a task prefix; the model's config says which.
        self.prefix = getattr(self.config, "molva_text_prefix", "") or ""
        limit = getattr(self.config, "max_position_embeddings", max_tokens) or max_tokens
        self.max_tokens = max(8, min(max_tokens, limit))
        self.batch_size = batch_size
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        if backend not in BACKENDS:
            raise ValueError(f"unknown sentiment backend {backend!r} ({', '.join(BACKENDS)})")
        files = {"onnx": Path(ref) / ONNX_FILE, "onnx-int8": Path(ref) / ONNX_INT8_FILE}
        if backend in files and not files[backend].exists():
            raise ModelNotFound(f"{ref} has no {files[backend].name}; run `molva model build` or use backend torch")
        if backend == "auto":
            found = [name for name in ("onnx-int8", "onnx") if files[name].exists()]
            backend = found[0] if found and _has_onnxruntime() else "torch"
        self.backend = backend
        self.per_text = backend in files  # ONNX runs each text alone
        if backend in files:
            from sentiment.onnx import OnnxLogits

            # fp32 is bound by memory bandwidth: parallel sessions gained ~5% there, at twice the memory.
            workers = min(MAX_WORKERS, threads or os.cpu_count() or 1) if backend == "onnx-int8" else 1
            self._logits = OnnxLogits(files[backend], threads, workers)
        else:
            self._logits = _TorchLogits(ref, threads)
        self.model_id = self._model_id(ref)

    def _model_id(self, ref: str) -> str:
        """Name plus a short fingerprint of the weights, so a rebuilt model is a new model."""
        path = Path(ref)
        if not path.exists():
            return ref
        digest = hashlib.sha256()
        for name in sorted(os.listdir(path)):
            if name.endswith((".safetensors", ".bin", ".json")) and (path / name).is_file():
                with open(path / name, "rb") as fh:
                    digest.update(fh.read(1 << 20))
        name = getattr(self.config, "molva_model_name", None) or path.name
        return f"{name}@{digest.hexdigest()[:12]}"

    def score(self, texts: list[str], langs: list[str | None] | None = None) -> list[Verdict]:
        """One verdict per text. `langs`: each text's language (ISO 639-1), for the
        model's class offsets by language; detected from the texts where not given
        and the model has any."""
        if self.class_bias and langs is None:
            langs = [detect_language(t) for t in texts]
        out: list[Verdict | None] = [None] * len(texts)
        todo = [(i, t.strip()) for i, t in enumerate(texts)]
        for i, t in todo:
            if not any(ch.isalnum() for ch in t):
                out[i] = UNSCORED
        todo = [(i, t) for i, t in todo if out[i] is None]
        # Sorting by length puts texts of similar length in one batch: less padding.
        todo.sort(key=lambda it: len(it[1]))
        # ONNX runs texts one by one; bigger chunks keep its parallel sessions busy.
        step = max(self.batch_size, 256) if self.per_text else self.batch_size
        for start in range(0, len(todo), step):
            chunk = todo[start : start + step]
            probs = self.probabilities([t for _, t in chunk])
            for (i, _), row in zip(chunk, probs):
                bias = self.class_bias.get(langs[i]) if langs and langs[i] else None
                out[i] = self._verdict(with_bias(row, self.labels, bias) if bias else row)
        return out  # type: ignore[return-value]

    def _run(self, texts: list[str]):
        if self.per_text:
            return self._logits.each([self.encode([t]) for t in texts])
        return self._logits(*self.encode(texts))

    def encode(self, texts: list[str]):
        """Token ids and attention mask (numpy int64), head + tail truncated."""
        import numpy as np

        # Characters beyond what max_tokens could hold are cut before tokenizing,
        # so a 1 MB post costs no more than a long one.
        room = self.max_tokens * 16
        texts = [t if len(t) <= 2 * room else t[:room] + " … " + t[-room:] for t in texts]
        rows = self.tokenizer([self.prefix + t for t in texts], truncation=False)["input_ids"]
        head = self.max_tokens * 3 // 4
        tail = self.max_tokens - head
        rows = [r if len(r) <= self.max_tokens else r[:head] + r[-tail:] for r in rows]
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for n, r in enumerate(rows):
            ids[n, : len(r)] = r
            mask[n, : len(r)] = 1
        return ids, mask

    def probabilities(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        logits = np.asarray(self._run(texts), dtype=np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return (exp / exp.sum(axis=1, keepdims=True)).tolist()

    def _verdict(self, row: list[float]) -> Verdict:
        summed = dict.fromkeys(LABELS, 0.0)
        for p, label in zip(row, self.labels):
            summed[label] += p
        label = max(summed, key=summed.get)
        return Verdict(label, summed[label], summed["positive"] - summed["negative"])


class _TorchLogits:
    def __init__(self, ref: str, threads: int):
        import torch
        from transformers import AutoModelForSequenceClassification

        if threads:
            torch.set_num_threads(threads)
        try:
            self.model = AutoModelForSequenceClassification.from_pretrained(ref).eval()
        except OSError as exc:
            raise ModelNotFound(f"cannot load sentiment model {ref!r}: {exc}") from None
        self.torch = torch

    def __call__(self, input_ids, attention_mask):
        with self.torch.inference_mode():
            out = self.model(input_ids=self.torch.from_numpy(input_ids), attention_mask=self.torch.from_numpy(attention_mask))
        return out.logits.float().numpy()


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True
