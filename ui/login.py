"""The login form (GET/POST /login) and /logout, in the page's language. A form of our own rather than Gradio's,
so that a throttled login says how long to wait. POST /login also answers scripts (gradio_client's `auth=`) in JSON."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse

from access.sessions import COOKIE
from ui.i18n import t
from ui.render import esc

_STYLE = """body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;min-height:100vh;
align-items:center;justify-content:center}form{background:#fff;padding:2rem;border-radius:10px;width:min(360px,90vw);
box-shadow:0 2px 12px #0002}h1{font-size:1.25rem;margin:0 0 1rem}label{display:block;margin:.8rem 0 .3rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #bbb;border-radius:6px}
button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem;background:#2563eb;color:#fff;border:0;border-radius:6px}
.msg{color:#b91c1c;margin:.5rem 0}.lang{margin-top:1rem;font-size:.85rem;text-align:center}"""


def safe_next(target: str | None) -> str:
    """Only a path on this site (no //host, no scheme): an open redirect would help phishing."""
    target = target or "/"
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _lang(request: Request, default: str) -> str:
    lang = request.query_params.get("lang") or default
    return lang if lang in ("vi", "en") else default


def login_html(lang: str, next_path: str, message: str = "", name: str = "") -> str:
    other = "en" if lang == "vi" else "vi"
    msg = f'<p class="msg" id="login-msg" role="alert">{esc(message)}</p>' if message else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{esc(t(lang, "login_title"))}</title><style>{_STYLE}</style>'
            f'</head><body><form method="post" action="/login?lang={lang}" id="login-form"><h1>{esc(t(lang, "title"))}</h1>'
            f'<p>{esc(t(lang, "login_intro"))}</p>{msg}'
            f'<label for="username">{esc(t(lang, "login_name"))}</label>'
            f'<input id="username" name="username" autocomplete="username" required value="{esc(name)}">'
            f'<label for="password">{esc(t(lang, "login_password"))}</label>'
            f'<input id="password" name="password" type="password" autocomplete="current-password" required>'
            f'<input type="hidden" name="next" value="{esc(next_path)}">'
            f'<button type="submit" id="login-submit">{esc(t(lang, "login_submit"))}</button>'
            f'<p class="lang"><a href="/login?lang={other}&next={quote(next_path)}">{"English" if other == "en" else "Tiếng Việt"}</a></p>'
            '</form></body></html>')


def login_routes(container, gate) -> list:
    access, sessions, lang0 = container.access, gate.sessions, container.settings.ui_language
    router = APIRouter()

    @router.get("/login", include_in_schema=False)
    def login_form(request: Request):
        if not access.accounts_on:
            return RedirectResponse("/", status_code=303)
        return HTMLResponse(login_html(_lang(request, lang0), safe_next(request.query_params.get("next"))))

    @router.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = await request.form()
        name, password = str(form.get("username", "")), str(form.get("password", ""))
        next_path, lang = safe_next(str(form.get("next", "/"))), _lang(request, lang0)
        browser = "text/html" in request.headers.get("accept", "")
        if not access.accounts_on:
            return RedirectResponse("/", status_code=303)
        verdict = await run_in_threadpool(access.login, name, password, gate.address(request))
        if verdict.ok:
            response = RedirectResponse(next_path, status_code=303) if browser else JSONResponse({"success": True})
            secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
            response.set_cookie(COOKIE, sessions.open(verdict.principal.name), max_age=sessions.max_age, httponly=True,
                                samesite="lax", secure=secure, path="/")
            return response
        headers = {"Retry-After": str(verdict.retry_after)} if verdict.retry_after else {}
        if verdict.status == 429:
            message = t(lang, "login_wait", s=verdict.retry_after)
        else:
            message = t(lang, "login_bad") + (" " + t(lang, "login_wait", s=verdict.retry_after) if verdict.retry_after else "")
        if browser:
            return HTMLResponse(login_html(lang, next_path, message, name), status_code=verdict.status, headers=headers)
        return JSONResponse({"detail": message}, status_code=verdict.status, headers=headers)

    @router.get("/logout", include_in_schema=False)
    def logout(request: Request):
        sessions.close(request.cookies.get(COOKIE))
        response = RedirectResponse("/login" if access.accounts_on else "/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    return router.routes


def who_line(container, gate, lang: str, request) -> str:
    """"Signed in as NAME (role)" for the page header; empty without accounts."""
    principal = gate.principal_of(request) if container.access.accounts_on else None
    if principal is None:
        return ""
    return t(lang, "who_line", name=esc(principal.name), role=t(lang, "role_" + principal.role))
