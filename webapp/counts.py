"""Honest counts: per campaign, day, country, platform and letter kind, a number. Nothing else.

The table has no column that could hold what a person typed; the test suite checks that no
personal value reaches the database file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

metadata = MetaData()
counts = Table(
    "letter_counts", metadata,
    Column("campaign", String(50), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("country", String(2), primary_key=True),
    Column("platform", String(40), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("letters", Integer, nullable=False),
)


def engine_for(url: str, instance: Path) -> Engine:
    if not url:
        instance.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{instance / 'counts.sqlite3'}"
    engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def init_app(app: Flask) -> None:
    app.extensions["objector.counts"] = None  # made on first use: most requests never count


def _engine() -> Engine:
    engine = current_app.extensions.get("objector.counts")
    if engine is None:
        engine = engine_for(current_app.config["DATABASE_URL"], Path(current_app.instance_path))
        current_app.extensions["objector.counts"] = engine
    return engine


def add(campaign: str, country: str, platform: str, kind: str, letters: int = 1,
        day: dt.date | None = None) -> None:
    """Add `letters` to today's count for this campaign, country, platform and kind."""
    key = {"campaign": campaign, "day": day or dt.date.today(), "country": country,
           "platform": platform, "kind": kind}
    where = [counts.c[name] == value for name, value in key.items()]
    with _engine().begin() as connection:
        done = connection.execute(
            update(counts).where(*where).values(letters=counts.c.letters + letters))
        if done.rowcount == 0:
            try:
                with connection.begin_nested():
                    connection.execute(counts.insert().values(**key, letters=letters))
            except IntegrityError:  # another worker inserted the row first
                connection.execute(
                    update(counts).where(*where).values(letters=counts.c.letters + letters))


def total(campaign: str) -> int:
    with _engine().connect() as connection:
        found = connection.execute(select(func.coalesce(func.sum(counts.c.letters), 0))
                                   .where(counts.c.campaign == campaign)).scalar_one()
    return int(found)


def export_csv(campaign: str) -> str:
    """Return the campaign's counts as CSV: day, country, platform, kind, letters."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "country", "platform", "kind", "letters"])
    with _engine().connect() as connection:
        rows = connection.execute(
            select(counts.c.day, counts.c.country, counts.c.platform, counts.c.kind,
                   counts.c.letters).where(counts.c.campaign == campaign)
            .order_by(counts.c.day, counts.c.country, counts.c.platform, counts.c.kind))
        for row in rows:
            writer.writerow([row.day.isoformat(), row.country, row.platform, row.kind,
                             row.letters])
    return out.getvalue()
