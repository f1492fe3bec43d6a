"""``Idempotency-Key`` for POSTs (IETF draft-ietf-httpapi-idempotency-key-header): a client that retries a
request with the same key gets the first response again instead of a second change.

- Same key, same request (method, path and body) → the stored response, marked ``Idempotent-Replayed: true``.
- Same key, a different request → 422: a key names one request only.
- A request that fails stores nothing (its transaction, with the key's row, is rolled back), so it may be
  retried with the same key.

Keys are scoped to the caller (token subject). The key's row is written in the request's own transaction,
first with ``INSERT … ON CONFLICT DO NOTHING``: a concurrent request with the same key waits for the first
to commit and then replays its response, which is sealed at rest (:mod:`polku_kit.sealing`). Rows are deleted
``POLKU_RETENTION_DAYS`` after they were written (``<service> prune``, :mod:`polku_kit.retention`).

A route opts in with the :data:`IdempotencyDep` dependency and hands its result to
:meth:`Idempotency.remember` before returning it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import DateTime, Index, Integer, Text, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.auth import CurrentPrincipal
from polku_kit.db import KitBase, SessionDep
from polku_kit.errors import FieldError, Unprocessable
from polku_kit.sealing import SealedJSON

REPLAYED_HEADER = "Idempotent-Replayed"

T = TypeVar("T")


class IdempotencyRecord(KitBase):
    __tablename__ = "idempotency_key"
    __table_args__ = (Index("ix_idempotency_key_created_at", "created_at"),)

    subject: Mapped[str] = mapped_column(Text, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    request_hash: Mapped[str] = mapped_column(Text)
    status_code: Mapped[int | None] = mapped_column(Integer)
    # Sealed at rest: a response may carry personal data (a registration answers with the identity code).
    response_body: Mapped[Any] = mapped_column(SealedJSON(b"idempotency_key.response_body"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IdempotencyKeyReused(Unprocessable):
    slug = "idempotency-key-reused"
    title = "The Idempotency-Key was used for a different request"


class Replay(Exception):
    """Raised to answer with the stored response (handled by :func:`install_replay_handler`)."""

    def __init__(self, status_code: int, body: Any):
        self.status_code = status_code
        self.body = body


class Idempotency:
    def __init__(self, session: Any, subject: str, key: str | None):
        self.session = session
        self.subject = subject
        self.key = key

    async def remember(self, result: T, *, status_code: int = 200) -> T:
        """Store the response of the first request with this key (in the request's transaction)."""
        if self.key is not None:
            await self.session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.subject == self.subject, IdempotencyRecord.key == self.key)
                .values(status_code=status_code, response_body=jsonable_encoder(result))
            )
        return result


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def idempotency(
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            pattern=r"^[\x21-\x7e]+$",
            description="Makes a retry safe: the same key and body give the first response again",
        ),
    ] = None,
) -> Idempotency:
    if idempotency_key is None:
        return Idempotency(session, principal.subject, None)
    fingerprint = request_fingerprint(request.method, request.url.path, await request.body())
    inserted = await session.execute(
        insert(IdempotencyRecord)
        .values(subject=principal.subject, key=idempotency_key, request_hash=fingerprint)
        .on_conflict_do_nothing(index_elements=["subject", "key"])
        .returning(IdempotencyRecord.key)
    )
    if inserted.first() is None:
        stored = await session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.subject == principal.subject, IdempotencyRecord.key == idempotency_key
            )
        )
        if stored is None or stored.request_hash != fingerprint or stored.status_code is None:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was sent with a different request; use a new key for a new request",
                errors=[
                    FieldError(
                        field="header.Idempotency-Key",
                        message="already used for another request",
                        code="idempotency_key_reused",
                    ).model_dump()
                ],
            )
        raise Replay(stored.status_code, stored.response_body)
    return Idempotency(session, principal.subject, idempotency_key)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]


async def _replay_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, Replay):  # registered for that class only
        raise exc
    return JSONResponse(exc.body, status_code=exc.status_code, headers={REPLAYED_HEADER: "true"})


def install_replay_handler(app: FastAPI) -> None:
    app.add_exception_handler(Replay, _replay_handler)
