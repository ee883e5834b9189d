"""The checkpoint's tokenizer.json on ``tokenizers`` (the reference tokenizer) and its length limit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from askbot.errors import ModelError

DEFAULT_MAX_SEQ = 512


def read_json(path: Path) -> dict:
    """A JSON file as a dict; {} if missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def max_seq_length(checkpoint: Path) -> int:
    """The sentence-transformers model's own limit (sentence_bert_config.json), tokens incl. specials."""
    st = read_json(checkpoint / "sentence_bert_config.json").get("max_seq_length")
    tok = read_json(checkpoint / "tokenizer_config.json").get("model_max_length")
    limits = [int(x) for x in (st, tok) if isinstance(x, int) and 0 < x < 1_000_000]
    return min(limits) if limits else DEFAULT_MAX_SEQ


class HfTokenizer:
    """The checkpoint's tokenizer.json on ``tokenizers``: ids with <s> … </s>, truncated to ``max_len``."""

    def __init__(self, checkpoint: Path, max_len: int, pad_id: int):
        from tokenizers import Tokenizer

        try:
            self._tok = Tokenizer.from_file(str(checkpoint / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(f"{checkpoint / 'tokenizer.json'}: unreadable tokenizer ({exc})") from exc
        self._tok.enable_truncation(max_length=max_len)
        self._tok.enable_padding(pad_id=pad_id, pad_token=self._tok.id_to_token(pad_id) or "<pad>")

    def ids(self, texts: list[str]) -> list[list[int]]:
        return [[i for i, m in zip(e.ids, e.attention_mask) if m] for e in self._tok.encode_batch(texts)]

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(ids, attention mask), int64, padded to the longest text."""
        encodings = self._tok.encode_batch(texts)
        return (np.array([e.ids for e in encodings], dtype=np.int64),
                np.array([e.attention_mask for e in encodings], dtype=np.int64))
