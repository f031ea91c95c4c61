"""Write N sample cases as CSV (the columns `objector batch` reads), for bulk runs.

Usage: .venv/bin/python bench/make_cases.py 1000 > /tmp/cases.csv
"""

from __future__ import annotations

import csv
import itertools
import sys

COUNTRIES = ["GB", "IE", "FR", "DE", "PL", "IT", "ES", "NL", "SE", "AT"]
COLUMNS = ["kind", "platform", "country", "subdivision", "person.name", "person.address",
           "person.email", "grounds", "history.objection_sent", "history.channel",
           "signature.typed"]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
    writer.writeheader()
    combos = itertools.cycle(itertools.product(COUNTRIES, ["linkedin", "meta"],
                                               ["objection", "complaint"]))
    for i, (country, platform, kind) in zip(range(count), combos, strict=False):
        writer.writerow({
            "kind": kind, "platform": platform, "country": country,
            "subdivision": "DE-BE" if country == "DE" else "",
            "person.name": f"Person {i}", "person.address": f"{i} Example Street | Town",
            "person.email": f"person{i}@example.org", "grounds": "not_expected|own_work",
            "history.objection_sent": "2026-09-01" if kind == "complaint" else "",
            "history.channel": "email" if kind == "complaint" else "",
            "signature.typed": f"Person {i}"})


if __name__ == "__main__":
    main()
