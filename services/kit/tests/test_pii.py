import pytest
from cryptography.exceptions import InvalidTag

from polku_kit.pii import PersonalDataVault


class TestVault:
    def test_round_trip_and_fresh_nonce(self) -> None:
        vault = PersonalDataVault("secret-1")
        first, second = vault.encrypt("131052-308T"), vault.encrypt("131052-308T")
        assert first != second
        assert vault.decrypt(first) == vault.decrypt(second) == "131052-308T"
        assert b"131052" not in first

    def test_wrong_key_or_context_cannot_read(self) -> None:
        blob = PersonalDataVault("secret-1").encrypt("131052-308T", context=b"client.personal_identity_code")
        with pytest.raises(InvalidTag):
            PersonalDataVault("secret-2").decrypt(blob, context=b"client.personal_identity_code")
        with pytest.raises(InvalidTag):
            PersonalDataVault("secret-1").decrypt(blob, context=b"other.column")

    def test_lookup_hash_is_stable_and_keyed(self) -> None:
        assert PersonalDataVault("a").lookup_hash("x") == PersonalDataVault("a").lookup_hash("x")
        assert PersonalDataVault("a").lookup_hash("x") != PersonalDataVault("b").lookup_hash("x")
