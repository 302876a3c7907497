"""ONNX Runtime copies of a sequence-classification model, and a runner for
them with the same interface as the torch model's logits.

Export (torch → ONNX), then graph fusion for BERT-like encoders (attention,
GELU, LayerNorm each fused into one kernel by onnxruntime.transformers):
model.onnx, fp32, the same verdicts as torch and faster. Optionally dynamic
int8 quantisation of the matrix products: model.int8.onnx, faster still
(bench/sentiment.py has the figures).
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

from sentiment.scorer import ONNX_FILE, ONNX_INT8_FILE


def export_onnx(model_dir: Path, int8: bool = False) -> Path:
    """Write model.onnx (fp32, fused) next to the weights, and with `int8` also
    model.int8.onnx. Returns the fp32 file."""
    import torch
    from transformers import AutoModelForSequenceClassification

    model_dir = Path(model_dir)
    # Eager attention exports as plain MatMul/Softmax, which the optimizer fuses
    # into one Attention node; the SDPA export does not fuse.
    model = AutoModelForSequenceClassification.from_pretrained(model_dir, attn_implementation="eager").eval()
    raw = model_dir / "model.raw.onnx"
    sample = torch.ones((2, 8), dtype=torch.long)
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about Python-side branches that are constant for BERT
        torch.onnx.export(
            _logits_only(model), (sample, torch.ones_like(sample)), str(raw),
            input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "logits": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
    target = model_dir / ONNX_FILE
    if not _fuse(raw, target, model.config):
        raw.replace(target)
    raw.unlink(missing_ok=True)
    if int8:
        quantize_int8(target, model_dir / ONNX_INT8_FILE)
    return target


def quantize_int8(source: Path, target: Path) -> Path:
    """Dynamic int8: weights per channel with a 7-bit range (reduce_range),
    since without AVX-512 VNNI the u8×s8 products saturate at 8 bits.

    Activations are quantized per tensor, that is over the whole batch, so a
    borderline text's verdict can move with its batch neighbours; that is why
    the fp32 file is the default (see README, Sentiment)."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs advice meant for image models at WARNING on the root logger
    try:
        # Fused nodes live in the com.microsoft domain, which ONNX shape
        # inference cannot type; their outputs are float32.
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                         op_types_to_quantize=["MatMul", "Attention"],
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        root.setLevel(level)
    return target


def _logits_only(model):
    """torch.onnx wants a module returning tensors, not a ModelOutput."""
    import torch

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    return LogitsOnly(model)


def _fuse(path: Path, out: Path, config) -> bool:
    """onnxruntime's transformer optimizer; False for model types it does not know."""
    if config.model_type not in ("bert", "roberta", "xlm-roberta", "distilbert", "electra"):
        return False
    from onnxruntime.transformers.optimizer import optimize_model

    optimized = optimize_model(
        str(path), model_type="bert", num_heads=config.num_attention_heads, hidden_size=config.hidden_size,
        opt_level=1, use_gpu=False,
    )
    optimized.save_model_to_file(str(out))
    return True


class OnnxLogits:
    """logits(input_ids, attention_mask) with onnxruntime, numpy in and out."""

    def __init__(self, path: Path, threads: int = 0):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or (os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def __call__(self, input_ids, attention_mask):
        feed = {"input_ids": input_ids, "attention_mask": attention_mask}
        return self.session.run(["logits"], {k: v for k, v in feed.items() if k in self.inputs})[0]
