"""What an analysis costs the service itself, the LLM aside: CPU per request, and what 50 concurrent requests
cost against one. Printed as tables; no timing asserts anywhere in the test suite.

The service runs as a real server process (``python -m service serve``, result cache off); the LLM is the tests'
fake, in this process, answering at once (or after ``--delay`` seconds for the concurrency table). CPU is the
server process's own user + system time (``/proc/<pid>/stat``) across a request, so nothing of the fake or of
this client is counted. Each request's text is made unique (a last sentence "Reference N."), so that no cache
(the result cache is off; the NLP keeps a small per-process cache of analysed texts) answers it.

    python bench/cpu.py                      # this checkout
    python bench/cpu.py --repo ../other      # another checkout of the project (e.g. the commit before)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.bench import _table  # noqa: E402
from tests.fake_llm import FakeLLM  # noqa: E402

SEEDS = sorted((ROOT / "evals" / "data" / "articles").glob("0*.txt"))
ARTICLES = sorted((ROOT / "evals" / "data" / "articles").glob("*.txt"))
SUMMARY = ("Turkey deployed about 1,000 units of military equipment in Idlib. Local sources say 2,500 to 3,000 "
           "Turkish troops are in the province. The Turkish leadership says the move is defensive. Syrian "
           "government forces captured over a dozen villages along the M5 highway. Russian and Turkish officials "
           "met in Ankara on Saturday.")
_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


class Server:
    def __init__(self, repo: Path, fake: FakeLLM) -> None:
        self.port = _free_port()
        env = {**os.environ, "CROSSCHECK_LLM_MODEL": "openai/fake", "CROSSCHECK_LLM_API_BASE": fake.url,
               "CROSSCHECK_LLM_API_KEY": "sk-bench", "CROSSCHECK_LOG_LEVEL": "WARNING", "CROSSCHECK_CACHE": "off",
               "CROSSCHECK_MAX_PENDING_REQUESTS": "1000", "CROSSCHECK_LLM_MAX_CONCURRENCY": "256",
               "PYTHONPATH": str(repo)}
        self.proc = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=repo)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def cpu_ms(self, path: str, body: dict[str, str]) -> float:
        before = _cpu_s(self.proc.pid)
        r = httpx.post(self.url + path, json=body, timeout=300)
        r.raise_for_status()
        time.sleep(0.05)  # let the kernel account the last slice
        return (_cpu_s(self.proc.pid) - before) * 1000

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def cpu_table(server: Server, runs: int) -> None:
    server.cpu_ms("/v1/analyses", {"text": _read(SEEDS[0]) + "\n\nReference warm-up."})  # load the models
    rows = []
    n = 0
    for path in SEEDS:
        analyses, verifications = [], []
        for _ in range(runs):
            n += 1
            analyses.append(server.cpu_ms("/v1/analyses", {"text": _read(path) + f"\n\nReference a{n}."}))
            verifications.append(server.cpu_ms("/v1/verifications", {"source": _read(path) + f"\n\nReference v{n}.",
                                                                      "summary": SUMMARY}))
        rows.append([path.stem[:3], len(_read(path)), f"{statistics.median(analyses):.0f}",
                     f"{min(analyses):.0f}-{max(analyses):.0f}", f"{statistics.median(verifications):.0f}",
                     f"{min(verifications):.0f}-{max(verifications):.0f}"])
    print(f"\n## Server CPU per request, the LLM aside (median of {runs}; fake LLM answering at once)\n")
    print(_table(["seed", "chars", "analysis ms", "range", "verification ms (5 sentences)", "range"], rows))


async def _burst(url: str, texts: list[str]) -> float:
    async with httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=len(texts) + 5)) as client:
        t0 = time.perf_counter()
        results = await asyncio.gather(*(client.post(url, json={"text": t}) for t in texts))
        wall = time.perf_counter() - t0
    assert all(r.status_code == 200 for r in results), [r.status_code for r in results if r.status_code != 200]
    return wall


def concurrency_table(server: Server, fake: FakeLLM, delay: float) -> None:
    fake.delay = delay
    pool = [_read(p) for p in ARTICLES]
    singles = [asyncio.run(_burst(server.url + "/v1/analyses", [pool[i % len(pool)] + f"\n\nReference s{i}."]))
               for i in range(5)]
    one = statistics.median(singles)
    burst = asyncio.run(_burst(server.url + "/v1/analyses",
                               [pool[i % len(pool)] + f"\n\nReference c{i}." for i in range(50)]))
    print(f"\n## 50 concurrent POST /v1/analyses (17 eval articles, each text unique) against one; fake LLM "
          f"answering after {delay * 1000:.0f} ms\n")
    print(_table(["one request s (median of 5)", "50 concurrent s", "ratio"],
                 [[f"{one:.2f}", f"{burst:.2f}", f"{burst / one:.1f}"]]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout whose service to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    fake = FakeLLM()
    server = Server(args.repo.resolve(), fake)
    try:
        print(f"service: {args.repo.resolve()}")
        cpu_table(server, args.runs)
        concurrency_table(server, fake, args.delay)
    finally:
        server.close()
        fake.close()


if __name__ == "__main__":
    main()
