"""Run a dispatcher with a short lease until killed (the crash test runs this in a child process)."""

import asyncio
import sys

from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.webhooks import Dispatcher


async def main(url: str, lease_seconds: float) -> None:
    engine = create_async_engine(url)
    dispatcher = Dispatcher(engine, allow_private_targets=True, require_https=False, lease_seconds=lease_seconds,
                            retry=lambda attempt: 0.0)
    stop = asyncio.Event()
    await dispatcher.run(stop, poll_seconds=0.05)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
