"""ORM models of metrics-api. Tables live in the ``metrics`` database only."""

from sqlalchemy.orm import DeclarativeBase

from polku_kit.db import new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()
