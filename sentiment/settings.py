"""The score stage's settings, from the config's [sentiment] table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class SentimentSettings:
    model: str = field(default="default", metadata={"help": "default (built by `molva model build`), a model folder or a hub id"})
    batch_size: int = field(default=32, metadata={"help": "texts per batch (torch backend)"})
    max_tokens: int = field(default=256, metadata={"help": "a longer text keeps its first ¾ and last ¼ of this many tokens"})
    threads: int = field(default=0, metadata={"help": "CPU threads for scoring; 0 = all"})
    languages: tuple[str, ...] = field(default=("ru", "en"), metadata={
        "help": "languages (ISO 639-1) the model was trained and measured on; the report and CSV mark mentions "
                "detected in any other as scored in an unmeasured language"})
    backend: Literal["auto", "onnx", "onnx-int8", "torch"] = field(
        default="auto", metadata={"help": "auto (the int8 ONNX copy, else fp32 ONNX, else torch), onnx-int8, onnx or torch"})

    def __post_init__(self):
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.max_tokens < 8:
            raise ValueError(f"max_tokens must be at least 8, not {self.max_tokens}")
        if any(not (isinstance(code, str) and code.isalpha() and 2 <= len(code) <= 3) for code in self.languages):
            raise ValueError(f"languages must be ISO 639-1 codes such as \"ru\", not {list(self.languages)}")
        if self.threads < 0:
            raise ValueError(f"threads must not be negative, not {self.threads}")
