"""The 8-bit first pass over a large flat build (retrieve/firstpass.py): real FAISS indexes read from real
files, the real seed build and model. Its units are ranked by their exact fp32 inner products, it keeps
the exact scan's candidates, honours a filter, and the Searcher's dense results stay those of the scan."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from askbot.retrieve import firstpass
from askbot.retrieve.firstpass import FirstPass
from askbot.retrieve.search import Searcher

QUESTIONS = ["hvem jobber med hydrogen?", "Who works on tourism?", "reiseliv og kultur", "what was decided about the budget?"]


def clustered(n: int, d: int = 64, seed: int = 0) -> np.ndarray:
    """Unit vectors around 200 topics, as passages of an archive cluster."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((200, d)).astype(np.float32)[rng.integers(0, 200, n)]
    x += 0.6 * rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def flat(tmp_path_factory):
    x = clustered(firstpass.MIN_UNITS + 1000)
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    path = tmp_path_factory.mktemp("fp") / "vectors.faiss"
    faiss.write_index(index, str(path))
    index = faiss.read_index(str(path))
    vecs = faiss.rev_swig_ptr(faiss.downcast_index(index).get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
    return index, vecs


def test_only_large_flat_inner_product_builds_get_a_first_pass(flat):
    index, vecs = flat
    assert isinstance(FirstPass.for_index(index, vecs), FirstPass)
    small = faiss.IndexFlatIP(index.d)
    small.add(vecs[:firstpass.MIN_UNITS - 1])
    assert FirstPass.for_index(small, vecs[:firstpass.MIN_UNITS - 1]) is None
    hnsw = faiss.IndexHNSWFlat(index.d, 16, faiss.METRIC_INNER_PRODUCT)
    assert FirstPass.for_index(hnsw, vecs[:0], min_units=0) is None


def test_units_are_the_exact_scans_ranked_by_exact_inner_products(flat):
    index, vecs = flat
    fp = FirstPass.for_index(index, vecs)
    queries = clustered(40, seed=1)
    recall = []
    for q in queries:
        ids = fp.search(q, 200)
        exact = np.dot(vecs[ids], q)
        assert np.all(np.diff(exact) <= 1e-6)  # ordered by the fp32 inner product, not the 8-bit one
        _, ex = index.search(q[None], 200)
        recall.append(len(set(ids) & set(ex[0])) / 200)
    assert np.mean(recall) >= 0.99, np.mean(recall)


def test_a_filter_is_honoured(flat):
    index, vecs = flat
    fp = FirstPass.for_index(index, vecs)
    allowed = np.arange(0, index.ntotal, 7, dtype=np.int64)
    for q in clustered(10, seed=2):
        ids = fp.search(q, 50, faiss.IDSelectorBatch(allowed))
        assert set(ids) <= set(allowed.tolist())
        _, ex = index.search(q[None], 50, params=faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed)))
        assert len(set(ids) & set(ex[0])) >= 48


def test_searcher_dense_results_unchanged_with_the_first_pass(seed_engine, monkeypatch):
    exact = seed_engine.searcher
    monkeypatch.setattr(firstpass, "MIN_UNITS", 0)
    coded = Searcher(seed_engine.build, seed_engine.embedder, exact.fusion)
    assert coded._first is not None and exact._first is None
    half = np.zeros(len(seed_engine.build.passages), dtype=bool)
    half[::2] = True
    for q in QUESTIONS:
        qv = seed_engine.embedder.encode_query(q)
        for n in (3, 10, 50):
            for mask in (None, half):
                assert coded.dense(qv, n, mask) == exact.dense(qv, n, mask)
