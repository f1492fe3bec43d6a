# The gateway: Caddy with Polku's configuration, the built SPA and the API documents page.
# Build from the repository root:  docker build -f deploy/docker/gateway.Dockerfile -t polku/gateway .
FROM node:20-slim AS spa
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

FROM caddy:2.10-alpine
COPY deploy/caddy/Caddyfile /etc/caddy/Caddyfile
COPY deploy/caddy/api-docs /srv/api-docs
COPY --from=spa /frontend/dist /srv/spa
ENV POLKU_SPA_ROOT=/srv/spa POLKU_API_DOCS_ROOT=/srv/api-docs POLKU_GATEWAY_ADDRESS=:8080
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["wget", "-qO-", "http://127.0.0.1:8080/"]
ENTRYPOINT ["caddy"]
CMD ["run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
