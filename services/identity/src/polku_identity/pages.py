"""The issuer's HTML pages: the sign-in form, a refused sign-in request and the signed-out page, in Finnish,
Swedish and English. Every value from a request is escaped."""

from collections.abc import Mapping
from html import escape
from urllib.parse import urlencode

from starlette.responses import HTMLResponse

from polku_identity.demo import PEOPLE

LANGUAGES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
DEFAULT_LANGUAGE = "fi"

TEXTS = {
    "fi": {
        "title": "Kirjaudu Polkuun",
        "username": "Käyttäjätunnus",
        "password": "Salasana",
        "submit": "Kirjaudu",
        "error": "Väärä käyttäjätunnus tai salasana.",
        "note": "Kehitys- ja demokäyttöön. Demokäyttäjät: {users}. Kaikkien salasana on demo.",
        "languages": "Kieli",
        "refused": "Kirjautumispyyntö hylättiin",
        "refused_help": "Sovellus pyysi kirjautumista virheellisesti. Palaa sovellukseen ja yritä uudelleen.",
        "signed_out": "Olet kirjautunut ulos",
        "back": "Palaa Polkuun",
    },
    "sv": {
        "title": "Logga in i Polku",
        "username": "Användarnamn",
        "password": "Lösenord",
        "submit": "Logga in",
        "error": "Fel användarnamn eller lösenord.",
        "note": "För utveckling och demo. Demoanvändare: {users}. Allas lösenord är demo.",
        "languages": "Språk",
        "refused": "Inloggningsbegäran avvisades",
        "refused_help": "Applikationen begärde inloggning felaktigt. Gå tillbaka till applikationen och försök igen.",
        "signed_out": "Du har loggat ut",
        "back": "Tillbaka till Polku",
    },
    "en": {
        "title": "Sign in to Polku",
        "username": "Username",
        "password": "Password",
        "submit": "Sign in",
        "error": "Wrong username or password.",
        "note": "For development and the demo. Demo users: {users}. Everyone's password is demo.",
        "languages": "Language",
        "refused": "Sign-in request refused",
        "refused_help": "The application asked for sign-in incorrectly. Go back to the application and try again.",
        "signed_out": "You have signed out",
        "back": "Back to Polku",
    },
}

STYLE = """
body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1a1a1a;line-height:1.5}
main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-top:6px solid #0000bf}
nav ul{list-style:none;margin:0 0 1rem;padding:0;display:flex;gap:1rem}
label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:2px solid #666;margin-top:.25rem}
input:focus,button:focus,a:focus{outline:3px solid #0072c6;outline-offset:2px}
button{margin-top:1.5rem;padding:.7rem 1.5rem;font-size:1rem;background:#0000bf;color:#fff;border:0;cursor:pointer}
a{color:#0000bf}
.error{color:#b01038;font-weight:600;border-left:4px solid #b01038;padding-left:.5rem}
.note{font-size:.875rem;color:#4d4d4d;margin-top:2rem}
"""

HEADERS = {"Cache-Control": "no-store", "Content-Security-Policy": "frame-ancestors 'none'"}


def choose_language(ui_locales: str | None, accept_language: str | None) -> str:
    """The first supported language of the request's ``ui_locales``, else of its Accept-Language header."""
    candidates = (ui_locales or "").split()
    for part in (accept_language or "").split(","):
        candidates.append(part.split(";")[0].strip())
    for candidate in candidates:
        code = candidate[:2].lower()
        if code in TEXTS:
            return code
    return DEFAULT_LANGUAGE


def _page(language: str, title: str, body: str, status: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="{language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)} – Polku</title><style>{STYLE}</style></head>
<body><main>{body}</main></body>
</html>"""
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _language_links(parameters: Mapping[str, str], current: str) -> str:
    links = "".join(
        f'<li><a href="?{escape(urlencode({**parameters, "ui_locales": code}))}" lang="{code}" '
        f'hreflang="{code}">{name}</a></li>'
        for code, name in LANGUAGES.items()
        if code != current
    )
    return f'<nav aria-label="{TEXTS[current]["languages"]}"><ul>{links}</ul></nav>'


def login_page(
    parameters: Mapping[str, str], language: str, *, failed: bool = False, username: str = ""
) -> HTMLResponse:
    """The sign-in form. The authorization request's parameters travel along as hidden fields and are
    validated again when the form comes back."""
    text = TEXTS[language]
    hidden = "".join(
        f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">' for key, value in parameters.items()
    )
    error = f'<p class="error" role="alert" id="login-error">{text["error"]}</p>' if failed else ""
    invalid = ' aria-invalid="true" aria-describedby="login-error"' if failed else ""
    users = ", ".join(PEOPLE)
    body = f"""{_language_links(parameters, language)}
<h1>{text["title"]}</h1>
{error}
<form method="post" action="authorize">{hidden}
<label for="username">{text["username"]}</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required
 value="{escape(username)}"{invalid}>
<label for="password">{text["password"]}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{invalid}>
<button type="submit">{text["submit"]}</button>
</form>
<p class="note">{escape(text["note"].format(users=users))}</p>"""
    return _page(language, text["title"], body)


def refused_page(language: str, error: str, description: str | None) -> HTMLResponse:
    """An authorization request that cannot be sent back to the application (unknown client, unregistered
    redirect URI): the reason is shown here and the browser stays put."""
    text = TEXTS[language]
    detail = f"{error}: {description}" if description else error
    body = f"""<h1>{text["refused"]}</h1>
<p>{text["refused_help"]}</p>
<p class="error"><code>{escape(detail)}</code></p>"""
    return _page(language, text["refused"], body, status=400)


def signed_out_page(language: str, home: str) -> HTMLResponse:
    text = TEXTS[language]
    body = f"""<h1>{text["signed_out"]}</h1>
<p><a href="{escape(home)}">{text["back"]}</a></p>"""
    return _page(language, text["signed_out"], body)
