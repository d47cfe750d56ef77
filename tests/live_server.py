"""The real server in a subprocess (``python -m service serve``), configured by environment like production:
for the tests that need a real socket and a real process (shutdown, body limits) and for bench/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """Resident set size of a process in KiB, from /proc (Linux); ``VmHWM``: its peak so far."""
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field}")


class LiveServer:
    """``crosscheck serve`` on a free loopback port, pointed at an OpenAI-compatible URL with a key."""

    def __init__(self, api_base: str, api_key: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "CROSSCHECK_LLM_MODEL": "openai/fake-model",
                    "CROSSCHECK_LLM_API_BASE": api_base, "CROSSCHECK_LLM_API_KEY": api_key, "CROSSCHECK_CACHE": "off",
                    # The fake is no capable model: the summary's rules strategy, unless a caller asks otherwise.
                    "CROSSCHECK_SUMMARY_STRATEGY": "rules",
                    "CROSSCHECK_LOG_LEVEL": "WARNING", **env}
        self.proc: subprocess.Popen[bytes] | None = None
        # Output goes to a file, not a pipe: a chatty server must never block on a full pipe.
        self._log = tempfile.TemporaryFile()

    def start(self, timeout: float = 60.0) -> float:
        """Spawn the server; return the seconds until ``/healthz`` answered 200."""
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(self.port)],
                                     env=self.env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}: {self.output()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                time.sleep(0.02)
        raise RuntimeError("server did not become healthy")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def output(self) -> str:
        """Everything the process has printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
