"""crosscheck: read news critically with an LLM."""

__version__ = "0.1.0"
