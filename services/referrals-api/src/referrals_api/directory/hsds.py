"""The directory as Open Referral HSDS 3.0 JSON (Human Services Data Specification,
https://github.com/openreferral/specification, ``schema/``): one service object per service with its
organization, languages, service areas and cost options embedded.

Finnish is the primary language (``name``, ``description``); the Swedish name is the ``alternate_name``.
Ids of the embedded rows are derived from the service id, so an export is stable between runs."""

from __future__ import annotations

import uuid
from typing import Any

from referrals_api.directory.models import Service, ServiceStatus
from referrals_api.organisation.models import Organisation

LANGUAGE_NAMES = {
    "fi": "suomi",
    "sv": "svenska",
    "en": "English",
    "ru": "русский",
    "et": "eesti",
    "ar": "العربية",
    "so": "Soomaali",
    "uk": "українська",
    "fa": "فارسی",
}
TYPE_DESCRIPTIONS = {
    "wellbeing_services_county": "Hyvinvointialue",
    "kela": "Kansaneläkelaitos",
    "education_provider": "Koulutuksen järjestäjä",
    "third_sector_workshop": "Työpaja tai järjestö",
    "multi_sectoral_joint_service": "Työllistymistä edistävä monialainen yhteispalvelu (TYP)",
    "ohjaamo": "Ohjaamo",
    "purchased_service_provider": "Ostopalvelun tuottaja",
    "other": "Kumppani",
}
CHANNEL_PROCESS = {
    "in_person": "Lähete Polusta; palvelu paikan päällä.",
    "remote": "Lähete Polusta; etäpalvelu.",
    "hybrid": "Lähete Polusta; palvelu paikan päällä tai etänä.",
}


def _child_id(service: Service, kind: str, key: str) -> str:
    return str(uuid.uuid5(service.id, f"{kind}:{key}"))


def organization(organisation: Organisation) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": str(organisation.id),
        "name": organisation.name,
        "description": TYPE_DESCRIPTIONS.get(organisation.type, organisation.type),
        "organization_identifiers": [
            {
                "id": str(uuid.uuid5(organisation.id, "business_id")),
                "organization_id": str(organisation.id),
                "identifier_scheme": "FI-PRO",
                "identifier_type": "Y-tunnus",
                "identifier": organisation.business_id,
            }
        ],
    }
    if organisation.email:
        document["email"] = organisation.email
    if organisation.website:
        document["website"] = organisation.website
    return document


def service(service: Service, organisation: Organisation) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": str(service.id),
        "organization_id": str(organisation.id),
        "name": service.name_fi,
        "alternate_name": service.name_sv,
        "description": service.description_fi,
        "status": "temporarily closed" if service.status == ServiceStatus.temporarily_closed else service.status,
        "application_process": CHANNEL_PROCESS[service.channel],
        "languages": [
            {
                "id": _child_id(service, "language", code),
                "service_id": str(service.id),
                "name": LANGUAGE_NAMES.get(code, code),
                "code": code,
            }
            for code in service.languages
        ],
        "service_areas": [
            {
                "id": _child_id(service, "area", code),
                "service_id": str(service.id),
                "name": code,
                "uri": f"http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/{code}",
            }
            for code in service.municipalities
        ],
        "organization": organization(organisation),
    }
    if service.target_groups:
        document["eligibility_description"] = ", ".join(service.target_groups)
    if service.minimum_age is not None:
        document["minimum_age"] = service.minimum_age
    if service.maximum_age is not None:
        document["maximum_age"] = service.maximum_age
    if service.cost_description:
        document["fees_description"] = service.cost_description
    if service.cost_per_client_eur is not None:
        document["cost_options"] = [
            {
                "id": _child_id(service, "cost", "per_client"),
                "service_id": str(service.id),
                "currency": "EUR",
                "amount": float(service.cost_per_client_eur),
                "amount_description": "per client",
            }
        ]
    return document
