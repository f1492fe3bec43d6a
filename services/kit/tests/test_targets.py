import pytest

from polku_kit.webhooks.targets import TargetRefused, check_target


class TestCheckTarget:
    @pytest.mark.parametrize(
        "url",
        ["ftp://example.fi/x", "https://user:pw@193.166.3.2/x", "https:///nohost", "https://10.0.0.1/x",
         "https://[fe80::1]/x", "https://224.0.0.1/x", "https://100.64.0.1/x"],
    )
    async def test_refused(self, url: str) -> None:
        with pytest.raises(TargetRefused):
            await check_target(url, allow_private=False, require_https=False)

    async def test_a_name_resolving_to_loopback_is_refused(self) -> None:
        with pytest.raises(TargetRefused, match="non-public"):
            await check_target("https://localhost/x", allow_private=False, require_https=False)

    async def test_development_may_use_loopback(self) -> None:
        await check_target("http://127.0.0.1:9000/x", allow_private=True, require_https=False)

    async def test_https_can_be_required(self) -> None:
        with pytest.raises(TargetRefused, match="https"):
            await check_target("http://193.166.3.2/x", allow_private=False, require_https=True)
