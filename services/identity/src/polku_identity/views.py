"""HTTP endpoints under ``/auth``: discovery, keys, the sign-in form, tokens, userinfo, logout and health."""

import base64
from typing import Annotated, Any

import structlog
from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from polku_identity.demo import PEOPLE, Person
from polku_identity.limits import SignInLimiter
from polku_identity.pages import choose_language, login_page, refused_page, signed_out_page
from polku_identity.server import AuthorizationServer, StarletteOAuth2Request, oauth2_request, provider_metadata
from polku_identity.settings import Settings
from polku_identity.tokens import InvalidAccessToken

log = structlog.get_logger("polku_identity")
router = APIRouter(prefix="/auth")


def _server(request: Request) -> AuthorizationServer:
    return request.app.state.authorization_server  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def _limiter(request: Request) -> SignInLimiter:
    return request.app.state.sign_in_limiter  # type: ignore[no-any-return]


def _client_id(request: Request, oauth: StarletteOAuth2Request) -> str | None:
    """The client named by HTTP Basic authentication or by the form, before its secret is checked."""
    authorization = request.headers.get("authorization", "")
    if authorization[:6].lower() == "basic ":
        try:
            return base64.b64decode(authorization[6:].strip()).decode().split(":", 1)[0] or None
        except (ValueError, UnicodeDecodeError):
            return None
    return oauth.payload.data.get("client_id") or None


ServerDep = Annotated[AuthorizationServer, Depends(_server)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def _language(request: Request, oauth: StarletteOAuth2Request) -> str:
    return choose_language(oauth.payload.data.get("ui_locales"), request.headers.get("accept-language"))


def _refused(
    request: Request, server: AuthorizationServer, oauth: StarletteOAuth2Request, error: OAuth2Error
) -> Response:
    """Errors after the redirect URI has been checked go back to the application (RFC 6749 4.1.2.1);
    others are shown here, and the browser is not sent anywhere."""
    log.info("authorization_refused", error=error.error, description=error.description)
    if error.redirect_uri:
        response: Response = server.handle_error_response(oauth, error)
        return response
    return refused_page(_language(request, oauth), error.error, error.description)


@router.get("/.well-known/openid-configuration")
async def discovery(settings: SettingsDep) -> dict[str, Any]:
    return provider_metadata(settings)


@router.get("/jwks")
async def jwks(server: ServerDep) -> JSONResponse:
    return JSONResponse(server.key.jwks(), headers={"Cache-Control": "public, max-age=300"})


@router.get("/authorize", response_model=None)
async def authorize_form(request: Request, server: ServerDep) -> Response:
    oauth, _ = await oauth2_request(request)
    try:
        server.get_consent_grant(oauth)
    except OAuth2Error as error:
        return _refused(request, server, oauth, error)
    except ValueError:  # Authlib refuses to quote some malformed values in an error description
        return refused_page(_language(request, oauth), "invalid_request", None)
    return login_page(oauth.payload.data, _language(request, oauth))


@router.post("/authorize", response_model=None)
async def authorize_login(request: Request, server: ServerDep) -> Response:
    oauth, credentials = await oauth2_request(request)
    language = _language(request, oauth)
    try:
        grant = server.get_consent_grant(oauth)
    except OAuth2Error as error:
        return _refused(request, server, oauth, error)
    except ValueError:
        return refused_page(language, "invalid_request", None)
    username = credentials.get("username", "").strip()
    refused = _limiter(request).refusal(request, username or None)
    if refused is not None:
        log.info("login_limited", username=username)
        return refused
    person = await _authenticate(username, credentials.get("password", ""))
    if person is None:
        log.info("login_failed", username=username)
        return login_page(oauth.payload.data, language, failed=True, username=username)
    log.info("login", sub=str(person.subject), username=person.username)
    response: Response = server.create_authorization_response(oauth, grant_user=person, grant=grant)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _authenticate(username: str, password: str) -> Person | None:
    person = PEOPLE.get(username)
    if person is None:
        return None
    # scrypt takes tens of milliseconds: keep it off the event loop.
    return person if await run_in_threadpool(person.check_password, password) else None


FORM_ENCODED = "application/x-www-form-urlencoded"


def _not_form_encoded(request: Request) -> Response | None:
    """A token request's parameters travel form-encoded (RFC 6749 sections 4.1.3 and 4.4.2). A body of another
    type (most often JSON) would otherwise be read as no parameters at all and answered ``unsupported_grant_type``,
    which sends a partner's developer looking in the wrong place."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not media_type or media_type == FORM_ENCODED:
        return None
    log.info("token_refused", reason="content_type", content_type=media_type)
    description = (
        f"The token request's body must be form-encoded (Content-Type: {FORM_ENCODED}), not {media_type}: "
        "for example grant_type=client_credentials, with the client id and secret in HTTP Basic authentication "
        "(RFC 6749 section 4.4.2)"
    )
    return JSONResponse(
        {"error": "invalid_request", "error_description": description},
        status_code=400,
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


@router.post("/token", response_model=None)
async def token(request: Request, server: ServerDep) -> Response:
    wrong_type = _not_form_encoded(request)
    if wrong_type is not None:
        return wrong_type
    oauth, _ = await oauth2_request(request)
    # A client secret is a password too; codes and refresh tokens count only towards the address's attempts.
    checks_secret = oauth.payload.grant_type == "client_credentials"
    refused = _limiter(request).refusal(request, _client_id(request, oauth) if checks_secret else None)
    if refused is not None:
        log.info("token_limited", grant_type=oauth.payload.grant_type)
        return refused
    response: Response = server.create_token_response(oauth)
    response.headers["Cache-Control"] = "no-store"
    if response.status_code == 200:
        log.info("token_issued", grant_type=oauth.payload.grant_type, client_id=oauth.client.client_id)
    else:
        log.info("token_refused", grant_type=oauth.payload.grant_type, status=response.status_code)
    return response


@router.api_route("/userinfo", methods=["GET", "POST"], response_model=None)
async def userinfo(request: Request, server: ServerDep) -> Response:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer" or not value:
            raise InvalidAccessToken("no bearer token")
        claims = server.tokens.verify(value.strip())
    except InvalidAccessToken:
        return JSONResponse(
            {"error": "invalid_token"}, status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    keys = ("sub", "name", "preferred_username", "email", "roles", "org", "org_name", "client_id")
    return JSONResponse({key: claims[key] for key in keys if key in claims}, headers={"Cache-Control": "no-store"})


@router.api_route("/logout", methods=["GET", "POST"], response_model=None)
async def logout(request: Request, server: ServerDep, settings: SettingsDep) -> Response:
    """RP-initiated logout. No sign-in session is kept here, so logging out retires the person's refresh
    tokens (when the request names them with ``id_token_hint``) and returns to a registered
    ``post_logout_redirect_uri``, or shows a signed-out page."""
    oauth, _ = await oauth2_request(request)
    language = _language(request, oauth)
    try:
        end_session = server.validate_endpoint_request("end_session", oauth)
    except OAuth2Error as error:
        log.info("logout_refused", error=error.error, description=error.description)
        return refused_page(language, error.error, error.description)
    response: Response | None = server.create_endpoint_response("end_session", end_session)
    return response or signed_out_page(language, f"{settings.public_url}/")


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok", "service": "identity"}
