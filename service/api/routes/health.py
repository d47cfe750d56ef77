"""GET /healthz (the process is up) and GET /readyz (the NLP pipeline is loaded and the model can be called)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import PipelineDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Model not reachable or not loaded"}})
async def readyz(pipeline: PipelineDep) -> JSONResponse:
    ok, detail = await pipeline.ready()
    body = {"status": "ready" if ok else "not ready", "model": pipeline.settings.llm_model, "detail": detail,
            "prompt_versions": {name: p.ref for name, p in pipeline.prompts.items()}}
    return JSONResponse(body, status_code=200 if ok else 503)
