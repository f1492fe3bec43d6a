"""referrals-api with 300,000 clients and 1,000,000 referrals, measured through the gateway.

Starts the whole stack on free ports with a throwaway database, loads the clients of clients_scale.py (the demo
coach's organisation holding an area of AREA clients), then REFERRALS referrals sent over the last two years to
the partners' services of the network: the demo partners (Päijät-Hämeen hyvinvointialue, Kela, Salpaus, Harjulan
Setlementti) and synthetic ones, of the demo authority and of 44 other authorities. Rows are written into
referrals-api's own tables (referral, referral_transition, organisation, service) with COPY, each referral with
its history of transitions and the timestamps the service itself would have set (first response, acceptance,
closing). Most referrals are closed (completed with an outcome, rejected, expired, cancelled); a few percent are
open. The demo coach has sent a few hundred, some still open, a few overdue and unanswered.

The expiry job of the stack is stopped before loading: it would otherwise expire the overdue referrals in the
middle of the measurement.

Measured, each as a closed loop of CONCURRENCY users for DURATION seconds:

- ``bare``: ``GET /api/referrals/healthz``, no token and no database: the floor through the gateway;
- ``partner_inbox``: a user of the wellbeing services county (the largest partner) opening the inbox: the first
  page of 20 of each open status it acts on (requested, received, accepted, in_progress), fetched in parallel
  as one action and timed until the last answer;
- ``coach_board``: the demo coach's referral board: ``GET /v1/referrals/due?mine=true`` and the first page of 20
  of each of requested, received, accepted, in_progress and on_hold, in parallel, timed until the last answer;
- ``network_map_year``: ``GET /v1/network-map`` over the last 365 days as the demo authority's manager;
- ``network_map_year_alone``: the same with one user at a time: the latency one manager sees (the requirement:
  under a second);
- ``fill_rates_year`` and ``response_times_year``: ``GET /v1/reports/fill-rates`` and
  ``GET /v1/reports/response-times`` over the last 365 days as the demo authority's manager.

``--only`` measures the named endpoints alone (``bare`` always, for the ratios); ``--profile DIR`` samples the service
with py-spy while each endpoint is measured (raw stacks, ``DIR/<scale>-<endpoint>.txt``, read with
``bench/profile_top.py``).

Loading 1,000,000 referrals takes many minutes. ``--keep DIR`` keeps the database of each scale, as loaded (the
clients vacuumed too) and before any request of that scale, in ``DIR/<clients>/`` (the stack stops for the copy);
``--reuse DIR`` measures on copies of those instead of loading (the branch's migrations are applied when the stack
starts, so a new index is measured on the same rows). A stack started on a kept database runs without the expiry
job, and measuring waits until PostgreSQL is quiet.

    uv run python bench/referrals_scale.py [--clients 300000] [--area 100000] [--referrals 1000000]
        [--authority-share 0.5] [--duration 8] [--concurrency 16] [--keep DIR | --reuse DIR]
        [--only network_map_year,...] [--profile DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from clients_scale import (
    CASELOAD,
    DEMO_COACH,
    LAHTI,
    RESULTS,
    announced,
    copy_database,
    machine,
    populate,
    quiet,
    table_sizes,
    token,
    vacuum,
)
from gateway_load import GET, PY_SPY, ROTATE, THREADS, CpuMeter, ensure_wrk, lua_list, run_wrk, settle
from plans import AUTO_EXPLAIN, LARGE, capture, markdown, table_rows

from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit.calendar import HELSINKI, add_working_days, today
from referrals_api.referral.service import SYSTEM_ACTOR
from referrals_api.seed import KELA, SALPAUS, SETLEMENTTI, WELLBEING_COUNTY

# The 44 other employment authorities of clients_scale.py (a client numbered n >= AREA belongs to OTHERS[n % 44]).
OTHERS = [uuid.UUID(int=LAHTI.int + 1000 + n) for n in range(44)]
SYNTHETIC_PARTNERS = 26  # of the demo authority, besides the four demo partners
PARTNERS_PER_OTHER = 4
# Share of the demo authority's referrals each demo partner receives; the synthetic partners share the rest.
DEMO_SHARES = [(WELLBEING_COUNTY, 0.25), (KELA, 0.10), (SALPAUS, 0.12), (SETLEMENTTI, 0.08)]
EXTRA_SERVICES = {WELLBEING_COUNTY: 7, KELA: 4, SALPAUS: 4, SETLEMENTTI: 2}  # besides the seeded ones
TYPES = [
    "purchased_service_provider",
    "third_sector_workshop",
    "education_provider",
    "ohjaamo",
    "multi_sectoral_joint_service",
    "other",
]
OUTCOMES = [
    ("started_work", 0.25),
    ("started_subsidised_work", 0.10),
    ("started_education", 0.20),
    ("moved_to_another_service", 0.20),
    ("rehabilitation", 0.08),
    ("interrupted", 0.10),
    ("no_change", 0.07),
]
REJECTIONS = [
    "Ei vapaita paikkoja",
    "Palvelu ei sovellu asiakkaalle",
    "Asiakas ei kuulu kohderyhmään",
    "Asiakas kieltäytyi",
]
CATEGORIES = [
    ["contact_details", "assessment"],
    ["contact_details", "plan"],
    ["identity", "contact_details"],
    ["contact_details", "assessment", "health_and_social"],
]
# Status by the referral's age: the final status's share among referrals of that age (the rest: completed).
BY_AGE = [
    (
        14,
        [
            ("requested", 0.30),
            ("received", 0.22),
            ("accepted", 0.18),
            ("in_progress", 0.12),
            ("rejected", 0.10),
            ("cancelled", 0.03),
            ("expired", 0.05),
        ],
    ),
    (
        180,
        [
            ("accepted", 0.01),
            ("in_progress", 0.08),
            ("on_hold", 0.02),
            ("rejected", 0.16),
            ("expired", 0.08),
            ("cancelled", 0.07),
        ],
    ),
    (10_000, [("in_progress", 0.01), ("on_hold", 0.005), ("rejected", 0.17), ("expired", 0.09), ("cancelled", 0.10)]),
]
OPEN = ["requested", "received", "accepted", "in_progress", "on_hold"]
INBOX = ["requested", "received", "accepted", "in_progress"]

REFERRAL_COLUMNS = [
    "id",
    "client_id",
    "service_id",
    "partner_organisation_id",
    "sender_organisation_id",
    "sender_subject",
    "status",
    "categories",
    "reason",
    "consent_id",
    "sent_at",
    "due_on",
    "first_response_at",
    "accepted_at",
    "closed_at",
    "rejection_reason",
    "outcome",
    "feedback_score",
    "feedback_text",
    "feedback_at",
    "created_at",
    "updated_at",
]
TRANSITION_COLUMNS = [
    "id",
    "referral_id",
    "from_status",
    "to_status",
    "actor_subject",
    "actor_organisation_id",
    "reason",
    "outcome",
    "note",
    "occurred_at",
]
SERVICE_COLUMNS = [
    "id",
    "authority_id",
    "organisation_id",
    "name_fi",
    "name_sv",
    "description_fi",
    "description_sv",
    "target_groups",
    "municipalities",
    "languages",
    "channel",
    "capacity_seats",
    "capacity_period",
    "production_model",
    "status",
    "response_days",
]


def organisation_id(number: int) -> uuid.UUID:
    return uuid.UUID(f"0b0c8f6e-6f1a-4c36-9d55-{number:012x}")


async def network(connection: asyncpg.Connection) -> dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID, int]]]:
    """The synthetic partners and their services; returns each authority's services as
    (service, partner, response days), the demo partners' first."""
    rng = random.Random(7)
    organisations = []
    for n in range(SYNTHETIC_PARTNERS):
        organisations.append(
            (organisation_id(2000 + n), LAHTI, f"Kumppani {n + 1}", TYPES[n % len(TYPES)], f"9{n:06d}-B", ["398"], "[]")
        )
    for a, authority in enumerate(OTHERS):
        for j in range(PARTNERS_PER_OTHER):
            n = 3000 + a * PARTNERS_PER_OTHER + j
            organisations.append(
                (
                    organisation_id(n),
                    authority,
                    f"Alueen {a + 1} kumppani {j + 1}",
                    TYPES[j % len(TYPES)],
                    f"9{n:06d}-B",
                    [],
                    "[]",
                )
            )
    await connection.executemany(
        "INSERT INTO organisation (id, authority_id, name, type, business_id, municipalities, contacts) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)",
        organisations,
    )
    extra = dict(EXTRA_SERVICES)
    extra.update({row[0]: 2 for row in organisations})
    authorities = {partner: LAHTI for partner in EXTRA_SERVICES} | {row[0]: row[1] for row in organisations}
    services = []
    for partner, count in extra.items():
        for k in range(count):
            services.append(
                (
                    uuid.UUID(int=rng.getrandbits(128)),
                    authorities[partner],
                    partner,
                    f"Palvelu {k + 1}",
                    f"Tjänst {k + 1}",
                    "Kuvaus",
                    "Beskrivning",
                    [],
                    ["398"],
                    ["fi"],
                    "in_person",
                    rng.choice([10, 20, 40]),
                    rng.choice(["month", "quarter"]),
                    "purchased",
                    "active",
                    rng.choice([3, 5, 5, 10]),
                )
            )
    await connection.copy_records_to_table("service", records=services, columns=SERVICE_COLUMNS)
    return await services_by_authority(connection)


async def services_by_authority(
    connection: asyncpg.Connection,
) -> dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID, int]]]:
    """Each authority's services as (service, partner, response days)."""
    rows = await connection.fetch(
        "SELECT s.id, s.organisation_id, s.response_days, o.authority_id FROM service AS s "
        "JOIN organisation AS o ON o.id = s.organisation_id ORDER BY s.id"
    )
    by_authority: dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID, int]]] = {}
    for row in rows:
        by_authority.setdefault(row["authority_id"], []).append(
            (row["id"], row["organisation_id"], row["response_days"])
        )
    return by_authority


@lru_cache(maxsize=4096)
def due_day(sent_on: date, days: int) -> date:
    return add_working_days(sent_on, days)


def pick(rng: random.Random, weights: list[tuple[str, float]], default: str) -> str:
    u = rng.random()
    for value, weight in weights:
        if u < weight:
            return value
        u -= weight
    return default


class Referrals:
    """Referrals and their transitions as the service would have written them, in batches for COPY."""

    def __init__(
        self,
        services: dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID, int]]],
        *,
        clients: int,
        area: int,
        share: float,
        now: datetime,
    ) -> None:
        self.now, self.clients, self.area, self.share = now, clients, area, share
        self.today = now.astimezone(HELSINKI).date()
        lahti = services[LAHTI]
        self.demo = [([s for s in lahti if s[1] == partner], weight) for partner, weight in DEMO_SHARES]
        demo_partners = {partner for partner, _ in DEMO_SHARES}
        self.synthetic = [s for s in lahti if s[1] not in demo_partners]
        self.others = [services[authority] for authority in OTHERS]

    def service(self, rng: random.Random, lahti: bool, client: int) -> tuple[uuid.UUID, uuid.UUID, int]:
        if not lahti:
            return rng.choice(self.others[client % len(OTHERS)])
        u = rng.random()
        for services, weight in self.demo:
            if u < weight:
                return rng.choice(services)
            u -= weight
        return rng.choice(self.synthetic)

    def batch(self, seed: int, count: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        rng = random.Random(seed)
        referrals, transitions = [], []
        for _ in range(count):
            referral, history = self.one(rng)
            referrals.append(referral)
            transitions += history
        return referrals, transitions

    def one(self, rng: random.Random) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
        """One referral and its transitions: a final status drawn by the referral's age, the path to it, and
        the timestamps of each move (never later than now)."""
        now = self.now
        lahti = rng.random() < self.share
        client = rng.randrange(self.area) if lahti else rng.randrange(self.area, self.clients)
        if lahti:
            sender = LAHTI
            subject = DEMO_COACH if client < CASELOAD else f"coach-area-{client // CASELOAD}"
        else:
            sender = OTHERS[client % len(OTHERS)]
            subject = f"coach-{sender.int % 1000}-{client // CASELOAD}"
        service, partner, response_days = self.service(rng, lahti, client)
        partner_actor = f"kumppani-{partner.int % 100000}-{rng.randrange(5)}"
        age = rng.random() * 730
        sent = now - timedelta(days=age)
        created = sent - timedelta(minutes=rng.randint(2, 600))
        due = due_day(sent.astimezone(HELSINKI).date(), response_days)
        # The demo coach's last three weeks are drawn as the last two weeks of others, and what is past due stays
        # open (overdue, unanswered: the expiry job has not reached them); everyone else's has expired.
        demo = subject == DEMO_COACH and age < 21
        status = next(pick(rng, weights, "completed") for limit, weights in BY_AGE if (0 if demo else age) < limit)
        if status in ("requested", "received") and due < self.today and not demo:
            status = "expired"
        if status == "expired" and due >= self.today:
            status = "cancelled"
        referral_id = uuid.UUID(int=rng.getrandbits(128))
        history = [
            (None, "draft", subject, sender, created, None, None),
            ("draft", "requested", subject, sender, sent, None, None),
        ]
        first_response = accepted = closed = None
        outcome = rejection = None
        current, moment = "requested", sent

        def later(hours: float) -> datetime:
            """``hours`` after the last move, or a random point before now if that is in the future."""
            step, room = timedelta(hours=hours), now - moment - timedelta(minutes=1)
            return moment + (step if step < room else max(room, timedelta()) * rng.random())

        def move(
            to: str,
            actor: str,
            organisation: uuid.UUID | None,
            at: datetime,
            reason: str | None = None,
            result: str | None = None,
        ) -> None:
            nonlocal current, moment
            history.append((current, to, actor, organisation, at, reason, result))
            current, moment = to, at

        answers = status not in ("requested", "expired", "cancelled") or rng.random() < 0.3
        if answers and status != "requested" and (status == "received" or rng.random() < 0.5):
            first_response = later(rng.expovariate(1 / 20))
            move("received", partner_actor, partner, first_response)
        if status in ("accepted", "in_progress", "on_hold", "completed") or (
            status == "cancelled" and current == "received" and rng.random() < 0.5
        ):
            accepted = later(rng.expovariate(1 / 30))
            first_response = first_response or accepted
            move("accepted", partner_actor, partner, accepted)
        if status in ("in_progress", "on_hold") or (status == "completed" and rng.random() < 0.8):
            move("in_progress", partner_actor, partner, later(rng.uniform(24, 24 * 21)))
        if status == "on_hold":
            move("on_hold", partner_actor, partner, later(rng.uniform(24, 24 * 60)), reason="Asiakkaan sairausloma")
        if status == "completed":
            outcome = pick(rng, OUTCOMES, "no_change")
            closed = later(rng.uniform(24 * 14, 24 * 180))
            move("completed", partner_actor, partner, closed, result=outcome)
        elif status == "rejected":
            rejection = rng.choice(REJECTIONS)
            closed = later(rng.expovariate(1 / 24))
            first_response = first_response or closed
            move("rejected", partner_actor, partner, closed, reason=rejection)
        elif status == "cancelled":
            by_partner = current == "accepted" and rng.random() < 0.5
            closed = later(rng.uniform(1, 24 * 10))
            move(
                "cancelled",
                partner_actor if by_partner else subject,
                partner if by_partner else sender,
                closed,
                reason="Asiakas muutti paikkakunnalta",
            )
        elif status == "expired":
            expiry = datetime.combine(due + timedelta(days=1), datetime.min.time(), HELSINKI).astimezone(UTC)
            closed = min(
                max(expiry + timedelta(minutes=rng.randint(0, 300)), moment + timedelta(minutes=1)),
                now - timedelta(minutes=1),
            )
            move("expired", SYSTEM_ACTOR, None, closed, reason=f"No answer by {due.isoformat()}")
        assert current == status, (current, status)
        feedback = status == "completed" and rng.random() < 0.35
        feedback_at = later(rng.uniform(1, 24 * 14)) if feedback else None
        referral = (
            referral_id,
            uuid.UUID(int=client + 1),
            service,
            partner,
            sender,
            subject,
            status,
            rng.choice(CATEGORIES),
            "Lähete palveluun työllistymissuunnitelman mukaisesti",
            uuid.UUID(int=rng.getrandbits(128)),
            sent,
            due,
            first_response,
            accepted,
            closed,
            rejection,
            outcome,
            rng.choice([3, 4, 4, 5, 5, 5, 2, 1]) if feedback else None,
            "Hyödyllinen jakso" if feedback else None,
            feedback_at,
            created,
            feedback_at or moment,
        )
        return referral, [
            (uuid.UUID(int=rng.getrandbits(128)), referral_id, *row[:4], row[5], row[6], None, row[4])
            for row in history
        ]


async def populate_referrals(
    dsn: str, *, start: int, count: int, clients: int, area: int, share: float, batch: int = 50_000
) -> float:
    """``count`` referrals more (the network of partners and services first, when ``start`` is 0), drawn for
    clients below ``clients`` (the demo authority's below ``area``), ``share`` of them sent by the demo authority."""
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            services = await (network(connection) if start == 0 else services_by_authority(connection))
        generator = Referrals(services, clients=clients, area=area, share=share, now=datetime.now(UTC))
        for offset in range(start, start + count, batch):
            referrals, transitions = generator.batch(offset, min(batch, start + count - offset))
            async with connection.transaction():
                await connection.copy_records_to_table("referral", records=referrals, columns=REFERRAL_COLUMNS)
                await connection.copy_records_to_table(
                    "referral_transition", records=transitions, columns=TRANSITION_COLUMNS
                )
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return time.perf_counter() - began


async def referral_facts(dsn: str) -> dict[str, Any]:
    connection = await asyncpg.connect(dsn)
    try:
        rows = {
            table: await connection.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
            for table in ("organisation", "service", "referral", "referral_transition")
        }
        statuses = {
            row["status"]: row["count"]
            for row in await connection.fetch(
                "SELECT status, count(*) FROM referral GROUP BY status ORDER BY count(*) DESC"
            )
        }
        coach = await connection.fetchrow(
            "SELECT count(*) AS sent, count(*) FILTER (WHERE status = ANY($2::text[])) AS open, "
            "count(*) FILTER (WHERE status IN ('requested', 'received') AND due_on < $3) AS overdue "
            "FROM referral WHERE sender_subject = $1",
            DEMO_COACH,
            OPEN,
            datetime.now(HELSINKI).date(),
        )
        authority = await connection.fetchrow(
            "SELECT count(*) AS sent, count(*) FILTER (WHERE sent_at >= now() - interval '365 days') AS last_year "
            "FROM referral WHERE sender_organisation_id = $1",
            LAHTI,
        )
        partner = await connection.fetchrow(
            "SELECT count(*) AS received, count(*) FILTER (WHERE status = ANY($2::text[])) AS open "
            "FROM referral WHERE partner_organisation_id = $1",
            WELLBEING_COUNTY,
            INBOX,
        )
    finally:
        await connection.close()
    return {
        "rows": rows,
        "statuses": statuses,
        "demo_coach": dict(coach),
        "demo_authority": dict(authority),
        "wellbeing_county": dict(partner),
    }


def scenarios(stack: Stack, tokens: dict[str, str]) -> dict[str, tuple[str, str, str, int]]:
    """name → (description, URL, wrk script, connections)."""
    base = stack.public_url
    api = f"{base}/api/referrals/v1"
    year = (today() - timedelta(days=365), today())
    inbox = [f"/api/referrals/v1/referrals?status={status}&limit=20" for status in INBOX]
    board = ["/api/referrals/v1/referrals/due?mine=true"] + [
        f"/api/referrals/v1/referrals?status={status}&limit=20" for status in OPEN
    ]
    network_map = f"{api}/network-map?from={year[0].isoformat()}&to={year[1].isoformat()}"
    return {
        "bare": ("GET /api/referrals/healthz: no token, no database", f"{base}/api/referrals/healthz", "", 0),
        "partner_inbox": (
            f"a partner's inbox: the first page of each of {', '.join(INBOX)}, in turn (the wellbeing county)",
            f"{base}/",
            ROTATE.format(paths=lua_list(inbox), token=tokens["hyvinvointialue"]),
            0,
        ),
        "coach_board": (
            f"the coach's referral board: due?mine=true and the first page of each of {', '.join(OPEN)}, in turn",
            f"{base}/",
            ROTATE.format(paths=lua_list(board), token=tokens["coach"]),
            0,
        ),
        "network_map_year": (
            "GET /v1/network-map over the last 365 days (the demo authority's manager)",
            network_map,
            GET.format(token=tokens["manager"]),
            0,
        ),
        "network_map_year_alone": (
            "the same with one connection: the latency one manager sees",
            network_map,
            GET.format(token=tokens["manager"]),
            1,
        ),
        "fill_rates_year": (
            "GET /v1/reports/fill-rates over the last 365 days (the demo authority's manager)",
            f"{api}/reports/fill-rates?from={year[0].isoformat()}&to={year[1].isoformat()}",
            GET.format(token=tokens["manager"]),
            0,
        ),
        "response_times_year": (
            "GET /v1/reports/response-times over the last 365 days (the demo authority's manager)",
            f"{api}/reports/response-times?from={year[0].isoformat()}&to={year[1].isoformat()}",
            GET.format(token=tokens["manager"]),
            0,
        ),
    }


def answers(stack: Stack, tokens: dict[str, str]) -> dict[str, Any]:
    """What the answers hold (each request once; a failure stops the bench)."""
    api = f"{stack.public_url}/api/referrals/v1"
    year = (today() - timedelta(days=365), today())

    def get(url: str, who: str, **params: str) -> Any:
        response = httpx.get(url, params=params, headers={"Authorization": f"Bearer {tokens[who]}"}, timeout=60)
        if response.status_code >= 400:
            raise SystemExit(f"{url} {response.status_code} {response.text[:300]}")
        return response.json()

    due = get(f"{api}/referrals/due", "coach", mine="true")
    network_map = get(f"{api}/network-map", "manager", **{"from": year[0].isoformat(), "to": year[1].isoformat()})
    return {
        "partner_inbox": {
            status: len(get(f"{api}/referrals", "hyvinvointialue", status=status, limit="20")["items"])
            for status in INBOX
        },
        "coach_board": {
            "due_mine": len(due),
            "due_mine_overdue": sum(row["overdue"] for row in due),
            **{status: len(get(f"{api}/referrals", "coach", status=status, limit="20")["items"]) for status in OPEN},
        },
        "network_map_year": {
            "nodes": len(network_map["nodes"]),
            "edges": len(network_map["edges"]),
            "referrals": sum(edge.get("referrals", 0) for edge in network_map["edges"]),
        },
    }


def measure(
    stack: Stack,
    tokens: dict[str, str],
    *,
    wrk: str,
    duration: float,
    connections: int,
    only: set[str],
    profile: Path | None = None,
) -> dict[str, Any]:
    results: dict[str, dict[str, Any]] = {}
    for name, (description, url, script, own) in scenarios(stack, tokens).items():
        if only and name != "bare" and name not in only:
            continue
        waited = settle(stack, "referrals")
        profiler = None
        if profile is not None:
            # Started after wrk's one-second warm-up has begun, for the measured run's length.
            profiler = subprocess.Popen(
                [
                    *PY_SPY,
                    "--pid",
                    str(stack.process_ids()["referrals"]),
                    "--duration",
                    f"{duration + 1:g}",
                    "-o",
                    str(profile.with_name(f"{profile.name}-{name}.txt")),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        results[name] = {
            "endpoint": description,
            "settled_s": waited,
            **run_wrk(
                wrk,
                url,
                script,
                duration=duration,
                connections=own or connections,
                meter=lambda: CpuMeter(stack, "referrals"),
            ),
        }
        if profiler is not None:
            profiler.wait(timeout=60)
        print(name, results[name], flush=True)
        if results[name]["requests"] and results[name]["non_2xx"] == results[name]["requests"]:
            raise SystemExit(f"{name}: every answer was an error (an expired token?)")
    bare = results["bare"]["throughput_rps"]
    for row in results.values():
        row["ratio_to_bare"] = round(row["throughput_rps"] / bare, 3)
    return results


def plan_requests(stack: Stack, tokens: dict[str, str]) -> dict[str, tuple[int, Callable[[], None]]]:
    """One request of each measured endpoint (each status of the lists on its own), for the plans."""
    api = f"{stack.public_url}/api/referrals/v1"
    service = stack.process_ids()["referrals"]
    year = (today() - timedelta(days=365), today())

    def get(url: str, who: str, **params: str) -> tuple[int, Callable[[], None]]:
        headers = {"Authorization": f"Bearer {tokens[who]}"}
        return service, lambda: httpx.get(url, params=params, headers=headers, timeout=60).raise_for_status()

    return {
        **{
            f"partner_inbox {status}": get(f"{api}/referrals", "hyvinvointialue", status=status, limit="20")
            for status in INBOX
        },
        "coach_board due": get(f"{api}/referrals/due", "coach", mine="true"),
        **{f"coach_board {status}": get(f"{api}/referrals", "coach", status=status, limit="20") for status in OPEN},
        "network_map_year": get(
            f"{api}/network-map", "manager", **{"from": year[0].isoformat(), "to": year[1].isoformat()}
        ),
        "fill_rates_year": get(
            f"{api}/reports/fill-rates", "manager", **{"from": year[0].isoformat(), "to": year[1].isoformat()}
        ),
        "response_times_year": get(
            f"{api}/reports/response-times", "manager", **{"from": year[0].isoformat(), "to": year[1].isoformat()}
        ),
    }


def stop_expiry_job(stack: Stack) -> None:
    process = stack.process_ids()["referrals-expire"]
    os.killpg(process, signal.SIGTERM)


class WithoutExpiry(Stack):
    """The stack without the expiry job: started on a kept database, its first run would expire the loaded overdue
    referrals before it could be stopped."""

    def commands(self) -> dict[str, list[str]]:
        commands = super().commands()
        del commands["referrals-expire"]
        return commands


def new_stack(var_dir: Path, *, expiry: bool = True) -> Stack:
    return (Stack if expiry else WithoutExpiry)(
        var_dir=var_dir,
        ports=Ports.free(),
        fast_database=True,
        settings=NO_RATE_LIMITS,
        postgres_settings=AUTO_EXPLAIN,
    )


def kept(args: argparse.Namespace, clients: int, referrals: int) -> dict[str, Any]:
    """What a kept scale holds, to check a reuse against."""
    return {"clients": clients, "referrals": referrals, "area": args.area, "authority_share": args.authority_share}


def fmt(load: list[float] | tuple[float, ...]) -> str:
    return "/".join(f"{value:.1f}" for value in load)


def latencies(row: dict[str, Any]) -> str:
    if not row["requests"]:
        return "none answered within 10 s | | "
    return f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']}"


def write(report: dict[str, Any], args: argparse.Namespace) -> None:
    small, large = report["scales"]["area"], report["scales"]["national"]
    for name, row in large["endpoints"].items():
        was = small["endpoints"][name]["ratio_to_bare"]
        row["ratio_change"] = round(row["ratio_to_bare"] / was, 2) if was else None
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "referrals-scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    facts = large["facts"]
    lines = [
        f"# referrals-api with {args.clients:,} clients and {args.referrals:,} referrals, through the gateway",
        "",
        f"{report['machine']['cpus']} CPUs shared with other work, wrk with {args.connections} connections "
        f"({THREADS} threads; network_map_year_alone: one), {args.duration:g} s per endpoint, through Caddy. First "
        f"at the scale of one area ({args.area_clients:,} clients of the demo authority, {args.area_referrals:,} "
        f"referrals), then at {args.clients:,} clients and {args.referrals:,} referrals, in one run; every ratio is "
        "to the bare health check measured just before it at the same scale.",
        "",
        "Load average (1, 5, 15 min) before and after measuring: "
        + "; ".join(
            f"{scale} {fmt(data['load_average']['before'])} → {fmt(data['load_average']['after'])}"
            for scale, data in report["scales"].items()
        )
        + "."
        + (
            " Each scale measured on a stack started on its kept database, after waiting for PostgreSQL to be quiet "
            "(at most 300 s): "
            + "; ".join(
                f"{scale} after {data['quiet_wait_seconds']} s, {data['idle_postgres_cpu_ms_per_s']} CPU ms/s with "
                "no request"
                for scale, data in report["scales"].items()
            )
            + "."
            if all("quiet_wait_seconds" in data for data in report["scales"].values())
            else ""
        ),
        "",
        "| endpoint | req/s, area | ratio, area | req/s, national | ratio, national | change | p50 ms | p95 ms "
        "| p99 ms | non-2xx | socket errors | CPU ms/req service | PostgreSQL | service, area | PostgreSQL, area |",
        "|---|" + "---:|" * 14,
    ]
    for name, row in large["endpoints"].items():
        was = small["endpoints"][name]
        lines.append(
            f"| {name} | {was['throughput_rps']:,} | {was['ratio_to_bare']} | {row['throughput_rps']:,} "
            f"| {row['ratio_to_bare']} | {row['ratio_change']} | {latencies(row)} "
            f"| {was['non_2xx'] + row['non_2xx']} | {was['socket_errors'] + row['socket_errors']} "
            f"| {row.get('service_cpu_ms', '')} | {row.get('postgres_cpu_ms', '')} "
            f"| {was.get('service_cpu_ms', '')} | {was.get('postgres_cpu_ms', '')} |"
        )
    lines += [
        "",
        "Latencies, errors and the first two CPU columns are those at national scale (the last two: at the area's); "
        "change is the national ratio divided by the area's "
        "(1.0: the rest of the country's referrals cost the endpoint nothing). partner_inbox and coach_board are "
        "their screens' requests in turn on each connection, each timed on its own (4 and 6 requests a screen). "
        "The stack's expiry job was stopped before loading, so the overdue referrals stay as loaded.",
        "",
        "Rows at national scale: "
        + ", ".join(f"{table} {count:,}" for table, count in {**large["client_rows"], **facts["rows"]}.items())
        + ".",
        "",
        "Referrals by status: " + ", ".join(f"{status} {count:,}" for status, count in facts["statuses"].items()) + ".",
        "",
        f"The demo authority sent {facts['demo_authority']['sent']:,} ({facts['demo_authority']['last_year']:,} in "
        f"the last 365 days, the network map's range); the wellbeing services county received "
        f"{facts['wellbeing_county']['received']:,} ({facts['wellbeing_county']['open']:,} in its inbox's "
        f"statuses); the demo coach sent {facts['demo_coach']['sent']:,} ({facts['demo_coach']['open']} open, "
        f"{facts['demo_coach']['overdue']} overdue and unanswered).",
        "",
        "What the answers held: area "
        + json.dumps(small["answers"], ensure_ascii=False)
        + "; national "
        + json.dumps(large["answers"], ensure_ascii=False),
        "",
        "Loading (COPY)"
        + (" (reused: loaded by the run that kept the databases)" if large.get("reused") else "")
        + ": "
        + "; ".join(
            f"{scale} clients {data['load_seconds']['clients']} s, referrals {data['load_seconds']['referrals']} s"
            for scale, data in report["scales"].items()
        )
        + ".",
        "",
    ]
    if report.get("notes"):
        lines += [report["notes"], ""]
    lines += [
        "The statements behind each endpoint at national scale (auto_explain's EXPLAIN (ANALYZE, BUFFERS) of one "
        "request each, after the measurement; whole plans in the JSON). A sequential scan of a table of more than "
        f"{LARGE:,} rows is flagged in the last column.",
        "",
        *markdown(report["plans"]),
        "",
    ]
    (RESULTS / "referrals-scale.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--area", type=int, default=100_000, help="clients of the demo authority")
    parser.add_argument("--referrals", type=int, default=1_000_000)
    parser.add_argument("--area-clients", type=int, default=12_000, help="clients of the first, area-scale load")
    parser.add_argument("--area-referrals", type=int, default=40_000, help="referrals of the first load")
    parser.add_argument(
        "--authority-share",
        type=float,
        default=0.5,
        help="share of referrals the demo authority sent (the rest: the 44 other authorities)",
    )
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--notes", default="", help="a paragraph to add to the Markdown results")
    parser.add_argument("--only", default="", help="comma-separated endpoints to measure (bare always)")
    parser.add_argument("--profile", type=Path, help="a folder: py-spy samples the service during each endpoint")
    kept_group = parser.add_mutually_exclusive_group()
    kept_group.add_argument("--keep", type=Path, help="keep each scale's loaded database in DIR/<clients>/")
    kept_group.add_argument("--reuse", type=Path, help="measure on copies of the databases kept by --keep DIR")
    args = parser.parse_args()
    if not CASELOAD <= args.area_clients <= args.area < args.clients:
        parser.error("--area-clients ≤ --area < --clients, and at least 100")
    if not 0 < args.area_referrals < args.referrals:
        parser.error("--area-referrals must be below --referrals")
    wrk = ensure_wrk()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = new_stack(var_dir)
    if args.reuse is None:
        stack.start()
    base_dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql")
    report: dict[str, Any] = {
        "machine": machine(),
        # Whether databases were kept or reused, not where (the results speak of the bench, not of one machine).
        "settings": {key: value is not None if isinstance(value, Path) else value for key, value in vars(args).items()},
        "scales": {},
    }
    try:
        if args.reuse is None:
            stop_expiry_job(stack)
        # The area first: its clients are all the demo authority's, and so are its referrals.
        steps = [
            ("area", 0, args.area_clients, 0, args.area_referrals, args.area_clients, args.area_clients, 1.0),
            (
                "national",
                args.area_clients,
                args.clients,
                args.area_referrals,
                args.referrals,
                args.clients,
                args.area,
                args.authority_share,
            ),
        ]
        for scale, first, last, done, total, clients, area, share in steps:
            waited = idle = None
            if args.reuse is not None:
                # A stack of its own on a copy of the scale's kept database (its migrations applied on start).
                loaded = json.loads((args.reuse / str(last) / "loaded.json").read_text())
                if loaded["kept"] != kept(args, last, total):
                    raise SystemExit(f"{args.reuse / str(last)} holds {loaded['kept']}, not {kept(args, last, total)}")
                stack.stop()
                copy_database(args.reuse / str(last) / "postgres", var_dir / "postgres")
                stack = new_stack(var_dir, expiry=False)
                stack.prepare()
                base_dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql")
                # The loaded clients' overdue deadlines, and those that fell due since the database was kept, announced
                # on their day as in service (clients_scale's ANNOUNCED): otherwise the announcer's first run meets
                # them all at once (160,000 at the national scale) and their events keep the clients database,
                # the dispatcher and metrics-api busy through the measurement.
                asyncio.run(announced(base_dsn + "clients"))
                stack.launch()
                clients_seconds, referral_seconds = (
                    loaded["load_seconds"]["clients"],
                    loaded["load_seconds"]["referrals"],
                )
            else:
                clients_seconds = asyncio.run(populate(base_dsn + "clients", first, last - first, area=args.area))
                print(f"loaded {last} clients ({clients_seconds:.0f} s)", flush=True)
                referral_seconds = asyncio.run(
                    populate_referrals(
                        base_dsn + "referrals",
                        start=done,
                        count=total - done,
                        clients=clients,
                        area=area,
                        share=share,
                    )
                )
                print(f"loaded {total} referrals ({referral_seconds:.0f} s)", flush=True)
                if args.keep is not None:
                    # The clients vacuumed as the referrals were, so that autovacuum does not meet them in every
                    # reuse; then the whole server stopped for the copy, and a stack without the expiry job.
                    asyncio.run(vacuum(base_dsn + "clients"))
                    stack.stop()
                    copy_database(var_dir / "postgres", args.keep / str(last) / "postgres")
                    loading = {"clients": round(clients_seconds, 1), "referrals": round(referral_seconds, 1)}
                    (args.keep / str(last) / "loaded.json").write_text(
                        json.dumps({"kept": kept(args, last, total), "load_seconds": loading}) + "\n"
                    )
                    stack = new_stack(var_dir, expiry=False)
                    stack.start()
                    base_dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql")
            if args.keep is not None or args.reuse is not None:
                waited, idle = quiet(stack)
                print(f"quiet after {waited} s; PostgreSQL idle: {idle} CPU ms/s", flush=True)
            # Fresh tokens for each scale: loading the country takes longer than a token lives.
            tokens = {name: token(stack, name) for name in ("coach", "manager", "hyvinvointialue")}
            before = os.getloadavg()
            endpoints = measure(
                stack,
                tokens,
                wrk=wrk,
                duration=args.duration,
                connections=args.connections,
                only={name for name in args.only.split(",") if name},
                profile=args.profile / scale if args.profile else None,
            )
            # And again after measuring, which can outlast a token (15 minutes) on a loaded machine.
            tokens = {name: token(stack, name) for name in ("coach", "manager", "hyvinvointialue")}
            report["scales"][scale] = {
                "load_seconds": {"clients": round(clients_seconds, 1), "referrals": round(referral_seconds, 1)},
                "reused": args.reuse is not None,
                **({} if waited is None else {"quiet_wait_seconds": waited, "idle_postgres_cpu_ms_per_s": idle}),
                "load_average": {"before": before, "after": os.getloadavg()},
                "endpoints": endpoints,
                "answers": answers(stack, tokens),
                "client_rows": asyncio.run(table_sizes(base_dsn + "clients")),
                "facts": asyncio.run(referral_facts(base_dsn + "referrals")),
            }
        sizes = asyncio.run(table_rows(base_dsn + "referrals"))
        report["plans"] = capture(
            var_dir / "postgres" / "postgres.log", base_dsn + "referrals", plan_requests(stack, tokens), sizes
        )
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)
    report["notes"] = args.notes
    write(report, args)
    print((RESULTS / "referrals-scale.md").read_text())


if __name__ == "__main__":
    main()
