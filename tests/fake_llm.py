"""A fake OpenAI-compatible server on loopback: the LLM faked at the HTTP level, with scripted faults."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: a status, a body (dict or raw text), headers, and a delay before answering."""

    status: int = 200
    content: str | None = None  # the assistant message; None: answer by task (see FakeLLM.answer)
    raw: str | None = None  # a raw HTTP body instead of a chat completion
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops simultaneous connections beyond it; the client's TCP stack then
    # retries after a second, which would pass for service latency in concurrency tests and benches.
    request_queue_size = 1024


class FakeLLM:
    """Scripted replies first (in order), then ``answer(messages)`` for every further call."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        self.failing: dict[str, Reply] = {}  # model name -> the reply it always gets (a model that is down)
        self.summary = {"sentences": ["Officials said five Turkish soldiers were reportedly killed on Monday."]}
        self.claims: dict[str, Any] = {"claims": []}  # the model strategy's answer (claims_document prompt)
        self.rewrites: dict[str, Any] = {"claims": []}  # the rules strategy's answer (claims prompt)
        self.cited_summary: dict[str, Any] = {"sentences": [  # the model strategy's summary (summary_document)
            {"text": "Officials said five Turkish soldiers were reportedly killed on Monday.", "claims": [1]}]}
        self.readings: dict[str, Any] = {"readings": []}  # the second reading of claims (claims_review)
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()
        self.delay = 0.0
        self.failing.clear()
        self.summary = {"sentences": ["Officials said five Turkish soldiers were reportedly killed on Monday."]}
        self.claims = {"claims": []}
        self.rewrites = {"claims": []}
        self.cited_summary = {"sentences": [
            {"text": "Officials said five Turkish soldiers were reportedly killed on Monday.", "claims": [1]}]}
        self.readings = {"readings": []}

    def close(self) -> None:
        self._server.shutdown()

    def answer(self, messages: list[dict[str, str]]) -> str:
        asked = " ".join(m["content"] for m in messages if m["role"] == "user")
        if "Sentences (claims only from" in asked:
            return json.dumps(self.claims)
        if "Statements:" in asked:
            return json.dumps(self.rewrites)
        if "Checked claims (number." in asked:
            return json.dumps(self.cited_summary)
        if "Claims to check:" in asked:
            return json.dumps(self.readings)
        return json.dumps(self.summary)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # /v1/models, for readiness
                self._send(200, json.dumps({"data": [{"id": "fake"}]}), {})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"body": body, "headers": dict(self.headers), "at": time.monotonic()})
                reply = fake.failing.get(body.get("model", "")) or (fake.script.popleft() if fake.script else Reply())
                time.sleep(reply.delay or fake.delay)
                if reply.raw is not None or reply.status != 200:
                    payload = reply.raw if reply.raw is not None else json.dumps(
                        {"error": {"message": f"scripted {reply.status}", "type": "fake"}})
                    self._send(reply.status, payload, reply.headers)
                    return
                content = reply.content if reply.content is not None else fake.answer(body.get("messages", []))
                completion = {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                }
                self._send(200, json.dumps(completion), reply.headers)

            def _send(self, status: int, payload: str, headers: dict[str, str]) -> None:
                data = payload.encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                    pass

        return Handler
