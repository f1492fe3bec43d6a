"""The national platform simulator: a small FastAPI app on loopback that answers P66/P67-shaped calls (checking the
``KIPA-Subscription-Key`` header), receives Polku's webhooks (:mod:`.receiver`), sends the platform's events to
Polku (:mod:`.sending`), shows the failures it is told to show, records what it received, and exposes query
endpoints of its job seekers and job postings for reconciliation.

    python -m polku_dev.platform_sim.app --port 8090 [--api-key KEY]
        [--clients-url URL --employer-url URL --token-url URL --client-id ID --client-secret SECRET
         --webhook-secret whsec_…]   (where and as whom it sends events; without them it sends none)

``make run`` starts it (``polku_dev.devstack``); the services' tests start it as a process on a free port (their
``platform`` fixtures) and drive it through the control routes only (no key; loopback only; docs/integration.md):

    POST /control/failures   {"down": true} | {"slow_seconds": 2} | {"throttle": 3, "retry_after_seconds": 1}
                             | {"errors": 2} | {"rate_limit_per_second": 5}; an empty body clears them
    POST /control/reset      forget everything
    GET  /control/received   what the P66/P67 routes answered, oldest first
    GET  /control/postings   every posting with its body
    POST /control/postings   {"business_id": "...", "body": {...}}: a posting made on the platform itself
    PUT  /control/postings/{id}   the same, with its id (changed there, or put back); DELETE: gone without a trace
    POST /control/postings/{id}/archive
    POST /control/job-seekers {"identity_code": "...", "first_names": …}; POST /control/job-seekers/{id}/end
    GET  /query/job-seekers, GET /query/vacancies   the platform's state, for reconciliation (with the key, and
                             the failures as the P66/P67 routes show them)
    POST /control/send       {"events": [{"type", "subject", "data"}], "faults": [...]}: events sent to Polku
    POST /webhooks/polku     Polku's webhooks, verified and taken in once per event id
    PUT  /control/webhook-secrets {"secrets": ["whsec_…"]}: the subscriptions' secrets it verifies with
    POST /control/webhook-failures {"down": true} | {"slow_seconds": 12} | {"throttle": 2} | {"errors": 2}
                             | {"lose_acknowledgements": 1}; an empty body clears them
    GET  /control/deliveries, GET /control/events   every delivery with its answer; each event taken in, once
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

import uvicorn
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from polku_dev.platform_sim import postings, receiver, sending
from polku_dev.platform_sim.sending import Polku
from polku_dev.platform_sim.state import Failures, PlatformState, Posting, UnknownFields, known_fields, now

DEVELOPMENT_API_KEY = "sim-kipa-key"  # the simulator's development key


def create_app(
    api_key: str = DEVELOPMENT_API_KEY, state: PlatformState | None = None, polku: Polku | None = None
) -> FastAPI:
    app = FastAPI(title="National platform simulator", docs_url=None, redoc_url=None)
    app.state.platform = state or PlatformState(api_key=api_key)
    app.state.polku = polku
    app.include_router(postings.router)
    app.include_router(receiver.router)
    app.include_router(sending.router)

    @app.exception_handler(UnknownFields)
    async def unknown_fields(request: Request, error: UnknownFields) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, 422)

    def platform(request: Request) -> PlatformState:
        held: PlatformState = request.app.state.platform
        return held

    @app.post("/control/failures")
    async def set_failures(request: Request) -> dict[str, Any]:
        body = await request.json() if await request.body() else {}
        platform(request).failures = Failures(**known_fields(Failures, body))
        return asdict(platform(request).failures)

    @app.post("/control/reset")
    async def reset(request: Request) -> dict[str, str]:
        platform(request).reset()
        return {"status": "reset"}

    @app.get("/control/received")
    async def received(request: Request) -> list[dict[str, Any]]:
        return [asdict(item) | {"at": item.at.isoformat()} for item in platform(request).received]

    @app.get("/control/postings")
    async def list_postings(request: Request) -> list[dict[str, Any]]:
        return [
            {
                "job_posting_id": posting.job_posting_id,
                "business_id": posting.business_id,
                "body": posting.body,
                "archived": posting.archived,
                "origin": posting.origin,
                "modified": posting.modified.isoformat(),
            }
            for posting in sorted(platform(request).postings.values(), key=lambda p: p.job_posting_id)
        ]

    @app.post("/control/postings", status_code=201)
    async def add_posting(request: Request) -> dict[str, str]:
        body = await request.json()
        posting = platform(request).add_posting(body["business_id"], body["body"])
        return {"jobPostingId": posting.job_posting_id}

    @app.put("/control/postings/{job_posting_id}")
    async def put_posting(job_posting_id: str, request: Request) -> dict[str, str]:
        """A posting changed on the platform itself, or put back (with the same id) after it was deleted."""
        body = await request.json()
        state = platform(request)
        existing = state.postings.get(job_posting_id)
        state.postings[job_posting_id] = Posting(
            job_posting_id=job_posting_id,
            business_id=body["business_id"],
            body=body["body"],
            archived=bool(body.get("archived", False)),
            origin=existing.origin if existing else "platform",
        )
        return {"jobPostingId": job_posting_id}

    @app.delete("/control/postings/{job_posting_id}", status_code=204)
    async def delete_posting(job_posting_id: str, request: Request) -> None:
        """A posting gone from the platform without a trace (as a lost write leaves it)."""
        if platform(request).postings.pop(job_posting_id, None) is None:
            raise HTTPException(404, "no such posting")

    @app.post("/control/postings/{job_posting_id}/archive")
    async def archive(job_posting_id: str, request: Request) -> dict[str, str]:
        posting = platform(request).postings.get(job_posting_id)
        if posting is None:
            raise HTTPException(404, "no such posting")
        posting.archived, posting.modified = True, now()
        return {"jobPostingId": job_posting_id}

    @app.post("/control/job-seekers", status_code=201)
    async def add_job_seeker(request: Request) -> dict[str, str]:
        body = await request.json()
        details = {key: body[key] for key in ("first_names", "last_name", "home_municipality") if key in body}
        if "job_search_started_on" in body:
            details["job_search_started_on"] = date.fromisoformat(body["job_search_started_on"])
        seeker = platform(request).add_job_seeker(body["identity_code"], **details)
        return {"customerId": seeker.customer_id}

    @app.post("/control/job-seekers/{customer_id}/end")
    async def end_job_search(customer_id: str, request: Request) -> dict[str, str]:
        seeker = platform(request).job_seekers.get(customer_id)
        if seeker is None:
            raise HTTPException(404, "no such job seeker")
        seeker.job_search_ended_at = now()
        return {"customerId": customer_id}

    @app.get("/query/job-seekers")
    async def query_job_seekers(request: Request) -> JSONResponse:
        state = platform(request)
        if (refusal := await postings.guard(request, None)) is not None:
            return refusal
        return JSONResponse(
            {
                "jobSeekers": [
                    {
                        "customerId": seeker.customer_id,
                        "identityCode": seeker.identity_code,
                        "firstNames": seeker.first_names,
                        "lastName": seeker.last_name,
                        "homeMunicipality": seeker.home_municipality,
                        "jobSearchStartedOn": seeker.job_search_started_on.isoformat(),
                        "registeredAt": seeker.registered_at.isoformat(),
                        "jobSearchEndedAt": seeker.job_search_ended_at and seeker.job_search_ended_at.isoformat(),
                    }
                    for seeker in state.job_seekers.values()
                ]
            }
        )

    @app.get("/query/vacancies")
    async def query_vacancies(request: Request) -> JSONResponse:
        state = platform(request)
        if (refusal := await postings.guard(request, None)) is not None:
            return refusal
        return JSONResponse(
            {
                "jobPostings": [
                    {
                        "jobPostingId": posting.job_posting_id,
                        "businessId": posting.business_id,
                        "externalReference": posting.body.get("externalReference"),
                        "origin": posting.origin,
                        "status": "ARCHIVED" if posting.archived else "PUBLISHED",
                        "modified": posting.modified.isoformat(),
                    }
                    for posting in sorted(state.postings.values(), key=lambda p: p.job_posting_id)
                ]
            }
        )

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="polku_dev.platform_sim.app", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-key", default=DEVELOPMENT_API_KEY)
    sends = parser.add_argument_group("where and as whom the simulator sends the platform's events (all or none)")
    sends.add_argument("--clients-url", help="clients-api's address (or the gateway's …/api/clients)")
    sends.add_argument("--employer-url", help="employer-api's address (or the gateway's …/api/employer)")
    sends.add_argument("--token-url", help="the OIDC token endpoint")
    sends.add_argument("--client-id", help="the platform's machine client (role platform)")
    sends.add_argument("--client-secret")
    sends.add_argument("--webhook-secret", help="a secret in Polku's POLKU_PLATFORM_WEBHOOK_SECRETS (whsec_…)")
    args = parser.parse_args(argv)
    given = [args.clients_url, args.employer_url, args.token_url, args.client_id, args.client_secret]
    given.append(args.webhook_secret)
    if any(given) and not all(given):
        parser.error(
            "give all of --clients-url, --employer-url, --token-url, --client-id, --client-secret, "
            "--webhook-secret, or none"
        )
    polku = (
        Polku(
            clients_url=args.clients_url,
            employer_url=args.employer_url,
            token_url=args.token_url,
            client_id=args.client_id,
            client_secret=args.client_secret,
            webhook_secret=args.webhook_secret,
        )
        if all(given)
        else None
    )
    uvicorn.run(create_app(args.api_key, polku=polku), host="127.0.0.1", port=args.port, log_level="info")


if __name__ == "__main__":
    main()
