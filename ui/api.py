"""HTTP API on the page's own server, for programs that hold a conversation:

  POST /api/ask               {question, history, filters} -> the JSON contract of `app.py ask --json`
  POST /v1/chat/completions   OpenAI-compatible: `messages` become history + question; the reply's content is the
                              answer with its [n] markers, the citations ride in extra fields; `stream` supported
  GET  /v1/models             the one model, for clients that list them first

Off unless RAG_API_KEY is set or accounts exist. Then each request must carry credentials: the key (or an account's
API key) as a Bearer token, or an account's name and password as HTTP Basic. 401 without, 429 while throttled.

Streaming sends the assistant role at once and the answer's text once it is final: in LLM modes the model's draft is
checked and its [n] markers renumbered after generation, and text that may still change is never sent."""
from __future__ import annotations

import json
import re
import threading
import time
import uuid
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse

from answer.contract import answer_to_json
from core.errors import RagError
from core.types import Answer
from ui.chat import BadDate, make_filters

MODEL = "vnrag"
WAIT_FOR_SLOT_SECONDS = 120.0  # a request waits this long for one of `concurrency` answer slots, then gets 503


class FiltersIn(BaseModel):
    sources: list[str] = []
    localities: list[str] = []
    date_from: str | None = None
    date_to: str | None = None


class TurnIn(BaseModel):
    question: str
    answer: str | None = None


class AskIn(BaseModel):
    question: str
    history: list[str | TurnIn] = []  # earlier questions of the conversation, oldest first
    filters: FiltersIn | None = None


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict] | None = None


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, max_tokens ... are accepted and do not apply
    messages: list[MessageIn]
    model: str | None = None
    stream: bool = False
    filters: FiltersIn | None = None


def _text(content) -> str:
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict) and p.get("type", "text") == "text")
    return content or ""


def _error(status: int, message: str, kind: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind}}, status_code=status, headers=headers)


def _filters(f: FiltersIn | None):
    return make_filters(f.sources, f.localities, f.date_from, f.date_to) if f else None


def api_routes(container, gate) -> list:
    access = container.access
    slots = threading.BoundedSemaphore(container.settings.concurrency)
    router = APIRouter()

    def refused(request: Request) -> JSONResponse | None:
        if not access.api_on:
            return _error(404, "the API is off: set RAG_API_KEY, or add accounts (python app.py users add NAME --role reader)",
                          "not_found")
        verdict = access.authorization(request.headers.get("authorization"), gate.address(request))
        if verdict.ok:
            return None
        if verdict.status == 429:
            return _error(429, verdict.message, "rate_limit_error", {"Retry-After": str(verdict.retry_after)})
        scheme = 'Basic realm="vnrag", Bearer' if access.accounts_on else "Bearer"
        headers = {"WWW-Authenticate": scheme, **({"Retry-After": str(verdict.retry_after)} if verdict.retry_after else {})}
        return _error(401, verdict.message, "authentication_error", headers)

    def answer(question: str, filters, history: list[str]) -> Answer:
        if not slots.acquire(timeout=WAIT_FOR_SLOT_SECONDS):
            raise RagError("the server is busy answering other questions; try again in a minute")
        try:
            return container.answers.ask(question, filters, history)
        finally:
            slots.release()

    @router.post("/api/ask")
    def api_ask(body: AskIn, request: Request):
        if (no := refused(request)) is not None:
            return no
        try:
            history = [h if isinstance(h, str) else h.question for h in body.history]
            return JSONResponse(answer_to_json(answer(body.question, _filters(body.filters), history)))
        except BadDate as exc:
            return _error(400, f"bad date {exc}: use yyyy-mm-dd or yyyy", "invalid_request_error")
        except RagError as exc:
            return _error(503, str(exc), "unavailable")

    @router.get("/v1/models")
    def models(request: Request):
        if (no := refused(request)) is not None:
            return no
        return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "vnrag"}]}

    @router.post("/v1/chat/completions")
    def chat(body: ChatIn, request: Request):
        if (no := refused(request)) is not None:
            return no
        asked = [_text(m.content).strip() for m in body.messages if m.role == "user"]
        if not body.messages or body.messages[-1].role != "user" or not asked[-1]:
            return _error(400, "the last message must be the user's question", "invalid_request_error")
        question, history = asked[-1], [q for q in asked[:-1] if q]
        try:
            filters = _filters(body.filters)
        except BadDate as exc:
            return _error(400, f"bad date {exc}: use yyyy-mm-dd or yyyy", "invalid_request_error")
        meta = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": body.model or MODEL}
        if body.stream:
            return StreamingResponse(_stream(meta, lambda: answer(question, filters, history)), media_type="text/event-stream")
        try:
            final = answer(question, filters, history)
        except RagError as exc:
            return _error(503, str(exc), "unavailable")
        return {**meta, "object": "chat.completion", **extras(final),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": final.answer}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}

    return router.routes


def extras(answer: Answer) -> dict:
    """The fields an OpenAI reply does not have: citations as in the JSON contract, the question answered, refusal."""
    contract = answer_to_json(answer)
    return {k: contract[k] for k in ("citations", "references", "asked_as", "abstained", "short_answer")}


def _sse(obj: dict) -> str:
    return f"data: {json.dumps(obj, ensure_ascii=False)}\n\n"


def _stream(meta: dict, compute):
    def chunk(delta: dict, finish: Literal["stop"] | None = None, **extra) -> str:
        return _sse({**meta, "object": "chat.completion.chunk", **extra,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

    yield chunk({"role": "assistant", "content": ""})
    try:
        final = compute()
    except RagError as exc:
        yield _sse({"error": {"message": str(exc), "type": "unavailable"}})
    else:
        for piece in re.findall(r"[^\n]*\n|[^\n]+", final.answer):
            yield chunk({"content": piece})
        yield chunk({}, "stop", **extras(final))
    yield "data: [DONE]\n\n"
