"""Run a command with every file-storing service on a local S3-compatible server (moto's server mode).

    .venv/bin/python gateway_project/e2e/with_s3.py /work/tools/e2e -k test_files
    .venv/bin/python gateway_project/e2e/with_s3.py python3 manage_all.py test e2e

The server runs in this process on 127.0.0.1 (a free port) for as long as the
command does; the bucket is made first, and the environment the command (and
so the system it brings up) inherits switches auth, gig, chat and order to
``<SERVICE>_STORAGE=s3`` with that endpoint and bucket.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

STORING_SERVICES = ("auth", "gig", "chat", "order")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(command: list[str]) -> int:
    import boto3
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint, bucket = f"http://127.0.0.1:{port}", f"e2e-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "S3_ENDPOINT_URL": endpoint,
        "E2E_S3_ENDPOINT_URL": endpoint,
        "S3_BUCKET": bucket,
        "AWS_ACCESS_KEY_ID": "e2e",
        "AWS_SECRET_ACCESS_KEY": "e2e",
        "S3_REGION": "us-east-1",
    }
    env.update({f"{service.upper()}_STORAGE": "s3" for service in STORING_SERVICES})
    boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="e2e", aws_secret_access_key="e2e", region_name="us-east-1"
    ).create_bucket(Bucket=bucket)
    print(f"[with_s3] S3 at {endpoint}, bucket {bucket}", flush=True)
    try:
        return subprocess.call(command, env=env)
    finally:
        server.stop()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
