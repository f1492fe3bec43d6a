"""ORM models of referrals-api. Tables live in the ``referrals`` database only."""

from sqlalchemy.orm import DeclarativeBase

from polku_kit.db import new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()
