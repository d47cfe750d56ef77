"""POST /v1/verifications: check any summary against its source with the service's own grounding code."""

from __future__ import annotations

import time

from fastapi import APIRouter

from service.deps import VERIFICATION_DOC, RequestIdDep, SettingsDep, VerificationBody
from service.errors import InputError
from service.grounding import faithfulness, verify_summary
from service.schemas import Meta, VerificationOut

router = APIRouter(prefix="/v1", tags=["verification"])


@router.post("/verifications", response_model=VerificationOut, openapi_extra=VERIFICATION_DOC,
             summary="Which sentences of a summary does the source support?")
async def create_verification(body: VerificationBody, settings: SettingsDep, rid: RequestIdDep) -> VerificationOut:
    if len(body.source) > settings.max_article_chars:
        raise InputError(413, "Source too long", f"source has {len(body.source):,} characters; the limit is "
                         f"{settings.max_article_chars:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
    t0 = time.perf_counter()
    verdicts = verify_summary(body.source, body.summary)
    meta = Meta(request_id=rid, model="none (deterministic grounding)",
                timings_ms={"total": round((time.perf_counter() - t0) * 1000, 1)})
    return VerificationOut(sentences=verdicts, faithfulness=faithfulness(verdicts), meta=meta)
