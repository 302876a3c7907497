"""Fine-tuning a sequence-classification model on labeled CSV files.

Used for Molva's default model (see sentiment/artifacts/README.md) and by
`molva model train` for anyone's own data. Runs on a GPU when one is present
(bf16 autocast), else on the CPU.
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from sentiment.evaluate import Labeled, read_labeled_csv, score_predictions, split_holdout
from sentiment.model_files import LABELS, file_sha256


@dataclass(frozen=True)
class TrainingOptions:
    epochs: int = 3
    learning_rate: float = 5e-5
    batch_size: int = 32
    max_tokens: int = 128
    warmup: float = 0.06
    weight_decay: float = 0.01
    # The 250k-row word-embedding matrix is most of the model; freezing it keeps
    # training fast and lets the shipped artifact leave it out (it stays the base's).
    freeze_word_embeddings: bool = True
    # Also freeze all embeddings and the lowest N encoder layers: the backward
    # pass stops above them, which is what makes an epoch affordable on a CPU.
    freeze_layers: int = 0
    # Loss weights ∝ (1 / class frequency) ** balance: 0 plain, 1 fully balanced.
    balance: float = 0.5
    holdout: float = 0.1
    seed: int = 13
    device: str = "auto"
    text_prefix: str | None = None  # None: the base model's own (e5 needs "query: ")


@dataclass
class TrainingSet:
    path: Path
    weight: float = 1.0
    max_rows: int | None = None  # a seeded sample of this many rows, when the file has more
    rows: list[Labeled] = field(default_factory=list, repr=False)

    @classmethod
    def parse(cls, spec: str) -> "TrainingSet":
        """`FILE.csv`, `FILE.csv:WEIGHT` (the weight scales the loss of its rows) or
        `FILE.csv:WEIGHT:ROWS` (train on a sample of ROWS rows)."""
        parts = spec.split(":")
        numbers: list[str] = []
        while len(parts) > 1 and len(numbers) < 2 and _is_number(parts[-1]):
            numbers.insert(0, parts.pop())
        path = Path(":".join(parts))
        if not numbers:
            return cls(path)
        weight = float(numbers[0])
        return cls(path, weight, int(float(numbers[1])) if len(numbers) == 2 else None)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def load_sets(train_specs: list[str], dev_paths: list[str], holdout: float, seed: int = 13):
    """Training rows per file, and dev sets: the given dev files plus the
    held-out part of each training file (taken before any sampling)."""
    sets, devs = [], {}
    for spec in train_specs:
        ts = TrainingSet.parse(spec)
        rows = read_labeled_csv(ts.path)
        if holdout > 0:
            rows, held = split_holdout(rows, holdout)
            devs[f"{ts.path.stem} (held out {holdout:.0%})"] = held
        if ts.max_rows is not None and len(rows) > ts.max_rows:
            rows = random.Random(f"{seed}:{ts.path.name}").sample(rows, ts.max_rows)
        ts.rows = rows
        sets.append(ts)
    for path in dev_paths:
        devs[Path(path).stem] = read_labeled_csv(path)
    return sets, devs


def _batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar-length rows: little padding, still random order."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * 64
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lengths.__getitem__)
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def fine_tune(
    base: str,
    train_specs: list[str],
    dev_paths: list[str],
    out_dir: Path,
    options: TrainingOptions = TrainingOptions(),
    progress: Callable[[str], None] = print,
) -> dict:
    """Train, keep the epoch with the best mean dev macro-F1, save it to out_dir.
    Returns the training record (also written to out_dir/training.json)."""
    import torch
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    random.seed(options.seed)
    torch.manual_seed(options.seed)
    device = options.device if options.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    sets, devs = load_sets(train_specs, dev_paths, options.holdout, options.seed)

    base_config = AutoConfig.from_pretrained(base)
    prefix = options.text_prefix if options.text_prefix is not None else getattr(base_config, "molva_text_prefix", "")
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)},
        ignore_mismatched_sizes=True,
    )
    model.config.molva_text_prefix = prefix
    model.to(device)
    if options.freeze_word_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    if options.freeze_layers:
        _freeze_lower_layers(model, options.freeze_layers)

    texts = [prefix + r.text for s in sets for r in s.rows]
    labels = [LABELS.index(r.label) for s in sets for r in s.rows]
    weights = [s.weight for s in sets for _ in s.rows]
    progress(f"training on {len(texts)} rows from {len(sets)} files, {len(devs)} dev sets, device {device}")
    ids = tokenizer(texts, truncation=True, max_length=options.max_tokens)["input_ids"]
    counts = [labels.count(i) or 1 for i in range(len(LABELS))]
    class_weight = torch.tensor([(len(labels) / (len(LABELS) * c)) ** options.balance for c in counts], device=device)

    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim > 1]
    no_decay = [p for p in params if p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": options.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=options.learning_rate,
    )
    rng = random.Random(options.seed)
    steps_per_epoch = math.ceil(len(ids) / options.batch_size)
    total = steps_per_epoch * options.epochs
    warmup = int(total * options.warmup)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / max(warmup, 1), max(0.0, (total - step) / max(total - warmup, 1)))
    )
    pad = tokenizer.pad_token_id
    record = {"base": str(base), "options": asdict(options), "epochs": [], "train_files": [
        {"file": s.path.name, "sha256": file_sha256(s.path), "rows": len(s.rows), "weight": s.weight,
         **({"sampled": True} if s.max_rows is not None and len(s.rows) == s.max_rows else {})} for s in sets
    ], "dev_files": [{"file": Path(p).name, "sha256": file_sha256(Path(p))} for p in dev_paths]}
    best, best_state = -1.0, None
    started = time.monotonic()
    for epoch in range(1, options.epochs + 1):
        model.train()
        running, seen = 0.0, 0
        for step, batch in enumerate(_batches([len(x) for x in ids], options.batch_size, rng), start=1):
            width = max(len(ids[i]) for i in batch)
            input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
            input_ids = input_ids.to(device)
            mask = (input_ids != pad).long()
            target = torch.tensor([labels[i] for i in batch], device=device)
            sample_weight = torch.tensor([weights[i] for i in batch], device=device)
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = model(input_ids=input_ids, attention_mask=mask).logits.float()
            loss = torch.nn.functional.cross_entropy(logits, target, weight=class_weight, reduction="none")
            loss = (loss * sample_weight).sum() / (class_weight[target] * sample_weight).sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            running += loss.item() * len(batch)
            seen += len(batch)
            if step % 200 == 0 or step == steps_per_epoch:
                progress(f"epoch {epoch} step {step}/{steps_per_epoch} loss {running / seen:.4f} "
                         f"({time.monotonic() - started:.0f}s)")
        results = {name: score_predictions([r.label for r in rows], predict(model, tokenizer, [r.text for r in rows], prefix, options.max_tokens, device)).as_dict()
                   for name, rows in devs.items()}
        mean = sum(r["macro_f1"] for r in results.values()) / max(len(results), 1)
        record["epochs"].append({"epoch": epoch, "train_loss": round(running / max(seen, 1), 4), "mean_macro_f1": round(mean, 4), "dev": results})
        progress(f"epoch {epoch}: mean dev macro-F1 {mean:.4f} " + " ".join(f"[{k}: {v['macro_f1']:.3f}]" for k, v in results.items()))
        if mean > best:
            best = mean
            best_state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}
    record["best_epoch"] = max(record["epochs"], key=lambda e: e["mean_macro_f1"])["epoch"]
    record["seconds"] = round(time.monotonic() - started, 1)
    model.load_state_dict(best_state)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.to("cpu").save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    (out_dir / "training.json").write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    return record


def _freeze_lower_layers(model, count: int) -> None:
    """Embeddings and encoder layers 0..count-1 keep their weights (BERT-like models)."""
    body = model.base_model
    layers = body.encoder.layer
    if not 0 < count <= len(layers):
        raise ValueError(f"freeze_layers must be between 1 and {len(layers)}, not {count}")
    for module in (body.embeddings, *layers[:count]):
        module.requires_grad_(False)


def predict(model, tokenizer, texts: list[str], prefix: str, max_tokens: int, device: str, batch_size: int = 128) -> list[str]:
    import torch

    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = [""] * len(texts)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            enc = tokenizer([prefix + texts[i] for i in chunk], padding=True, truncation=True,
                            max_length=max_tokens, return_tensors="pt").to(device)
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                best = model(**enc).logits.argmax(-1).tolist()
            for i, b in zip(chunk, best):
                out[i] = LABELS[b]
    model.train()
    return out
