"""The ISCO-08 data every service reads: a consistent hierarchy with three languages."""

from __future__ import annotations

from polku_classifications.isco08 import IscoLevel, occupations, search


class TestData:
    def test_every_group_has_its_parents_and_three_labels(self) -> None:
        data = occupations()
        assert len([o for o in data.values() if o.level is IscoLevel.major]) == 10
        assert len([o for o in data.values() if o.level is IscoLevel.sub_major]) == 43
        for code, occupation in data.items():
            assert code.isdigit() and 1 <= len(code) <= 4
            assert occupation.fi and occupation.sv and occupation.en
            if len(code) > 1:
                assert code[:-1] in data, f"{code} has no parent"

    def test_search_prefers_codes_then_orders_by_code(self) -> None:
        found = search("5", language=None, level=None, limit=5)
        assert [o.code for o in found][:2] == ["5", "51"]
        assert [o.code for o in search("siivoo", language="fi", level=IscoLevel.unit, limit=10)] == ["9111", "9112"]
