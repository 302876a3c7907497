"""What every part of the sentiment stage agrees on, and nothing else: the three
labels, the names of the files in a model folder, where the default model lives,
and how a file's checksum is taken. A leaf: it imports no other sentiment module,
so the loader, the exporter, the trainer and the artifact can all use it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

LABELS = ("negative", "neutral", "positive")
ONNX_FILE = "model.onnx"  # written next to the weights by `molva model build`
ONNX_INT8_FILE = "model.int8.onnx"  # written by `molva model build` unless --no-int8


def default_model_dir() -> Path:
    """Where the default model lives: $MOLVA_MODEL_DIR, or the user's data folder
    (~/.local/share/molva/models/default)."""
    if os.environ.get("MOLVA_MODEL_DIR"):
        return Path(os.environ["MOLVA_MODEL_DIR"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "molva" / "models" / "default"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
