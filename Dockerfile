# Serves crosscheck on the embedded model. Not built here (no Docker engine on our machines): kept simple.
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1 LITELLM_LOCAL_MODEL_COST_MAP=True
# llama-cpp-python compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Phase 1: dependencies only (a cached layer while pyproject.toml is unchanged).
COPY pyproject.toml README.md ./
RUN mkdir -p service prompts && touch service/__init__.py \
    && pip install '.[embedded]' && pip uninstall -y crosscheck

# Phase 2: the app.
COPY service ./service
COPY prompts ./prompts
RUN pip install --no-deps .

EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["crosscheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
