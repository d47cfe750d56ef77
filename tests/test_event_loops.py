"""Several event loops in one process (as in this test suite: TestClient, asyncio.run, schemathesis' shared loop)
leave no pending litellm task behind: the app stops litellm's logging worker when it shuts down."""

from __future__ import annotations

import gc
import logging

import httpx
import pytest
from anyio.from_thread import start_blocking_portal
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}


def test_no_task_is_left_pending_when_another_loop_calls_the_model(
        fake_llm: FakeLLM, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(make_settings(fake_llm))

    async def serve_one() -> int:
        async with app.router.lifespan_context(app):  # start-up, one request, shutdown: as a server would
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return (await client.post("/v1/summaries", json=ARTICLE)).status_code

    caplog.set_level(logging.ERROR, logger="asyncio")
    # A loop that outlives the app, like schemathesis' shared one: the first successful call starts litellm's
    # logging worker on it.
    with start_blocking_portal() as portal:
        assert portal.call(serve_one) == 200
        # Another loop calls the model while the first is still running: litellm moves its worker here and,
        # unless the first app stopped it, drops the old task still pending.
        with TestClient(create_app(make_settings(fake_llm))) as client:
            assert client.post("/v1/summaries", json=ARTICLE).status_code == 200
        gc.collect()
    destroyed = [r.getMessage() for r in caplog.records if "destroyed but it is pending" in r.getMessage()]
    assert not destroyed, destroyed
