"""POST /v1/verifications: check any summary against its source with the service's own grounding code."""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter

from service.api.deps import PROBLEM_RESPONSES, VERIFICATION_DOC, RequestIdDep, SettingsDep, VerificationBody
from service.errors import InputError
from service.schemas import Meta, VerificationOut
from service.text.grounding import faithfulness, verify_summary

router = APIRouter(prefix="/v1", tags=["verification"], responses=PROBLEM_RESPONSES)


@router.post("/verifications", response_model=VerificationOut, openapi_extra=VERIFICATION_DOC,
             summary="Which sentences of a summary does the source support?")
async def create_verification(body: VerificationBody, settings: SettingsDep, rid: RequestIdDep) -> VerificationOut:
    for field, value in (("source", body.source), ("summary", body.summary)):
        if len(value) > settings.max_article_chars:
            raise InputError(413, f"{field.capitalize()} too long", f"{field} has {len(value):,} characters; the "
                             f"limit is {settings.max_article_chars:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
    t0 = time.perf_counter()
    # CPU-bound (every summary sentence against every source window): in a thread, so the event loop keeps
    # serving other requests (and /healthz) meanwhile.
    verdicts = await asyncio.to_thread(verify_summary, body.source, body.summary)
    meta = Meta(request_id=rid, model="none (deterministic grounding)",
                timings_ms={"total": round((time.perf_counter() - t0) * 1000, 1)})
    return VerificationOut(sentences=verdicts, faithfulness=faithfulness(verdicts), meta=meta)
