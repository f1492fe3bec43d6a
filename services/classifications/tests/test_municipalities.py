"""Municipality codes and regions, as Statistics Finland's municipality classification 2025 gives them."""

from __future__ import annotations

from polku_classifications import municipalities


class TestMunicipalities:
    def test_names_and_regions_of_known_municipalities(self) -> None:
        assert municipalities.MUNICIPALITIES["398"] == {"fi": "Lahti", "sv": "Lahtis"}
        assert municipalities.MUNICIPALITIES["491"] == {"fi": "Mikkeli", "sv": "S:t Michel"}
        # Lahti and Hollola are in Päijät-Häme (07), Mikkeli in Etelä-Savo (10).
        assert municipalities.region("398") == municipalities.region("098") == "07"
        assert municipalities.region("491") == "10"
        assert municipalities.regions()["07"]["fi"] == "Päijät-Häme"

    def test_other_three_digit_codes_are_valid_without_a_name(self) -> None:
        assert municipalities.valid("091") and municipalities.region("091") is None
        assert not municipalities.valid("91") and not municipalities.valid("Lahti")
