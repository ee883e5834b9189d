"""The model on onnxruntime with the checkpoint's own tokenizer: e5 prefixes, mean pooling, unit vectors.

The tokenizer is its SentencePiece copy where provisioning made one (``spm_tokenizer``: the same ids,
loaded on a thread beside the rest of start-up), else tokenizer.json on ``tokenizers``.

Imports neither torch nor sentence-transformers, so a process that encodes with it is ready in
about 2 s. One session, one intra-op thread per run: concurrent runs (one per core) scale on 2
cores, where two threads inside one run spin against everything else. The memory arena is off:
it grows by ~340 MB on long batches and never gives it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from askbot.errors import ModelError

from .encode import PASSAGE_PREFIX, QUERY_PREFIX
from .hf_tokenizer import HfTokenizer, max_seq_length, read_json

PASSAGE_BATCH = 16  # sorted by length first, so a batch holds texts of about one length


class OnnxEncoder:
    """encode_queries / encode_passages over an exported ``.onnx`` file (output: token embeddings)."""

    def __init__(self, onnx_file: Path, checkpoint: Path, threads: int = 1,
                 checksums: list[tuple[Path, str]] | None = None, spm: dict | None = None):
        """``checksums``: (file, sha256) pairs checked on a thread while the tokenizer loads (refused if
        wrong); ``spm``: a current SentencePiece copy of the tokenizer (``spm_tokenizer.read_spm``), else
        tokenizer.json is read."""
        config = read_json(checkpoint / "config.json")
        self.dims = int(config.get("hidden_size") or 0)
        if not self.dims:
            raise ModelError(f"{checkpoint / 'config.json'}: no hidden_size; not a usable checkpoint")
        self.max_seq_length = max_seq_length(checkpoint)
        self.onnx_file = Path(onnx_file)
        check = None
        if checksums:
            from .checksum import ChecksumCheck

            check = ChecksumCheck(checksums)
        pad_id = int(config.get("pad_token_id", 1))
        if spm is not None:  # loads on its own thread (after the checksums) while the session and index load
            from .spm_tokenizer import SpmTokenizer

            self.tokenizer = SpmTokenizer(
                spm["paths"][0], spm["paths"][1], spm["literals"], self.max_seq_length, pad_id,
                fallback=lambda: HfTokenizer(checkpoint, self.max_seq_length, pad_id).ids,
                before=check.verify if check is not None else None)
        else:
            self.tokenizer = HfTokenizer(checkpoint, self.max_seq_length, pad_id)
        if check is not None:
            check.verify()  # before the session: never load files that fail it
        self.session = self._session(threads)

    def _session(self, threads: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        try:
            return ort.InferenceSession(str(self.onnx_file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime's own exception types
            raise ModelError(f"{self.onnx_file}: onnxruntime could not load it ({exc}); "
                             "re-export with `askbot model provision --force`") from exc

    def _run(self, texts: list[str]) -> np.ndarray:
        ids, mask = self.tokenizer.encode(texts)
        tokens = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.ascontiguousarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)

    def encode_queries(self, texts: str | Sequence[str]) -> np.ndarray:
        """(n, dims) float32 unit vectors for questions (adds ``query: ``), in one run."""
        items = [texts] if isinstance(texts, str) else list(texts)
        if not items:
            return np.zeros((0, self.dims), dtype=np.float32)
        return self._run([QUERY_PREFIX + t for t in items])

    def encode_passages(self, texts: Sequence[str], batch_size: int = PASSAGE_BATCH,
                        show_progress: bool = False) -> np.ndarray:
        """(n, dims) float32 unit vectors for passages (adds ``passage: ``), batched by length."""
        items = [PASSAGE_PREFIX + t for t in texts]
        out = np.zeros((len(items), self.dims), dtype=np.float32)
        order = sorted(range(len(items)), key=lambda i: -len(items[i]))
        bar = None
        if show_progress and items:
            from tqdm import tqdm

            bar = tqdm(total=len(items), desc="embedding", unit="text")
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            out[chunk] = self._run([items[i] for i in chunk])
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:
            bar.close()
        return out
