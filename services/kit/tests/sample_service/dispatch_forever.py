"""Run a dispatcher until killed, with a short lease (the crash test runs this in a child process).

python -m services.kit.tests.sample_service.dispatch_forever DATABASE_URL LEASE_SECONDS TIMEOUT_SECONDS
"""

import asyncio
import sys

from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.webhooks import Dispatcher


async def main(url: str, lease_seconds: float, timeout_seconds: float) -> None:
    engine = create_async_engine(url)
    dispatcher = Dispatcher(
        engine,
        allow_private_targets=True,
        require_https=False,
        lease_seconds=lease_seconds,
        timeout_seconds=timeout_seconds,
        retry=lambda attempt: 0.0,
    )
    await dispatcher.run(asyncio.Event(), poll_seconds=0.05)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])))
