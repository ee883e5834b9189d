"""Property-based fuzzing of the service's OpenAPI schema with schemathesis, bounded in examples and time.

Every check schemathesis runs by default: no 5xx, only documented status codes and content
types, responses matching their schemas, invalid input refused, bad credentials refused.
"""

from __future__ import annotations

import pytest
import schemathesis
from api_server import USER, serve, with_keys
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def fuzz_server(archive_settings, embedder):
    with serve(with_keys(archive_settings), embedder) as running:
        yield running


@pytest.fixture(scope="module")
def api_schema(fuzz_server):
    return schemathesis.openapi.from_url(fuzz_server.base_url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_openapi_schema_holds_under_fuzzing(case):
    case.call_and_validate(headers=USER, timeout=60)
