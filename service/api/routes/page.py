"""The web page at ``/``: forms for an analysis, a cross-check and a verification, and their results drawn
on the article. Server-rendered (Jinja2), its own stylesheet and one small script, no CDN: it works offline.

Long work (an analysis or a cross-check) runs as a job (service/api/jobs.py): the form's POST answers 303 to
the job's page, which refreshes itself every two seconds with the progress until the result is there, so the
page needs no JavaScript to work. The page calls the same pipeline the API does, through the same
backpressure gate and limits; when CROSSCHECK_API_KEYS is set the forms ask for a key.

Errors: a browser (``Accept: text/html``) gets the problem's title, detail and request id as a page with the
problem's status; any other client gets the API's application/problem+json.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException

from service import __version__
from service.analysis import crosscheck
from service.api import page_view
from service.api.auth import key_is_valid
from service.api.deps import PipelineDep, RequestIdDep, SettingsDep
from service.api.jobs import Jobs
from service.api.problems import problem_response
from service.config import Settings
from service.errors import InputError
from service.marking import source_names
from service.schemas import AnalysisOut, ArticleIn
from service.telemetry import request_id_var
from service.text.grounding import faithfulness, verify_summary

HERE = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(version=__version__, tier=page_view.tier, verdict_words=page_view.VERDICT_WORDS)
router = APIRouter(include_in_schema=False)

_SEPARATOR = re.compile(r"^\s*={3,}\s*$", re.MULTILINE)  # between articles pasted into one box
_ID_CHARS = re.compile(r"[^\w.:-]+")


# The page loads nothing from another host, runs no inline script and submits forms only here: a browser
# that honours this refuses anything an article's text might smuggle into the page.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
            headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code,
                                      headers={"Content-Security-Policy": CSP, **(headers or {})})


def jobs_of(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def problem(request: Request, status: int, title: str, detail: str) -> Response:
    """The problem as a page for a browser, as problem+json for anyone else."""
    if not _wants_html(request):
        return problem_response(status, title, detail, instance=request.url.path)
    rid = request_id_var.get()
    return _render(request, "problem.html", {"status": status, "title": title, "detail": detail, "request_id": rid},
                   status_code=status)


def _page(request: Request, name: str, settings: Settings, **context: Any) -> Response:
    return _render(request, name, {"needs_key": bool(settings.api_keys), **context})


@router.get("/")
async def index(request: Request, settings: SettingsDep) -> Response:
    return _page(request, "analyse_form.html", settings, active="analyse")


@router.get("/cross-check")
async def cross_check_form(request: Request, settings: SettingsDep) -> Response:
    return _page(request, "crosscheck_form.html", settings, active="cross-check",
                 max_articles=settings.max_articles)


@router.get("/verify")
async def verify_form(request: Request, settings: SettingsDep) -> Response:
    return _page(request, "verify_form.html", settings, active="verify")


async def _form(request: Request, settings: Settings, max_files: int) -> FormData:
    """The submitted form, within the body limit (browsers send Content-Length; each part is bounded too)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_body_bytes:
        raise InputError(413, "Body too large", f"the form has {int(declared):,} bytes; the limit is "
                         f"{settings.max_body_bytes:,}")
    try:
        form = await request.form(max_files=max_files, max_fields=20, max_part_size=settings.max_body_bytes)
    except MultiPartException as e:
        raise InputError(400, "Malformed form", e.message) from None
    key = form.get("api_key")
    if settings.api_keys and not key_is_valid(key if isinstance(key, str) else "", settings):
        raise InputError(401, "Unauthorized", "this service needs an API key: enter a valid one in the form")
    return form


async def _file_text(upload: UploadFile) -> str:
    raw = await upload.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(415, "File is not UTF-8", f"{upload.filename}: could not decode it as UTF-8 at byte "
                         f"{exc.start}") from None


def _field(form: FormData, name: str) -> str:
    """A text field, its line endings back to LF (browsers send a textarea's line breaks as CRLF)."""
    value = form.get(name)
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else ""


def _article(text: str, form: FormData) -> ArticleIn:
    try:
        published = dt.date.fromisoformat(_field(form, "published")) if _field(form, "published") else None
        return ArticleIn(text=text, title=_field(form, "title") or None, outlet=_field(form, "outlet") or None,
                         published=published)
    except (ValueError, ValidationError) as e:
        raise InputError(422, "Invalid request", str(e).splitlines()[0]) from None


@router.post("/page/analyses")
async def start_analysis(request: Request, settings: SettingsDep, pipeline: PipelineDep,
                         rid: RequestIdDep) -> Response:
    try:
        form = await _form(request, settings, max_files=1)
        upload = form.get("file")
        text = await _file_text(upload) if isinstance(upload, UploadFile) and upload.filename else ""
        text = text or _field(form, "text")
        if not text.strip():
            raise InputError(422, "No article", "paste the article's text or choose a file")
        article = _article(text, form)
    except InputError as e:
        return problem(request, e.status, e.title, e.detail)

    async def work() -> AnalysisOut:
        async with pipeline.llm.gate.admit(settings.llm_model):
            return pipeline.to_response(await pipeline.analyze(article, rid))

    job = jobs_of(request).start("analysis", rid, article.text, work)
    return RedirectResponse(f"/page/jobs/{job.id}", status_code=303)


@router.post("/page/cross-checks")
async def start_cross_check(request: Request, settings: SettingsDep, pipeline: PipelineDep,
                            rid: RequestIdDep) -> Response:
    try:
        form = await _form(request, settings, max_files=settings.max_articles)
        named: list[tuple[str, str]] = []
        for upload in form.getlist("files"):
            if isinstance(upload, UploadFile) and upload.filename:
                named.append((_ID_CHARS.sub("_", Path(upload.filename).stem)[:64] or "a", await _file_text(upload)))
        named += [("", t.strip()) for t in _SEPARATOR.split(_field(form, "texts")) if t.strip()]
        if len(named) < 2:
            raise InputError(422, "Too few articles", f"a cross-check needs two or more articles; got {len(named)}")
        if len(named) > settings.max_articles:
            raise InputError(413, "Too many articles", f"{len(named)} articles; the limit is "
                             f"{settings.max_articles} (CROSSCHECK_MAX_ARTICLES)")
        articles = _unique_ids([(name, _article(text, form)) for name, text in named])
    except InputError as e:
        return problem(request, e.status, e.title, e.detail)

    async def work() -> Any:
        async with pipeline.llm.gate.admit(settings.llm_model):
            return await crosscheck.run(pipeline, articles, rid)

    job = jobs_of(request).start("cross-check", rid, {i: a.text for i, a in articles}, work)
    return RedirectResponse(f"/page/jobs/{job.id}", status_code=303)


def _unique_ids(articles: list[tuple[str, ArticleIn]]) -> list[tuple[str, ArticleIn]]:
    """File names as ids (a1, a2... for pasted articles); a repeated name gets a suffix."""
    out: list[tuple[str, ArticleIn]] = []
    seen: set[str] = set()
    for n, (name, article) in enumerate(articles, 1):
        base = name or f"a{n}"
        chosen, k = base, 2
        while chosen in seen:
            chosen, k = f"{base}-{k}", k + 1
        seen.add(chosen)
        out.append((chosen, article))
    return out


@router.get("/page/jobs/{job_id}")
async def show_job(request: Request, job_id: str, pipeline: PipelineDep) -> Response:
    job = jobs_of(request).get(job_id)
    if job is None:
        return problem(request, 404, "No such job", "this result is not (or no longer) kept by this process: "
                       "results are kept in memory for the last 100 jobs, by the process that ran them")
    context: dict[str, Any] = {"job": job, "model": pipeline.settings.llm_model}
    if job.state == "running":
        return _render(request, "job.html", context, headers={"Cache-Control": "no-store"})
    if job.failure is not None:
        f = job.failure
        return _render(request, "problem.html", {
            "status": f.status, "title": f.title, "detail": f.detail, "request_id": job.request_id, "job": job},
            status_code=f.status)
    if job.kind == "analysis":
        return _analysis_page(request, job.result, job.inputs, job.elapsed())
    return _cross_check_page(request, job.result, job.inputs, job.elapsed())


def _analysis_page(request: Request, result: AnalysisOut, submitted: str, elapsed: float) -> Response:
    text = page_view.analysis_text(result, submitted)
    article = page_view.marked_article(text, result.claims, result.loaded_terms, result.article.boilerplate,
                                       page_view.summary_support(result))
    quotes = {f"s{n}": [text[s.start:s.end] for s in sentence.support]
              for n, sentence in enumerate(result.summary.sentences, 1)}
    return _render(request, "analysis.html", {
        "r": result, "article_html": article, "support_quotes": quotes, "elapsed": elapsed, "active": "analyse"})


def _cross_check_page(request: Request, result: Any, texts: dict[str, str], elapsed: float) -> Response:
    names = source_names(result)
    return _render(request, "crosscheck.html", {
        "r": result, "grid": page_view.grid(result), "elapsed": elapsed, "active": "cross-check",
        "party": lambda pid: names.get(pid, pid.removeprefix("party:"))})


@router.post("/page/verifications")
async def verify(request: Request, settings: SettingsDep, rid: RequestIdDep) -> Response:
    try:
        form = await _form(request, settings, max_files=0)
        source, summary = _field(form, "source"), _field(form, "summary")
        if not source or not summary:
            raise InputError(422, "Nothing to verify", "paste both the source and the summary")
        for name, value in (("source", source), ("summary", summary)):
            if len(value) > settings.max_article_chars:
                raise InputError(413, f"{name.capitalize()} too long", f"{name} has {len(value):,} characters; "
                                 f"the limit is {settings.max_article_chars:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
    except InputError as e:
        return problem(request, e.status, e.title, e.detail)
    t0 = time.perf_counter()
    verdicts = await asyncio.to_thread(verify_summary, source, summary)
    support = {f"v{n}": v.support for n, v in enumerate(verdicts, 1)}
    return _render(request, "verification.html", {
        "verdicts": verdicts, "faithfulness": faithfulness(verdicts), "active": "verify",
        "source_html": page_view.marked_article(source, support=support), "request_id": rid,
        "elapsed": round(time.perf_counter() - t0, 1)})


def install(app: FastAPI) -> None:
    """The page's routes, its static files and its job store."""
    from fastapi.staticfiles import StaticFiles

    app.state.jobs = Jobs()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

