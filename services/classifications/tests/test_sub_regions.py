"""Sub-regional units (*seutukunnat*) as Statistics Finland's classification 2025 (``seutukunta_1_20250101``)
gives them: Lahden seutukunta (071) holds all of Päijät-Häme's municipalities, among them Heinola and Iitti;
Mikkelin seutukunta (101) holds Hirvensalmi, Kangasniemi, Mikkeli, Mäntyharju and Puumala."""

from __future__ import annotations

from polku_classifications import sub_regions


class TestSubRegions:
    def test_the_lahti_sub_region(self) -> None:
        for code in ("016", "081", "098", "111", "142", "316", "398", "560", "576", "781"):
            assert sub_regions.sub_region(code) == "071", code
        assert sub_regions.names()["071"]["fi"] == "Lahden seutukunta"

    def test_the_mikkeli_sub_region(self) -> None:
        for code in ("097", "213", "491", "507", "623"):
            assert sub_regions.sub_region(code) == "101", code

    def test_one_commuting_area(self) -> None:
        assert sub_regions.same_commuting_area("398", "098")  # Lahti, Hollola
        assert not sub_regions.same_commuting_area("398", "491")  # Lahti, Mikkeli
        assert not sub_regions.same_commuting_area("091", "091")  # Helsinki: not placed by the file
        assert not sub_regions.same_commuting_area(None, "398")

    def test_a_commuting_area_as_a_set(self) -> None:
        # Lahden seutukunta: Asikkala, Hartola, Hollola, Heinola, Iitti, Kärkölä, Lahti, Orimattila, Padasjoki, Sysmä.
        lahti = {"016", "081", "098", "111", "142", "316", "398", "560", "576", "781"}
        assert sub_regions.commuting_area("398") == lahti
        assert sub_regions.commuting_area("091") == frozenset()  # Helsinki: not placed by the file
        assert sub_regions.commuting_area(None) == frozenset()

    def test_every_sub_region_is_named_and_every_municipality_is_valid(self) -> None:
        from polku_classifications import municipalities

        members = {code: sub_regions.sub_region(code) for code in ("398", "491")}
        assert set(members.values()) <= set(sub_regions.names())
        assert all(municipalities.valid(code) for code in members)
        assert sub_regions.SOURCE and sub_regions.VERSION
