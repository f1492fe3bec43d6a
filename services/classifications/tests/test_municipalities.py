"""Municipality codes, names and regions, as Statistics Finland's municipality classification 2025
(``kunta_1_20250101``) and its regional divisions give them."""

from __future__ import annotations

from polku_classifications import municipalities


class TestMunicipalities:
    def test_the_308_municipalities_of_2025_and_19_regions(self) -> None:
        assert len(municipalities.municipalities()) == len(municipalities.MUNICIPALITIES) == 308
        assert len(municipalities.regions()) == 19
        assert all(m.fi and m.sv and m.region in municipalities.regions() for m in municipalities.municipalities())

    def test_names_regions_and_sub_regions_of_known_municipalities(self) -> None:
        assert municipalities.MUNICIPALITIES["091"] == {"fi": "Helsinki", "sv": "Helsingfors"}
        assert municipalities.MUNICIPALITIES["398"] == {"fi": "Lahti", "sv": "Lahtis"}
        assert municipalities.MUNICIPALITIES["491"] == {"fi": "Mikkeli", "sv": "S:t Michel"}
        assert municipalities.MUNICIPALITIES["081"] == {"fi": "Hartola", "sv": "Gustav Adolfs"}
        # Helsinki is in Uusimaa (01), Lahti and Hollola in Päijät-Häme (07), Mikkeli in Etelä-Savo (10).
        assert municipalities.region("091") == "01"
        assert municipalities.region("398") == municipalities.region("098") == "07"
        assert municipalities.region("491") == "10"
        assert municipalities.regions()["01"] == {"fi": "Uusimaa", "sv": "Nyland", "en": "Uusimaa"}
        assert municipalities.regions()["07"]["sv"] == "Päijänne-Tavastland"
        helsinki = next(m for m in municipalities.municipalities() if m.code == "091")
        assert (
            helsinki.sub_region == "011"
            and helsinki.label("sv") == "Helsingfors"
            and helsinki.label("en") == "Helsinki"
        )

    def test_every_municipality_has_a_sub_region_in_its_region(self) -> None:
        # Sub-region codes begin with the code of the region they lie in (011 in 01 Uusimaa, 071 in 07 Päijät-Häme).
        for municipality in municipalities.municipalities():
            assert municipality.sub_region is not None and municipality.sub_region[:2] == municipality.region

    def test_pertunmaa_joined_mantyharju_in_2025(self) -> None:
        assert "588" not in municipalities.MUNICIPALITIES and municipalities.region("588") is None
        assert municipalities.valid("588")  # a former code is still a well-formed one

    def test_other_three_digit_codes_are_valid_without_a_name(self) -> None:
        assert municipalities.valid("999") and municipalities.region("999") is None
        assert not municipalities.valid("91") and not municipalities.valid("Lahti")
        assert municipalities.SOURCE and "2025" in municipalities.VERSION
