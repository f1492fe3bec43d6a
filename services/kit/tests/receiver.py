"""A real HTTP webhook receiver on 127.0.0.1 for the dispatcher tests, whose behaviour a test scripts."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import uvicorn
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
    def event(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """``fail_first`` requests answer 500; ``hang_first`` requests never answer (until the test ends)."""

    fail_first: int = 0
    hang_first: int = 0
    requests: list[Received] = field(default_factory=list)
    handled_ids: list[str] = field(default_factory=list)
    port: int = field(default_factory=free_port)
    _server: uvicorn.Server | None = None
    _task: asyncio.Task | None = None
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def _endpoint(self, request: Request) -> JSONResponse:
        received = Received(dict(request.headers), await request.body())
        self.requests.append(received)
        number = len(self.requests)
        if number <= self.hang_first:
            await self._release.wait()
            return JSONResponse({}, status_code=503)
        if number <= self.hang_first + self.fail_first:
            return JSONResponse({"error": "temporarily down"}, status_code=500)
        webhook_id = received.headers["webhook-id"]
        if webhook_id not in self.handled_ids:  # what an inbox does: handle each event id once
            self.handled_ids.append(webhook_id)
        return JSONResponse({"ok": True})

    async def __aenter__(self) -> Receiver:
        app = Starlette(routes=[Route("/hooks", self._endpoint, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._release.set()
        assert self._server is not None and self._task is not None
        self._server.should_exit = True
        await self._task
