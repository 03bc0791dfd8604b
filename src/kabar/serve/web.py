"""`kabar serve`: the web UI over a store. Every HTML page has a JSON twin at the same path + ".json", made
from the same view; errors share one envelope. Article text is untrusted: templates escape everything, and
the Content-Security-Policy allows only kabar's own script and style.

Query parameters are typed and bounded (declared in the OpenAPI description): a bad one is answered 422 in
the error envelope, never looked up. Every response carries `X-Content-Type-Options: nosniff`; HEAD is
answered wherever GET is. Rendered pages are kept per store version (least recently used dropped past a byte
budget), so a popular page is built once, not once per visitor."""

from __future__ import annotations

import asyncio
import inspect
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, ConfigDict
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kabar.serve import views
from kabar.serve.pages import asset, charts_for, group_block, render
from kabar.serve.views import MAX_GROUPS, MAX_MIN_CLAIMS, MAX_OFFSET, MAX_ROWS, PAGE_GROUPS, PAGE_ROWS, SEARCH_ROWS
from kabar.store import Store

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# FastAPI's own pages load Swagger UI and ReDoc from a CDN with an inline script: they go without kabar's CSP.
OPENAPI_PAGES = ("/docs", "/docs/oauth2-redirect", "/redoc")
# Rendered pages kept for the current store version; a page larger than an eighth of this is not kept.
RESPONSE_CACHE_BYTES = 32 * 2**20
# Rendered claim groups kept for the current store version, which ledger pages at other offsets, limits and
# filters share (in memory; all groups of the 3,447 June articles take 33 MB).
BLOCK_CACHE_BYTES = 64 * 2**20
# Pages built at once, each in a worker thread. Building is Python under one GIL: more threads than this
# make every request slower, and starve the event loop that sends the kept pages (with FastAPI's default
# of 40 threads, 20 clients got p99s of 2 s on pages that take 5 ms alone).
BUILDERS = 4
# Seconds a request waits for the build of its page under way in another request before building it too.
BUILD_WAIT = 30.0

# Query parameters. Text: printable (no NUL or other control characters, which SQLite's FTS5 parser and
# the pages cannot take) and short. Dates: YYYY, YYYY-MM or YYYY-MM-DD, a real day (compared as text with
# the claims' ISO dates). Numbers: non-negative integers under a cap.
MAX_TEXT = 200
PLAIN = r"^[^\x00-\x1f\x7f]*$"
DAY = r"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"

PATTERNS = {PLAIN: "control characters (NUL, newline, tab …) are not allowed",
            DAY: "a date is YYYY, YYYY-MM or YYYY-MM-DD"}


def _real_day(value: str | None) -> str | None:
    if value and len(value) == 10:
        date.fromisoformat(value)  # 2025-02-30 matches the pattern but is no day: ValueError -> 422
    return value or None


Text = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=PLAIN)]
Since = Annotated[str | None, Query(alias="from", max_length=10, pattern=DAY,  # "from" is a Python keyword
                                    description="claims dated on or after: YYYY, YYYY-MM or YYYY-MM-DD"),
                  AfterValidator(_real_day)]
Until = Annotated[str | None, Query(max_length=10, pattern=DAY,
                                    description="claims dated on or before: YYYY, YYYY-MM or YYYY-MM-DD"),
                  AfterValidator(_real_day)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip (paging)")]
GroupLimit = Annotated[int, Query(ge=1, le=MAX_GROUPS, description=f"groups per page (at most {MAX_GROUPS})")]
RowLimit = Annotated[int, Query(ge=1, le=MAX_ROWS, description=f"rows per page (at most {MAX_ROWS})")]
MinClaims = Annotated[int, Query(ge=1, le=MAX_MIN_CLAIMS, description="only groups with at least this many claims")]
Highlight = Annotated[str | None, Query(max_length=21, pattern=r"^([0-9]{1,10}-[0-9]{1,10})?$",
                                        description="START-END: a span of the text to mark")]
Search = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=PLAIN,
                                     description="words, each matched as a phrase (never as query syntax)")]


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class Pages(BaseModel):
    previous: str | None
    next: str | None


class StoryRow(Loose):
    id: str
    headline: str | None
    articles: int
    copies: int
    outlets: list[str]
    first: str | None
    last: str | None
    claims: int
    conflicts: int


class Group(Loose):
    key: str
    subject: str
    location: str | None
    within: str | None
    wider: str | None
    story: str | None
    claims: list[dict[str, Any]]
    claims_total: int
    relations: list[dict[str, Any]]


class StoriesPage(Loose):
    count: int
    offset: int
    limit: int
    stories: list[StoryRow]
    pages: Pages


class LedgerPage(Loose):
    filters: dict[str, Any]
    count: int
    offset: int
    limit: int
    groups: list[Group]
    disagreements: list[dict[str, Any]]
    pages: Pages


class StoryPage(Loose):
    story: dict[str, Any]
    documents: list[dict[str, Any]]
    groups: list[Group]
    quotes: dict[str, list[dict[str, Any]]]
    entities: list[dict[str, Any]]


class EntityRow(Loose):
    id: str
    canonical: str
    type: str
    within: str | None
    mentions: int
    aliases: int


class EntitiesPage(Loose):
    q: str
    count: int
    offset: int
    limit: int
    entities: list[EntityRow]
    pages: Pages


class EntityPage(Loose):
    entity: dict[str, Any]
    aliases: list[dict[str, Any]]
    merges: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


class DocumentPage(Loose):
    document: dict[str, Any]
    text: str
    highlight: list[int] | None
    items: dict[str, list[dict[str, Any]]]
    segments: list[dict[str, Any]]


class SearchPage(Loose):
    q: str
    count: int
    quotes_count: int
    offset: int
    limit: int
    documents: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    pages: Pages


@dataclass(frozen=True)
class Ask:
    """What a request asks of a page: its validated parameters (the key of the page in the response cache)
    and how to build its view from a store."""

    params: tuple[tuple[str, Any], ...]
    build: Callable[[Store], dict[str, Any]]
    paged: bool = False


class Responses:
    """Rendered pages of one store version, least recently used dropped past `budget` bytes. A page being
    built is built once: the requests for it that arrive meanwhile wait for that build (`state`)."""

    def __init__(self, budget: int = RESPONSE_CACHE_BYTES) -> None:
        self.budget, self.size = budget, 0
        self.version: tuple[int, ...] = ()
        self.items: OrderedDict[Any, tuple[bytes, str]] = OrderedDict()
        self.building: dict[Any, threading.Event] = {}
        self.lock = threading.Lock()

    def state(self, version: tuple[int, ...], key: Any, share: bool = True
              ) -> tuple[bytes, str] | threading.Event | None:
        """The kept page; or the event of its build under way elsewhere (wait, then ask again); or None: then
        the build is the caller's, who must `put` the page (even None, on failure) when done. Without `share`,
        the kept page or None, and the caller builds it apart from anyone else."""
        with self.lock:
            if version != self.version:
                self.items.clear()
                self.size, self.version = 0, version
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
                return hit
            if not self.budget or not share:
                return None
            building = self.building.get((version, key))
            if building is None:
                self.building[(version, key)] = threading.Event()
            return building

    def put(self, version: tuple[int, ...], key: Any, body: bytes | None, media_type: str = "") -> None:
        with self.lock:
            done = self.building.pop((version, key), None)
            if (body is not None and len(body) <= self.budget // 8 and version == self.version
                    and key not in self.items):
                self.items[key] = (body, media_type)
                self.size += len(body)
                while self.size > self.budget:
                    _, (old, _) = self.items.popitem(last=False)
                    self.size -= len(old)
        if done is not None:
            done.set()


class Blocks:
    """Rendered claim groups of one store version (a ledger page is a run of them: pages at other offsets,
    limits and filters share them), least recently used dropped past `budget` bytes of memory."""

    def __init__(self, budget: int) -> None:
        self.budget, self.size = budget, 0
        self.version: tuple[int, ...] = ()
        self.items: OrderedDict[str, Markup] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, version: tuple[int, ...], key: str) -> Markup | None:
        with self.lock:
            if version != self.version:
                self.items.clear()
                self.size, self.version = 0, version
            block = self.items.get(key)
            if block is not None:
                self.items.move_to_end(key)
            return block

    def put(self, version: tuple[int, ...], key: str, block: Markup) -> None:
        with self.lock:
            size = sys.getsizeof(block)
            if version != self.version or key in self.items or size > self.budget // 8:
                return
            self.items[key] = block
            self.size += size
            while self.size > self.budget:
                _, old = self.items.popitem(last=False)
                self.size -= sys.getsizeof(old)


class Headers:
    """The outermost layer (outside even the handler of unexpected errors): `X-Content-Type-Options: nosniff`
    on every response and kabar's CSP on every one but FastAPI's OpenAPI pages; HEAD is answered as GET
    without the body (FastAPI's routes answer only the methods they name)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        policy = scope["path"] not in OPENAPI_PAGES

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if policy and "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CSP
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, sending)


class App(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        return Headers(super().build_middleware_stack())


def _envelope(media: str) -> dict[str, Any]:
    if media == "application/json":
        return {"model": ErrorEnvelope}
    return {"content": {"text/html": {"schema": {"type": "string"}}}}


def create_app(db: str | Path, cache_bytes: int = RESPONSE_CACHE_BYTES, block_bytes: int = BLOCK_CACHE_BYTES
               ) -> FastAPI:
    """The app over the store `db`; `cache_bytes` and `block_bytes` are the budgets of rendered pages and of
    rendered claim groups kept (0: none)."""
    cache = views.Cache(serving=True)
    responses = Responses(cache_bytes)
    blocks = Blocks(block_bytes)
    local = threading.local()  # one store (SQLite connection) per server thread, opened on its first request
    limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
        weakref.WeakKeyDictionary())  # one per event loop (a test client may run several)

    warmed: list[tuple[str, str, Callable[[], Ask], bool, bool]] = []  # pages rendered on start-up

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        def warm() -> None:  # build the ledger, the stories and the first pages before the first visitor asks
            s = store()
            try:
                snap = cache.snapshot(s)
                for path, template, ask, as_json, charted in warmed:
                    respond(path, path, ask(), template, as_json, charted)
                # then the claim groups in ledger order, while they fill at most half the budget: pages
                # further on, or at the cap of 100 groups, are joined from them from the start
                for at in range(0, len(snap.groups), PAGE_GROUPS):
                    if blocks.size > blocks.budget // 2 or cache.current is not snap:
                        break
                    ledger_blocks(s, views.ledger_view(s, cache, {"offset": at})["groups"])
            finally:
                local.store = None
                s.close()

        threading.Thread(target=warm, daemon=True).start()
        yield

    app = App(title="kabar", description="The claim ledger of a corpus of news articles.", version="0.1.0",
              lifespan=lifespan)

    def store() -> Store:
        s: Store | None = getattr(local, "store", None)
        if s is None:
            s = local.store = Store(db)
        return s

    def error(status: int, message: str, as_json: bool, headers: Mapping[str, str] | None = None) -> Response:
        if as_json:
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status,
                                headers=headers)
        return HTMLResponse(render("error.html", status=status, message=message), status_code=status,
                            headers=headers)

    def respond(route: str, path: str, ask: Ask, template: str, as_json: bool, charted: bool) -> Response:
        """The page `ask`s for at `path` (of the route `route`): kept, or built once and kept (a thread's way;
        the event loop's is `handle`)."""
        version = cache.version(store())
        for _ in range(2):
            got = responses.state(version, (route, ask.params), share=not cache.changed(version))
            if got is None:
                break
            if isinstance(got, tuple):
                return Response(got[0], media_type=got[1])
            got.wait(BUILD_WAIT)
        return made(version, route, path, ask, template, as_json, charted)

    def made(version: tuple[int, ...], route: str, path: str, ask: Ask, template: str, as_json: bool,
             charted: bool) -> Response:
        key = (route, ask.params)
        try:
            response = build(store(), path, ask, template, as_json, charted)
        except views.NotFound as exc:
            responses.put(version, key, None)
            return error(404, str(exc), as_json)
        except BaseException:
            responses.put(version, key, None)  # whoever waits for this page builds it
            raise
        stale = cache.changed(version)  # made from the last snapshot: not kept
        responses.put(version, key, None if stale else bytes(response.body), response.media_type or "")
        return response

    def build(s: Store, path: str, ask: Ask, template: str, as_json: bool, charted: bool) -> Response:
        view = ask.build(s)
        if ask.paged:
            view["pages"] = _pages(path, dict(ask.params), view)
        if as_json:
            return JSONResponse(view)
        if template == "ledger.html":  # the ledger's groups are whole groups: their blocks are kept
            return HTMLResponse(render(template, view=view, charts=[], blocks=ledger_blocks(s, view["groups"]),
                                       q=None))
        charts = charts_for(view.get("groups", []), cache.snapshot(s).by_key) if charted else []
        return HTMLResponse(render(template, view=view, charts=charts, q=view.get("q")))

    def ledger_blocks(s: Store, groups: list[dict[str, Any]]) -> list[Markup]:
        snap = cache.snapshot(s)
        out = []
        for g in groups:
            block = blocks.get(snap.version, g["key"])
            if block is None:
                block = group_block(g, charts_for([g], snap.by_key)[0])
                blocks.put(snap.version, g["key"], block)
            out.append(block)
        return out

    def twin(html_path: str, json_path: str, summary: str, template: str, asks: Callable[..., Ask],
             model: type[BaseModel], charted: bool = False, description: str | None = None,
             warm: bool = False) -> None:
        """The HTML page and its JSON twin; `asks` takes the page's parameters (declared in the OpenAPI,
        validated by FastAPI) and says what to build; `warm`: rendered with its defaults on start-up."""
        # the JSON twin first: "/stories/{id}" would otherwise take "/stories/x.json" as an id
        for path, as_json in ((json_path, True), (html_path, False)):
            media = "application/json" if as_json else "text/html"
            errors: dict[int | str, dict[str, Any]] = {404: {"description": "Not found", **_envelope(media)},
                                                       422: {"description": "A bad parameter", **_envelope(media)}}
            app.add_api_route(
                path, handler(asks, template, as_json, charted), methods=["GET"],
                summary=f"{summary} (JSON)" if as_json else summary, description=description,
                response_class=JSONResponse if as_json else HTMLResponse,
                responses={200: {"model": model}, **errors} if as_json else errors,
                name=("json_" if as_json else "html_") + template.removesuffix(".html"))
            if warm:
                warmed.append((path, template, asks, as_json, charted))

    def handler(asks: Callable[..., Ask], template: str, as_json: bool, charted: bool
                ) -> Callable[..., Awaitable[Response]]:
        async def parameters(**params: Any) -> Ask:  # run in the event loop, not in a thread: it only reads
            return asks(**params)

        parameters.__signature__ = inspect.signature(asks, eval_str=True)  # type: ignore[attr-defined]
        depends = Depends(parameters)

        async def handle(request: Request, ask: Ask = depends) -> Response:
            # A kept page is sent from the event loop; a page being built is waited for without holding a
            # builder; only a page to build goes to a worker thread (one of BUILDERS).
            route = request.scope["route"].path
            version = cache.version(store())
            # While the store's change is being taken in (a rebuild of seconds, in the background), pages are
            # made from the last snapshot, each apart, and not kept.
            for _ in range(2):
                got = responses.state(version, (route, ask.params), share=not cache.changed(version))
                if got is None:
                    break
                if isinstance(got, tuple):
                    return Response(got[0], media_type=got[1])
                await anyio.to_thread.run_sync(got.wait, BUILD_WAIT)
            try:
                return await anyio.to_thread.run_sync(made, version, route, request.url.path, ask, template,
                                                      as_json, charted, limiter=builders())
            except BaseException:
                responses.put(version, (route, ask.params), None)  # never leave the page marked as being built
                raise

        return handle

    def builders() -> anyio.CapacityLimiter:
        loop = asyncio.get_running_loop()
        limiter = limiters.get(loop)
        if limiter is None:
            limiter = limiters[loop] = anyio.CapacityLimiter(BUILDERS)
        return limiter

    def stories(offset: Offset = 0, limit: RowLimit = PAGE_ROWS) -> Ask:
        return Ask((("offset", offset), ("limit", limit)),
                   lambda s: views.stories_view(s, cache, offset, limit), paged=True)

    def ledger(subject: Text = None, place: Text = None, claimant: Text = None, outlet: Text = None,
               since: Since = None, to: Until = None, min_claims: MinClaims = 1, offset: Offset = 0,
               limit: GroupLimit = PAGE_GROUPS) -> Ask:
        params = {"subject": subject, "place": place, "claimant": claimant, "outlet": outlet, "from": since,
                  "to": to, "min_claims": min_claims if min_claims > 1 else None, "offset": offset, "limit": limit}
        kept = {k: v for k, v in params.items() if v is not None and v != ""}
        return Ask(tuple(kept.items()), lambda s: views.ledger_view(s, cache, kept), paged=True)

    def story(story_id: str) -> Ask:
        return Ask((("story_id", story_id),), lambda s: views.story_view(s, cache, story_id))

    def entities(q: Text = None, offset: Offset = 0, limit: RowLimit = PAGE_ROWS) -> Ask:
        return Ask((("q", q or ""), ("offset", offset), ("limit", limit)),
                   lambda s: views.entities_view(s, q, offset, limit), paged=True)

    def entity(entity_id: str) -> Ask:
        return Ask((("entity_id", entity_id),), lambda s: views.entity_view(s, entity_id))

    def document(doc_id: str, hl: Highlight = None) -> Ask:
        return Ask((("doc_id", doc_id), ("hl", hl or "")), lambda s: views.document_view(s, doc_id, hl))

    def search(q: Search = None, offset: Offset = 0, limit: RowLimit = SEARCH_ROWS) -> Ask:
        return Ask((("q", q or ""), ("offset", offset), ("limit", limit)),
                   lambda s: views.search_view(s, q, offset, limit), paged=True)

    twin("/", "/index.json", "Stories", "stories.html", stories, StoriesPage, warm=True,
         description="Stories (clusters of articles), largest first, a page at a time.")
    twin("/ledger", "/ledger.json", "The claim ledger", "ledger.html", ledger, LedgerPage, charted=True, warm=True,
         description="Claim groups (subject and place), filtered, a page of groups at a time.")
    twin("/stories/{story_id}", "/stories/{story_id}.json", "One story", "story.html", story, StoryPage,
         charted=True)
    twin("/entities", "/entities.json", "Entities", "entities.html", entities, EntitiesPage,
         description="Entities, most mentioned first; `q` keeps those whose name contains it.")
    twin("/entities/{entity_id}", "/entities/{entity_id}.json", "One entity", "entity.html", entity, EntityPage)
    twin("/documents/{doc_id}", "/documents/{doc_id}.json", "One document, its extractions highlighted",
         "document.html", document, DocumentPage)
    twin("/search", "/search.json", "Full-text search of documents and quotes", "search.html", search, SearchPage)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        kinds = {"kabar.css": "text/css", "kabar.js": "text/javascript"}
        if name not in kinds:
            return error(404, f"no file {name}", False)
        return Response(asset(name), media_type=kinds[name])

    def wants_json(request: Request) -> bool:
        return request.url.path.endswith(".json")

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ())[1:]) or "request"
            pattern = (e.get("ctx") or {}).get("pattern")
            problems.append(f"{where}: {PATTERNS.get(str(pattern), e.get('msg', 'invalid'))}")
        return error(422, "; ".join(problems), wants_json(request))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        message = f"no page at {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return error(exc.status_code, message, wants_json(request), exc.headers)

    @app.exception_handler(Exception)
    def unexpected(request: Request, exc: Exception) -> Response:  # the envelope, no traceback to the client
        return error(500, "internal error", wants_json(request))

    return app


def _pages(path: str, params: dict[str, Any], view: dict[str, Any]) -> dict[str, str | None]:
    """Links to the previous and the next page (None at either end), with the same parameters."""
    offset, limit = int(view["offset"]), int(view["limit"])
    count = max(int(view.get("count", 0)), int(view.get("quotes_count", 0)))
    query = {k: v for k, v in params.items() if k not in ("offset", "doc_id", "story_id", "entity_id") and v != ""}

    def link(at: int) -> str:
        encoded = urlencode({**query, "offset": at} if at else query)
        return f"{path}?{encoded}" if encoded else path

    return {"previous": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < count else None}
