"""With AWS_STORAGE_BUCKET_NAME set, uploads live in S3-compatible object storage, and the
backup takes them from there and puts them back. Runs against a local moto S3 server."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from dorfbrunnen.testing import BASE_DIR, fresh_database_url, serve

pytestmark = pytest.mark.servers

BUCKET = "dorfbrunnen-test"
REGION = "eu-central-1"
SAVE_DOCUMENT = (
    "from django.core.files.base import ContentFile; "
    "from wagtail.documents import get_document_model; "
    "d = get_document_model()(title='Satzung'); "
    "d.file.save('satzung.txt', ContentFile(b'Paragraph 1: Name'), save=True)"
)


@pytest.fixture
def s3_server():
    server = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    # Printed once it listens; a port taken meanwhile by another process means another try.
    process, port = serve(lambda port: [server, "-p", str(port)], "Running on http://")
    url = f"http://127.0.0.1:{port}"
    yield url
    process.terminate()
    process.wait(timeout=10)


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_uploads_go_to_object_storage_and_backups_round_trip_them(s3_server, tmp_path):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_S3_REGION_NAME": REGION,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "DJANGO_SETTINGS_MODULE": "dorfbrunnen.settings.dev",
        "DORFBRUNNEN_VAR_DIR": str(tmp_path),
        # The run's database (a migrated copy): what is stored where does not depend on it.
        "DATABASE_URL": fresh_database_url(tmp_path, "dorfbrunnen_s3", migrated=True),
    }
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "shell", "-c", SAVE_DOCUMENT)
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == ["documents/satzung.txt"]

    archive = tmp_path / "backup.tar.gz"
    assert "1 Mediendateien" in manage(env, "backup", "--output", str(archive))
    client.delete_object(Bucket=BUCKET, Key="documents/satzung.txt")
    assert "Contents" not in client.list_objects_v2(Bucket=BUCKET)
    assert "Wiederhergestellt" in manage(env, "restore", str(archive), "--yes")
    body = client.get_object(Bucket=BUCKET, Key="documents/satzung.txt")["Body"].read()
    assert body == b"Paragraph 1: Name"
