"""TOL 2008 main classes and divisions, checked against the structure of NACE Rev. 2 (Regulation (EC) No
1893/2006, Annex I), whose sections and divisions TOL 2008 takes over unchanged, and TOL's own X."""

from __future__ import annotations

import pytest

from polku_classifications import tol2008


class TestMainClasses:
    def test_the_sections_of_nace_rev_2_and_tol_s_own_x(self) -> None:
        assert list(tol2008.main_classes()) == [*"ABCDEFGHIJKLMNOPQRSTU", "X"]
        for main_class in tol2008.main_classes().values():
            assert main_class.fi and main_class.sv and main_class.en

    def test_nace_rev_2_has_88_divisions(self) -> None:
        assert len([code for code in tol2008.divisions() if code != "00"]) == 88

    def test_divisions_have_three_names_and_lie_in_their_section_s_range(self) -> None:
        sections = tol2008.main_classes()
        for code, division in tol2008.division_names().items():
            assert division.fi and division.sv and division.en, code
            section = sections[division.section]
            assert section.first_division <= int(code) <= section.last_division
        # Statistics Finland, TOL 2008: 78 Työllistämistoiminta / Employment activities, in N.
        employment = tol2008.division_names()["78"]
        assert (employment.section, employment.fi, employment.en) == (
            "N",
            "Työllistämistoiminta",
            "Employment activities",
        )
        assert sections["J"].fi == "Informaatio ja viestintä"


class TestMainClassOf:
    @pytest.mark.parametrize(
        ("code", "main_class"),
        [
            ("01", "A"),  # crop and animal production
            ("10", "C"),  # manufacture of food products
            ("33", "C"),  # repair and installation of machinery
            ("35", "D"),
            ("43", "F"),  # specialised construction activities
            ("47111", "G"),  # TOL 2008: department stores, mainly food (five digits)
            ("5610", "I"),  # restaurants
            ("62010", "J"),  # computer programming
            ("78", "N"),  # employment activities
            ("8810", "Q"),  # social work without accommodation for the elderly and disabled
            ("99", "U"),
            ("00", "X"),
        ],
    )
    def test_a_code_s_main_class_follows_from_its_division(self, code: str, main_class: str) -> None:
        assert tol2008.main_class_of(code) == main_class

    @pytest.mark.parametrize(
        "code", ["04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89", "4", "123456", "G"]
    )
    def test_numbers_nace_leaves_unused_and_malformed_codes_are_none(self, code: str) -> None:
        assert tol2008.main_class_of(code) is None
