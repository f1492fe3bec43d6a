# referrals-api. Build from the repository root:  docker build -f deploy/docker/referrals-api.Dockerfile -t polku/referrals-api .
# The same image runs the API (`serve`), the webhook dispatcher (`dispatch`), the migrations (`migrate`) and the
# referral expiry job (`expire`).
FROM python:3.11-slim AS build
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY services ./services
RUN uv sync --frozen --no-dev --package referrals-api

FROM python:3.11-slim
RUN groupadd --system --gid 10001 polku && useradd --system --uid 10001 --gid polku --no-create-home polku
# The workspace packages are installed editable: the service's migrations stay beside its code.
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 POLKU_ENV=production
USER 10001:10001
EXPOSE 8002
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8002/healthz', timeout=2)"]
ENTRYPOINT ["referrals-api"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8002"]
