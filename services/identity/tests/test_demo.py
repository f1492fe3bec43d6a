"""The demo data matches docs/contract.md."""

import pytest

from polku_identity.demo import MACHINE_CLIENTS, ORGANISATIONS, PEOPLE


class TestDemoPeople:
    def test_every_contract_user_signs_in_with_demo_only(self) -> None:
        assert set(PEOPLE) == {
            "coach",
            "coach2",
            "coach3",
            "employer",
            "manager",
            "admin",
            "hyvinvointialue",
            "kela",
            "salpaus",
            "setlementti",
            "dpo",
        }
        coach = PEOPLE["coach"]
        assert coach.check_password("demo")
        assert not coach.check_password("Demo") and not coach.check_password("")

    def test_subjects_are_fixed_and_distinct(self) -> None:
        assert str(PEOPLE["coach"].subject) == "5e0f2a4c-1d2b-4a7e-8c3f-000000000001"
        assert len({person.subject for person in PEOPLE.values()}) == len(PEOPLE)

    @pytest.mark.parametrize(
        ("username", "organisation"),
        [
            ("coach", "Lahden seudun työllisyysalue"),
            ("coach2", "Mikkelin seudun työllisyysalue"),
            ("coach3", "Lahden seudun työllisyysalue"),
            ("hyvinvointialue", "Päijät-Hämeen hyvinvointialue"),
            ("kela", "Kela"),
            ("salpaus", "Koulutuskeskus Salpaus"),
            ("setlementti", "Harjulan Setlementti"),
        ],
    )
    def test_people_act_for_their_organisation(self, username: str, organisation: str) -> None:
        assert PEOPLE[username].organisation.name == organisation


class TestDemoOrganisationsAndClients:
    def test_organisation_ids_are_the_contracts(self) -> None:
        assert [str(org.id)[-1] for org in ORGANISATIONS] == ["1", "2", "3", "4", "5", "6"]
        assert all(str(org.id).startswith("0b0c8f6e-6f1a-4c36-9d55-00000000000") for org in ORGANISATIONS)

    def test_machine_clients_check_their_secret(self) -> None:
        kela = MACHINE_CLIENTS["partner-kela"]
        assert kela.check_secret("partner-kela-secret")
        assert not kela.check_secret("partner-kela-secre") and not kela.check_secret("")
