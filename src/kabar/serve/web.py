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

    pages: list[tuple[str, str, str, Callable[..., Response]]] = [
        ("/", "/index.json", "Stories", page("stories.html", lambda s, p: views.stories_view(s, cache))),
        ("/ledger", "/ledger.json", "The claim ledger",
         page("ledger.html", lambda s, p: views.ledger_view(s, cache, p), charted=True)),
        ("/stories/{story_id}", "/stories/{story_id}.json", "One story",
         page("story.html", lambda s, p: views.story_view(s, cache, p["story_id"]), charted=True)),
        ("/entities", "/entities.json", "Entities", page("entities.html", lambda s, p: views.entities_view(s, p))),
        ("/entities/{entity_id}", "/entities/{entity_id}.json", "One entity",
         page("entity.html", lambda s, p: views.entity_view(s, p["entity_id"]))),
        ("/documents/{doc_id}", "/documents/{doc_id}.json", "One document, its extractions highlighted",
         page("document.html", lambda s, p: views.document_view(s, p["doc_id"], p.get("hl")))),
        ("/search", "/search.json", "Full-text search of documents and quotes",
         page("search.html", lambda s, p: views.search_view(s, p.get("q", "")))),
    ]
    for html_path, json_path, summary, respond in pages:
        # the JSON twin first: "/stories/{id}" would otherwise take "/stories/x.json" as an id
        app.add_api_route(json_path, _handler(respond, True), methods=["GET"], summary=f"{summary} (JSON)")
        app.add_api_route(html_path, _handler(respond, False), methods=["GET"], summary=summary,
                          response_class=HTMLResponse)

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


def _handler(respond: Callable[..., Response], as_json: bool) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        return respond(request, as_json, **request.path_params)

    return handle
