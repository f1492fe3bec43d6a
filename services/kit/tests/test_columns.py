"""A status column is stored as text and read as its enum (that the database type stays ``text``, so that no
migration is needed, is checked by test_migrations)."""

import pytest
from sqlalchemy.dialects import postgresql

from polku_kit.columns import EnumText
from polku_kit.webhooks.models import DeliveryStatus

DIALECT = postgresql.dialect()


class TestEnumText:
    def test_stores_the_value_and_reads_the_enum(self) -> None:
        column = EnumText(DeliveryStatus)
        assert column.process_bind_param(DeliveryStatus.dead, DIALECT) == "dead"
        assert column.process_bind_param("dead", DIALECT) == "dead"
        assert column.process_result_value("dead", DIALECT) is DeliveryStatus.dead
        assert column.process_result_value(None, DIALECT) is None

    def test_a_value_not_of_the_enum_never_reaches_the_database(self) -> None:
        with pytest.raises(ValueError, match="delivred"):
            EnumText(DeliveryStatus).process_bind_param("delivred", DIALECT)
