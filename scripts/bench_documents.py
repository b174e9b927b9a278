"""A cold status read from the case's document, and from its rows, in turns (issue #13).

    python -m scripts.bench_documents [--database sqlite|postgres] [--database-url URL]
                                      [--rounds 4] [--seconds 8] [--warmup 2] [--connections 32]

Completes one case, then serves it cold (no response cache) from this checkout's gateway, the
order alternating by round: with its document (gateway/store/case_documents.py), and with the
document taken away, so the case is read from its rows as before documents existed (the one
look for a current document still made). Between runs the document is put back exactly as written.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import create_async_engine

from gateway.settings import Settings
from gateway.store.models import CaseDocumentRow
from scripts import bench_servers as servers
from scripts.bench_ab import add_load_arguments, in_turns, prepared_load, run_once
from tests.support.processes import ROOT


async def _documents(url: str, put_back: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Takes the stored documents away and returns them; with `put_back`, stores those instead."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            columns = (CaseDocumentRow.case_id, CaseDocumentRow.version, CaseDocumentRow.body)
            held = [dict(row._mapping) for row in await connection.execute(select(*columns))]
            await connection.execute(delete(CaseDocumentRow))
            if put_back:
                await connection.execute(insert(CaseDocumentRow), put_back)
        return held
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_load_arguments(parser)
    args = parser.parse_args()
    with (
        TemporaryDirectory(prefix="bench-documents-") as scratch,
        servers.database(args.database, args.database_url) as db,
    ):
        load = prepared_load(Path(scratch), db, args)
        url = db.get("DATABASE_URL") or Settings(data_dir=load.work / "data").effective_database_url
        stored = asyncio.run(_documents(url, None))
        if not stored:
            raise SystemExit("the completed case has no document: nothing to compare")

        def run(name: str) -> float:
            asyncio.run(_documents(url, stored if name == "document" else None))
            return run_once(load, ROOT, db, cache=False)

        in_turns(f"{args.database} cold", ("rows", "document"), args.rounds, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
