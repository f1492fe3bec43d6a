"""Employment areas (sub-regional units), as Statistics Finland's regional divisions 2025 give them."""

from __future__ import annotations

from polku_classifications import areas, municipalities


class TestAreas:
    def test_lahti_and_hollola_share_an_area_mikkeli_has_its_own(self) -> None:
        # Statistics Finland 2025: the Lahti sub-region (071) covers Päijät-Häme, Heinola included since 2021.
        assert areas.area("398") == areas.area("098") == areas.area("111") == "071"
        assert areas.area("491") == "101"
        assert areas.names()["071"]["fi"] == "Lahden seutukunta"
        assert "398" in areas.municipalities_of("071") and "491" not in areas.municipalities_of("071")

    def test_a_municipality_not_placed_has_no_area(self) -> None:
        assert areas.area("091") is None and areas.area(None) is None

    def test_the_demo_areas_are_named_and_hold_municipalities_of_the_classification(self) -> None:
        placed = [code for code in municipalities.MUNICIPALITIES if areas.area(code) is not None]
        assert {areas.area(code) for code in placed} == set(areas.names())
        # Only the demo areas are placed; a municipality elsewhere has no area (its figures are `unplaced`).
        assert areas.area("091") is None and areas.area("837") is None
