"""Loading a model and scoring texts with it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

LABELS = ("negative", "neutral", "positive")


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


def default_model_dir() -> Path:
    """Where the default model lives: $MOLVA_MODEL_DIR, or the user's data folder
    (~/.local/share/molva/models/default)."""
    if os.environ.get("MOLVA_MODEL_DIR"):
        return Path(os.environ["MOLVA_MODEL_DIR"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "molva" / "models" / "default"


def resolve_model(spec: str) -> str:
    """'default' → the model in default_model_dir(); a path → itself; else a hub id."""
    if spec == "default":
        path = default_model_dir()
        if not (path / "config.json").exists():
            raise ModelNotFound(
                f"no default sentiment model at {path}; set `model` under [sentiment] (or "
                f"`molva demo --model`) to a transformers model folder or hub id, or put one there"
            )
        return str(path)
    path = Path(spec).expanduser()
    if path.exists():
        if not (path / "config.json").exists():
            raise ModelNotFound(f"{path} holds no transformers model (no config.json)")
        return str(path)
    return spec  # a hub id; transformers fetches it when the hub is reachable


class Scorer:
    """A loaded model. `Scorer(ref).score(texts)` → one Verdict per text."""

    def __init__(self, ref: str, max_tokens: int = 256, batch_size: int = 32, threads: int = 0):
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(ref)
            self.model = AutoModelForSequenceClassification.from_pretrained(ref)
        except OSError as exc:
            raise ModelNotFound(f"cannot load sentiment model {ref!r}: {exc}") from None
        self.model.eval()
        self.torch = torch
        self.labels = label_map(self.model.config.id2label)
        # E5-style models expect a task prefix; the model's config says which.
        self.prefix = getattr(self.model.config, "molva_text_prefix", "") or ""
        self.max_tokens = min(max_tokens, getattr(self.tokenizer, "model_max_length", max_tokens) or max_tokens)
        self.batch_size = batch_size
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
        name = getattr(self.model.config, "molva_model_name", None) or path.name
        return f"{name}@{digest.hexdigest()[:12]}"

    def score(self, texts: list[str]) -> list[Verdict]:
        out: list[Verdict | None] = [None] * len(texts)
        todo = [(i, t.strip()) for i, t in enumerate(texts)]
        for i, t in todo:
            if not any(ch.isalnum() for ch in t):
                out[i] = UNSCORED
        todo = [(i, t) for i, t in todo if out[i] is None]
        # Sorting by length puts texts of similar length in one batch: less padding.
        todo.sort(key=lambda it: len(it[1]))
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start : start + self.batch_size]
            probs = self._probabilities([self.prefix + t for _, t in chunk])
            for (i, _), row in zip(chunk, probs):
                out[i] = self._verdict(row)
        return out  # type: ignore[return-value]

    def _probabilities(self, texts: list[str]):
        enc = self.tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="pt"
        )
        with self.torch.inference_mode():
            logits = self.model(**enc).logits
        return self.torch.softmax(logits.float(), dim=-1).tolist()

    def _verdict(self, row: list[float]) -> Verdict:
        summed = dict.fromkeys(LABELS, 0.0)
        for p, label in zip(row, self.labels):
            summed[label] += p
        label = max(summed, key=summed.get)
        return Verdict(label, summed[label], summed["positive"] - summed["negative"])
