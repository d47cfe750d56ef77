"""The real server process (``python -m service serve``, i.e. ``crosscheck serve``) on a loopback port, with the
fake LLM: what only a real socket and a real process show.

- Body limits: a 50 MB body, declared or chunked, is refused with 413 problem+json after the server has read
  about ``MAX_BODY_BYTES``. Two checks, with why: the client counts the bytes it managed to send before the
  answer came (far below 50 MB: the server stopped reading; the slack is the kernel's socket buffers), and the
  server's *peak* resident memory (``VmHWM``; kernel socket buffers are not in it) grows by far less than 50 MB.
  A server that read the whole body would show both, even if it freed the memory afterwards.
- A costly verification must not stall the event loop (/healthz answers meanwhile).
- Graceful shutdown (last: it stops the shared server): SIGTERM while a request waits on a slow model: the
  listener closes at once (new connections refused), the in-flight request completes with 200, then the process
  exits, without printing the provider key.
"""

from __future__ import annotations

import os
import random
import select
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import FAKE_KEY, SEEDS, read
from tests.fake_llm import FakeLLM
from tests.live_server import LiveServer, rss_kib

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def _servers(fake_server: FakeLLM) -> Iterator[list[LiveServer]]:
    started: list[LiveServer] = []
    yield started
    for live in started:
        live.stop()


def _running(servers: list[LiveServer], fake: FakeLLM) -> LiveServer:
    if not servers or servers[-1].proc is None or servers[-1].proc.poll() is not None:
        live = LiveServer(fake.url, FAKE_KEY)
        servers.append(live)
        live.start()
    return servers[-1]


@pytest.fixture
def server(_servers: list[LiveServer], fake_server: FakeLLM) -> LiveServer:
    """One server for the module (start-up costs seconds); started again if a test has stopped it."""
    return _running(_servers, fake_server)


def _post_streaming(port: int, total: int, chunked: bool) -> tuple[int, bytes]:
    """POST ``total`` bytes of text/plain as fast as the server takes them, stopping as soon as it answers.

    Returns:
        The body bytes sent before the answer, and the answer's head.
    """
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 256 * 1024)
    framing = b"Transfer-Encoding: chunked\r\n" if chunked else b"Content-Length: %d\r\n" % total
    sock.sendall(b"POST /v1/analyses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n" + framing + b"\r\n")
    sock.setblocking(False)
    piece = b"x" * 65536
    frame = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
    sent, answer, deadline = 0, b"", time.monotonic() + 60
    try:
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if sent < total else [], [], 1.0)
            if readable:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
            elif writable:
                try:
                    sent += sock.send(frame)
                except (BrokenPipeError, ConnectionResetError):
                    readable = [sock]  # the server closed its side: read what it said
    finally:
        sock.close()
    return sent, answer.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_fifty_megabyte_body_is_refused_unread(server: LiveServer, chunked: bool) -> None:
    assert httpx.post(server.url + "/v1/summaries", json=ARTICLE, timeout=30).status_code == 200  # warm
    peak_before = rss_kib(server.pid, "VmHWM")
    sent, head = _post_streaming(server.port, FIFTY_MB, chunked)
    assert head.startswith(b"HTTP/1.1 413"), head
    assert b"content-type: application/problem+json" in head.lower(), head
    assert sent < 25 * 1024 * 1024, f"sent {sent:,} bytes before the 413: the server kept reading"
    grown = rss_kib(server.pid, "VmHWM") - peak_before
    assert grown < 20 * 1024, f"peak RSS grew by {grown:,} KiB on a refused body"
    assert httpx.get(server.url + "/healthz", timeout=5).status_code == 200


def _word_salad(seed: int, size: int, extra: str = "") -> str:
    """Sentences of words drawn from a seed article: costly to grade (every sentence shares words with many)."""
    rng = random.Random(seed)
    words = [w for w in read(SEEDS[0]).split() if w.isalpha() and len(w) > 3]
    out = []
    while sum(map(len, out)) < size:
        out.append("The " + " ".join(rng.choice(words) for _ in range(14)) + extra + ". ")
    return "".join(out)[:size]


def test_a_costly_verification_does_not_stall_other_requests(server: LiveServer) -> None:
    """The judge's work runs off the event loop: /healthz is answered while a long verification is still being
    graded (an order of events, not a timing: how fast is bench/'s business)."""
    body = {"source": _word_salad(0, 99_000), "summary": _word_salad(1, 12_000, " 98765")}
    graded = threading.Event()
    answer: dict[str, int] = {}

    def verify() -> None:
        answer["status"] = httpx.post(server.url + "/v1/verifications", json=body, timeout=600).status_code
        graded.set()

    worker = threading.Thread(target=verify)
    worker.start()
    time.sleep(0.3)  # the body is read and grading has started
    status = httpx.get(server.url + "/healthz", timeout=30).status_code
    answered_meanwhile = not graded.is_set()
    worker.join(600)
    assert status == 200 and answered_meanwhile, "/healthz was answered only once the verification was done"
    assert answer.get("status") == 200


def _shutdown_run(live: LiveServer, fake: FakeLLM) -> dict[str, Any]:
    """SIGTERM while a request waits 1.5 s on the model; what happened, for the tests below."""
    result: dict[str, Any] = {}

    def request() -> None:
        try:
            r = httpx.post(live.url + "/v1/summaries", json=ARTICLE, timeout=30)
            result["status"], result["body"] = r.status_code, r.json()
        except httpx.HTTPError as exc:
            result["error"] = repr(exc)

    fake.reset()
    fake.delay = 1.5
    try:
        client = threading.Thread(target=request)
        client.start()
        deadline = time.monotonic() + 20
        while not fake.requests and time.monotonic() < deadline:  # the request is now in flight
            time.sleep(0.01)
        assert fake.requests, "the request never reached the model"
        sent_at = time.monotonic()
        os.kill(live.pid, signal.SIGTERM)
        time.sleep(0.3)
        result["in_flight_at_refusal"] = client.is_alive()
        try:
            socket.create_connection(("127.0.0.1", live.port), timeout=2).close()
            result["new_connection"] = "accepted"
        except ConnectionRefusedError:
            result["new_connection"] = "refused"
        client.join(30)
        result["returncode"] = live.proc.wait(30) if live.proc else None
        result["exit_s"] = time.monotonic() - sent_at
        result["output"] = live.output()
    finally:
        fake.reset()
        live.stop()
    return result


@pytest.fixture(scope="module")
def shutdown(_servers: list[LiveServer], fake_server: FakeLLM) -> dict[str, Any]:
    """The shutdown run, once per module, on the shared server (last in this file: it stops that server)."""
    return _shutdown_run(_running(_servers, fake_server), fake_server)


def test_sigterm_drains_in_flight_request_and_refuses_new_ones(shutdown: dict[str, Any]) -> None:
    assert shutdown["in_flight_at_refusal"], "the check for new connections ran while a request was in flight"
    assert shutdown["new_connection"] == "refused"
    assert shutdown.get("status") == 200, shutdown
    assert shutdown["body"]["summary"]["sentences"]
    # Exits once the request is done (well before the graceful timeout), by the re-raised SIGTERM: uvicorn
    # (>= 0.29) re-raises the signal after a clean shutdown, as process managers expect (systemd counts it as
    # a clean stop; shells see 143), so the status says why the process ended.
    assert shutdown["returncode"] == -signal.SIGTERM, shutdown["output"]
    assert shutdown["exit_s"] < 10, shutdown
    assert "Traceback" not in shutdown["output"], shutdown["output"]
    assert FAKE_KEY not in shutdown["output"], "the provider key was printed by the server"
