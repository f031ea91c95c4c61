"""The command line: render, serve, catalog check and list."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from .case import CaseError, parse_case
from .catalog import CatalogError, default_catalog


class Invalid(click.ClickException):
    """Input problems, one line each, naming the field; exit code 2."""

    exit_code = 2

    def __init__(self, problems: dict[str, list[str]]):
        self.problems = problems
        super().__init__("invalid input")

    def show(self, file=None) -> None:
        for path, messages in self.problems.items():
            for message in messages:
                click.echo(f"{path or '(case)'}: {message}", err=True)


def _write(output: str, body: bytes) -> None:
    """Write `body` to the file `output`, or to standard output for "-"."""
    if output == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        Path(output).write_bytes(body)


def _pipeline():
    from .letters import Pipeline
    from .resources import letter_languages

    return Pipeline(default_catalog(), letter_languages())


@click.group()
@click.version_option(package_name="objector")
def main() -> None:
    """Objector: letters against AI training on your data, ready to send."""


@main.command()
@click.argument("case_file", type=click.File("rb"))
@click.option("-o", "--output", required=True,
              help="Where to write the PDF (or the ZIP with --all); - for standard output.")
@click.option("--all", "all_letters", is_flag=True,
              help="Write every letter the case yields, with instructions, as one ZIP.")
def render(case_file, output: str, all_letters: bool) -> None:
    """Render CASE_FILE (case JSON; - for standard input) to a PDF or a ZIP."""
    try:
        data = json.loads(case_file.read())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid({"": [f"not valid JSON ({exc})"]}) from None
    pipeline = _pipeline()
    from .pdf import RenderError

    try:
        case = parse_case(data, pipeline.catalog)
        if all_letters:
            body = pipeline.zip(case)
        else:
            route = pipeline.route(case)
            body = pipeline.render(route, route.letters[0]).pdf
    except CaseError as exc:
        raise Invalid(exc.errors) from None
    except RenderError as exc:
        raise Invalid({"": [str(exc)]}) from None
    _write(output, body)


@main.command()
@click.argument("cases", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="A folder for the PDFs, or a .zip file.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Processes to render with. Default: one per core.")
def batch(cases: Path, out: Path, processes: int | None) -> None:
    """Render every case of CASES (.jsonl, or .csv with the case's paths as columns).

    A bad case is reported with its line number and field; the others still render.
    Exit 0 when all succeeded, 2 when any case was invalid.
    """
    import zipfile

    from .batch import count_cases, render_batch

    failures = 0
    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) if out.suffix == ".zip" else None
    if archive is None:
        out.mkdir(parents=True, exist_ok=True)
    try:
        with click.progressbar(render_batch(cases, processes), length=count_cases(cases),
                               label="Rendering", file=sys.stderr, show_pos=True) as outcomes:
            for outcome in outcomes:
                for name, pdf in outcome.files:
                    if archive is None:
                        (out / name).write_bytes(pdf)
                    else:
                        archive.writestr(name, pdf)
                for path, messages in outcome.errors.items():
                    for message in messages:
                        click.echo(f"\nline {outcome.line}: {path or '(case)'}: {message}",
                                   err=True)
                failures += bool(outcome.errors)
    finally:
        if archive is not None:
            archive.close()
    if failures:
        click.echo(f"{failures} case(s) failed; the others were written to {out}", err=True)
        sys.exit(2)


@main.command()
@click.argument("source", type=click.File("rb"))
@click.option("--p12", "p12", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Your certificate and key (PKCS#12).")
@click.option("-o", "--output", required=True, help="Where to write the signed PDF; - for "
                                                   "standard output.")
@click.option("--tsa", default=None, help="URL of a time-stamp authority (PAdES B-T).")
@click.option("--passphrase", envvar="OBJECTOR_P12_PASSPHRASE", prompt=True, hide_input=True,
              default="", show_default=False, help="The PKCS#12 passphrase (asked if not given; "
              "or OBJECTOR_P12_PASSPHRASE).")
def sign(source, p12: str, output: str, tsa: str | None, passphrase: str) -> None:
    """Sign SOURCE (a PDF; - for standard input) with your own certificate, on this machine.

    Nothing is uploaded: the PDF and the key stay here.
    """
    from .pdf.seal import Sealer, SealError

    try:
        body = Sealer.from_file(p12, passphrase or None, tsa).seal(source.read())
    except SealError as exc:
        raise Invalid({"--p12": [str(exc)]}) from None
    _write(output, body)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: one per core.")
def serve(host: str, port: int, workers: int | None) -> None:
    """Serve the app with gunicorn (preloaded, one warm-up render at boot)."""
    from .config import DEFAULT_SECRET_KEY, from_environment
    from .server import run

    if from_environment().get("SECRET_KEY", DEFAULT_SECRET_KEY) == DEFAULT_SECRET_KEY:
        raise click.ClickException("set OBJECTOR_SECRET_KEY to a long random value first")
    run(host, port, workers or os.cpu_count() or 1)


@click.group("catalog")
def catalog_group() -> None:
    """Check or list the catalog of platforms, jurisdictions and regulators."""


@catalog_group.command("check")
@click.option("--stale", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="Also list facts checked more than DAYS days ago.")
def catalog_check(stale: int | None) -> None:
    """Validate every catalog file; exit 2 naming each file and field at fault."""
    try:
        catalog = default_catalog()
    except CatalogError as exc:
        raise Invalid({str(p.path): [f"{p.field}: {p.message}"] for p in exc.problems}) from None
    records = catalog.all_records()
    facts = [(r, name, f) for r in records for name, s in r.facts.items() for f in s.facts]
    click.echo(f"catalog OK: {len(records)} records, {len(facts)} facts, "
               f"{sum(1 for *_, f in facts if f.unconfirmed)} marked unconfirmed")
    if stale is not None:
        limit = dt.date.today() - dt.timedelta(days=stale)
        old = [(r, n, f) for r, n, f in facts if f.checked < limit]
        for record, name, fact in old:
            click.echo(f"stale: {record.path}: {name}: checked {fact.checked.isoformat()}")
        if old:
            sys.exit(1)


def coverage_markdown(catalog, languages) -> list[str]:
    """Return the README's coverage list for `catalog`."""
    return [
        "- Jurisdictions: " + ", ".join(f"{code} ({name})" for code, name, *_ in
                                       catalog.places(dt.date.today())),
        "- Platforms: " + ", ".join(f"{pid} ({p.plain['name']})"
                                   for pid, p in sorted(catalog.platforms.items())),
        "- Regulators: " + ", ".join(sorted(catalog.regulators)),
        "- Letter languages: " + ", ".join(sorted(languages)),
    ]


@catalog_group.command("list")
@click.option("--markdown", is_flag=True, help="Print the README's coverage list instead.")
def catalog_list(markdown: bool) -> None:
    """Print the jurisdictions, platforms and regulators covered."""
    catalog = default_catalog()
    if markdown:
        from .resources import letter_languages

        click.echo("\n".join(coverage_markdown(catalog, letter_languages())))
        return
    today = dt.date.today()
    places = catalog.places(today)
    click.echo(f"Jurisdictions ({len(places)}):")
    for code, name, regime, ids in places:
        click.echo(f"  {code:<6} {name:<26} {regime:<12} regulators: {', '.join(ids)}")
    click.echo(f"Platforms ({len(catalog.platforms)}):")
    for pid, rec in sorted(catalog.platforms.items()):
        regions = ", ".join(f"{r}: {rec.value('controllers.' + r, today)['name']}"
                            for r in rec.names_under("controllers"))
        click.echo(f"  {pid:<10} {rec.plain['name']:<10} {regions}")
    click.echo(f"Regulators ({len(catalog.regulators)}):")
    for rid, rec in sorted(catalog.regulators.items()):
        click.echo(f"  {rid:<14} {rec.value('name', today)}")


@click.group("campaign")
def campaign_group() -> None:
    """Check the campaign files in the instance folder."""


@campaign_group.command("check")
def campaign_check() -> None:
    """Validate every campaigns/*.toml; exit 2 naming each file and field at fault."""
    from . import new_flask
    from .campaigns import CampaignError, load_campaigns
    from .resources import letter_languages

    folder = Path(new_flask().instance_path) / "campaigns"  # no app: nothing else to load
    try:
        found = load_campaigns(folder, default_catalog(), letter_languages())
    except CampaignError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        sys.exit(2)
    click.echo(f"{len(found)} campaign(s) OK in {folder}: {', '.join(sorted(found)) or '-'}")


main.add_command(catalog_group)
main.add_command(campaign_group)
