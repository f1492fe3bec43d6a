"""A real HTTP webhook receiver on 127.0.0.1 (uvicorn, in the test's event loop), scripted by the test.

It records every request, verifies each with the Standard Webhooks reference library when it knows the
secret, and "handles" each event id once, the way an inbox does.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from standardwebhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from polku_kit.testing import free_port


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    """``hang_first`` requests never answer (until the receiver stops); the next ``fail_first`` answer 500;
    the rest 200, except every ``fail_every``-th (500), each after ``delay`` seconds. With ``secret`` every request
    must verify, or it is answered 401. ``most_at_once`` is the most requests it was answering at one time."""

    fail_first: int = 0
    hang_first: int = 0
    fail_every: int = 0
    delay: float = 0.0
    secret: str | None = None
    most_at_once: int = 0
    _at_once: int = 0
    requests: list[Received] = field(default_factory=list)
    handled_ids: list[str] = field(default_factory=list)
    refused: int = 0
    port: int = field(default_factory=free_port)
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None
    _release: asyncio.Event = field(default_factory=asyncio.Event)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    @property
    def ids(self) -> list[str]:
        return [request.webhook_id for request in self.requests]

    async def wait_for(self, count: int, seconds: float = 15.0) -> None:
        """Until ``count`` requests have arrived."""
        async with asyncio.timeout(seconds):
            while len(self.requests) < count:
                self._arrived.clear()
                await self._arrived.wait()

    async def _endpoint(self, request: Request) -> JSONResponse:
        self._at_once += 1
        self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            return await self._answer(request)
        finally:
            self._at_once -= 1

    async def _answer(self, request: Request) -> JSONResponse:
        received = Received(dict(request.headers), await request.body())
        self.requests.append(received)
        self._arrived.set()
        number = len(self.requests)
        if number <= self.hang_first:
            await self._release.wait()
            return JSONResponse({}, status_code=503)
        if number <= self.hang_first + self.fail_first or (self.fail_every and number % self.fail_every == 0):
            return JSONResponse({"error": "temporarily down"}, status_code=500)
        if self.secret is not None:
            try:
                Webhook(self.secret).verify(received.body, received.headers)
            except Exception:
                self.refused += 1
                return JSONResponse({"error": "bad signature"}, status_code=401)
        if received.webhook_id not in self.handled_ids:  # what an inbox does: handle each event id once
            self.handled_ids.append(received.webhook_id)
        return JSONResponse({"ok": True})

    async def __aenter__(self) -> Receiver:
        app = Starlette(routes=[Route("/hooks", self._endpoint, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._release.set()
        assert self._server is not None and self._task is not None
        self._server.should_exit = True
        await self._task
