"""The ISCO-08 data every service reads: the whole structure of ISCO-08 (ILO), a consistent hierarchy, and every
group's Finnish and Swedish name as Statistics Finland publishes it (Ammattiluokitus 2010, ammatti_1_20100101)."""

from __future__ import annotations

from collections import Counter

import pytest

from polku_classifications.isco08 import IscoLevel, get, occupations, search


class TestData:
    def test_every_level_of_isco_08(self) -> None:
        # ISCO-08 (ILO 2012, vol. I): 10 major, 43 sub-major, 130 minor and 436 unit groups.
        levels = Counter(o.level for o in occupations().values())
        assert levels == {IscoLevel.major: 10, IscoLevel.sub_major: 43, IscoLevel.minor: 130, IscoLevel.unit: 436}

    def test_every_group_has_its_parents_and_its_own_name_in_every_language(self) -> None:
        data = occupations()
        for code, occupation in data.items():
            assert code.isdigit() and 1 <= len(code) <= 4
            assert occupation.fi and occupation.sv and occupation.en, code
            # No English stand-in: no official Finnish or Swedish name of ISCO-08 is the English one.
            assert occupation.fi != occupation.en and occupation.sv != occupation.en, code
            assert all(name == " ".join(name.split()) for name in (occupation.fi, occupation.sv)), code
            if len(code) > 1:
                assert code[:-1] in data, f"{code} has no parent"

    # Statistics Finland, Ammattiluokitus 2010 (ammatti_1_20100101), the names it publishes in Finnish and Swedish.
    @pytest.mark.parametrize(
        ("code", "fi", "sv"),
        [
            ("0", "Sotilaat", "Militärer"),
            ("1", "Johtajat", "Chefer"),
            ("9", "Muut työntekijät", "Övriga arbetstagare"),
            ("03", "Sotilasammattihenkilöstö", "Yrkesutbildad personal inom militären"),
            ("22", "Terveydenhuollon erityisasiantuntijat", "Hälso- och sjukvårdsspecialister"),
            ("53", "Hoivapalvelun ja terveydenhuollon työntekijät", "Vård- och omsorgspersonal"),
            ("111", "Ylimmät virkamiehet ja järjestöjen johtajat", "Högre tjänstemän och organisationschefer"),
            ("222", "Hoitotyön erityisasiantuntijat", "Specialister inom vårdarbete"),
            ("911", "Koti-, hotelli- ja toimistosiivoojat ym.", "Hem-, hotell- och kontorsstädare m.fl."),
            ("1111", "Lainsäätäjät", "Lagstiftare"),
            ("1113", "Heimo- ja kyläpäälliköt", "Stam- och byhövdingar"),  # not used in Finland, named all the same
            ("2221", "Ylihoitajat ja osastonhoitajat", "Överskötare och avdelningsskötare"),
            ("2342", "Lastentarhanopettajat", "Barnträdgårdslärare"),
            ("2512", "Sovellussuunnittelijat", "Applikationsplanerare"),
            ("3221", "Sairaanhoitajat ym.", "Sjukskötare m.fl."),
            ("4110", "Toimistoavustajat", "Kontorsassistenter"),
            ("5321", "Lähihoitajat", "Närvårdare"),
            ("5412", "Poliisit", "Poliser"),
            ("7126", "Putkiasentajat", "Rörläggare"),
            ("9112", "Toimisto- ja laitossiivoojat ym.", "Kontors- och hotellstädare m.fl."),
        ],
    )
    def test_official_names(self, code: str, fi: str, sv: str) -> None:
        occupation = get(code)
        assert occupation is not None
        assert (occupation.fi, occupation.sv) == (fi, sv)
        assert (occupation.label("fi"), occupation.label("sv")) == (fi, sv)

    def test_english_labels_and_unknown_codes(self) -> None:
        developers = get("2512")
        assert developers is not None and developers.en == "Software developers"
        legislators = get("1111")
        assert legislators is not None and legislators.en == "Legislators"
        assert get("9999") is None and get("0") is not None

    def test_search_prefers_codes_then_orders_by_code(self) -> None:
        found = search("5", language=None, level=None, limit=5)
        assert [o.code for o in found][:2] == ["5", "51"]
        assert [o.code for o in search("siivoo", language="fi", level=IscoLevel.unit, limit=10)] == ["9111", "9112"]
