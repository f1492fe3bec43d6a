"""The SPA's sign-in: authorization code with PKCE, the sign-in form and the ID token."""

import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

REDIRECT_URI = "http://localhost:8080/callback"
LAHTI = "0b0c8f6e-6f1a-4c36-9d55-000000000001"
COACH_SUB = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001"


def location_of(response: httpx.Response) -> tuple[str, dict[str, str]]:
    parts = urlsplit(response.headers["location"])
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query


class TestFullFlow:
    async def test_sign_in_returns_a_code_and_the_state_to_the_redirect_uri(self, flow: Any) -> None:
        response = await flow.sign_in()
        assert response.status_code == 302
        target, query = location_of(response)
        assert target == REDIRECT_URI
        assert query["state"] == "state-1" and query["code"]

    async def test_the_code_and_verifier_give_tokens_the_services_accept(self, flow: Any) -> None:
        tokens = await flow.tokens()
        assert tokens["token_type"] == "Bearer"
        assert tokens["expires_in"] == 15 * 60
        access = await flow.verify(tokens["access_token"])
        assert access["sub"] == COACH_SUB
        assert access["aud"] == "polku-api"
        assert access["roles"] == ["coach"]
        assert access["org"] == LAHTI and access["org_name"] == "Lahden seudun työllisyysalue"
        assert access["name"] == "Aino Virtanen"
        assert access["preferred_username"] == "coach"
        assert access["email"] == "coach@demo.polku.fi"
        assert access["exp"] - access["iat"] == 15 * 60
        assert "client_id" not in access

    async def test_the_access_token_names_its_key(self, flow: Any) -> None:
        from jose import jwt as jose_jwt

        tokens = await flow.tokens()
        (key,) = (await flow.jwks())["keys"]
        header = jose_jwt.get_unverified_header(tokens["access_token"])
        assert header == {"alg": "RS256", "kid": key["kid"], "typ": "JWT"}

    async def test_the_id_token_is_for_the_spa_and_carries_the_nonce(self, flow: Any) -> None:
        tokens = await flow.tokens()
        identity = await flow.verify(tokens["id_token"], audience="polku-spa")
        assert identity["nonce"] == "nonce-1"
        assert identity["sub"] == COACH_SUB
        assert identity["name"] == "Aino Virtanen" and identity["org_name"] == "Lahden seudun työllisyysalue"
        assert identity["at_hash"]

    async def test_without_profile_and_email_scopes_the_id_token_says_less(self, flow: Any) -> None:
        response = await flow.sign_in(scope="openid")
        code = location_of(response)[1]["code"]
        tokens = (await flow.exchange(code)).json()
        identity = await flow.verify(tokens["id_token"], audience="polku-spa")
        assert "name" not in identity and "email" not in identity
        assert identity["roles"] == ["coach"]

    async def test_a_partner_person_acts_for_their_organisation(self, flow: Any) -> None:
        access = await flow.verify((await flow.tokens("kela"))["access_token"])
        assert access["roles"] == ["partner"] and access["org"] == "0b0c8f6e-6f1a-4c36-9d55-000000000003"

    async def test_userinfo_describes_the_signed_in_person(self, flow: Any) -> None:
        tokens = await flow.tokens()
        response = await flow.http.get("/auth/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert response.status_code == 200
        info = response.json()
        assert info["sub"] == COACH_SUB and info["preferred_username"] == "coach" and info["roles"] == ["coach"]

    async def test_userinfo_refuses_a_missing_or_foreign_token(self, flow: Any) -> None:
        missing = await flow.http.get("/auth/userinfo")
        assert missing.status_code == 401 and "invalid_token" in missing.headers["www-authenticate"]
        forged = await flow.http.get("/auth/userinfo", headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."})
        assert forged.status_code == 401


class TestCodeExchange:
    async def test_a_wrong_verifier_is_refused(self, flow: Any) -> None:
        code = await flow.code()
        response = await flow.exchange(code, verifier=secrets.token_urlsafe(48))
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_grant"
        assert "access_token" not in response.json()

    async def test_a_missing_verifier_is_refused(self, flow: Any) -> None:
        code = await flow.code()
        response = await flow.http.post(
            "/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "client_id": "polku-spa",
            },
        )
        assert response.status_code == 400 and "access_token" not in response.json()

    async def test_a_code_works_once(self, flow: Any) -> None:
        code = await flow.code()
        assert (await flow.exchange(code)).status_code == 200
        again = await flow.exchange(code)
        assert again.status_code == 400
        assert again.json()["error"] == "invalid_grant"

    async def test_a_code_expires_after_a_minute(self, flow: Any) -> None:
        code = await flow.code()
        flow.app.state.authorization_server.store.codes[code].auth_time = int(time.time()) - 61
        response = await flow.exchange(code)
        assert response.status_code == 400 and response.json()["error"] == "invalid_grant"

    async def test_the_redirect_uri_must_match_the_authorization_request(self, flow: Any) -> None:
        code = await flow.code()
        response = await flow.http.post(
            "/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": "http://localhost:8080/other",
                "client_id": "polku-spa",
                "code_verifier": flow.verifier,
            },
        )
        assert response.status_code == 400 and response.json()["error"] == "invalid_grant"

    async def test_a_machine_client_cannot_redeem_the_spas_code(self, flow: Any) -> None:
        code = await flow.code()
        response = await flow.http.post(
            "/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": flow.verifier,
            },
            auth=("partner-kela", "partner-kela-secret"),
        )
        assert response.status_code in (400, 401)
        assert "access_token" not in response.json()


class TestPkceRequired:
    async def test_a_request_without_pkce_goes_back_with_an_error_and_no_form(self, flow: Any) -> None:
        response = await flow.authorize(code_challenge=None, code_challenge_method=None)
        assert response.status_code == 302
        target, query = location_of(response)
        assert target == REDIRECT_URI
        assert query["error"] == "invalid_request" and query["state"] == "state-1"
        assert "code" not in query

    async def test_the_plain_method_is_refused(self, flow: Any) -> None:
        response = await flow.authorize(code_challenge="a" * 43, code_challenge_method="plain")
        assert response.status_code == 302
        assert location_of(response)[1]["error"] == "invalid_request"

    async def test_posting_credentials_without_pkce_gives_no_code(self, flow: Any) -> None:
        data = {
            **flow.authorize_params(code_challenge=None, code_challenge_method=None),
            "username": "coach",
            "password": "demo",
        }
        response = await flow.http.post("/auth/authorize", data=data)
        assert "code" not in location_of(response)[1]


class TestSignInForm:
    async def test_is_labelled_and_in_finnish_by_default(self, flow: Any) -> None:
        response = await flow.authorize()
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        assert '<html lang="fi">' in page
        assert "<h1>Kirjaudu Polkuun</h1>" in page
        assert '<label for="username">Käyttäjätunnus</label>' in page and 'id="username"' in page
        assert '<label for="password">Salasana</label>' in page and 'type="password"' in page
        assert response.headers["cache-control"] == "no-store"

    async def test_speaks_the_language_the_spa_asks_for(self, flow: Any) -> None:
        swedish = await flow.authorize(ui_locales="sv")
        assert '<html lang="sv">' in swedish.text and "Användarnamn" in swedish.text
        english = await flow.http.get(
            "/auth/authorize", params=flow.authorize_params(), headers={"Accept-Language": "en-GB,en;q=0.9"}
        )
        assert '<html lang="en">' in english.text and "Sign in to Polku" in english.text

    async def test_escapes_what_the_request_carries(self, flow: Any) -> None:
        response = await flow.authorize(state='"><script>alert(1)</script>')
        assert "<script>" not in response.text
        assert "&quot;&gt;&lt;script&gt;" in response.text

    async def test_a_wrong_password_shows_the_form_again_with_an_error(self, flow: Any) -> None:
        response = await flow.sign_in(password="wrong")
        assert response.status_code == 200
        assert "location" not in response.headers
        assert 'role="alert"' in response.text and "Väärä käyttäjätunnus tai salasana." in response.text
        assert 'name="password"' in response.text and 'aria-invalid="true"' in response.text
        assert 'value="coach"' in response.text  # the username is kept, the password is not
        assert "wrong" not in response.text

    async def test_an_unknown_user_is_refused_the_same_way(self, flow: Any) -> None:
        response = await flow.sign_in(username="nobody")
        assert response.status_code == 200 and "location" not in response.headers
        assert 'role="alert"' in response.text

    async def test_prompt_none_without_a_session_answers_login_required(self, flow: Any) -> None:
        response = await flow.authorize(prompt="none")
        assert response.status_code == 302
        assert location_of(response)[1]["error"] == "login_required"


class TestRefusedRequests:
    async def test_an_unregistered_redirect_uri_is_refused_without_redirecting(self, flow: Any) -> None:
        response = await flow.authorize(redirect_uri="https://evil.example/callback")
        assert response.status_code == 400
        assert "location" not in response.headers
        assert 'name="password"' not in response.text

    async def test_a_redirect_uri_must_match_exactly(self, flow: Any) -> None:
        for near_miss in (f"{REDIRECT_URI}/", f"{REDIRECT_URI}?next=/", "http://localhost:8080/callback2"):
            response = await flow.authorize(redirect_uri=near_miss)
            assert response.status_code == 400 and "location" not in response.headers, near_miss

    async def test_posting_credentials_to_an_unregistered_redirect_uri_gives_nothing(self, flow: Any) -> None:
        data = {
            **flow.authorize_params(redirect_uri="https://evil.example/callback"),
            "username": "coach",
            "password": "demo",
        }
        response = await flow.http.post("/auth/authorize", data=data)
        assert response.status_code == 400 and "location" not in response.headers

    async def test_the_redirect_uri_is_required(self, flow: Any) -> None:
        response = await flow.authorize(redirect_uri=None)
        assert response.status_code == 400 and "location" not in response.headers

    async def test_an_unknown_client_is_refused(self, flow: Any) -> None:
        response = await flow.authorize(client_id="unknown-app")
        assert response.status_code == 400 and "location" not in response.headers

    async def test_a_machine_client_cannot_sign_people_in(self, flow: Any) -> None:
        response = await flow.authorize(client_id="partner-kela")
        assert response.status_code == 400 and "location" not in response.headers
