"""Render many cases on every core: JSON Lines or CSV in, a folder or a ZIP out."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .case import CaseError, parse_case
from .pdf import RenderError

#: CSV columns are the case JSON's paths (person.name, history.reply, ...); these hold lists,
#: their items separated by "|"
CSV_LISTS = {"person.address", "organisation.address", "grounds"}


@dataclass(frozen=True)
class Outcome:
    line: int
    files: list[tuple[str, bytes]]
    errors: dict[str, list[str]]


def _unflatten(row: dict[str, str]) -> dict:
    case: dict = {}
    for key, value in row.items():
        if not key or not value or not value.strip():
            continue
        value = value.strip()
        parsed = [p.strip() for p in value.split("|") if p.strip()] if key in CSV_LISTS else value
        target = case
        *parents, leaf = key.strip().split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = parsed
    return case


def read_cases(path: Path) -> Iterator[tuple[int, object]]:
    """Yield (line number, case data); a line that is not JSON yields its error instead."""
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, _unflatten(row)
            return
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, exc


def count_cases(path: Path) -> int:
    """Count the cases in `path` (for the progress bar)."""
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            return sum(1 for _ in csv.DictReader(handle))
        return sum(1 for line in handle if line.strip())


_PIPELINE = None


def _start_worker() -> None:
    global _PIPELINE  # one pipeline (fonts, parsed stylesheet) per worker process
    from .catalog import default_catalog
    from .letters import Pipeline
    from .resources import letter_languages

    _PIPELINE = Pipeline(default_catalog(), letter_languages())


def _render(item: tuple[int, object]) -> Outcome:
    line, data = item
    if isinstance(data, Exception):
        return Outcome(line, [], {"": [f"not valid JSON ({data})"]})
    try:
        case = parse_case(data, _PIPELINE.catalog)
        route = _PIPELINE.route(case)
        files = []
        for letter in route.letters:
            rendered = _PIPELINE.render(route, letter)
            files.append((f"{line:06d}-{rendered.filename}", rendered.pdf))
        return Outcome(line, files, {})
    except CaseError as exc:
        return Outcome(line, [], exc.errors)
    except RenderError as exc:
        return Outcome(line, [], {"": [str(exc)]})


def render_batch(path: Path, processes: int | None = None) -> Iterator[Outcome]:
    """Render every case of `path` on `processes` cores, yielding outcomes in input order."""
    items = read_cases(path)
    processes = processes or os.cpu_count() or 1
    if processes == 1:
        _start_worker()
        yield from map(_render, items)
        return
    context = multiprocessing.get_context("forkserver")
    with context.Pool(processes, initializer=_start_worker) as pool:
        yield from pool.imap(_render, items, chunksize=4)
