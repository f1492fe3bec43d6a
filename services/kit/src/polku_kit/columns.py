"""Column types shared by the services' models."""

from __future__ import annotations

from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=Enum)


class EnumText(TypeDecorator[E], Generic[E]):
    """A column of one of ``enum``'s values, stored as plain ``text`` (so a new value needs no migration) and
    read back as the enum: ``status: Mapped[ReferralStatus] = mapped_column(EnumText(ReferralStatus))``. A value
    that is not the enum's is refused before it reaches the database."""

    impl = Text
    cache_ok = True

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)
