# Polku: `make run` starts the whole product with demo data; `make test` runs every test.
# Both install what they need (uv, the Python workspace, the SPA's npm packages).

SHELL := /bin/bash
.DEFAULT_GOAL := help
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
NPM ?= npm
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export UV_LINK_MODE := copy

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet --break-system-packages uv

.venv/.synced: $(UV) pyproject.toml uv.lock services/*/pyproject.toml
	$(UV) sync --frozen --all-packages
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund
	@touch $@

.PHONY: install
install: .venv/.synced frontend/node_modules/.installed ## install the Python workspace and the SPA's packages

# The build fails, writing nothing, when the first screen's JavaScript passes its budget or holds hds-react
# (vite.config.ts, initialChunkBudget).
frontend/dist/index.html: frontend/node_modules/.installed frontend/vite.config.ts $(shell find frontend/src frontend/public frontend/index.html frontend/api-docs.html -type f 2>/dev/null)
	cd frontend && $(NPM) run build

.PHONY: frontend
frontend: frontend/dist/index.html ## build the SPA into frontend/dist, within the first screen's JavaScript budget

.PHONY: run
run: install frontend ## start everything with demo data at http://localhost:8080 (Ctrl-C stops)
	$(UV) run --frozen polku-dev run

.PHONY: openapi
openapi: .venv/.synced frontend/node_modules/.installed ## write the services' OpenAPI documents for the SPA's generated client
	$(UV) run --frozen python -m polku_dev.openapi frontend/openapi
	cd frontend && $(NPM) run generate:api

.PHONY: test
test: check test-python test-frontend test-e2e ## run the gates, then every test

PYTHON_SOURCES := services tests bench

# The Python gates and the SPA's run side by side (each group's output kept together); tsc and Prettier keep caches
# (frontend/tsconfig.tsbuildinfo, node_modules/.cache) that a changed file invalidates, so a warm run rechecks only that.
.PHONY: check
check: .venv/.synced frontend/node_modules/.installed ## the gates: formatting, lint and types (Python and the SPA)
	$(MAKE) --no-print-directory -j2 --output-sync=target check-python check-frontend

.PHONY: check-python
check-python: .venv/.synced ## the Python gates: ruff format and check, mypy (strict), the import contracts
	$(UV) run --frozen ruff format --check $(PYTHON_SOURCES)
	$(UV) run --frozen ruff check $(PYTHON_SOURCES)
	$(UV) run --frozen mypy
	$(UV) run --frozen lint-imports

.PHONY: check-frontend
check-frontend: frontend/node_modules/.installed ## the SPA's gates: tsc, ESLint, Prettier
	cd frontend && $(NPM) run lint

.PHONY: fix
fix: .venv/.synced frontend/node_modules/.installed ## apply what the gates can fix themselves
	$(UV) run --frozen ruff check --fix $(PYTHON_SOURCES)
	$(UV) run --frozen ruff format $(PYTHON_SOURCES)
	cd frontend && $(NPM) run fix --if-present

.PHONY: test-python
test-python: .venv/.synced frontend ## the services, the kit, the issuer, deploy files and cross-service tests
	$(UV) run --frozen pytest -n 2 --dist loadfile services tests

.PHONY: test-faults
test-faults: .venv/.synced ## every fault scenario (receiver, dispatcher, PostgreSQL and service failures); counts in bench/results/faults.md
	$(UV) run --frozen pytest -m faults tests/faults

.PHONY: test-frontend
test-frontend: frontend/node_modules/.installed ## the SPA's unit tests (its type check and lint: make check)
	cd frontend && $(NPM) test

.PHONY: test-e2e
test-e2e: .venv/.synced frontend ## the SPA in headless Chromium against the real stack behind the gateway
	$(UV) run --frozen polku-dev stack -- $(NPM) --prefix frontend run test:e2e

.PHONY: lint
lint: check ## the same as make check

.PHONY: imports
imports: .venv/.synced ## the architecture's import contracts (import-linter; the services' tests too)
	$(UV) run --frozen lint-imports
	$(UV) run --frozen pytest -q -p no:cacheprovider tests/test_architecture.py tests/test_vocabularies.py

.PHONY: bench
bench: install frontend ## load benchmark through the gateway; results in bench/results/
	$(UV) run --frozen python bench/gateway_load.py

.PHONY: bench-inbound
bench-inbound: .venv/.synced ## the national platform's events through the gateway into clients-api and employer-api, beside the bare health check (bench/results/inbound.md)
	$(UV) run --frozen python bench/inbound.py

.PHONY: bench-dispatcher
bench-dispatcher: .venv/.synced ## the webhook dispatcher: 100,000 events to a local receiver, wake-up, idle CPU (bench/results/dispatcher.md)
	$(UV) run --frozen python bench/dispatcher.py

.PHONY: bench-clients
bench-clients: .venv/.synced ## clients-api at 12,000 and 300,000 clients (periods, episodes, deadlines): wrk beside bare at both scales, the statements' plans (bench/results/clients-scale.md)
	$(UV) run --frozen python bench/clients_scale.py

.PHONY: bench-referrals
bench-referrals: .venv/.synced ## referrals-api at an area's scale and at 300,000 clients and 1,000,000 referrals: wrk beside bare at both, the statements' plans (bench/results/referrals-scale.md)
	$(UV) run --frozen python bench/referrals_scale.py

.PHONY: bench-employer
bench-employer: .venv/.synced ## employer-api's matching: 300,000 profiles, 50,000 vacancies, wrk through the gateway, event catch-up, query plans (bench/results/employer-scale.md)
	$(UV) run --frozen python bench/employer_scale.py

.PHONY: bench-metrics
bench-metrics: .venv/.synced ## metrics-api at national scale: 300,000 job seekers, every indicator beside a plain scan, wrk, the rebuild (bench/results/metrics-scale.md)
	$(UV) run --frozen python bench/metrics_scale.py

.PHONY: bench-first-load
bench-first-load: install frontend ## the SPA's first load in headless Chromium on a throttled network (bench/results/first-load.md)
	$(UV) run --frozen polku-dev stack -- node bench/first_load.mjs --json bench/results/first-load.json

.PHONY: clean
clean: ## remove local state (the demo database too)
	rm -rf var .venv frontend/node_modules frontend/dist
