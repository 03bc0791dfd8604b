"""`kabar serve`: the web UI over a store. Every HTML page has a JSON twin at the same path + ".json", made
from the same view; errors share one envelope. Article text is untrusted: templates escape everything, and
the Content-Security-Policy allows only kabar's own script and style."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kabar.serve import views
from kabar.serve.pages import asset, charts_for, render
from kabar.store import Store

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(db: str | Path) -> FastAPI:
    cache = views.Cache()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        def warm() -> None:  # build the ledger and stories before the first visitor asks for them
            with Store(db) as s:
                cache.story_list(s)
                cache.disagreements(s)

        threading.Thread(target=warm, daemon=True).start()
        yield

    app = FastAPI(title="kabar", description="The claim ledger of a corpus of news articles.", version="0.1.0",
                  lifespan=lifespan)

    def store() -> Store:
        return Store(db)

    def page(template: str, build: Callable[[Store, dict[str, str]], dict[str, Any]],
             charted: bool = False) -> Callable[..., Response]:
        def respond(request: Request, as_json: bool, **path: str) -> Response:
            params = {k: v for k, v in request.query_params.items() if v}
            with store() as s:
                try:
                    view = build(s, {**params, **path})
                except views.NotFound as exc:
                    return error(404, str(exc), as_json)
                charts = charts_for(view.get("groups", []), cache.ledger(s)) if charted and not as_json else []
            if as_json:
                return JSONResponse(view)
            html = render(template, view=view, charts=charts, q=params.get("q"))
            return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

        return respond

    def error(status: int, message: str, as_json: bool) -> Response:
        if as_json:
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        return HTMLResponse(render("error.html", status=status, message=message), status_code=status,
                            headers={"Content-Security-Policy": CSP})

    stories = page("stories.html", lambda s, p: views.stories_view(s, cache))
    ledger = page("ledger.html", lambda s, p: views.ledger_view(s, cache, p), charted=True)
    story = page("story.html", lambda s, p: views.story_view(s, cache, p["story_id"]), charted=True)
    entities = page("entities.html", lambda s, p: views.entities_view(s, p))
    entity = page("entity.html", lambda s, p: views.entity_view(s, p["entity_id"]))
    document = page("document.html", lambda s, p: views.document_view(s, p["doc_id"], p.get("hl")))
    search = page("search.html", lambda s, p: views.search_view(s, p.get("q", "")))

    @app.get("/", response_class=HTMLResponse, summary="Stories")
    def index(request: Request) -> Response:
        return stories(request, False)

    @app.get("/index.json", summary="Stories (JSON)")
    def index_json(request: Request) -> Response:
        return stories(request, True)

    @app.get("/ledger", response_class=HTMLResponse, summary="The claim ledger")
    def ledger_page(request: Request) -> Response:
        return ledger(request, False)

    @app.get("/ledger.json", summary="The claim ledger (JSON)")
    def ledger_json(request: Request) -> Response:
        return ledger(request, True)

    @app.get("/stories/{story_id}.json", summary="One story (JSON)")
    def story_json(request: Request, story_id: str) -> Response:
        return story(request, True, story_id=story_id)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story")
    def story_page(request: Request, story_id: str) -> Response:
        return story(request, False, story_id=story_id)

    @app.get("/entities", response_class=HTMLResponse, summary="Entities")
    def entities_page(request: Request) -> Response:
        return entities(request, False)

    @app.get("/entities.json", summary="Entities (JSON)")
    def entities_json(request: Request) -> Response:
        return entities(request, True)

    @app.get("/entities/{entity_id}.json", summary="One entity (JSON)")
    def entity_json(request: Request, entity_id: str) -> Response:
        return entity(request, True, entity_id=entity_id)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, summary="One entity")
    def entity_page(request: Request, entity_id: str) -> Response:
        return entity(request, False, entity_id=entity_id)

    @app.get("/documents/{doc_id}.json", summary="One document with its extractions (JSON)")
    def document_json(request: Request, doc_id: str) -> Response:
        return document(request, True, doc_id=doc_id)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, summary="One document, extractions highlighted")
    def document_page(request: Request, doc_id: str) -> Response:
        return document(request, False, doc_id=doc_id)

    @app.get("/search", response_class=HTMLResponse, summary="Full-text search of documents and quotes")
    def search_page(request: Request) -> Response:
        return search(request, False)

    @app.get("/search.json", summary="Full-text search (JSON)")
    def search_json(request: Request) -> Response:
        return search(request, True)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        kinds = {"kabar.css": "text/css", "kabar.js": "text/javascript"}
        if name not in kinds:
            return error(404, f"no file {name}", False)
        return Response(asset(name), media_type=kinds[name])

    @app.exception_handler(404)
    def not_found(request: Request, exc: Exception) -> Response:
        return error(404, f"no page at {request.url.path}", request.url.path.endswith(".json"))

    return app
