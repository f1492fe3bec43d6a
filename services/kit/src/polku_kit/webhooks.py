"""Placeholder until the outbox and webhook dispatcher land."""

from fastapi import APIRouter

subscription_router = APIRouter()


async def run_dispatcher(settings, *, once: bool = False) -> None:  # type: ignore[no-untyped-def]
    raise NotImplementedError
