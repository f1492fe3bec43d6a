# The local OIDC issuer, for a demo only: it refuses to start with POLKU_ENV=production.
FROM python:3.11-slim AS build
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY services ./services
RUN uv sync --frozen --no-dev --package polku-identity

FROM python:3.11-slim
RUN groupadd --system --gid 10001 polku && useradd --system --uid 10001 --gid polku --no-create-home polku
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 POLKU_ENV=development
USER 10001:10001
EXPOSE 8010
ENTRYPOINT ["polku-identity"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8010"]
