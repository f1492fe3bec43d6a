"""P66 (job posting management) and P67 (job posting search) as the simulator answers them, with the shapes that
employer-api's adapter (``employer_api.national.wire``) sends and reads; written here on their own from the same
published description, so that a test against the simulator checks the adapter rather than itself.

Sources: KEHA's "Technical documentation for the Jobposting Management API" (P66,
https://tyomarkkinatori.fi/jobposting-new/documentation/KIPA-manage-jobpostings-en.html) and "... Jobposting Search
API" (P67, https://tyomarkkinatori.fi/jobpostingprovider/documentation/KIPA-search-jobpostings-en.html): calls go
through Kipa with the ``KIPA-Subscription-Key`` header, Kipa adds ``KIPA-MessageId``, P66 names the employer by
``businessId`` in the address, P67 is an HTTP POST with the filters in the body. The field names of the bodies come
from the OpenAPI YAML that KEHA hands out on activation; they are assumed here (see the adapter module)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from polku_dev.platform_sim.state import PlatformState, Received, now

KEY_HEADER = "KIPA-Subscription-Key"
MESSAGE_ID_HEADER = "KIPA-MessageId"
REQUIRED = ("externalReference", "title", "description", "occupation", "location", "employment", "applicationPeriod")

router = APIRouter()


def _state(request: Request) -> PlatformState:
    state: PlatformState = request.app.state.platform
    return state


async def guard(request: Request, body: Any) -> JSONResponse | None:
    """The key, then the failures the simulator was told to show; a refusal is recorded like an answer."""
    state = _state(request)
    refusal: JSONResponse | None = None
    failures = state.failures
    if failures.slow_seconds:
        await asyncio.sleep(failures.slow_seconds)
    if failures.down_after_calls is not None:
        if failures.down_after_calls <= 0:
            failures.down = True
        failures.down_after_calls -= 1
    if request.headers.get(KEY_HEADER) != state.api_key:
        refusal = JSONResponse({"statusCode": 401, "message": "Access denied due to missing subscription key."}, 401)
    elif failures.down:
        refusal = JSONResponse({"statusCode": 503, "message": "Service unavailable"}, 503)
    elif failures.throttle > 0 or state.over_rate_limit():
        failures.throttle = max(0, failures.throttle - 1)
        refusal = JSONResponse(
            {"statusCode": 429, "message": "Rate limit is exceeded."},
            429,
            headers={"Retry-After": str(failures.retry_after_seconds)},
        )
    elif failures.errors > 0:
        failures.errors -= 1
        refusal = JSONResponse({"statusCode": 500, "message": "Internal server error"}, 500)
    if refusal is not None:
        state.received.append(Received(request.method, request.url.path, refusal.status_code, body))
    return refusal


def _record(request: Request, status: int, body: Any) -> None:
    _state(request).received.append(
        Received(request.method, request.url.path, status, body, message_id=request.state.message_id)
    )


async def _body(request: Request) -> Any:
    request.state.message_id = str(uuid.uuid4())
    try:
        return await request.json()
    except ValueError:
        return None


def _invalid(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return ["body: a JSON object"]
    return [f"{name}: required" for name in REQUIRED if name not in body]


@router.post("/kipa/p66/v1/jobpostings/{business_id}")
async def create_posting(business_id: str, request: Request) -> JSONResponse:
    body = await _body(request)
    if (refusal := await guard(request, body)) is not None:
        return refusal
    if errors := _invalid(body):
        _record(request, 400, body)
        return JSONResponse({"statusCode": 400, "errors": errors}, 400)
    posting = _state(request).add_posting(business_id, body, origin="import")
    _record(request, 201, body)
    return JSONResponse({"jobPostingId": posting.job_posting_id}, 201, headers={MESSAGE_ID_HEADER: "sim"})


@router.put("/kipa/p66/v1/jobpostings/{business_id}/{job_posting_id}")
async def update_posting(business_id: str, job_posting_id: str, request: Request) -> JSONResponse:
    body = await _body(request)
    if (refusal := await guard(request, body)) is not None:
        return refusal
    posting = _state(request).postings.get(job_posting_id)
    if posting is None or posting.business_id != business_id:
        _record(request, 404, body)
        return JSONResponse({"statusCode": 404, "message": "Job posting not found"}, 404)
    if errors := _invalid(body):
        _record(request, 400, body)
        return JSONResponse({"statusCode": 400, "errors": errors}, 400)
    posting.body, posting.modified = body, now()
    _record(request, 200, body)
    return JSONResponse({"jobPostingId": posting.job_posting_id})


@router.post("/kipa/p66/v1/jobpostings/{business_id}/{job_posting_id}/archive")
async def archive_posting(business_id: str, job_posting_id: str, request: Request) -> JSONResponse:
    body = await _body(request)
    if (refusal := await guard(request, body)) is not None:
        return refusal
    posting = _state(request).postings.get(job_posting_id)
    if posting is None or posting.business_id != business_id:
        _record(request, 404, body)
        return JSONResponse({"statusCode": 404, "message": "Job posting not found"}, 404)
    if not posting.archived:
        posting.archived, posting.modified = True, now()
    _record(request, 200, body)
    return JSONResponse({"jobPostingId": posting.job_posting_id})


@router.post("/kipa/p67/v2/jobpostings")
async def search_postings(request: Request) -> JSONResponse:
    body = await _body(request)
    if (refusal := await guard(request, body)) is not None:
        return refusal
    filters = (body or {}).get("filters") or {}
    paging = (body or {}).get("paging") or {}
    page, size = int(paging.get("page", 0)), min(int(paging.get("pageSize", 50)), 100)
    municipalities = set(filters.get("municipalityCodes") or [])
    business_ids = set(filters.get("businessIds") or [])
    found = [
        posting
        for posting in sorted(_state(request).postings.values(), key=lambda p: p.job_posting_id)
        if (not municipalities or posting.body.get("location", {}).get("municipalityCode") in municipalities)
        and (not business_ids or posting.business_id in business_ids)
    ]
    chosen = found[page * size : (page + 1) * size]
    _record(request, 200, body)
    return JSONResponse(
        {
            "totalCount": len(found),
            "page": page,
            "pageSize": size,
            "jobPostings": [
                {
                    **posting.body,
                    "jobPostingId": posting.job_posting_id,
                    "businessId": posting.business_id,
                    "employerName": posting.body.get("employerName") or f"Yritys {posting.business_id}",
                    "status": "ARCHIVED" if posting.archived else "PUBLISHED",
                    "modified": posting.modified.isoformat(),
                    "url": f"https://tyomarkkinatori.fi/henkiloasiakkaat/avoimet-tyopaikat/{posting.job_posting_id}",
                }
                for posting in chosen
            ],
        }
    )
