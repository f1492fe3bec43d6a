from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from metrics_api.indicator.definitions import Audience, Group, Kind, Unit


class ActivatingServiceRead(BaseModel):
    service_type: str = Field(examples=["pay_subsidised_work"])
    name_fi: str = Field(examples=["palkkatuettu työ"])
    valid_from: date
    valid_to: date | None
    note: str | None


class DefinitionRead(BaseModel):
    """An indicator's definition, in the version a figure was computed by."""

    code: str = Field(examples=["activation_rate"])
    version: int = Field(examples=[1])
    valid_from: date
    name_fi: str = Field(examples=["Aktivointiaste laskentapäivänä"])
    name_en: str = Field(examples=["Activation rate on the count date"])
    formula: str = Field(description="The formula in words")
    unit: Unit
    kind: Kind = Field(description="stock: a cross-section on the count date; flow: what happened in the month")
    count_date_rule: str
    source: str = Field(description="The official statistic or law it follows, or that it is Polku's own")
    audience: Audience
    statuses: list[str] = Field(description="The job seekers' statuses it counts")
    service_types: list[str] = Field(description="The service types it counts")
    activating_services: list[ActivatingServiceRead] = Field(description="The dated list (activation rate only)")
    groups: list[Group]
    breakdown: str | None = Field(description="What the cells are broken down by besides municipality")
    awaiting: list[str] = Field(description="Event types that will complete the figure when their sources emit them")


class CellRead(BaseModel):
    month: str = Field(examples=["2025-06"])
    count_date: date | None = Field(description="The day of a stock figure's cross-section")
    municipality: str | None = Field(description="Statistics Finland's municipality code; null: the organisation")
    employment_area: str | None = Field(
        default=None,
        description="By employment area: Statistics Finland's sub-regional unit (seutukunta) code, e.g. 071; "
        "`unplaced` for a municipality code the classification does not know; null: the organisation, or figures by "
        "municipality",
    )
    group: Group
    breakdown: str | None = Field(examples=["initial_interview/2022-05-02"])
    value: float | None = Field(description="null when suppressed or not computable")
    persons: int | None = Field(description="Whom the figure counts (a ratio's numerator); null when suppressed")
    denominator: int | None = Field(description="A ratio's denominator; null when suppressed")
    available: bool = Field(description="False when no event yet carries what the group needs (citizenship)")
    suppressed: bool = Field(description="True when the cell counts 1 to 4 persons: the value is withheld")
    vintage: str | None = Field(description="The imported statistics' edition the figure uses")
    amounts: dict[str, float] | None = Field(
        description="Budget figures: budgeted, actual, committed, year_budget, year_actual_to_date, year_end_forecast"
    )


class EmploymentAreaRead(BaseModel):
    """An employment area: a sub-regional unit (*seutukunta*) of Statistics Finland's classification 2025, named as
    the classification names it."""

    code: str = Field(examples=["071"], description="The sub-regional unit's code")
    fi: str = Field(examples=["Lahti"], description="Its name in Finnish")
    sv: str = Field(examples=["Lahtis"], description="Its name in Swedish")


class Figures(BaseModel):
    indicator: str
    definitions: list[DefinitionRead] = Field(description="Every version of the definition the cells were computed by")
    suppression_threshold: int = Field(examples=[5], description="Cells counting fewer persons are withheld")
    cells: list[CellRead]
    employment_areas: list[EmploymentAreaRead] = Field(
        default_factory=list,
        description="By employment area: the areas the cells name, with their names (not `unplaced`); empty when the "
        "figures are by municipality",
    )
