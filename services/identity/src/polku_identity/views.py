"""HTTP endpoints under /auth: discovery, keys, the login form, tokens, userinfo and logout."""

from html import escape
from typing import Any

import structlog
from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from polku_identity.demo import PEOPLE
from polku_identity.server import AuthorizationServer, StarletteOAuth2Request

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/auth")

TEXTS = {
    "fi": {"title": "Kirjaudu Polkuun", "username": "Käyttäjätunnus", "password": "Salasana",
           "submit": "Kirjaudu", "error": "Väärä käyttäjätunnus tai salasana.",
           "note": "Kehitys- ja demokäyttöön: kaikkien demokäyttäjien salasana on demo."},
    "sv": {"title": "Logga in i Polku", "username": "Användarnamn", "password": "Lösenord",
           "submit": "Logga in", "error": "Fel användarnamn eller lösenord.",
           "note": "För utveckling och demo: alla demoanvändares lösenord är demo."},
    "en": {"title": "Sign in to Polku", "username": "Username", "password": "Password",
           "submit": "Sign in", "error": "Wrong username or password.",
           "note": "For development and the demo: every demo user's password is demo."},
}

STYLE = """
body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1a1a1a}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-top:6px solid #0000bf}
label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:2px solid #808080;margin-top:.25rem}
input:focus,button:focus{outline:3px solid #0072c6;outline-offset:2px}
button{margin-top:1.5rem;padding:.7rem 1.5rem;font-size:1rem;background:#0000bf;color:#fff;border:0;cursor:pointer}
.error{color:#b01038;font-weight:600;border-left:4px solid #b01038;padding-left:.5rem}
.note{font-size:.875rem;color:#555}
nav a{margin-right:.75rem}
"""


def _server(request: Request) -> AuthorizationServer:
    return request.app.state.authorization_server  # type: ignore[no-any-return]


def _language(params: dict[str, str]) -> str:
    for candidate in params.get("ui_locales", "").split():
        if candidate[:2] in TEXTS:
            return candidate[:2]
    return "fi"


def _login_page(params: dict[str, str], *, error: bool = False, username: str = "") -> HTMLResponse:
    language = _language(params)
    text = TEXTS[language]
    hidden = "".join(
        f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">'
        for key, value in params.items()
        if key not in ("username", "password")
    )
    switches = " ".join(
        f'<a href="?{escape(_with_locale(params, code))}" lang="{code}">{name}</a>'
        for code, name in (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English"))
        if code != language
    )
    message = f'<p class="error" role="alert" id="login-error">{text["error"]}</p>' if error else ""
    described = ' aria-describedby="login-error" aria-invalid="true"' if error else ""
    body = f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{text["title"]}</title><style>{STYLE}</style></head>
<body><main><nav aria-label="Language">{switches}</nav><h1>{text["title"]}</h1>{message}
<form method="post" action="/auth/authorize">{hidden}
<label for="username">{text["username"]}</label>
<input id="username" name="username" autocomplete="username" required value="{escape(username)}"{described}>
<label for="password">{text["password"]}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{described}>
<button type="submit">{text["submit"]}</button></form>
<p class="note">{text["note"]}</p></main></body></html>"""
    return HTMLResponse(body, status_code=401 if error else 200, headers={"Cache-Control": "no-store"})


def _with_locale(params: dict[str, str], language: str) -> str:
    from urllib.parse import urlencode

    return urlencode({**params, "ui_locales": language})


def _error_page(error: OAuth2Error) -> HTMLResponse:
    description = escape(error.description or error.error)
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in request refused</title>'
        f"<style>{STYLE}</style></head><body><main><h1>Sign-in request refused</h1>"
        f'<p class="error">{escape(error.error)}: {description}</p></main></body></html>'
    )
    return HTMLResponse(body, status_code=400)


def _oauth_request(request: Request, data: dict[str, str]) -> StarletteOAuth2Request:
    return StarletteOAuth2Request(request.method, str(request.url), request.headers, data)


@router.get("/.well-known/openid-configuration")
async def discovery(request: Request) -> dict[str, Any]:
    issuer = request.app.state.settings.oidc_issuer
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks",
        "end_session_endpoint": f"{issuer}/logout",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "email"],
        "claims_supported": ["sub", "name", "preferred_username", "email", "roles", "org", "org_name"],
        "ui_locales_supported": ["fi", "sv", "en"],
    }


@router.get("/jwks")
async def jwks(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.signing_key.jwks(), headers={"Cache-Control": "public, max-age=300"})


@router.get("/authorize", response_model=None)
async def authorize_form(request: Request) -> Response:
    params = dict(request.query_params)
    try:
        _server(request).get_consent_grant(_oauth_request(request, params))
    except OAuth2Error as error:
        log.info("authorization_refused", error=error.error, description=error.description)
        return _error_page(error)
    return _login_page(params)


@router.post("/authorize", response_model=None)
async def authorize_login(request: Request) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    params = {key: value for key, value in form.items() if key not in ("username", "password")}
    server = _server(request)
    oauth_request = _oauth_request(request, params)
    try:
        grant = server.get_consent_grant(oauth_request)
    except OAuth2Error as error:
        return _error_page(error)
    person = PEOPLE.get(form.get("username", ""))
    if person is None or not person.check_password(form.get("password", "")):
        log.info("login_failed", username=form.get("username", ""))
        return _login_page(params, error=True, username=form.get("username", ""))
    log.info("login", subject=str(person.subject))
    response: Response = server.create_authorization_response(oauth_request, grant_user=person, grant=grant)
    return response


@router.post("/token", response_model=None)
async def token(request: Request) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    response: Response = _server(request).create_token_response(_oauth_request(request, form))
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/userinfo", response_model=None)
async def userinfo(request: Request) -> Response:
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise ValueError("no bearer token")
        claims = request.app.state.issuer.verify(value)
    except Exception:
        return JSONResponse({"error": "invalid_token"}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    keys = ("sub", "name", "preferred_username", "email", "roles", "org", "org_name")
    return JSONResponse({key: claims[key] for key in keys if key in claims})


@router.get("/logout", response_model=None)
async def logout(request: Request) -> Response:
    """No single sign-on session is kept, so logging out only sends the browser back where it asked."""
    target = request.query_params.get("post_logout_redirect_uri")
    allowed = request.app.state.settings.post_logout_redirect_uris
    if target and target in allowed:
        state = request.query_params.get("state")
        from polku_identity.server import redirect_with

        return RedirectResponse(redirect_with(target, {"state": state}) if state else target, status_code=302)
    return HTMLResponse('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title>'
                        "</head><body><main><h1>Signed out</h1></main></body></html>")


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok", "service": "identity"}
