"""Fixtures of the infrastructure tests: a moto_server on 127.0.0.1 for the deploy rehearsal."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

REGION = "eu-central-1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _moto_command(port: int) -> list[str]:
    executable = shutil.which("moto_server")
    if executable:
        return [executable, "-H", "127.0.0.1", "-p", str(port)]
    return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    """Start moto_server on a free local port; yield its URL; always stop it."""
    pytest.importorskip("moto", reason="moto is needed for the deploy rehearsal")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto_server.log"
    log = open(log_path, "wb")
    env = dict(os.environ, MOTO_ALLOW_NONEXISTENT_REGION="false")
    process = subprocess.Popen(_moto_command(port), stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"moto_server exited with {process.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not answer on {url} within 30 s; see {log_path}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def aws(moto_endpoint):
    """boto3 clients bound to the local moto_server, with fake credentials."""
    import boto3

    session = boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=REGION,
    )

    class Clients:
        def __getattr__(self, service):
            client = session.client(service, endpoint_url=moto_endpoint)
            setattr(self, service, client)
            return client

    return Clients()
