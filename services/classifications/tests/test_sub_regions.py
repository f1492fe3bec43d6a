"""Sub-regional units (*seutukunnat*) as Statistics Finland's classification 2025 (``seutukunta_1_20250101``)
gives them: 69 sub-regions over the 308 municipalities; Lahti (071) holds all of Päijät-Häme's municipalities,
among them Heinola and Iitti; Mikkeli (101) holds Hirvensalmi, Kangasniemi, Mikkeli, Mäntyharju and Puumala;
Helsinki (011) the capital region's 17."""

from __future__ import annotations

from polku_classifications import sub_regions


class TestSubRegions:
    def test_the_lahti_sub_region(self) -> None:
        for code in ("016", "081", "098", "111", "142", "316", "398", "560", "576", "781"):
            assert sub_regions.sub_region(code) == "071", code
        assert sub_regions.names()["071"] == {"fi": "Lahti", "sv": "Lahtis"}

    def test_the_mikkeli_sub_region(self) -> None:
        for code in ("097", "213", "491", "507", "623"):
            assert sub_regions.sub_region(code) == "101", code

    def test_municipalities_outside_the_demo_are_placed(self) -> None:
        # Statistics Finland 2025: Helsinki (091) and Espoo (049) in SK011 Helsinki, Oulu (564) in SK171 Oulu,
        # Inari (148) in SK197 Pohjois-Lappi; Mariehamn (478) in SK211 Mariehamns stad.
        assert sub_regions.sub_region("091") == sub_regions.sub_region("049") == "011"
        assert sub_regions.names()["011"] == {"fi": "Helsinki", "sv": "Helsingfors"}
        assert sub_regions.sub_region("564") == "171" and sub_regions.sub_region("148") == "197"
        assert sub_regions.sub_region("478") == "211"
        assert sub_regions.sub_region("999") is None  # not a municipality: not placed

    def test_one_commuting_area(self) -> None:
        assert sub_regions.same_commuting_area("398", "098")  # Lahti, Hollola
        assert not sub_regions.same_commuting_area("398", "491")  # Lahti, Mikkeli
        assert sub_regions.same_commuting_area("091", "049")  # Helsinki, Espoo
        assert not sub_regions.same_commuting_area("091", "398")  # Helsinki, Lahti
        assert not sub_regions.same_commuting_area("999", "999")  # not a municipality: not placed
        assert not sub_regions.same_commuting_area(None, "398")

    def test_a_commuting_area_as_a_set(self) -> None:
        # Lahden seutukunta: Asikkala, Hartola, Hollola, Heinola, Iitti, Kärkölä, Lahti, Orimattila, Padasjoki, Sysmä.
        lahti = {"016", "081", "098", "111", "142", "316", "398", "560", "576", "781"}
        assert sub_regions.commuting_area("398") == lahti
        assert len(sub_regions.commuting_area("091")) == 17  # Helsingin seutukunta
        assert sub_regions.commuting_area("999") == frozenset()  # not a municipality: not placed
        assert sub_regions.commuting_area(None) == frozenset()

    def test_69_sub_regions_over_the_308_municipalities(self) -> None:
        from polku_classifications import municipalities

        assert len(sub_regions.names()) == 69
        assert {sub_regions.sub_region(code) for code in municipalities.MUNICIPALITIES} == set(sub_regions.names())
        assert sub_regions.sub_region("588") == sub_regions.sub_region("507") == "101"  # Pertunmaa → Mäntyharju

    def test_every_sub_region_is_named_and_every_municipality_is_valid(self) -> None:
        from polku_classifications import municipalities

        members = {code: sub_regions.sub_region(code) for code in ("398", "491")}
        assert set(members.values()) <= set(sub_regions.names())
        assert all(municipalities.valid(code) for code in members)
        assert sub_regions.SOURCE and sub_regions.VERSION
