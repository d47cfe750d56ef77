"""Prompt files (``prompts/*.toml``): loaded and validated once, at start-up.

A prompt is data: a pydantic model with ``extra="forbid"`` checks it, the variables it declares must be exactly
those its templates use, and rendering with a missing variable raises. A broken prompt stops the service from
starting instead of failing a request.
"""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from service.errors import ConfigError

REQUIRED = ("claims", "claims_document", "claims_review", "summary", "summary_document")


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z_]+$")
    version: str = Field(min_length=1)
    variables: tuple[str, ...]
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)

    @model_validator(mode="after")
    def _variables_match(self) -> Prompt:
        used: set[str] = set()
        for part in (self.system, self.user):
            template = string.Template(part)
            if not template.is_valid():
                raise ValueError(f"prompt {self.name!r}: invalid $-placeholder")
            used.update(template.get_identifiers())
        if used != set(self.variables):
            raise ValueError(
                f"prompt {self.name!r}: declares {sorted(self.variables)} but uses {sorted(used)}"
            )
        return self

    @property
    def ref(self) -> str:
        """How responses name it: ``claims@1``."""
        return f"{self.name}@{self.version}"

    def render(self, **variables: object) -> list[dict[str, str]]:
        """Chat messages with the variables filled in; a missing or unknown variable raises KeyError."""
        if set(variables) != set(self.variables):
            raise KeyError(f"prompt {self.name!r} takes {sorted(self.variables)}, got {sorted(variables)}")
        values = {k: str(v) for k, v in variables.items()}
        return [
            {"role": "system", "content": string.Template(self.system).substitute(values)},
            {"role": "user", "content": string.Template(self.user).substitute(values)},
        ]


def default_prompts_dir() -> Path:
    """``service/prompts`` in an installed wheel, else ``prompts/`` at the repository root."""
    package = Path(__file__).parent.parent
    bundled = package / "prompts"
    return bundled if bundled.is_dir() else package.parent / "prompts"


@lru_cache(maxsize=8)
def load_prompts(directory: Path | None = None) -> dict[str, Prompt]:
    """Read every ``*.toml`` prompt in ``directory``.

    Raises:
        ConfigError: a file does not parse or validate, or a required prompt is missing.
    """
    directory = directory or default_prompts_dir()
    prompts: dict[str, Prompt] = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            prompt = Prompt.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, ValidationError, UnicodeDecodeError) as exc:
            raise ConfigError(f"prompt file {path} is invalid: {exc}") from exc
        if prompt.name != path.stem:
            raise ConfigError(f"prompt file {path} declares name {prompt.name!r}; it must match the file name")
        prompts[prompt.name] = prompt
    missing = [name for name in REQUIRED if name not in prompts]
    if missing:
        raise ConfigError(f"prompts missing from {directory}: {missing}")
    return prompts
