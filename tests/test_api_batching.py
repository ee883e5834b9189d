"""Concurrent query encodes are batched by the service, and each caller still gets its own vector."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from askbot.api.batching import BatchingEmbedder


def test_concurrent_queries_are_batched_and_answered_each_with_its_own_vector(embedder):
    batching = BatchingEmbedder(embedder)
    batching.cache = None  # every question is encoded (the LRU is tested in test_onnx_encoder.py)
    questions = [f"Hvem jobber med {topic}?" for topic in
                 ("hydrogen", "reiseliv", "batterier", "droner", "bærekraft", "VR", "tang og tare", "rekruttering")
                 ] * 4
    alone = {q: embedder.encode_query(q) for q in set(questions)}
    with ThreadPoolExecutor(max_workers=16) as pool:
        vectors = list(pool.map(batching.encode_query, questions))
    for q, v in zip(questions, vectors):
        assert v.shape == (embedder.dims,)
        assert float(np.dot(v, alone[q])) > 0.999  # the same vector as encoding it alone
    assert batching.queries == len(questions)
    assert batching.batches < len(questions)  # some were encoded together


def test_a_failing_batch_reaches_every_caller(embedder):
    batching = BatchingEmbedder(embedder)
    batching.model = None  # encoding now fails
    try:
        batching.encode_query("hva som helst")
    except Exception as exc:
        assert exc is not None
    else:
        raise AssertionError("expected the encode to fail")
