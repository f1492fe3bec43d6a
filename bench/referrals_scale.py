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
  under a second).

    uv run python bench/referrals_scale.py [--clients 300000] [--area 100000] [--referrals 1000000]
        [--authority-share 0.5] [--duration 8] [--concurrency 16]
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
    Action,
    closed_loop,
    fired_together,
    machine,
    populate,
    table_sizes,
)

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
    services = []
    for partner, count in extra.items():
        for k in range(count):
            services.append(
                (
                    uuid.UUID(int=rng.getrandbits(128)),
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
    dsn: str, *, total: int, clients: int, area: int, share: float, batch: int = 50_000
) -> float:
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            services = await network(connection)
        generator = Referrals(services, clients=clients, area=area, share=share, now=datetime.now(UTC))
        for offset in range(0, total, batch):
            referrals, transitions = generator.batch(offset, min(batch, total - offset))
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


async def explain(dsn: str, statements: dict[str, tuple[str, list[Any]]]) -> dict[str, list[str]]:
    connection = await asyncpg.connect(dsn)
    try:
        return {
            name: [row[0] for row in await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *args)]
            for name, (sql, args) in statements.items()
        }
    finally:
        await connection.close()


def plans_to_check(year: tuple[date, date]) -> dict[str, tuple[str, list[Any]]]:
    """The statements behind the measured endpoints (as the repositories issue them), for EXPLAIN."""
    start = datetime.combine(year[0], datetime.min.time(), HELSINKI)
    end = datetime.combine(year[1] + timedelta(days=1), datetime.min.time(), HELSINKI)
    listing = "SELECT * FROM referral WHERE {who} = $1 AND status = $2 ORDER BY created_at DESC, id DESC LIMIT 21"
    due = (
        "SELECT * FROM referral WHERE sender_organisation_id = $1 AND status IN ('requested', 'received') "
        "AND due_on <= '9999-12-31' {mine}ORDER BY due_on, sent_at, id"
    )
    return {
        **{
            f"partner_inbox_{status}": (listing.format(who="partner_organisation_id"), [WELLBEING_COUNTY, status])
            for status in INBOX
        },
        **{f"coach_board_{status}": (listing.format(who="sender_organisation_id"), [LAHTI, status]) for status in OPEN},
        "coach_board_due_mine": (due.format(mine="AND sender_subject = $2 "), [LAHTI, DEMO_COACH]),
        "due_list_of_the_organisation": (due.format(mine=""), [LAHTI]),
        "network_map_flows": (
            "SELECT service_id, status, outcome, count(*) FROM referral WHERE "
            "sender_organisation_id = $1 AND sent_at >= $2 AND sent_at < $3 "
            "GROUP BY service_id, status, outcome",
            [LAHTI, start, end],
        ),
    }


def plan_summary(plan: list[str]) -> dict[str, str]:
    """The access path, the buffers read and the execution time of an EXPLAIN (ANALYZE, BUFFERS)."""
    paths = [
        line.strip().removeprefix("->  ").split("  (")[0]
        for line in plan
        if " on referral" in line or "Index Scan" in line
    ]
    buffers = next((line.split("Buffers: ")[1] for line in plan if "Buffers: shared" in line), "?")
    took = next((line.split(": ")[1] for line in plan if line.startswith("Execution Time")), "?")
    return {"path": "; ".join(paths), "buffers": buffers, "execution": took}


async def measure(
    base: str, tokens: dict[str, str], *, duration: float, concurrency: int
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    api = f"{base}/api/referrals/v1"
    year = (today() - timedelta(days=365), today())
    limits = httpx.Limits(max_connections=concurrency * 8, max_keepalive_connections=concurrency * 8)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        partner = {"Authorization": f"Bearer {tokens['hyvinvointialue']}"}
        coach = {"Authorization": f"Bearer {tokens['coach']}"}
        manager = {"Authorization": f"Bearer {tokens['manager']}"}

        async def bare(_: int) -> list[httpx.Response]:
            return [await http.get(f"{base}/api/referrals/healthz")]

        def bare_parallel(count: int) -> Action:
            return fired_together(http, f"{base}/api/referrals/healthz", count)

        async def partner_inbox(_: int) -> list[httpx.Response]:
            return list(
                await asyncio.gather(
                    *(
                        http.get(f"{api}/referrals", params={"status": status, "limit": 20}, headers=partner)
                        for status in INBOX
                    )
                )
            )

        async def coach_board(_: int) -> list[httpx.Response]:
            return list(
                await asyncio.gather(
                    http.get(f"{api}/referrals/due", params={"mine": "true"}, headers=coach),
                    *(
                        http.get(f"{api}/referrals", params={"status": status, "limit": 20}, headers=coach)
                        for status in OPEN
                    ),
                )
            )

        async def network_map_year(_: int) -> list[httpx.Response]:
            return [
                await http.get(
                    f"{api}/network-map",
                    params={"from": year[0].isoformat(), "to": year[1].isoformat()},
                    headers=manager,
                )
            ]

        actions = {
            "bare": bare,
            f"bare_x{len(INBOX)}": bare_parallel(len(INBOX)),
            f"bare_x{len(OPEN) + 1}": bare_parallel(len(OPEN) + 1),
            "partner_inbox": partner_inbox,
            "coach_board": coach_board,
            "network_map_year": network_map_year,
        }
        answers: dict[str, Any] = {}
        for name, action in actions.items():  # warm-up, and what the answers hold
            for n in range(3):
                responses = await action(n)
            failed = [f"{r.request.url} {r.status_code} {r.text[:300]}" for r in responses if r.status_code >= 400]
            if failed:
                raise SystemExit(f"{name} failed: {failed}")
            if name == "partner_inbox":
                answers[name] = {status: len(r.json()["items"]) for status, r in zip(INBOX, responses, strict=True)}
            elif name == "coach_board":
                due = responses[0].json()
                answers[name] = {
                    "due_mine": len(due),
                    "due_mine_overdue": sum(row["overdue"] for row in due),
                    **{status: len(r.json()["items"]) for status, r in zip(OPEN, responses[1:], strict=True)},
                }
            elif name == "network_map_year":
                body = responses[0].json()
                answers[name] = {
                    "nodes": len(body["nodes"]),
                    "edges": len(body["edges"]),
                    "referrals": sum(edge.get("referrals", 0) for edge in body["edges"]),
                    "bytes": len(responses[0].content),
                }
        results = {
            name: await closed_loop(action, duration=duration, concurrency=concurrency)
            for name, action in actions.items()
        }
        results["network_map_year_alone"] = await closed_loop(network_map_year, duration=duration, concurrency=1)
        return results, answers


def stop_expiry_job(stack: Stack) -> None:
    process = stack.process_ids()["referrals-expire"]
    os.killpg(process, signal.SIGTERM)


def write(report: dict[str, Any], args: argparse.Namespace) -> None:
    results = report["endpoints"]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "referrals-scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    facts = report["facts"]
    load = report["load_average"]
    lines = [
        f"# referrals-api with {args.clients:,} clients and {args.referrals:,} referrals, through the gateway",
        "",
        f"{report['machine']['cpus']} CPUs, {args.concurrency} concurrent users (network_map_year_alone: one), "
        f"{args.duration:g} s per endpoint, load generator on the same machine. Load average (1 min) "
        f"{load['before'][0]:.1f} before and {load['after'][0]:.1f} after measuring"
        + (": the machine was shared with other work." if args.shared else "."),
        "",
        "The last column divides by the floor of the same number of parallel requests (bare_x4 for the partner's "
        "inbox, bare_x6 for the coach's board, bare otherwise).",
        "",
        "| endpoint | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | p95 ÷ floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['requests']} | {row['errors']} | {row['throughput_rps']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {report['p95_ratio_to_bare'][name]} |"
        )
    lines += [
        "",
        "partner_inbox and coach_board are one action each: their requests fired in parallel, timed until the "
        "last answer (requests/s counts actions). The stack's expiry job was stopped before loading, so the overdue "
        "referrals stay as loaded.",
        "",
        "Rows: "
        + ", ".join(f"{table} {count:,}" for table, count in {**report["client_rows"], **facts["rows"]}.items())
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
        "What the answers held: " + json.dumps(report["answers"], ensure_ascii=False),
        "",
        f"Loading: clients {report['load_seconds']['clients']} s, referrals {report['load_seconds']['referrals']} s.",
        "",
    ]
    if report.get("notes"):
        lines += [report["notes"], ""]
    lines += [
        "Plans of the statements behind the endpoints (EXPLAIN ANALYZE after the measurement; the whole plans "
        "are in the JSON):",
        "",
        "| statement | access | buffers | execution |",
        "|---|---|---:|---:|",
    ]
    for name, plan in report["plans"].items():
        summary = plan_summary(plan)
        lines.append(f"| {name} | {summary['path']} | {summary['buffers']} | {summary['execution']} |")
    lines.append("")
    (RESULTS / "referrals-scale.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--area", type=int, default=100_000, help="clients of the demo authority")
    parser.add_argument("--referrals", type=int, default=1_000_000)
    parser.add_argument(
        "--authority-share",
        type=float,
        default=0.5,
        help="share of referrals the demo authority sent (the rest: the 44 other authorities)",
    )
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--shared", action="store_true", help="note in the results that the machine was shared")
    parser.add_argument("--notes", default="", help="a paragraph to add to the Markdown results")
    args = parser.parse_args()
    if not CASELOAD <= args.area < args.clients:
        parser.error("--area must be at least 100 and below --clients")

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS)
    stack.start()
    base_dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql")
    report: dict[str, Any] = {"machine": machine(), "settings": vars(args)}
    try:
        stop_expiry_job(stack)
        clients_seconds = asyncio.run(populate(base_dsn + "clients", 0, args.clients, area=args.area))
        print(f"loaded {args.clients} clients ({clients_seconds:.0f} s)", flush=True)
        referral_seconds = asyncio.run(
            populate_referrals(
                base_dsn + "referrals",
                total=args.referrals,
                clients=args.clients,
                area=args.area,
                share=args.authority_share,
            )
        )
        print(f"loaded {args.referrals} referrals ({referral_seconds:.0f} s)", flush=True)
        report["load_seconds"] = {"clients": round(clients_seconds, 1), "referrals": round(referral_seconds, 1)}
        report["client_rows"] = asyncio.run(table_sizes(base_dsn + "clients"))
        report["facts"] = asyncio.run(referral_facts(base_dsn + "referrals"))
        tokens = {
            name: subprocess.run(
                ["polku-identity", "token", name], env=stack.env(), capture_output=True, text=True, check=True
            ).stdout.strip()
            for name in ("coach", "manager", "hyvinvointialue")
        }
        report["load_average"] = {"before": os.getloadavg()}
        report["endpoints"], report["answers"] = asyncio.run(
            measure(stack.public_url, tokens, duration=args.duration, concurrency=args.concurrency)
        )
        report["load_average"]["after"] = os.getloadavg()
        year = (today() - timedelta(days=365), today())
        report["plans"] = asyncio.run(explain(base_dsn + "referrals", plans_to_check(year)))
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    floors = {"partner_inbox": f"bare_x{len(INBOX)}", "coach_board": f"bare_x{len(OPEN) + 1}"}
    endpoints = report["endpoints"]
    report["p95_ratio_to_bare"] = {
        name: round(row["p95_ms"] / endpoints[floors.get(name, "bare")]["p95_ms"], 2) for name, row in endpoints.items()
    }
    report["notes"] = args.notes
    write(report, args)
    print((RESULTS / "referrals-scale.md").read_text())


if __name__ == "__main__":
    main()
