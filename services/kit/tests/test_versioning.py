"""If-Match names the version edited, in every form a client or the gateway between may give it."""

from dataclasses import dataclass

import pytest

from polku_kit import versioning
from polku_kit.errors import PreconditionFailed, PreconditionRequired


@dataclass
class Record:
    version: int


class TestMatches:
    @pytest.mark.parametrize(
        "if_match",
        [
            '"v3"',
            ' "v3" ',
            "*",
            '"v3-gzip"',
            '"v3-zstd"',
            '"v3-br"',  # as a compressing gateway (Caddy's encode) hands it out
            'W/"v3"',
            'W/"v3-gzip"',  # made weak by an intermediary that compresses (nginx)
            '"v2", "v3"',
            '"v1","v3-gzip"',  # a list: any of them
        ],
    )
    def test_the_current_version_in_any_form(self, if_match: str) -> None:
        assert versioning.matches(if_match, '"v3"')

    @pytest.mark.parametrize(
        "if_match",
        [
            '"v2"',
            '"v33"',
            '"v2-gzip"',
            'W/"v2"',
            '"v1", "v2"',
            "v3",
            '"v3" junk',
            "",
            '"v3-gzipped"',
            '"v3-xz"',
        ],
    )
    def test_another_version_or_no_entity_tag(self, if_match: str) -> None:
        assert not versioning.matches(if_match, '"v3"')


class TestCheck:
    def test_without_if_match_is_428(self) -> None:
        with pytest.raises(PreconditionRequired):
            versioning.check(Record(3), None, current="/v1/things/1")

    def test_a_compressed_responses_etag_is_the_same_version(self) -> None:
        versioning.check(Record(3), '"v3-gzip"', current="/v1/things/1")

    def test_an_older_version_is_412_naming_the_current(self) -> None:
        with pytest.raises(versioning.RecordChanged) as raised:
            versioning.check(Record(3), '"v2-gzip"', current="/v1/things/1")
        assert raised.value.extra == {"current_version": 3, "current": "/v1/things/1"}


class PlanChanged(PreconditionFailed):
    slug = "plan-changed"
    title = "The plan was changed by someone else"


def plan_tag(version: int) -> str:
    return f'"plan-v{version}"'


class TestCheckLatest:
    """A record kept as a row per version, with ETags and a 412 of its own (clients-api's plans)."""

    def check(self, latest: Record | None, if_match: str | None) -> None:
        versioning.check_latest(latest, if_match, what="plan", current="/v1/plans/1", tag=plan_tag, changed=PlanChanged)

    def test_the_first_version_needs_no_if_match(self) -> None:
        self.check(None, None)
        self.check(None, "*")

    def test_an_if_match_when_there_is_no_version_is_412(self) -> None:
        with pytest.raises(PlanChanged, match="The plan you edited does not exist any more") as raised:
            self.check(None, '"plan-v1"')
        assert raised.value.extra == {"current_version": 0}

    def test_the_latest_version_is_checked_by_its_own_tag(self) -> None:
        self.check(Record(2), '"plan-v2-gzip"')
        with pytest.raises(PreconditionRequired, match='Send If-Match: "plan-v2"'):
            self.check(Record(2), None)
        with pytest.raises(PlanChanged) as raised:
            self.check(Record(2), '"v2"')
        assert raised.value.extra == {"current_version": 2, "current": "/v1/plans/1"}
