"""The indicators' definitions, as versioned data: formula in words, source, the statuses and service types counted,
the count-date rule. Every figure is returned with the version of the definition it was computed by.

A definition changes only by a new version with its own ``valid_from``; the old one stays, so a figure of an earlier
month is explained by the definition it was computed under.

Sources (cited by each definition):

- TEM: Työ- ja elinkeinoministeriö, *Työnvälitystilasto* (the employment service statistics), its concepts and
  quality description, published with Statistics Finland (*Tilastokeskus*): https://stat.fi/tilasto/dokumentaatio/tyonv
  and https://tem.fi/tyonvalitystilasto. Stock figures there are "kuukauden viimeisen työpäivän poikkileikkaus":
  a cross-section on the month's last working day.
- The Act on the Organisation of Employment Services (*laki työvoimapalvelujen järjestämisestä* 380/2023) and its
  predecessor 916/2012 for the statutory deadlines, judged by the rule set in force (clients-api's rule sets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Unit(StrEnum):
    """What a figure's value is in: ``persons``, a number of people; ``percent``, a share in per cent; ``days``, a
    length in calendar days; ``hours``, a length in hours; ``events``, a number of events (ended job searches,
    deadlines, offers, periods started); ``euros``, an amount of money in euros."""

    persons = "persons"
    percent = "percent"
    days = "days"
    hours = "hours"
    events = "events"
    euros = "euros"


class Kind(StrEnum):
    """How an indicator counts: ``stock``, a cross-section on the count date (*laskentapäivä*, the last working day of
    the month); ``flow``, what happened during the calendar month."""

    stock = "stock"  # a cross-section on the count date
    flow = "flow"  # what happened during the calendar month


class Audience(StrEnum):
    """Who may read the figures, besides the authority's managers and administrators: ``area``, nobody else;
    ``casework``, coaches too, for their own caseload; ``partner``, partners too, for their own services."""

    area = "area"  # managers and administrators only
    casework = "casework"  # and coaches, for their own caseload
    partner = "partner"  # and partners, for their own services


class Group(StrEnum):
    """The groups of job seekers an indicator is broken down by (the seeds' groups), each on the count date: ``all``,
    every job seeker the indicator counts; ``under_25``, younger than 25; ``under_30``, younger than 30;
    ``foreign_citizens``, citizens of a country other than Finland (*ulkomaan kansalaiset*); ``long_term_unemployed``,
    continuously unemployed for at least 12 months (*pitkäaikaistyöttömät*)."""

    all = "all"
    under_25 = "under_25"
    under_30 = "under_30"
    foreign_citizens = "foreign_citizens"
    long_term_unemployed = "long_term_unemployed"


LAST_WORKING_DAY = (
    "The last working day of the month (Monday to Friday, not a Finnish public holiday, Christmas Eve or Midsummer "
    "Eve), as in the employment service statistics' monthly cross-section"
)
CALENDAR_MONTH = "Events dated from the first to the last day of the calendar month (Europe/Helsinki)"
TEM = (
    "Työ- ja elinkeinoministeriö, Työnvälitystilasto: käsitteet ja laatuseloste "
    "(https://tem.fi/tyonvalitystilasto; https://stat.fi/tilasto/dokumentaatio/tyonv)"
)
POLKU = "Polku's own definition (no official statistic counts this); the formula is the whole definition"
AREA_GROUPS = (Group.all, Group.under_25, Group.under_30, Group.foreign_citizens, Group.long_term_unemployed)
FLOW_GROUPS = (Group.all, Group.under_25, Group.under_30, Group.foreign_citizens)
JOB_SEEKING = ("unemployed", "in_activating_service", "employed", "in_education", "outside_labour_force")


@dataclass(frozen=True)
class ActivatingService:
    """A service type that counts as activating (*aktivoiva palvelu*) from a day on (and until one, if dropped)."""

    service_type: str
    name_fi: str
    valid_from: date
    valid_to: date | None = None
    note: str | None = None


# The employment service statistics' list of activating services, the activation rate's numerator. Episodes of
# these types (clients-api's fi.polku.client.episode_*, its type names) count where a client has any; otherwise
# the client's status ``in_activating_service``.
ACTIVATING_SERVICES = (
    ActivatingService("pay_subsidised_work", "palkkatuettu työ", date(2013, 1, 1)),
    ActivatingService("work_trial", "työkokeilu", date(2013, 1, 1)),
    ActivatingService("education_trial", "koulutuskokeilu", date(2013, 1, 1)),
    ActivatingService(
        "job_alternation_substitute",
        "vuorottelusijainen",
        date(2013, 1, 1),
        note="Alternation leave was abolished for leaves starting after 31 March 2024; the component empties as "
        "the last leaves end.",
    ),
    ActivatingService("labour_market_training", "työvoimakoulutus", date(2013, 1, 1)),
    ActivatingService("coaching", "valmennus", date(2013, 1, 1)),
    ActivatingService("self_motivated_study", "omaehtoinen opiskelu työttömyysetuudella", date(2013, 1, 1)),
    ActivatingService("rehabilitative_work_activity", "kuntouttava työtoiminta", date(2013, 1, 1)),
)


def activating_on(service_type: str, day: date) -> bool:
    return any(
        service.service_type == service_type
        and service.valid_from <= day
        and (service.valid_to is None or day <= service.valid_to)
        for service in ACTIVATING_SERVICES
    )


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    valid_from: date
    name_fi: str
    name_en: str
    formula: str
    unit: Unit
    kind: Kind
    count_date_rule: str
    source: str
    audience: Audience
    statuses: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    groups: tuple[Group, ...] = (Group.all,)
    breakdown: str | None = None
    # Events that will make the figure whole when their sources emit them.
    awaiting: tuple[str, ...] = field(default=())


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        code="job_seekers",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työnhakijat laskentapäivänä",
        name_en="Job seekers on the count date",
        formula="Persons whose job search is on (any status but search_ended) on the count date, by their home "
        "municipality on that day.",
        unit=Unit.persons,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": työnhakijat (all registered job seekers: unemployed, laid off, employed, outside the labour "
        "force, in services)",
        audience=Audience.area,
        statuses=JOB_SEEKING,
        groups=AREA_GROUPS,
    ),
    Definition(
        code="unemployed_job_seekers",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työttömät työnhakijat laskentapäivänä",
        name_en="Unemployed job seekers on the count date",
        formula="Persons whose status is unemployed on the count date, by their home municipality on that day.",
        unit=Unit.persons,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": työttömät työnhakijat",
        audience=Audience.area,
        statuses=("unemployed",),
        groups=AREA_GROUPS,
    ),
    Definition(
        code="unemployed_share_of_labour_force",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työttömien työnhakijoiden osuus työvoimasta",
        name_en="Unemployed job seekers as a share of the labour force",
        formula="Unemployed job seekers on the count date ÷ the labour force of the same municipality and group × 100. "
        "The labour force is Statistics Finland's, imported, of the latest month at or before the figure's month; its "
        "vintage is named beside every cell. The organisation's total counts the municipalities with a labour force.",
        unit=Unit.percent,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": työttömien työnhakijoiden osuus työvoimasta; the denominator from Tilastokeskus, "
        "työssäkäyntitilasto (employment statistics) by municipality: registered unemployment and the labour force "
        "survey are never mixed in one ratio",
        audience=Audience.area,
        statuses=("unemployed",),
        groups=(Group.all, Group.under_25, Group.under_30, Group.foreign_citizens),
    ),
    Definition(
        code="kela_benefits",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Kelan työttömyysturvaetuuksien saajat ja maksetut eurot",
        name_en="Kela's unemployment benefit recipients and euros paid",
        formula="Euros paid during the month by benefit type and municipality (imported from Kela); persons: the "
        "recipients.",
        unit=Unit.euros,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source="Kela, Kelasto: työttömyysturvan saajat ja maksetut etuudet (imported)",
        audience=Audience.area,
        breakdown="benefit_type",
    ),
    Definition(
        code="labour_market_subsidy_per_resident",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työmarkkinatuki euroa asukasta kohden",
        name_en="Labour market subsidy in euros per resident",
        formula="Labour market subsidy paid during the month (Kela, imported) ÷ the municipality's population "
        "(Statistics Finland, imported, latest month at or before), for every imported municipality, so that peer "
        "municipalities stand side by side.",
        unit=Unit.euros,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source="Kela, Kelasto (työmarkkinatuki); Tilastokeskus, väestö (population)",
        audience=Audience.area,
    ),
    Definition(
        code="budget",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Talousarvion toteuma ja ennuste",
        name_en="Budget, actuals and forecast",
        formula="By budget category and class and month: budgeted, actual and committed euros (imported). The year-end "
        "forecast is the run rate: the year's actuals so far plus their monthly mean times the months left.",
        unit=Unit.euros,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source="The authority's own budget lines; classes voluntary, appropriation-bound, appropriation-independent "
        "and need-based",
        audience=Audience.area,
        breakdown="category/budget_class",
    ),
    Definition(
        code="budget",
        version=2,
        # every month since the rules began: the support decisions of any month are in the read model
        valid_from=date(2025, 1, 1),
        name_fi="Talousarvion toteuma, sitoumukset ja ennuste",
        name_en="Budget, actuals, commitments and forecast",
        formula="By budget category and class and month: budgeted, actual and committed euros of the imported budget "
        "lines, and beside them the euros committed by the support decisions (pay subsidy, recruitment bonus, "
        "summer-job voucher, grants to associations; category supports), each with its source. A decision commits "
        "what it recorded by month; a cancellation releases what falls after the day it ended (a pay subsidy by the "
        "share of the month's days, a lump sum whole). Year-end forecast, the run rate with commitments: the year's "
        "actuals so far, plus for each month after the last one with actuals the larger of their monthly mean and "
        "the euros known to be committed in that month (the larger of the two sources, which may hold the same "
        "money).",
        unit=Unit.euros,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source="The authority's own budget lines (imported); employer-api's support decisions (subsidy.decided, "
        "subsidy.ended). Budget classes voluntary, appropriation-bound, appropriation-independent and need-based; "
        "supports classed as in Lahti's service plan 2025 (pay subsidy appropriation-bound; Lahti-lisä, recruitment "
        "bonus, summer-job vouchers voluntary)",
        audience=Audience.area,
        breakdown="category/budget_class",
    ),
    Definition(
        code="long_term_unemployed",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Pitkäaikaistyöttömät laskentapäivänä",
        name_en="Long-term unemployed on the count date",
        formula="Persons unemployed on the count date whose unemployment has lasted continuously for at least 12 "
        "months (the spell began on or before the same day 12 months earlier).",
        unit=Unit.persons,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": pitkäaikaistyöttömät (yhdenjaksoisesti vähintään 12 kuukautta työttömänä olleet)",
        audience=Audience.area,
        statuses=("unemployed",),
        groups=(Group.all, Group.under_25, Group.under_30, Group.foreign_citizens),
    ),
    *(
        Definition(
            code=f"flow_over_{months}_months",
            version=1,
            valid_from=date(2025, 1, 1),
            name_fi=f"Virta yli {months} kk työttömyyteen",
            name_en=f"Flow into unemployment lasting over {months} months",
            formula=f"Continuous unemployment spells whose length passes {months} months during the month: the spell "
            f"is still on the day after the same day {months} months from its start, and that day is in the month. "
            "A person counts once per spell, in their home municipality on that day.",
            unit=Unit.persons,
            kind=Kind.flow,
            count_date_rule=CALENDAR_MONTH,
            source=TEM + f": virta yli {months} kk työttömyyteen",
            audience=Audience.area,
            statuses=("unemployed",),
            groups=FLOW_GROUPS,
        )
        for months in (3, 6, 12)
    ),
    Definition(
        code="ended_job_searches",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Päättyneet työnhaut",
        name_en="Ended job searches",
        formula="Job-search periods that ended during the month (clients-api's job_search_period.ended; for a "
        "client without period events, the status becoming search_ended), by the home municipality on the day "
        "they ended.",
        unit=Unit.events,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source=TEM + ": päättyneet työnhaut",
        audience=Audience.area,
        statuses=("search_ended",),
        groups=FLOW_GROUPS,
    ),
    Definition(
        code="average_job_search_duration",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työnhaun keskimääräinen kesto",
        name_en="Average duration of the job search",
        formula="Of the job-search periods that ended during the month: the mean of their lengths in days, from the "
        "first day of the period to the day it ended.",
        unit=Unit.days,
        kind=Kind.flow,
        count_date_rule=CALENDAR_MONTH,
        source=TEM + ": päättyneiden työnhakujen kesto",
        audience=Audience.area,
        statuses=JOB_SEEKING,
        groups=FLOW_GROUPS,
    ),
    Definition(
        code="activation_rate",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Aktivointiaste laskentapäivänä",
        name_en="Activation rate on the count date",
        formula="Persons in activating services ÷ (unemployed job seekers + persons in activating services) × 100 on "
        "the count date. In an activating service: an episode of a listed type on the count date, or, until episodes "
        "arrive, the status in_activating_service. For the long-term unemployed: persons unemployed for 12 months or "
        "more, or in a service they entered straight from such a spell.",
        unit=Unit.percent,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": aktivointiaste; TEM's list of activating services",
        audience=Audience.area,
        statuses=("unemployed", "in_activating_service"),
        service_types=tuple(service.service_type for service in ACTIVATING_SERVICES),
        groups=AREA_GROUPS,
    ),
    Definition(
        code="structurally_unemployed",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Rakennetyöttömät laskentapäivänä",
        name_en="Structurally unemployed on the count date",
        formula="The sum of four components on the count date, each person in the first that fits: (1) long-term "
        "unemployed: unemployed continuously for at least 12 months; (2) comparable long-term unemployed: "
        "unemployed on the count date and in total at least 12 months (365 days) unemployed in the last 16 months; "
        "(3) unemployed after a service: unemployed on the count date after a listed activating service that ended "
        "in the 3 months before it; (4) service to service: in a listed activating service on the count date that "
        "began at most 31 days after an earlier one ended in the last 12 months. Breakdown: the component.",
        unit=Unit.persons,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": rakennetyöttömät = pitkäaikaistyöttömät + rinnasteiset pitkäaikaistyöttömät + palveluilta "
        "työttömäksi jääneet + palveluilta palveluille siirtyneet (Tilastokeskus, StatFin, työnvälitystilasto, table "
        "12ub and the footnotes of table 902). Component (4)'s 31 days is Polku's reading of 'moved from service "
        "to service'.",
        audience=Audience.area,
        statuses=("unemployed", "in_activating_service"),
        service_types=tuple(service.service_type for service in ACTIVATING_SERVICES),
        groups=(Group.all, Group.under_25, Group.under_30, Group.foreign_citizens),
        breakdown="component",
    ),
    Definition(
        code="without_post_basic_education",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Perusasteen jälkeistä koulutusta vailla olevien osuus työnhakijoista",
        name_en="Share of job seekers without post-basic education",
        formula="Job seekers on the count date whose highest recorded education (the initial assessment in force, "
        "ISCED 2011) is basic education or none ÷ job seekers on the count date whose assessment records their "
        "education × 100. Job seekers without an assessment are left out of both.",
        unit=Unit.percent,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=TEM + ": työnhakijat koulutusasteen mukaan (perusaste); Tilastokeskus, Koulutusluokitus 2016 "
        "(ISCED 2011 levels 0–2: no post-basic qualification)",
        audience=Audience.area,
        statuses=JOB_SEEKING,
        groups=AREA_GROUPS,
    ),
    Definition(
        code="employment_rate",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työllisyysaste",
        name_en="Employment rate",
        formula="The employed aged 15–64 (20–64) ÷ the population of the same age × 100, by municipality "
        "(imported, the latest month at or before the figure's month; its vintage beside every cell). The "
        "organisation's cell sums the municipalities with both figures. Breakdown: the age group.",
        unit=Unit.percent,
        kind=Kind.stock,
        count_date_rule="The imported statistic's own reference day (Statistics Finland: the last week of the year in "
        "the employment statistics, the month in the labour force survey)",
        source="Tilastokeskus: työllisyysaste = työllisten osuus samanikäisestä väestöstä (employment rate: the "
        "employed as a share of the population of the same age), työssäkäyntitilasto (imported)",
        audience=Audience.area,
        breakdown="age_group",
    ),
    Definition(
        code="effectiveness_follow_up",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Vaikuttavuusseuranta: tilanne 3, 6 ja 12 kuukauden kuluttua",
        name_en="Effectiveness follow-up: where clients stand 3, 6 and 12 months later",
        formula="For every activating service episode that ended, support (pay subsidy) that ended, referral the "
        "partner completed and job offer made during the month (the cohort, by the client's municipality on that "
        "day), the share standing in each destination 3, 6 and 12 months later, the first that fits: subsidised work "
        "(a pay subsidy or pay-subsidised work), education (status in_education, labour-market training or "
        "self-motivated study, or a search ended for education), open labour market (status employed, or a search "
        "ended for employment), in another activating service, unemployed, outside the labour force, not known "
        "(the search ended for another reason). A cohort is shown once its follow-up day has passed. Breakdown: "
        "{months}m/{origin}:{service type, provider or employer's TOL 2008 main class}/{destination}.",
        unit=Unit.percent,
        kind=Kind.flow,
        count_date_rule="The cohort: the month the service or support ended, the referral was completed or the offer "
        "made; the destination on the same day 3, 6 or 12 months later",
        source=POLKU + " (the joined follow-up no national tool gives); statuses as in " + TEM,
        audience=Audience.area,
        statuses=JOB_SEEKING,
        service_types=tuple(service.service_type for service in ACTIVATING_SERVICES),
        breakdown="horizon/origin:key/destination",
    ),
    Definition(
        code="deadlines_missed",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Myöhästyneet lakisääteiset määräajat",
        name_en="Statutory deadlines missed",
        formula="Statutory deadlines (initial interview, job-search discussions, …) due during the month that were "
        "not met by their day, by kind and by the rule set they were judged by.",
        unit=Unit.events,
        kind=Kind.flow,
        count_date_rule="The deadline's due day falls in the calendar month",
        source="Act 380/2023 and, until 31 December 2025, the Nordic labour market service model (Act 916/2012 as "
        "amended by HE 167/2021); the rule set named on each deadline",
        audience=Audience.casework,
        breakdown="kind/rule_set",
    ),
    Definition(
        code="deadlines_waived",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Perustellusti poisjätetyt määräajat",
        name_en="Statutory deadlines waived on recorded grounds",
        formula="Statutory deadlines due during the month that were waived with a recorded reason, by kind.",
        unit=Unit.events,
        kind=Kind.flow,
        count_date_rule="The deadline's due day falls in the calendar month",
        source="Act 380/2023, section on the grounds for fewer interviews",
        audience=Audience.casework,
        breakdown="kind/rule_set",
    ),
    Definition(
        code="deadlines_met_on_time",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Ajallaan toteutuneet lakisääteiset määräajat",
        name_en="Statutory deadlines met on time",
        formula="Of the statutory deadlines due during the month that were met or missed (waived ones left out): "
        "those met by their day and never reported overdue ÷ those met or missed × 100, by kind and by the rule "
        "set they were judged by, in the client's home municipality on the due day. A deadline is the client's "
        "kind, number and due day.",
        unit=Unit.percent,
        kind=Kind.flow,
        count_date_rule="The deadline's due day falls in the calendar month",
        source="Act 380/2023 and, until 31 December 2025, the Nordic labour market service model (Act 916/2012 as "
        "amended by HE 167/2021); clients-api's deadline_met and deadline_overdue, the rule set named on each",
        audience=Audience.casework,
        breakdown="kind/rule_set",
    ),
    Definition(
        code="offers_and_introductions",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työtarjoukset ja esittelyt ja niiden tulokset",
        name_en="Job offers and introductions and what became of them",
        formula="Job offers and introductions to employers made during the month (the earliest day any of their "
        "events saw), by kind and by the outcome recorded for them so far (pending while none is), in the "
        "client's home municipality on the day they were made.",
        unit=Unit.events,
        kind=Kind.flow,
        count_date_rule="The offer or introduction was made in the calendar month",
        source=POLKU + "; employer-api's job_offer.sent/.outcome and introduction.made/.outcome",
        audience=Audience.casework,
        breakdown="kind/outcome",
    ),
    Definition(
        code="pay_subsidy_periods_started",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Alkaneet palkkatukijaksot toimialoittain",
        name_en="Pay-subsidy periods started, by the employer's industry",
        formula="Pay-subsidy periods whose first day falls in the month, by the employer's industry (the main "
        "class of Statistics Finland's TOL 2008; unknown where the decision names none), in the client's home "
        "municipality on that day.",
        unit=Unit.events,
        kind=Kind.flow,
        count_date_rule="The period's first day falls in the calendar month",
        source=POLKU + "; employer-api's subsidy.decided (kind pay_subsidy), TOL 2008 (Tilastokeskus)",
        audience=Audience.area,
        breakdown="employer_sector",
    ),
    *(
        Definition(
            code=code,
            version=1,
            valid_from=date(2025, 1, 1),
            name_fi=name_fi,
            name_en=name_en,
            formula="Job seekers in the statutory schedule (unemployed or in an activating service) on the count date; "
            "a plan is up to date when its latest version made on or before the count date has its next review on "
            "or after it. "
            + formula
            + " By the home municipality on the count date; for a coach, their caseload on the count date.",
            unit=unit,
            kind=Kind.stock,
            count_date_rule=LAST_WORKING_DAY,
            source=POLKU + "; the employment plan (työllistymissuunnitelma) and its review as agreed in it, Act "
            "380/2023; clients-api's plan_version_created",
            audience=Audience.casework,
            statuses=("unemployed", "in_activating_service"),
        )
        for code, name_fi, name_en, formula, unit in (
            (
                "plans_up_to_date",
                "Ajantasaisten suunnitelmien osuus",
                "Share of up-to-date plans",
                "Those with an up-to-date plan ÷ those in the schedule × 100.",
                Unit.percent,
            ),
            (
                "plan_debt",
                "Suunnitelmavelka",
                "Plan debt",
                "Those in the schedule without an up-to-date plan (none, or its review day passed).",
                Unit.persons,
            ),
        )
    ),
    Definition(
        code="caseload_per_coach",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Asiantuntijakohtainen asiakasmäärä",
        name_en="Caseload per coach",
        formula="Job seekers in the statutory schedule (unemployed or in an activating service) assigned to each "
        "coach on the count date; the total is their mean over the coaches with a caseload.",
        unit=Unit.persons,
        kind=Kind.stock,
        count_date_rule=LAST_WORKING_DAY,
        source=POLKU,
        audience=Audience.casework,
        statuses=("unemployed", "in_activating_service"),
        breakdown="coach",
    ),
    Definition(
        code="referral_fill_rate",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Palvelun täyttöaste (ohjaukset)",
        name_en="Referral fill rate",
        formula="Of the referrals sent during the month: those the partner accepted ÷ those sent × 100, by partner "
        "organisation.",
        unit=Unit.percent,
        kind=Kind.flow,
        count_date_rule="The referral was sent in the calendar month",
        source=POLKU,
        audience=Audience.partner,
        breakdown="partner_organisation",
    ),
    Definition(
        code="referral_first_response_time",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Aika ensimmäiseen vastaukseen",
        name_en="Time to first response",
        formula="Of the referrals sent during the month that the partner answered (received, accepted or "
        "rejected): the mean of the hours from sending to the first answer, by partner organisation.",
        unit=Unit.hours,
        kind=Kind.flow,
        count_date_rule="The referral was sent in the calendar month",
        source=POLKU,
        audience=Audience.partner,
        breakdown="partner_organisation",
    ),
    Definition(
        code="statement_processing_time",
        version=1,
        valid_from=date(2025, 1, 1),
        name_fi="Työvoimapoliittisten lausuntojen käsittelyaika",
        name_en="Processing time of labour-policy statements",
        formula="Of the labour-policy statements issued during the month: the mean of the days from the neglect "
        "(the day the job search was neglected) to the day the statement was issued, by the client's home "
        "municipality.",
        unit=Unit.days,
        kind=Kind.flow,
        count_date_rule="The statement was issued in the calendar month",
        source="TEM's follow-up of the processing time of labour-policy statements (työvoimapoliittiset lausunnot, "
        "Act 1290/2002 on unemployment security, ch. 11, s. 4); clients-api's statement.issued",
        audience=Audience.area,
    ),
)


def versions(code: str) -> list[Definition]:
    return sorted((d for d in DEFINITIONS if d.code == code), key=lambda d: d.valid_from)


def in_force(code: str, day: date) -> Definition:
    """The version of ``code`` in force on ``day`` (the first version for days before it)."""
    found = versions(code)
    return next((d for d in reversed(found) if d.valid_from <= day), found[0])


CODES = tuple(dict.fromkeys(d.code for d in DEFINITIONS))
IndicatorCode = StrEnum("IndicatorCode", {code: code for code in CODES})  # type: ignore[misc]
IndicatorCode.__doc__ = (
    "The indicators by their codes, each with its name in English and Finnish (GET /v1/indicators gives the whole "
    "definitions): "
    + "; ".join(f"``{code}``, {versions(code)[-1].name_en} (*{versions(code)[-1].name_fi}*)" for code in CODES)
    + "."
)
