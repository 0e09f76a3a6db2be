"""A real S3 server on 127.0.0.1 for the tests and the benchmark: moto's
standalone server (``python -m moto.server``) in a child process, on a free
port, stopped when done. Nothing leaves the machine."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from .store import Target

KEY_ID, SECRET = "testing-key-id", "testing-secret"


@dataclass
class LocalS3:
    endpoint: str
    process: subprocess.Popen

    @property
    def environ(self) -> dict[str, str]:
        """Credentials for the local server (moto accepts any)."""
        return {"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET}

    def target(self, bucket: str, prefix: str = "") -> Target:
        return Target(bucket=bucket, prefix=prefix, endpoint=self.endpoint, region="us-east-1",
                      addressing_style="path")

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET)

    def create_bucket(self, name: str) -> None:
        self.client().create_bucket(Bucket=name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def local_s3(timeout: float = 30.0) -> Iterator[LocalS3]:
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile()
    env = {**os.environ, "MOTO_ALLOW_NONEXISTENT_REGION": "true"}
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"moto server exited:\n{log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"moto server did not answer on {endpoint} within {timeout:.0f} s") from None
                time.sleep(0.1)
        yield LocalS3(endpoint, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
