"""Who asks when another Polku service asks: the service (the channel, with its token and scope) and the person
or partner system it asks for (their own token in ``Polku-On-Behalf-Of``). clients-api answers as if that person
had asked: the same organisation, the same caseload reach, the same art. 9 circle (ARCHITECTURE.md, "Trust
between services")."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from polku_kit.auth import Principal, require_scope
from polku_kit.service_client import acting_for

# The scopes of clients-api's routes for other services; the issuer gives each machine client only those it
# needs (referrals-api: all three; the other services: none).
CONSENT_CHECKS = "clients:consent-checks"
SHARED_DATA = "clients:shared-data"
CLIENT_ACCESS = "clients:client-access"


@dataclass(frozen=True)
class ServiceCall:
    channel: Principal  # the calling service
    person: Principal  # whom it asks for

    def audit_details(self, **details: object) -> dict[str, object]:
        """Audit records name the person as the actor and the service as the channel."""
        return {**details, "channel": self.channel.client_id or self.channel.subject}


def service_call(scope: str) -> Callable[..., Coroutine[Any, Any, ServiceCall]]:
    channel_of = require_scope(scope)

    # No postponed annotations in this module: FastAPI reads this one at definition time, closure and all.
    async def dependency(request: Request, channel: Annotated[Principal, Depends(channel_of)]) -> ServiceCall:
        return ServiceCall(channel=channel, person=await acting_for(request, channel))

    return dependency
