"""The backup drill (issue 8, item 8): ops/backup.sh dumps the database, ops/restore.sh restores
it into a fresh database, and every table of the public schema comes back with the same number
of rows and the same content checksum; sequences and django_migrations too.

PostgreSQL only (pg_dump/pg_restore); skipped on SQLite, never skipped under CI=true.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

from casework.models import Consent, Contact, Resident, Trajectory
from plans.models import Goal, PlanOfApproach
from teams.models import Location, User
from trainings.models import Tick

ROOT = Path(__file__).resolve().parent.parent
BACKUP = ROOT / "ops" / "backup.sh"
RESTORE = ROOT / "ops" / "restore.sh"
IN_CI = os.environ.get("CI", "").lower() == "true"
ON_POSTGRES = connection.vendor == "postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES and not IN_CI,
        reason="the backup drill needs PostgreSQL (pg_dump/pg_restore); set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),  # committed data, visible to pg_dump
]


def connect_kwargs(name: str) -> dict:
    """psycopg2 keyword arguments for database `name` on the test server."""
    db = connection.settings_dict
    kwargs = {"dbname": name, "user": db["USER"], "password": db["PASSWORD"]}
    kwargs |= {key.lower(): db[key] for key in ("HOST", "PORT") if db[key]}
    options = {k: v for k, v in db.get("OPTIONS", {}).items() if isinstance(v, str | int)}
    return kwargs | options


def database_url(name: str) -> str:
    """The URI of database `name` on the test server, as DATABASE_URL spells it."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    userinfo = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = db["HOST"] or "", db["PORT"] or ""
    params = {k: v for k, v in db.get("OPTIONS", {}).items() if isinstance(v, str | int)}
    if host.startswith("/"):  # a Unix socket directory
        params["host"], host = host, ""
    netloc = userinfo + quote(host, safe="") + (f":{port}" if port else "")
    query = f"?{urlencode(params)}" if params else ""
    return f"postgres://{netloc}/{quote(name, safe='')}{query}"


def fingerprint(name: str) -> dict:
    """Per public table: (row count, md5 over the md5 of every row); per sequence its state;
    the django_migrations rows."""
    with psycopg2.connect(**connect_kwargs(name)) as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in cur.fetchall()]
        checksums = {}
        for table in tables:
            cur.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), ''))"
                    " FROM (SELECT md5(t::text) AS h FROM {} t) rows"
                ).format(sql.Identifier("public", table))
            )
            checksums[table] = cur.fetchone()
        cur.execute(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE schemaname = 'public' ORDER BY 1"
        )
        sequences = dict(cur.fetchall())
        cur.execute("SELECT id, app, name, applied FROM django_migrations ORDER BY id")
        migrations = cur.fetchall()
    conn.close()
    return {"tables": checksums, "sequences": sequences, "migrations": migrations}


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(arg) for arg in args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def admin(statement: sql.Composable) -> None:
    """CREATE/DROP DATABASE: outside a transaction, from the test database's server."""
    conn = psycopg2.connect(**connect_kwargs(connection.settings_dict["NAME"]))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(statement)
    finally:
        conn.close()


def test_backup_restores_every_table_row_for_row(tmp_path):
    assert ON_POSTGRES, "CI=true but the tests run on SQLite; the backup drill needs PostgreSQL"
    for tool in ("pg_dump", "pg_restore", "psql"):
        assert shutil.which(tool), f"{tool} not found (Debian package postgresql-client)"

    # Realistic data in every app, casework with its encrypted fields included.
    call_command("seed_demo", stdout=io.StringIO())
    seeded = (Location, User, PlanOfApproach, Goal, Tick, Resident, Consent, Trajectory, Contact)
    for model in seeded:
        assert model.objects.exists(), f"seed_demo left {model.__name__} empty"
    source_name = connection.settings_dict["NAME"]

    # Back up: a complete custom-format dump, readable by its owner only.
    backups = tmp_path / "backups"
    done = run(BACKUP, backups, DATABASE_URL=database_url(source_name))
    assert done.returncode == 0, done.stderr
    dump = Path(done.stdout.strip())
    assert dump.parent == backups and dump.name.startswith("wijkkracht-"), dump
    assert dump.suffix == ".dump" and dump.read_bytes()[:5] == b"PGDMP"  # custom format
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    assert [p.name for p in backups.iterdir()] == [dump.name]  # no .partial left behind

    # Restore into a fresh database, then compare everything.
    restored = f"{source_name[:40]}_restore_{uuid.uuid4().hex[:8]}"
    admin(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(restored)))
    try:
        done = run(RESTORE, dump, database_url(restored))
        assert done.returncode == 0, done.stderr

        source, copy = fingerprint(source_name), fingerprint(restored)
        assert list(copy["tables"]) == list(source["tables"])
        differing = {
            table: (source["tables"][table], copy["tables"][table])
            for table in source["tables"]
            if source["tables"][table] != copy["tables"][table]
        }
        assert not differing, f"tables differ after restore (count, md5): {differing}"
        assert copy["sequences"] == source["sequences"]
        assert copy["migrations"] == source["migrations"] and source["migrations"]
        for model in (Resident, Consent, Trajectory, Contact, PlanOfApproach, Goal, Tick):
            assert source["tables"][model._meta.db_table][0] > 0, model._meta.db_table

        # A second restore into the now non-empty database is refused and changes nothing.
        again = run(RESTORE, dump, database_url(restored))
        assert again.returncode == 1 and "not empty" in again.stderr, again.stderr
        assert fingerprint(restored) == copy
    finally:
        admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(restored)))
