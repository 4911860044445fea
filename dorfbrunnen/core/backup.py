"""Backups: one archive with a consistent database dump and every media file.

SQLite is copied with its online backup API, PostgreSQL dumped with pg_dump (one snapshot),
so the site may keep running. Media files are read through the storage API, so the same
code backs up the local folder and S3-compatible object storage. `backup_restore` replaces
database and media with the archive's content.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

FORMAT_VERSION = 1


def _walk(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _pg_env() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    args = [
        "-h",
        settings["HOST"] or "localhost",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"],
        "-d",
        settings["NAME"],
    ]
    return args, {"PGPASSWORD": settings.get("PASSWORD") or ""}


def backup_create(*, output: Path) -> dict:
    """Write the archive; returns what it holds."""
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as target:
                connection.connection.backup(target)
            engine = "sqlite"
        elif connection.vendor == "postgresql":
            args, extra = _pg_env()
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args],
                check=True,
                env={**os.environ, **extra},
            )
            engine = "postgresql"
        else:
            raise RuntimeError(f"No backup for the {connection.vendor} database.")
        try:
            files = list(_walk(default_storage))
        except FileNotFoundError:  # no media folder yet
            files = []
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created": datetime.now(UTC).isoformat(),
            "media_files": len(files),
        }
        with tarfile.open(output, "w:gz") as archive:
            archive.add(dump, arcname="database")
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            payload = json.dumps(manifest).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return manifest


def backup_run(*, output: Path) -> dict:
    """`backup_create`, recorded for the go-live checklist (which warns when the last good
    backup is more than a day old). A failed run is recorded with its error and re-raised."""
    from django.utils import timezone

    from .models import BackupRun

    run = BackupRun.objects.create()
    try:
        manifest = backup_create(output=output)
    except Exception as error:
        run.finished_at, run.error = timezone.now(), f"{type(error).__name__}: {error}"[:2000]
        run.save()
        raise
    run.finished_at, run.succeeded = timezone.now(), True
    run.size_bytes = output.stat().st_size
    run.save()
    return manifest


def backup_restore(*, archive_path: Path) -> dict:
    """Replace the database and the media files with the archive's content."""
    with tarfile.open(archive_path, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION or manifest["engine"] != connection.vendor:
            raise ValueError(
                f"Das Archiv passt nicht zu dieser Datenbank ({manifest.get('engine')} ≠ "
                f"{connection.vendor})."
            )
        dump = Path(scratch) / "database"
        with archive.extractfile("database") as source, dump.open("wb") as target:
            shutil.copyfileobj(source, target)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
        else:
            args, extra = _pg_env()
            connection.close()
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    str(dump),
                ],
                check=True,
                env={**os.environ, **extra},
            )
        try:
            for name in list(_walk(default_storage)):
                default_storage.delete(name)
        except FileNotFoundError:
            pass
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                name = member.name.removeprefix("media/")
                if ".." in Path(name).parts:
                    continue
                default_storage.save(name, ContentFile(archive.extractfile(member).read()))
    return manifest
