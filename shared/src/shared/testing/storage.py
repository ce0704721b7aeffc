"""Storage fixtures: the same file tests on local disk and on a real S3-compatible server.

``file_storage`` is parametrised: each test that takes it runs once on the
filesystem and once on moto's S3 server (started once per session on
127.0.0.1, a free port), through django-storages as production would.
"""

from __future__ import annotations

import socket
import uuid

import pytest

from shared.storage import FILESYSTEM_BACKEND, S3_BACKEND

S3_CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """The URL of a local S3-compatible server (moto's server mode) for the whole session."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_storage_setting(endpoint_url: str, *, service: str = "test") -> dict:
    """``STORAGES["default"]`` on a fresh bucket of the server at ``endpoint_url``."""
    import boto3

    bucket = f"test-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket=bucket)
    options = {
        **S3_CREDENTIALS,
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "location": service,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "addressing_style": "path",
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


@pytest.fixture(params=["filesystem", "s3"])
def file_storage(request, settings, tmp_path):
    """Django's default storage switched to the local disk or to S3 for one test."""
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = str(tmp_path)
    if request.param == "s3":
        default = s3_storage_setting(request.getfixturevalue("s3_server"), service=settings.SERVICE_NAME)
    else:
        default = {"BACKEND": FILESYSTEM_BACKEND}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    return default_storage
