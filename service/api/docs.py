"""/docs (Swagger UI) and /redoc that work without internet: their scripts, styles and icon are served from here.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so on a machine without network /docs is a blank page.
The assets come from the ``fastapi-offline`` package (the Swagger UI and ReDoc bundles, kept up to date by its
maintainer); we use only its files, not its app factory, so that the app is still ``create_app``'s.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.api import examples

DOCS = "/docs"
REDOC = "/redoc"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"  # where FastAPI's own /docs would put it
# One mount: the metrics count every asset under this one route label, never one label per file.
ASSETS = "/docs-assets"
# The pages may load nothing from another host, whatever the bundles ask for (ReDoc's fetches its "by Redocly" logo
# from cdn.redoc.ly): the browser refuses. Inline: Swagger UI's start-up script, both UIs' styles; blob: ReDoc's
# search worker.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; worker-src 'self' blob:")


def install(app: FastAPI) -> None:
    """Serve /docs, its OAuth2 redirect page, /redoc and their assets, and put the response examples into the
    schema they show. The app is built with ``docs_url=None, redoc_url=None`` so that FastAPI's CDN pages are not
    registered first."""
    examples.install(app)
    app.mount(ASSETS, StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    # Swagger UI otherwise shows a badge image fetched from validator.swagger.io, sending it the schema's URL.
    swagger_parameters = {**(app.swagger_ui_parameters or {}), "validatorUrl": None}

    @app.get(DOCS, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")  # behind a proxy that strips a prefix, as FastAPI's
        return _same_origin_only(get_swagger_ui_html(
            openapi_url=root + openapi_url, title=f"{app.title} - Swagger UI", oauth2_redirect_url=OAUTH2_REDIRECT,
            swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS}/favicon.png", swagger_ui_parameters=swagger_parameters,
            init_oauth=app.swagger_ui_init_oauth))

    @app.get(OAUTH2_REDIRECT, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(REDOC, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        # with_google_fonts=False: the page would otherwise link fonts.googleapis.com (ReDoc falls back to
        # the browser's own fonts).
        return _same_origin_only(get_redoc_html(
            openapi_url=root + openapi_url, title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js", redoc_favicon_url=f"{root}{ASSETS}/favicon.png",
            with_google_fonts=False))


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CSP
    return page
