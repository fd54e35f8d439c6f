"""The host units of systemd/ under a real systemd (Debian's systemd 252 as init in a container on
the Docker engine of the Docker tests; AL2023 has 252 too): the units and their helper scripts are
the real ones, only what the AMI would bring around them is a stand-in (tests/delivery/hostunits:
a docker CLI whose 'run' ends with 143 on SIGTERM as the JVM does, the AWS CLI signing the IAM
database token, the RDS CA bundle, the ADOT collector writing where the real one writes).

It shows: user data's file starts the app through fxrates.path, after db-token has written the
database token for the container (root:10001, 0440) and with the token's directory and the CA
bundle mounted read-only; `systemctl stop fxrates` stops it for good (fxrates.path does not start
it again), counts as a clean stop (exit 143) and leaves the token (and its timer) in place; the
collector can write its log and state folders under ProtectSystem=strict and nothing else; the
app's lines do not reach the journal as the unit's output (the log driver ships them once)."""
import os
import shutil
import time
import uuid

import pytest

import dockerlib
from conftest import ROOT
from dockerlib import inspect, logs, run, wait_until

HERE = ROOT / "tests/delivery/hostunits"
IMAGE = "fxrates-standin/systemd:bookworm"
# What the aws stand-in (hostunits/aws) signs.
TOKEN = ("db.invalid:5432/?Action=connect&DBUser=fxrates_reader&X-Amz-Algorithm=AWS4-HMAC-SHA256"
         "&X-Amz-Expires=900&X-Amz-Signature=standin0123")
ENV_FILE = "\n".join([
    "FXRATES_ENV=dev", "AWS_REGION=eu-central-1", "FXRATES_IMAGE=registry.invalid/fxrates/server:test",
    "FXRATES_PORT=8080", "FXRATES_DB_URL=jdbc:postgresql://db.invalid:5432/fxrates",
    "FXRATES_DB_HOST=db.invalid", "FXRATES_DB_PORT=5432", "FXRATES_DB_USER=fxrates_reader",
    "FXRATES_DB_SSL_MODE=verify-full", "FXRATES_DB_MIGRATE=false",
    "FXRATES_STOP_DELAY_SECONDS=0", ""])


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    dockerlib.require_engine()
    built = run([str(dockerlib.STANDINS), IMAGE], timeout=900)
    if built.returncode != 0:
        message = f"the systemd stand-in could not be built:\n{built.stderr[-2000:]}"
        if "needs root" in built.stderr and os.environ.get("CI") != "true":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    ctx = tmp_path_factory.mktemp("hostunits")
    shutil.copy(HERE / "Dockerfile", ctx / "Dockerfile")
    (ctx / "units").mkdir()
    for unit in [p for pattern in ("*.service", "*.path", "*.timer") for p in (ROOT / "systemd").glob(pattern)]:
        shutil.copy(unit, ctx / "units" / unit.name)
    shutil.copytree(ROOT / "systemd/libexec", ctx / "libexec")
    shutil.copytree(HERE, ctx / "standins", ignore=shutil.ignore_patterns("Dockerfile"))
    (ctx / "templates").mkdir()
    for name in ("cloudwatch-agent.json", "prometheus.yaml"):
        shutil.copy(ROOT / "observability" / name, ctx / "templates" / name)
    tag = f"fxrates-test/hostunits:{uuid.uuid4().hex[:8]}"
    run(["docker", "build", "--build-arg", f"BASE={IMAGE}", "-t", tag, str(ctx)], check=True, timeout=300,
        env={**os.environ, "DOCKER_BUILDKIT": "0"})
    name = tag.replace("/", "-").replace(":", "-")
    # systemd as PID 1: the host's cgroups, tmpfs for /run, SYS_ADMIN for its mounts.
    run(["docker", "run", "-d", "--name", name, "--network", "none", "--cap-add", "SYS_ADMIN",
         "--security-opt", "seccomp=unconfined", "--cgroupns=host", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw",
         "--tmpfs", "/run", "--tmpfs", "/run/lock", "-e", "container=docker", tag], check=True)
    try:
        wait_until("systemd up in the test container", lambda: sh(name, "systemctl is-system-running").stdout.strip(),
                   ok=lambda s: s in ("running", "degraded"), timeout=60, log_of=[name])
        yield name
    finally:
        run(["docker", "rm", "-f", name])
        run(["docker", "image", "rm", tag])


def sh(name, command, timeout=60):
    return run(["docker", "exec", name, "bash", "-c", command], timeout=timeout)


def unit(name, unit_name, *props):
    out = sh(name, f"systemctl show {unit_name} " + " ".join(f"-p {p}" for p in props)).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def status(name):
    return sh(name, "systemctl status --no-pager --full fxrates.service fxrates.path fxrates-otel-collector.service "
                    "fxrates-db-token.service fxrates-db-token.timer; "
                    "journalctl --no-pager -n 40").stdout


def test_units_start_from_user_data_and_a_stop_stays_stopped_and_clean(host):
    # Booted without the environment file: nothing runs yet (ConditionPathExists).
    assert unit(host, "fxrates.service", "ActiveState")["ActiveState"] == "inactive", status(host)
    assert unit(host, "fxrates.path", "ActiveState")["ActiveState"] == "active", status(host)

    # User data writes the file to a temporary name and moves it into place.
    sh(host, f"umask 027; printf '%s' '{ENV_FILE}' >/etc/fxrates/fxrates.env.tmp && "
             "mv -f /etc/fxrates/fxrates.env.tmp /etc/fxrates/fxrates.env")
    wait_until("fxrates.service started by fxrates.path", lambda: unit(host, "fxrates.service", "SubState")["SubState"],
               ok=lambda s: s == "running", give_up=lambda s: s == "failed", timeout=60, detail=lambda: status(host))
    # db-token (ExecStartPre) wrote the token for the container's uid/gid 10001 and nobody else.
    assert sh(host, "cat /run/fxrates/db-auth-token").stdout == TOKEN
    assert sh(host, "stat -c '%a %u:%g' /run/fxrates /run/fxrates/db-auth-token").stdout.split("\n")[:2] == \
        ["750 0:10001", "440 0:10001"]
    assert unit(host, "fxrates-db-token.timer", "ActiveState")["ActiveState"] == "active", status(host)
    args = sh(host, "cat /run/fake-docker/run-args").stdout.split("\n")
    assert args[:3] == ["run", "--rm", "--name"] and "journald" in args, args
    for mount in ("/run/fxrates:/run/fxrates:ro", "/etc/fxrates/rds-ca:/etc/fxrates/rds-ca:ro"):
        assert args[args.index(mount) - 1] == "--volume", args

    # The documented stop: ExecStop stops the container, the app ends with 143, which is success.
    started = time.monotonic()
    stop = sh(host, "systemctl stop fxrates", timeout=120)
    assert stop.returncode == 0, stop.stderr + status(host)
    assert time.monotonic() - started < 30
    after = unit(host, "fxrates.service", "ActiveState", "Result", "ExecMainStatus", "NRestarts")
    assert after == {"ActiveState": "inactive", "Result": "success", "ExecMainStatus": "143", "NRestarts": "0"}, \
        f"{after}\n{status(host)}"
    # ... and stays stopped: fxrates.path, which re-checks its paths when the service stops, does
    # not start it again.
    time.sleep(5)
    assert unit(host, "fxrates.service", "ActiveState")["ActiveState"] == "inactive", status(host)
    assert unit(host, "fxrates.path", "ActiveState")["ActiveState"] == "active", status(host)
    # The stop leaves the token and its timer alone (no RuntimeDirectory= that would remove it).
    assert sh(host, "cat /run/fxrates/db-auth-token").stdout == TOKEN
    assert unit(host, "fxrates-db-token.timer", "ActiveState")["ActiveState"] == "active", status(host)

    # The app's lines are not in the journal as the unit's output (the journald log driver, not
    # played here, records them under SYSLOG_IDENTIFIER=fxrates); the helpers' messages are.
    journal = sh(host, "journalctl --no-pager -o cat -u fxrates.service").stdout
    assert "APPLINE" not in journal, journal
    assert "fxrates-db-token: database token for fxrates_reader written" in journal, journal
    assert "fxrates-run-container: starting" in journal, journal
    assert "X-Amz-Signature" not in journal, "the token is never logged"

    # A later start works as usual.
    assert sh(host, "systemctl start fxrates").returncode == 0
    assert unit(host, "fxrates.service", "SubState")["SubState"] == "running", status(host)
    sh(host, "systemctl stop fxrates", timeout=120)


def test_collector_writes_its_folders_and_nothing_else_under_protect_system_strict(host):
    sh(host, f"printf '%s' '{ENV_FILE}' >/etc/fxrates/fxrates.env")
    sh(host, "systemctl start fxrates-otel-collector")
    state = wait_until("fxrates-otel-collector running",
                       lambda: unit(host, "fxrates-otel-collector.service", "SubState", "Result"),
                       ok=lambda u: u["SubState"] == "running", give_up=lambda u: u["Result"] != "success",
                       timeout=30, detail=lambda: status(host))
    assert state["SubState"] == "running", status(host)
    log = sh(host, "cat /opt/aws/aws-otel-collector/logs/aws-otel-collector.log").stdout
    assert "started as aoc with --config=/etc/fxrates/otel-collector.yaml" in log, log + status(host)
    assert "etc read-only" in log, log
    assert sh(host, "test -e /opt/aws/aws-otel-collector/var/state").returncode == 0
    sh(host, "systemctl stop fxrates-otel-collector")


# ---- the same contract, read from the files (runs without an engine too) ------------------------
def settings(name):
    pairs = [line.split("=", 1) for line in (ROOT / "systemd" / name).read_text().splitlines()
             if "=" in line and not line.startswith("#")]
    return {k: [v for key, v in pairs if key == k] for k, _ in pairs}


def test_unit_files_keep_the_contract():
    path = settings("fxrates.path")
    assert path.get("PathChanged") == ["/etc/fxrates/fxrates.env"] and "PathExists" not in path
    app = settings("fxrates.service")
    assert app["SuccessExitStatus"] == ["143"]
    assert app["StandardOutput"] == ["null"] and app["StandardError"] == ["journal"]
    assert app["ConditionPathExists"] == ["/etc/fxrates/fxrates.env"]
    assert "multi-user.target" in app["WantedBy"]     # later boots start it without the path unit
    collector = settings("fxrates-otel-collector.service")
    assert collector["ProtectSystem"] == ["strict"]
    assert collector["ReadWritePaths"] == ["/opt/aws/aws-otel-collector/logs /opt/aws/aws-otel-collector/var"]
