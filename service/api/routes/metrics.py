"""GET /metrics: Prometheus' text format (open, like the health probes; see README "Metrics and logs")."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service import telemetry

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    body, content_type = telemetry.metrics_body()
    return Response(body, media_type=content_type)
