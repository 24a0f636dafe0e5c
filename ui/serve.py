"""What the page's web server needs beyond the page: the checks before it binds (accounts for a network address, a
free port), who each request comes from (a login cookie, HTTP Basic or Bearer), and the routes mounted on the same
FastAPI app as the page (login form, /api/ask, /v1/chat/completions)."""
from __future__ import annotations

import hashlib
import socket
import threading
import time

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from access.gate import Principal, is_loopback
from access.sessions import COOKIE, Sessions
from core.errors import ConfigError

BASIC_CACHE_SECONDS = 60.0  # a script sending Basic on every request pays one scrypt a minute, not one per request
LOCAL_USER = "local"  # every caller of a page without accounts (it serves this computer only)


def check_host(container, host: str | None = None) -> None:
    """Without accounts the page serves this computer only: a network address needs accounts first."""
    s = container.settings
    host = s.host if host is None else host
    if not is_loopback(host) and not container.access.accounts_on:
        raise ConfigError(
            f"--host {host} would let anyone on the network use the page, and there are no accounts yet "
            f"({s.accounts_path}). Add one first:\n  python app.py users add NAME --role admin"
            f"{' --data-dir ' + str(s.data_dir) if s.explicit_data_dir else ''}\n"
            "then start again; the page will ask for a login. Without accounts it serves this computer only (--host 127.0.0.1).")


def check_port(host: str, port: int) -> None:
    """A clear message naming --port instead of the web server's traceback when the port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise port_in_use(host, port, exc) from None


def port_in_use(host: str, port: int, exc: Exception) -> ConfigError:
    return ConfigError(f"cannot serve on {host}:{port} ({getattr(exc, 'strerror', None) or exc}): another program, "
                       f"perhaps another page, uses port {port}. Start this one on another port with --port N "
                       f"(e.g. --port {port + 1}), or stop the other one.")


class Gatekeeper:
    """Who a request comes from. The page's login cookie, or an Authorization header for scripts (the page's own
    Gradio API included). Without accounts every request is LOCAL_USER."""

    def __init__(self, container):
        self.access = container.access
        self.sessions = Sessions(container.settings.session_hours)
        self._basic: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def address(self, request) -> str:
        peer = request.client.host if request.client else None
        return self.access.client_address(peer, request.headers.get("x-forwarded-for"))

    def principal_of(self, request) -> Principal | None:
        """The logged-in account of a Gradio event's request (gr.Request), or None."""
        return self.access.principal(getattr(request, "username", None))

    async def __call__(self, request: Request) -> str | None:
        """Gradio's auth_dependency: the user name, or None (Gradio answers 401)."""
        if not self.access.accounts_on:
            return LOCAL_USER
        name = self.sessions.name(request.cookies.get(COOKIE))
        if name and self.access.principal(name):
            return name
        header = request.headers.get("authorization")
        if not header:
            return None
        digest = hashlib.sha256(header.encode("utf-8", "replace")).hexdigest()
        with self._lock:
            cached = self._basic.get(digest)
        if cached and cached[1] > time.monotonic() and self.access.principal(cached[0]):
            return cached[0]
        verdict = await run_in_threadpool(self.access.authorization, header, self.address(request))
        if not verdict.ok:
            return None
        with self._lock:
            if len(self._basic) > 10_000:
                self._basic.clear()
            self._basic[digest] = (verdict.principal.name, time.monotonic() + BASIC_CACHE_SECONDS)
        return verdict.principal.name


async def _http_error(request: Request, exc: StarletteHTTPException):
    """A browser sent to the login form instead of a 401; everything else gets FastAPI's usual JSON."""
    if exc.status_code == 401 and request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


def server_options(container) -> tuple[dict, Gatekeeper]:
    """launch() keyword arguments that put the login, the API and the access checks on the page's server.
    Gradio's launch() builds its own FastAPI app and passes `app_kwargs` to its constructor: `routes` given there
    come first, ahead of Gradio's own (/login and /logout included), and `auth_dependency` decides who each request
    is, for the page and its Gradio API alike (a None means 401, which a browser sees as the login form)."""
    from ui.api import api_routes
    from ui.login import login_routes

    gate = Gatekeeper(container)
    routes = login_routes(container, gate) + api_routes(container, gate)
    return {"auth_dependency": gate, "app_kwargs": {"routes": routes, "exception_handlers": {StarletteHTTPException: _http_error}}}, gate
