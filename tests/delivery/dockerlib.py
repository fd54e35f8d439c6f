"""Helpers of the tests that run the image and the compose stack on a real Docker engine.

The engine is the one DOCKER_HOST or the default socket reaches (scripts/test starts a private
one when none answers and it runs as root). Without an engine these tests skip and say why;
under CI (CI=true) they must run, so a missing engine fails them instead.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STANDINS = Path(__file__).with_name("standins") / "build-standins"


def run(args, timeout=120, check=False, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def require_engine() -> None:
    """Skips (fails under CI=true) when no Docker engine answers."""
    where = os.environ.get("DOCKER_HOST") or "the default socket"
    if shutil.which("docker") is None:
        problem = "the docker CLI is not installed"
    else:
        try:
            info = run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout=30)
            problem = None if info.returncode == 0 else f"no Docker engine answers at {where}: {info.stderr.strip()[:300]}"
        except subprocess.TimeoutExpired:
            problem = f"the Docker engine at {where} did not answer within 30 s"
    if problem is None:
        return
    hint = "scripts/test starts a private engine when it runs as root; else start Docker or set DOCKER_HOST"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{problem}; under CI the Docker tests must run ({hint})", pytrace=False)
    pytest.skip(f"{problem}; the image and compose tests did not run ({hint})")


def compose_command() -> list:
    """`docker compose` (v2) when the plugin is there, else `docker-compose` (v1, Debian's)."""
    if run(["docker", "compose", "version"], timeout=30).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.fail("neither 'docker compose' nor 'docker-compose' is installed (Debian: apt-get install docker-compose)",
                pytrace=False)


def pinned_base_images() -> list:
    """The image names server/Dockerfile and docker-compose.yml pin (the JRE, postgres, zipkin)."""
    jre = re.search(r"^ARG JRE_IMAGE=(\S+)$", (ROOT / "server/Dockerfile").read_text(), re.M).group(1)
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    others = [s["image"] for s in compose["services"].values() if "build" not in s and "${" not in s["image"]]
    return [jre] + sorted(set(others))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def logs(container: str, lines: int = 40) -> str:
    out = run(["docker", "logs", "--tail", str(lines), container], timeout=60)
    return f"--- last {lines} log lines of {container} ---\n{out.stdout}{out.stderr}"


def inspect(container: str) -> dict:
    return json.loads(run(["docker", "inspect", container], timeout=60, check=True).stdout)[0]


def wait_until(what: str, probe, timeout: float, ok=bool, give_up=lambda value: False, interval: float = 1.0,
               log_of=(), detail=None):
    """Calls probe() until ok(value); fails after `timeout` seconds, or at once when give_up(value),
    with the last value, the last log lines of the containers in `log_of` (names, or a callable
    that gives them) and what detail() returns, if given."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = probe()
        if ok(value):
            return value
        if give_up(value):
            break
        time.sleep(interval)
    else:
        what += f": not within {timeout:.0f} s"
    containers = log_of() if callable(log_of) else log_of
    extra = "\n" + detail() if detail else ""
    pytest.fail(f"{what} (last: {value!r})\n" + "\n".join(logs(c) for c in containers) + extra, pytrace=False)


def health(container: str) -> str:
    state = inspect(container)["State"]
    if state["Status"] != "running":
        return f"not running: {state['Status']} (exit {state['ExitCode']})"
    return state.get("Health", {}).get("Status", "no health check")
