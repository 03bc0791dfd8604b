"""The `kabar` command: each command parses options, makes one library call, and prints.

Exit codes: 0 done · 1 a kabar error (message on stderr, no traceback) · 2 usage error ·
3 done, but inputs were rejected and --strict was given · 130 interrupted.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from kabar import __version__
from kabar.errors import KabarError
from kabar.evaluate import below_floors, evaluate, load_gold, parse_floors
from kabar.ingest import default_workers, ingest
from kabar.read.raw import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES, ReadOptions
from kabar.resolve.apply import add_correction, resolve_entities
from kabar.resolve.disagreements import disagreements
from kabar.resolve.ledger import build_ledger, filter_groups
from kabar.serve.export import FORMATS, WHATS, write_export
from kabar.serve.interchange import interchange_records
from kabar.serve.ledger_view import print_disagreements, print_ledger
from kabar.serve.stories_view import print_stories, story_rows
from kabar.serve.terminal import print_entities, print_figures, print_status, print_summary
from kabar.settings import DOCUMENT_TIME_LIMIT
from kabar.store import Store

EXIT_ERROR, EXIT_REJECTED, EXIT_INTERRUPTED = 1, 3, 130
DEFAULT_DB = "kabar.db"
DEFAULT_CORPUS = "../shared/corpus/kursk-2024"

app = typer.Typer(help="kabar: turn many news articles into a claim ledger.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store (created when missing).")]


def clean_errors(fn: F) -> F:
    """Library errors become one line on stderr and exit code 1; Ctrl-C exits 130."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KabarError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            err.print("interrupted; what was committed is kept, rerun the same command to finish")
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def parse_columns(spec: str | None) -> dict[str, str]:
    """`text=isi_berita,title=judul` -> {"text": "isi_berita", "title": "judul"}."""
    if not spec:
        return {}
    pairs = [part.split("=", 1) for part in spec.split(",") if part.strip()]
    if any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise KabarError(f"--columns takes FIELD=COLUMN pairs separated by commas, got {spec!r}")
    return {k.strip(): v.strip() for k, v in pairs}


@app.command("ingest")
@clean_errors
def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or http(s) URLs.")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option(help="Worker processes (default: the number of cores).")] = 0,
    columns: Annotated[str | None, typer.Option(help="Map fields to other CSV/JSON names: text=isi,title=judul")]
    = None,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest document (one record's text) accepted, in bytes.")]
    = DEFAULT_MAX_BYTES,
    max_file_bytes: Annotated[int, typer.Option(
        min=1, help="Most bytes read from one file, after decompression (a bound on decompression bombs).")]
    = DEFAULT_MAX_FILE_BYTES,
    follow_links: Annotated[bool, typer.Option(help="Fetch the page of every feed item.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit 3 when any input was rejected.")] = False,
    engine: Annotated[str, typer.Option(help="local (a process pool) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster).")]
    = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    time_limit: Annotated[float, typer.Option(
        min=0, help="Seconds one document may take before it is rejected as timeout (0: no limit).")]
    = DOCUMENT_TIME_LIMIT,
) -> None:
    """Read articles into the store: stored, unchanged and rejected inputs are counted at the end."""
    options = ReadOptions(max_bytes=max_bytes, max_file_bytes=max_file_bytes, columns=parse_columns(columns),
                          follow_links=follow_links)
    phases = {"entities": "resolving entities", "stories": "placing stories and copies"}
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err,
                  disable=quiet, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        summary = ingest(inputs, db, workers=workers or default_workers(), options=options,
                         on_progress=lambda n: progress.advance(task, n), engine=engine, scheduler=scheduler,
                         time_limit=time_limit or None,
                         on_phase=lambda name: progress.update(task, description=phases.get(name, name)))
    print_summary(summary, out)
    if strict and summary.total_rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command("export")
@clean_errors
def export_command(
    db: DbOption = Path(DEFAULT_DB),
    what: Annotated[str, typer.Option(help=f"One of: {', '.join(WHATS)}.")] = "documents",
    format: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    out_path: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
) -> None:
    """Export the interchange record (documents) or a flat table of one kind of item."""
    _require_db(db)
    with Store(db) as store:
        count = write_export(store, what, format, out_path, sys.stdout)
    if out_path is not None:
        err.print(f"wrote {count} {what} rows to {out_path}")


@app.command("eval")
@clean_errors
def eval_command(
    gold: Annotated[Path, typer.Option(help="Gold file (the format of ../shared/gold/kursk-2024.json).")],
    db: DbOption = Path(DEFAULT_DB),
    corpus: Annotated[Path | None, typer.Option(help="Ingest this folder into a fresh temporary store first.")]
    = None,
    minimum: Annotated[list[str] | None, typer.Option("--min", help="Floor NAME=VALUE; exit 1 below it.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score the store's extractions against a gold file, figure by figure."""
    floors = parse_floors(minimum or [])
    gold_data = load_gold(gold)
    with tempfile.TemporaryDirectory() as tmp:
        if corpus is not None:
            db = Path(tmp) / "eval.db"
            ingest([str(corpus)], db, workers=1)
        _require_db(db)
        with Store(db) as store:
            figures = evaluate(gold_data, interchange_records(store))
    if as_json:
        out.print_json(data=figures)
    else:
        print_figures(figures, out)
    short = below_floors(figures, floors)
    if short:
        err.print("below the floor: " + "; ".join(short))
        raise typer.Exit(EXIT_ERROR)


entities_app = typer.Typer(help="Entities across the corpus: list them, correct the machine's merges.",
                           invoke_without_command=True)
app.add_typer(entities_app, name="entities")


@entities_app.callback()
@clean_errors
def entities_command(
    ctx: typer.Context,
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(help="Show this many entities (most mentioned first).")] = 50,
    merges: Annotated[bool, typer.Option("--merges", help="Also show why names were joined.")] = False,
) -> None:
    """List entities with their aliases (and, with --merges, every join with its reason and score)."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = db
        return
    _require_db(db)
    with Store(db) as store:
        print_entities(store, out, limit, merges)


@entities_app.command("merge")
@clean_errors
def entities_merge(ctx: typer.Context, a: str, b: str) -> None:
    """Make the names A and B one entity (kept across re-ingest)."""
    db = ctx.obj or Path(DEFAULT_DB)
    _require_db(db)
    with Store(db) as store:
        add_correction(store, "merge", a, b)
        out.print(f"merged {a!r} and {b!r}; {len(resolve_entities(store).entities)} entities")


@entities_app.command("split")
@clean_errors
def entities_split(ctx: typer.Context, name: str) -> None:
    """Make the name X an entity of its own (kept across re-ingest)."""
    db = ctx.obj or Path(DEFAULT_DB)
    _require_db(db)
    with Store(db) as store:
        add_correction(store, "split", name, None)
        out.print(f"split {name!r} off; {len(resolve_entities(store).entities)} entities")


train_app = typer.Typer(help="Train kabar's models from the shared annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
@clean_errors
def train_ner_command(
    data: Annotated[Path, typer.Option(help="Folder of the NER sets.")] = Path("../shared/data/ner-id"),
    out_dir: Annotated[Path, typer.Option("--out", help="Model folder.")] = Path("src/kabar/ner/model"),
    sets: Annotated[str, typer.Option(help="Sets to train on, comma-separated: nerui, nergrit, nerp.")]
    = "nerui,nergrit,nerp",
    cv: Annotated[bool, typer.Option("--cv/--no-cv", help="Cross-validate and record the figures.")] = True,
    lowercase_copies: Annotated[bool, typer.Option(help="Add a lower-cased copy of every cased sentence.")]
    = False,
) -> None:
    """Train the NER model (CRF) and write it with the command, data digests and figures beside it."""
    from kabar.ner.train import SETS, TrainSettings, train_ner

    chosen = tuple(s.strip() for s in sets.split(",") if s.strip())
    unknown = [s for s in chosen if s not in SETS]
    if unknown:
        raise KabarError(f"unknown NER set(s) {', '.join(unknown)}; known: {', '.join(SETS)}")
    settings = TrainSettings(sets=chosen, lowercase_copies=lowercase_copies)
    command = "kabar train ner " + " ".join(sys.argv[3:])
    report = train_ner(data, out_dir, settings, evaluate=cv, command=command.strip(), log=err.print)
    out.print(f"model written to {out_dir} in {report.seconds} s")
    for name, figures in report.figures.items():
        out.print(f"  {name}: micro F1 {figures['micro']['f1']:.3f}")


@app.command("ner")
@clean_errors
def ner_command(
    conll: Annotated[Path, typer.Option("--conll", help="CoNLL file: token first, blank line between sentences.")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write token<TAB>tag.")],
) -> None:
    """Tag a CoNLL file with the shipped NER model (tokens unchanged)."""
    from kabar.ner.tagger import tag_conll

    count = tag_conll(conll, out_path)
    err.print(f"tagged {count} sentences into {out_path}")


@app.command("ledger")
@clean_errors
def ledger_command(
    db: DbOption = Path(DEFAULT_DB),
    subject: Annotated[str | None, typer.Option(help="Only subjects containing this text.")] = None,
    place: Annotated[str | None, typer.Option(help="Only places containing this text.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only groups with a claimant containing this text.")] = None,
    min_claims: Annotated[int, typer.Option(help="Only groups with at least this many claims.")] = 1,
    evidence: Annotated[bool, typer.Option("--evidence", help="Show each claim's sentence.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many groups.")] = 30,
) -> None:
    """The claim ledger: who claimed what figure about what, where and when; conflicts marked."""
    _require_db(db)
    with Store(db) as store:
        groups = filter_groups(build_ledger(store), subject, place, claimant, min_claims)
        words = [] if subject or place or claimant else disagreements(store)
    print_ledger(groups, out, evidence=evidence, limit=limit)
    print_disagreements(words, out)


@app.command("stories")
@clean_errors
def stories_command(
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(help="Show this many stories (largest first).")] = 30,
    min_size: Annotated[int, typer.Option(help="Only stories with at least this many articles.")] = 1,
) -> None:
    """Story clusters: headline, outlets, dates, articles, copies, claims and conflicts."""
    _require_db(db)
    with Store(db) as store:
        print_stories(story_rows(store, min_size), out, limit)


@app.command("serve")
@clean_errors
def serve_command(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to bind (local only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
) -> None:
    """The web UI and JSON API over the store (http://127.0.0.1:8765; OpenAPI at /docs)."""
    _require_db(db)
    import uvicorn

    from kabar.serve.web import create_app

    if not _loopback(host):
        err.print(f"[yellow]warning:[/] {escape(host)} is not a loopback address: anyone who can reach it can read "
                  "every article in the store (kabar serve has no login); use --host 127.0.0.1 to keep it local")
    err.print(f"kabar serving {db} at http://{host}:{port} (Ctrl-C stops)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost; anything else (0.0.0.0, a LAN address, a name) may be reached from outside."""
    import ipaddress

    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command("report")
@clean_errors
def report_command(
    db: DbOption = Path(DEFAULT_DB),
    out_path: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """One self-contained HTML file with the ledger, its charts and conflicts; opens offline."""
    _require_db(db)
    from kabar.serve.report import write_report

    with Store(db) as store:
        groups = write_report(store, out_path)
    err.print(f"wrote {out_path} ({groups} claim groups)")


@app.command("status")
@clean_errors
def status_command(db: DbOption = Path(DEFAULT_DB)) -> None:
    """What the store holds: documents, languages, extracted items, rejects."""
    _require_db(db)
    with Store(db) as store:
        print_status(store, out)


@app.command("rejects")
@clean_errors
def rejects_command(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Every input that was refused, with its reason."""
    _require_db(db)
    with Store(db) as store:
        for item in store.rejects():
            out.print(f"{item.source}\t{item.reason}\t{item.detail}", markup=False, highlight=False)


@app.command("demo")
@clean_errors
def demo_command(
    corpus: Annotated[Path, typer.Option(help="Folder of articles.")] = Path(DEFAULT_CORPUS),
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Ingest the sample corpus and show what kabar knows about it."""
    if not corpus.exists():
        raise KabarError(f"the corpus {corpus} is not there; pass --corpus PATH (make demo CORPUS=PATH)")
    summary = ingest([str(corpus)], db, workers=1)
    print_summary(summary, out)
    with Store(db) as store:
        print_status(store, out)
        groups = filter_groups(build_ledger(store), None, None, None, 2)
        words = disagreements(store)
    out.rule("the claim ledger (groups with two or more claims; `kabar ledger` shows all)")
    print_ledger(groups, out, evidence=True)
    print_disagreements(words, out)
    from kabar.serve.report import write_report

    with Store(db) as store:
        write_report(store, Path("report.html"))
    out.print("report written to report.html (open it in a browser; `kabar serve` for the web UI)")


def _require_db(db: Path) -> None:
    if not db.exists():
        raise KabarError(f"no store at {db}; run `kabar ingest PATH --db {db}` first")


@app.callback(invoke_without_command=True)
def root(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    if version:
        out.print(f"kabar {__version__}")
        raise typer.Exit()


def main() -> None:
    app()
