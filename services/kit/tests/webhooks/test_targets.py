import ipaddress

import pytest

from polku_kit.webhooks.targets import TargetRefused, check_target, check_url, is_public


class TestIsPublic:
    @pytest.mark.parametrize(
        "address",
        [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",  # noqa: S104
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "2002:7f00:1::",
            "2002:a00:1::",
            "64:ff9b::a00:1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        ],
    )
    def test_special_addresses_are_not_public(self, address: str) -> None:
        assert not is_public(ipaddress.ip_address(address))

    @pytest.mark.parametrize(
        "address", ["193.166.3.2", "8.8.8.8", "2a00:1450:4010:c05::64", "::ffff:193.166.3.2", "64:ff9b::c1a6:302"]
    )
    def test_public_addresses(self, address: str) -> None:
        assert is_public(ipaddress.ip_address(address))


class TestCheckTarget:
    @pytest.mark.parametrize(
        "url",
        [
            "ftp://example.fi/x",
            "https://user:pw@193.166.3.2/x",
            "https:///nohost",
            "https://10.0.0.1/x",
            "https://[fe80::1]/x",
            "https://224.0.0.1/x",
            "https://100.64.0.1/x",
            "https://193.166.3.2:99999/x",
            "https://[::ffff:169.254.169.254]/latest",
        ],
    )
    async def test_refused(self, url: str) -> None:
        with pytest.raises(TargetRefused):
            await check_target(url, allow_private=False, require_https=False)

    async def test_a_name_resolving_to_loopback_is_refused(self) -> None:
        with pytest.raises(TargetRefused, match="non-public"):
            await check_target("https://localhost/x", allow_private=False, require_https=False)

    async def test_a_name_that_does_not_resolve_is_refused(self) -> None:
        with pytest.raises(TargetRefused, match="does not resolve"):
            await check_target("https://no-such-host.invalid/x", allow_private=False, require_https=False)

    async def test_a_public_address_is_accepted(self) -> None:
        await check_target("https://193.166.3.2/x", allow_private=False, require_https=True)

    async def test_development_may_use_loopback(self) -> None:
        await check_target("http://127.0.0.1:9000/x", allow_private=True, require_https=False)

    def test_https_can_be_required(self) -> None:
        with pytest.raises(TargetRefused, match="https"):
            check_url("http://193.166.3.2/x", require_https=True)
