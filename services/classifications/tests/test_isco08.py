"""The ISCO-08 data every service reads: the whole structure of ISCO-08 (ILO), a consistent hierarchy, and labels
in three languages with a fallback where a Finnish or Swedish label could not be sourced."""

from __future__ import annotations

from collections import Counter

from polku_classifications.isco08 import IscoLevel, get, occupations, search


class TestData:
    def test_every_level_of_isco_08(self) -> None:
        # ISCO-08 (ILO 2012, vol. I): 10 major, 43 sub-major, 130 minor and 436 unit groups.
        levels = Counter(o.level for o in occupations().values())
        assert levels == {IscoLevel.major: 10, IscoLevel.sub_major: 43, IscoLevel.minor: 130, IscoLevel.unit: 436}

    def test_every_group_has_its_parents_and_a_label_in_every_language(self) -> None:
        data = occupations()
        for code, occupation in data.items():
            assert code.isdigit() and 1 <= len(code) <= 4
            assert occupation.en, code
            assert all(occupation.label(language) for language in ("fi", "sv", "en")), code
            if len(code) > 1:
                assert code[:-1] in data, f"{code} has no parent"

    def test_known_labels(self) -> None:
        developers = get("2512")
        assert developers is not None
        # Statistics Finland, Ammattiluokitus 2010: 2512 Sovellussuunnittelijat / Applikationsplanerare.
        assert (developers.fi, developers.sv, developers.en) == (
            "Sovellussuunnittelijat",
            "Applikationsplanerare",
            "Software developers",
        )
        legislators = get("1111")
        assert legislators is not None and legislators.en == "Legislators"
        assert get("9999") is None and get("0") is not None

    def test_a_missing_label_falls_back_to_finnish_then_english(self) -> None:
        chiefs = get("1113")  # Traditional chiefs and heads of village: no Finnish label in the file
        assert chiefs is not None and chiefs.fi == ""
        assert chiefs.label("fi") == chiefs.label("sv") == chiefs.en

    def test_search_prefers_codes_then_orders_by_code(self) -> None:
        found = search("5", language=None, level=None, limit=5)
        assert [o.code for o in found][:2] == ["5", "51"]
        assert [o.code for o in search("siivoo", language="fi", level=IscoLevel.unit, limit=10)] == ["9111", "9112"]
