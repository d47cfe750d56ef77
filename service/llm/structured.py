"""Structured output: how JSON is asked of a model, and how its answer is read (repaired, then validated)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

import json_repair
import litellm
from pydantic import BaseModel, ValidationError

from service.config import Settings

T = TypeVar("T", bound=BaseModel)


@dataclass
class CallResult:
    value: BaseModel | None  # None: the output stayed unusable after repairs
    raw: str
    error: str | None = None


def response_format(settings: Settings, schema: type[BaseModel]) -> dict[str, Any] | None:
    """``json_schema`` (OpenAI style) for hosted models that take it; ``json_object`` with the schema for the
    embedded model and local servers (llama.cpp constrains decoding with it as a grammar); or nothing."""
    mode = settings.llm_json_mode
    if mode == "auto":
        local = settings.is_embedded or bool(settings.llm_api_base)
        mode = "json_object" if local else (
            "json_schema" if litellm.supports_response_schema(model=settings.llm_model) else "json_object")
    if mode == "none":
        return None
    json_schema = schema.model_json_schema()
    if mode == "json_schema":
        return {"type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": False}}
    return {"type": "json_object", "schema": json_schema}


def parse_json(raw: str, schema: type[T]) -> tuple[T | None, str | None]:
    """Validate the model's text as ``schema``; truncated or sloppy JSON is repaired first."""
    try:
        return schema.model_validate_json(raw), None
    except ValidationError:
        pass
    try:
        repaired = json_repair.loads(raw)
        if not isinstance(repaired, dict):
            return None, "the answer is not a JSON object"
        return schema.model_validate(repaired), None
    except (ValidationError, ValueError, json.JSONDecodeError) as exc:
        return None, str(exc).splitlines()[0][:300]
