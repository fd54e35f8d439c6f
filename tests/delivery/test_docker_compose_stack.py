"""The README's local stack (docker-compose.yml) on a real Docker engine, with `up --build` as the
README runs it: PostgreSQL and the server turn healthy, the one-shot updater loads the rates from a
local ECB mirror and exits 0, updater-schedule runs the daily update, the API answers those rates
on the published port, Zipkin receives the server's spans, and `down -v` leaves nothing behind.

The ECB mirror is one more service on the stack's network (a compose override written here):
the JDK's own file server (jdk.httpserver, as `jwebserver`) on the pinned JRE image, serving
feeds from ecb_fixtures.py; it answers .xml files as application/xml, a type the updater accepts.
The stack runs under a project name and host ports of its own, so a developer's stack is not touched.
Tests in this module share one stack and run in order; the last one takes it down.
"""
import json
import urllib.request
import uuid
from decimal import Decimal

import pytest
import yaml

import dockerlib
import ecb_fixtures
from dockerlib import ROOT, free_port, health, inspect, logs, run, wait_until

SERVICES = ["postgres", "zipkin", "server", "updater", "updater-schedule", "ecb-mirror"]
MIRROR_DOCKERFILE = """\
ARG JRE_IMAGE
FROM ${JRE_IMAGE}
COPY *.xml /srv/ecb/
USER 65534
EXPOSE 8000
CMD ["java", "-m", "jdk.httpserver", "-b", "0.0.0.0", "-p", "8000", "-d", "/srv/ecb"]
"""
PROBE = ("exec 3<>/dev/tcp/127.0.0.1/8000 && printf 'GET /eurofxref-daily.xml HTTP/1.1\\r\\nHost: localhost\\r\\n"
         "Connection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '")


class Stack:
    def __init__(self, tmp, base_images):
        self.project = f"fxrates-test-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        self.ports = {"http": free_port(), "postgres": free_port(), "zipkin": free_port()}
        mirror = tmp / "ecb-mirror"
        self.feed = ecb_fixtures.write(mirror)
        (mirror / "Dockerfile").write_text(MIRROR_DOCKERFILE)
        self.mirror_image = f"fxrates-test/ecb-mirror:{self.project}"
        override = {"services": {
            "ecb-mirror": {
                "build": {"context": str(mirror), "args": {"JRE_IMAGE": base_images[0]}},
                "image": self.mirror_image,
                "healthcheck": {"test": ["CMD", "bash", "-c", PROBE], "interval": "5s", "timeout": "5s",
                                "retries": 30},
            },
            "updater": {"depends_on": {"ecb-mirror": {"condition": "service_healthy"}}},
        }}
        (tmp / "compose.ecb-mirror.yml").write_text(yaml.safe_dump(override))
        env = (ROOT / ".env.example").read_text() + "\n".join([
            "", "# docker tests: ports of their own, the local ECB mirror, a short schedule",
            f"FXRATES_HTTP_PORT={self.ports['http']}", f"FXRATES_PG_PORT={self.ports['postgres']}",
            f"FXRATES_ZIPKIN_PORT={self.ports['zipkin']}", "FXRATES_ECB_BASE_URL=http://ecb-mirror:8000",
            "FXRATES_UPDATE_INTERVAL_SECONDS=5", ""])
        (tmp / "test.env").write_text(env)
        self.command = dockerlib.compose_command() + [
            "--project-name", self.project, "--env-file", str(tmp / "test.env"),
            "--file", str(ROOT / "docker-compose.yml"), "--file", str(tmp / "compose.ecb-mirror.yml")]

    def compose(self, *args, timeout=120):
        return run(self.command + list(args), timeout=timeout, cwd=ROOT)

    def containers(self, service=None, all_states=True) -> list:
        filters = ["--filter", f"label=com.docker.compose.project={self.project}"]
        if service:
            filters += ["--filter", f"label=com.docker.compose.service={service}"]
        out = run(["docker", "ps", "--format", "{{.Names}}", *(["-a"] if all_states else []), *filters], check=True)
        return out.stdout.split()

    def container(self, service) -> str:
        names = self.containers(service)
        assert len(names) == 1, f"{service}: containers {names}\n{self.logs()}"
        return names[0]

    def logs(self, *services) -> str:
        names = [n for s in (services or SERVICES) for n in self.containers(s)]
        return "\n".join(logs(n) for n in names)

    def get(self, port, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[port]}{path}", timeout=10) as response:
            return response.status, response.read().decode()

    def reports(self, service) -> list:
        """The JSON run reports LocalUpdate printed (one line per run)."""
        out = run(["docker", "logs", self.container(service)], timeout=60).stdout
        return [json.loads(line) for line in out.splitlines() if line.startswith('{"runId"')]


@pytest.fixture(scope="module")
def stack(tmp_path_factory, server_image, base_images):
    stack = Stack(tmp_path_factory.mktemp("compose"), base_images)
    try:
        up = stack.compose("up", "--detach", "--build", timeout=900)
        if up.returncode != 0:
            pytest.fail(f"compose up failed ({up.returncode}):\n{up.stdout[-3000:]}\n{up.stderr[-3000:]}\n"
                        f"{stack.logs()}", pytrace=False)
        yield stack
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", timeout=300)
        run(["docker", "image", "rm", stack.mirror_image], timeout=120)


def test_postgres_and_server_are_healthy(stack):
    for service in ("postgres", "server"):
        name = stack.container(service)
        wait_until(f"{service} healthy", lambda: health(name), ok=lambda h: h == "healthy",
                   give_up=lambda h: h == "unhealthy" or h.startswith("not running"), timeout=120, log_of=[name])


def test_updater_loaded_the_mirrored_feed_and_exited_0(stack):
    name = stack.container("updater")
    state = inspect(name)["State"]
    assert state["Status"] == "exited" and state["ExitCode"] == 0, f"{state}\n{logs(name)}"
    reports = stack.reports("updater")
    assert len(reports) == 1, logs(name)
    report = reports[0]
    rates = ecb_fixtures.DAYS * len(ecb_fixtures.CURRENCIES)
    assert (report["outcome"], report["mode"], report["provider"]) == ("succeeded", "90d", "ECB"), report
    assert report["inserted"] + report["unchanged"] == rates, report
    assert report["newestRateDate"] == stack.feed["newest"].isoformat(), report


def test_updater_schedule_runs_the_daily_update(stack):
    name = stack.container("updater-schedule")
    assert inspect(name)["State"]["Status"] == "running", logs(name)
    # FXRATES_UPDATE_INTERVAL_SECONDS=5 here: the first daily run comes within seconds.
    report = wait_until("a daily run of updater-schedule", lambda: stack.reports("updater-schedule"), timeout=120,
                        interval=2, log_of=[name])[0]
    assert (report["outcome"], report["mode"]) == ("succeeded", "daily"), report
    assert report["unchanged"] == len(ecb_fixtures.CURRENCIES), report   # the same day the 90-day feed brought


def test_api_answers_the_mirrored_rates_on_the_published_port(stack):
    status, body = stack.get("http", "/v1/latest?symbols=USD,JPY")
    assert status == 200, body
    answer = json.loads(body, parse_float=Decimal)
    assert answer["base"] == "EUR" and answer["date"] == stack.feed["newest"].isoformat(), answer
    assert answer["rates"] == {c: stack.feed["rates"][c] for c in ("USD", "JPY")}, answer
    # Published on 127.0.0.1 only.
    ports = inspect(stack.container("server"))["NetworkSettings"]["Ports"]["8080/tcp"]
    assert [p["HostIp"] for p in ports] == ["127.0.0.1"], ports


def test_zipkin_receives_the_servers_spans(stack):
    def services():
        stack.get("http", "/v1/latest")           # one more traced request per poll
        try:
            return json.loads(stack.get("zipkin", "/api/v2/services")[1])
        except OSError as e:                      # Zipkin may still be starting
            return str(e)
    found = wait_until("the server's service in Zipkin", services, ok=lambda s: "fxrates-server" in s,
                       timeout=120, interval=2, log_of=lambda: stack.containers("zipkin") + stack.containers("server"))
    assert "fxrates-server" in found
    traces = json.loads(stack.get("zipkin", "/api/v2/traces?serviceName=fxrates-server&limit=10")[1])
    assert traces and all(span["traceId"] for trace in traces for span in trace)


def test_down_with_volumes_leaves_nothing_behind(stack):
    down = stack.compose("down", "--volumes", "--remove-orphans", timeout=300)
    assert down.returncode == 0, down.stderr
    label = f"label=com.docker.compose.project={stack.project}"
    assert stack.containers() == []
    for kind in ("volume", "network"):
        left = run(["docker", kind, "ls", "-q", "--filter", label], check=True).stdout.split()
        assert left == [], f"{kind}s left by down -v: {left}"
    # the named volume of the database, by name too (compose prefixes it with the project)
    volumes = run(["docker", "volume", "ls", "--format", "{{.Name}}"], check=True).stdout.split()
    assert not [v for v in volumes if v.startswith(stack.project.replace("-", "")) or v.startswith(stack.project)]

