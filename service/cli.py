"""crosscheck: neutral summaries and grounded, checkable claims from news articles.

  crosscheck serve                      run the HTTP API (http://127.0.0.1:8000, OpenAPI at /docs)
  crosscheck analyze FILE|-             analyse one article: summary, the article with its claims and loaded
                                        terms marked, the claims in detail (--json: the API response)
  crosscheck check FILE FILE ...        cross-check several articles about one story: every fact, which
                                        sources state it, and each article's verbatim quote

Where analyze and check run:
  in this process (the default), with the model the CROSSCHECK_* settings name (unset: the embedded one),
    which the command loads itself (620-800 MB of memory; about a minute for an article on 2 cores), and
    with no result cache;
  --server URL: on a running crosscheck service (`crosscheck serve`), with its model, already loaded, and
    its result cache (an article it has seen is answered at once). CROSSCHECK_API_KEY, if set, is sent as
    the service's API key (Authorization: Bearer).

Progress goes to stderr when stderr is a terminal (--progress: always; --quiet: never); the report to stdout,
coloured when stdout is a terminal (NO_COLOR: no colour). Exit status 2 on any error. Also: python -m service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from pydantic import BaseModel, ValidationError

from service import progress
from service.cli_report import render, render_cross_check
from service.config import get_settings
from service.errors import CrosscheckError, InputError, LLMError
from service.schemas import AnalysisOut, ArticleIn, CrossCheckOut

if TYPE_CHECKING:
    from rich.console import Console

    from service.analysis.pipeline import Pipeline

T = TypeVar("T", bound=BaseModel)

# An analysis on a busy service may queue behind others and then take minutes: wait long for the answer,
# not for the connection.
SERVER_TIMEOUT_S = 1800.0
WAIT_REPORT_S = 10.0  # how often a --server run says it is still waiting
_ID_CHARS = re.compile(r"[^\w.:-]+")


class Progress:
    """One line per event on a stream, with the seconds since the command started and (in a cross-check) a
    short article id. Events may come from worker threads: lines are written whole, under a lock."""

    def __init__(self, stream: TextIO | None, article_ids: list[str] | None = None) -> None:
        self.stream, self.started, self.lock = stream, time.monotonic(), threading.Lock()
        self.short = _short_ids(article_ids or [])
        self.column = max((len(s) for s in self.short.values()), default=0)

    def say(self, message: str, article: str | None = None) -> None:
        if self.stream is None:
            return
        # One clock for the command's own lines and the pipeline's, from before the model is loaded.
        line = f"{time.monotonic() - self.started:6.1f}s  "
        if self.column:
            line += f"{self.short.get(article or '', article or ''):<{self.column}}  "
        with self.lock:
            print(line + message, file=self.stream, flush=True)

    def event(self, e: progress.Event) -> None:
        self.say(e.message, e.article)


def _short_ids(ids: list[str]) -> dict[str, str]:
    """The shortest prefixes (at least 8 characters) that still tell the articles apart."""
    longest = max((len(i) for i in ids), default=0)
    for n in range(8, longest):
        if len({i[:n] for i in ids}) == len(ids):
            return {i: i if len(i) <= n + 1 else i[:n] + "…" for i in ids}
    return {i: i for i in ids}


def _progress(args: argparse.Namespace, article_ids: list[str] | None = None) -> Progress:
    shown = not args.quiet and (args.progress or sys.stderr.isatty())
    return Progress(sys.stderr if shown else None, article_ids)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _article_ids(paths: list[str]) -> list[str]:
    """Each file's name without its extension (a1, a2... for standard input), as the API accepts ids, and
    unique: two files of one name in different folders must not become one article."""
    ids: list[str] = []
    for n, path in enumerate(paths, 1):
        stem = f"a{n}" if path == "-" else os.path.splitext(os.path.basename(path))[0]
        base = _ID_CHARS.sub("_", stem)[:60] or f"a{n}"
        found, k = base, 1
        while found in ids:
            k += 1
            found = f"{base}-{k}"
        ids.append(found)
    return ids


def _console() -> Console | None:
    """A rich console for stdout when it is a terminal (styled report), else None (plain markers)."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else None


def _pipeline(say: Progress) -> Pipeline:
    from service.analysis.pipeline import Pipeline

    settings = get_settings()
    pipeline = Pipeline(settings)
    pipeline.llm.check_config()
    say.say(f"working in this process with {settings.llm_model} (--server URL: use a running service)")
    if settings.is_embedded:
        say.say("loading the embedded model")
        pipeline.llm.warm_up()
    return pipeline


def post(server: str, path: str, body: dict[str, Any], say: Progress) -> Any:
    """POST ``body`` to a running service and return its JSON answer, saying every WAIT_REPORT_S seconds that
    it still waits (the service sends no progress of its own)."""
    import httpx

    url = server.rstrip("/") + path
    headers = {"Accept": "application/json"}
    if key := os.environ.get("CROSSCHECK_API_KEY", "").strip():
        headers["Authorization"] = f"Bearer {key}"
    done = threading.Event()

    def tick() -> None:
        while not done.wait(WAIT_REPORT_S):
            say.say(f"waiting for {server}…")

    say.say(f"sent to {url}")
    threading.Thread(target=tick, daemon=True).start()
    try:
        answer = httpx.post(url, json=body, headers=headers, timeout=httpx.Timeout(SERVER_TIMEOUT_S, connect=10.0))
    except httpx.ConnectError as exc:
        raise CrosscheckError(f"no crosscheck service answered at {server} ({exc}); start one with "
                              "`crosscheck serve`, or leave out --server to work in this process") from None
    except httpx.TimeoutException:
        raise CrosscheckError(f"{server} gave no answer within {SERVER_TIMEOUT_S:.0f}s") from None
    except httpx.HTTPError as exc:
        raise CrosscheckError(f"the request to {url} failed: {exc}") from None
    finally:
        done.set()
    say.say(f"{server} answered {answer.status_code}")
    try:
        data = answer.json()
    except ValueError:
        data = None
    if answer.is_success and isinstance(data, dict):
        return data
    if isinstance(data, dict) and "title" in data:  # problem+json (RFC 9457)
        raise CrosscheckError(f"{data['title']}: {data.get('detail', '')}")
    raise CrosscheckError(f"{url} answered HTTP {answer.status_code}, not a crosscheck answer: "
                          f"{answer.text[:200]!r}")


def _answer(data: Any, model: type[T], server: str) -> T:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CrosscheckError(f"{server} sent no {model.__name__} ({exc.error_count()} problem(s), first at "
                              f"{'.'.join(map(str, first['loc']))}: {first['msg']}); is it a crosscheck service "
                              "of this version?") from None


def _print_json(result: BaseModel, raw: Any) -> None:
    # From a service: its answer as sent, fields of a newer version included.
    print(json.dumps(raw, indent=2, ensure_ascii=False) if raw is not None else result.model_dump_json(indent=2))


def _analyze(args: argparse.Namespace) -> int:
    say = _progress(args)
    text = _read(args.file)
    raw = None
    if args.server:
        raw = post(args.server, "/v1/analyses", {"text": text}, say)
        result = _answer(raw, AnalysisOut, args.server)
    else:
        article = ArticleIn(text=text)
        with progress.listening(say.event):
            pipeline = _pipeline(say)
            result = pipeline.to_response(asyncio.run(pipeline.analyze(article, uuid.uuid4().hex)))
    if args.json:
        _print_json(result, raw)
    else:
        print(render(result, text, _console()))
    return 0


def _check(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        raise ValueError("a cross-check needs two or more articles")
    ids = _article_ids(args.files)
    texts = [_read(path) for path in args.files]
    # Per-article lines come only from the pipeline in this process; a service sends none.
    say = _progress(args, None if args.server else ids)
    raw = None
    if args.server:
        body = {"articles": [{"id": i, "text": t} for i, t in zip(ids, texts, strict=True)]}
        raw = post(args.server, "/v1/cross-checks", body, say)
        result = _answer(raw, CrossCheckOut, args.server)
    else:
        from service.analysis import crosscheck

        articles = [(i, ArticleIn(text=t)) for i, t in zip(ids, texts, strict=True)]
        with progress.listening(say.event):
            pipeline = _pipeline(say)
            result = asyncio.run(crosscheck.run(pipeline, articles, uuid.uuid4().hex))
    if args.json:
        _print_json(result, raw)
    else:
        print(render_cross_check(result))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.api.app import create_app

    settings = get_settings()
    app = create_app(settings)  # configures logging (CROSSCHECK_LOG_FORMAT)
    # timeout_graceful_shutdown: on SIGTERM, in-flight requests get this long to finish.
    # log_config=None: uvicorn's own lines go through the service's handler too (one format on stderr);
    # access_log=False: the service logs each request itself, with its LLM totals.
    uvicorn.run(app, host=args.host, port=args.port, timeout_graceful_shutdown=int(settings.llm_budget_s),
                log_config=None, access_log=False)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="crosscheck", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=_serve)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print the raw API response instead of the report")
    common.add_argument("--server", metavar="URL",
                        help="send the work to a running crosscheck service at URL (e.g. http://127.0.0.1:8000): "
                        "its model and its cache; default: in this process, loading the model configured by "
                        "CROSSCHECK_* (the embedded one: about a minute for an article on 2 cores)")
    shown = common.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", help="progress on stderr even when it is not a terminal")
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    analyze = sub.add_parser("analyze", parents=[common], help="analyse one article (a file, or - for stdin)",
                             description="Analyse one article: a neutral summary, the article with its checkable "
                             "claims and loaded terms marked, and each claim with who asserts it and the judge's "
                             "verdict.")
    analyze.add_argument("file", help="the article as plain text or HTML; - reads standard input")
    analyze.set_defaults(func=_analyze)
    check = sub.add_parser("check", parents=[common], help="cross-check several articles about one story",
                           description="Cross-check several articles about one story: which facts independent "
                           "sources corroborate, where they conflict, and what rests on one source, with every "
                           "article's verbatim quote. Each article's id is its file name without extension.")
    check.add_argument("files", nargs="+", metavar="FILE", help="two or more articles (plain text or HTML)")
    check.set_defaults(func=_check)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (InputError, LLMError) as exc:
        print(f"crosscheck: {getattr(exc, 'title', 'error')}: {exc}", file=sys.stderr)
        return 2
    except (CrosscheckError, OSError, ValueError) as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("crosscheck: interrupted", file=sys.stderr)
        return 130
