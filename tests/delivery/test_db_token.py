"""The web instances' database login on the host: systemd/libexec/db-token (an IAM token for the
read-only role, refreshed by a timer) and what run-container hands the container. Against a fake
aws and a fake docker that record their calls: this shows the scripts' behaviour and the exact
calls, not that AWS accepts the token (that needs a real cluster)."""
import os
import stat
import subprocess

from conftest import ROOT, SYSTEM_PATH

TOKEN = ("fxrates-dev.cluster-abc.eu-central-1.rds.amazonaws.com:5432/?Action=connect&DBUser=fxrates_reader"
         "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature=0123abcd")
HOST_ENV = {"AWS_REGION": "eu-central-1", "FXRATES_DB_HOST": "fxrates-dev.cluster-abc.eu-central-1.rds.amazonaws.com",
            "FXRATES_DB_PORT": "5432", "FXRATES_DB_USER": "fxrates_reader"}


def run_host_script(sandbox, name, env):
    sandbox.rules_file.write_text(__import__("json").dumps({"rules": sandbox.rules}))
    full = {"PATH": f"{sandbox.bin}:{SYSTEM_PATH}", "HOME": str(sandbox.home), "FAKE_LOG": str(sandbox.log),
            "FAKE_RULES": str(sandbox.rules_file), **env}
    return subprocess.run(["bash", str(ROOT / "systemd/libexec" / name)], capture_output=True, text=True,
                          env=full, timeout=60)


def token_env(sandbox, **extra):
    return {**HOST_ENV, "FXRATES_TOKEN_DIR": str(sandbox.tmp / "run-fxrates"),
            "FXRATES_CONTAINER_GID": str(os.getgid()), "FXRATES_TOKEN_ATTEMPTS": "3", **extra}


# ---- db-token ----------------------------------------------------------------------------------
def test_db_token_signs_for_the_reader_and_writes_the_token_atomically_for_the_container(sandbox):
    sandbox.fake("aws")
    sandbox.on("rds", "generate-db-auth-token", responses=[{"stderr": "Unable to locate credentials", "exit": 253}, TOKEN])
    result = run_host_script(sandbox, "db-token", token_env(sandbox))
    assert result.returncode == 0, result.stderr
    assert sandbox.calls() == [["rds", "generate-db-auth-token", "--hostname", HOST_ENV["FXRATES_DB_HOST"],
                                "--port", "5432", "--region", "eu-central-1", "--username", "fxrates_reader"]] * 2
    directory = sandbox.tmp / "run-fxrates"
    token = directory / "db-auth-token"
    assert token.read_text() == TOKEN, "the token and nothing else (no newline)"
    assert stat.S_IMODE(token.stat().st_mode) == 0o440
    assert stat.S_IMODE(directory.stat().st_mode) == 0o750
    assert token.stat().st_gid == os.getgid() == directory.stat().st_gid
    assert [p.name for p in directory.iterdir()] == ["db-auth-token"], "no temporary file left behind"
    assert "X-Amz-Signature" not in result.stderr + result.stdout, "the token is never logged"


def test_db_token_replaces_the_file_by_rename_so_a_reader_never_sees_half_a_token(sandbox):
    sandbox.fake("aws")
    sandbox.on("rds", "generate-db-auth-token", responses=[TOKEN, TOKEN.replace("0123abcd", "4567ef01")])
    env = token_env(sandbox)
    assert run_host_script(sandbox, "db-token", env).returncode == 0
    token = sandbox.tmp / "run-fxrates" / "db-auth-token"
    first = token.stat().st_ino
    with open(token) as held:  # a reader that opened the old file keeps reading a whole old token
        result = run_host_script(sandbox, "db-token", env)
        assert result.returncode == 0, result.stderr
        assert held.read() == TOKEN
    assert token.stat().st_ino != first
    assert token.read_text().endswith("4567ef01")


def test_db_token_refuses_an_answer_that_is_not_a_token(sandbox):
    sandbox.fake("aws")
    sandbox.on("rds", "generate-db-auth-token", responses="<html>error</html>")
    result = run_host_script(sandbox, "db-token", token_env(sandbox))
    assert result.returncode == 1 and "not a token" in result.stderr
    assert not (sandbox.tmp / "run-fxrates" / "db-auth-token").exists()


def test_db_token_gives_up_after_its_attempts_and_keeps_the_previous_token(sandbox):
    directory = sandbox.tmp / "run-fxrates"
    directory.mkdir()
    (directory / "db-auth-token").write_text("previous")
    sandbox.fake("aws")
    sandbox.on("rds", "generate-db-auth-token", responses={"stderr": "Unable to locate credentials", "exit": 253})
    sandbox.stub("sleep")  # host_retry's back-off
    result = run_host_script(sandbox, "db-token", token_env(sandbox))
    assert result.returncode == 1 and "cannot sign a database token" in result.stderr
    assert len(sandbox.calls()) == 3
    assert (directory / "db-auth-token").read_text() == "previous"


def test_db_token_needs_its_settings_from_the_environment_file(sandbox):
    sandbox.fake("aws")
    env = token_env(sandbox)
    del env["FXRATES_DB_HOST"]
    result = run_host_script(sandbox, "db-token", env)
    assert result.returncode == 1 and "FXRATES_DB_HOST is not set" in result.stderr
    assert sandbox.calls() == []


# ---- run-container -----------------------------------------------------------------------------
def container_env(sandbox, **extra):
    token_dir, ca_dir = sandbox.tmp / "run-fxrates", sandbox.tmp / "rds-ca"
    token_dir.mkdir(exist_ok=True)
    ca_dir.mkdir(exist_ok=True)
    (token_dir / "db-auth-token").write_text(TOKEN)
    (ca_dir / "global-bundle.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    return {"FXRATES_IMAGE": "123.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server:abc", "FXRATES_ENV": "dev",
            "FXRATES_DB_URL": "jdbc:postgresql://h:5432/fxrates", "FXRATES_DB_USER": "fxrates_reader",
            "FXRATES_DB_SSL_MODE": "verify-full", "FXRATES_DB_MIGRATE": "false", "AWS_REGION": "eu-central-1",
            "FXRATES_TOKEN_DIR": str(token_dir), "FXRATES_RDS_CA_DIR": str(ca_dir), "FXRATES_MEMORY_LIMIT": "512m",
            **extra}


def docker_run_args(sandbox):
    (call,) = sandbox.calls("docker")
    return call


def test_run_container_mounts_the_token_directory_and_the_ca_bundle_read_only(sandbox):
    sandbox.fake("docker")
    sandbox.on("run", tool="docker", responses="")
    env = container_env(sandbox)
    result = run_host_script(sandbox, "run-container", env)
    assert result.returncode == 0, result.stderr
    args = docker_run_args(sandbox)
    volumes = [args[i + 1] for i, a in enumerate(args) if a == "--volume"]
    assert volumes == [f"{env['FXRATES_TOKEN_DIR']}:/run/fxrates:ro", f"{env['FXRATES_RDS_CA_DIR']}:/etc/fxrates/rds-ca:ro"]
    passed = {args[i + 1] for i, a in enumerate(args) if a == "-e"}
    assert {"FXRATES_DB_URL", "FXRATES_DB_USER", "FXRATES_DB_PASSWORD_FILE", "FXRATES_DB_SSL_MODE",
            "FXRATES_DB_SSL_ROOT_CERT", "FXRATES_DB_MIGRATE"} <= passed
    assert "FXRATES_DB_PASSWORD" not in passed and "--env-file" not in args
    assert TOKEN not in " ".join(args), "the token goes by file, never on the command line"
    assert args[-1] == env["FXRATES_IMAGE"]


def test_run_container_sets_the_container_paths_of_the_token_and_the_bundle(sandbox):
    # docker -e NAME copies NAME from run-container's environment: a fake docker that prints them
    sandbox.stub("docker", 'printf "%s|%s|%s|%s\\n" "$FXRATES_DB_PASSWORD_FILE" "$FXRATES_DB_SSL_ROOT_CERT" '
                           '"$FXRATES_DB_SSL_MODE" "$FXRATES_DB_MIGRATE"')
    result = run_host_script(sandbox, "run-container", container_env(sandbox))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/run/fxrates/db-auth-token|/etc/fxrates/rds-ca/global-bundle.pem|verify-full|false"


def test_run_container_refuses_to_start_without_a_token_or_a_bundle(sandbox):
    sandbox.fake("docker")
    env = container_env(sandbox)
    os.remove(os.path.join(env["FXRATES_TOKEN_DIR"], "db-auth-token"))
    result = run_host_script(sandbox, "run-container", env)
    assert result.returncode == 1 and "db-token must run first" in result.stderr
    env = container_env(sandbox)
    os.remove(os.path.join(env["FXRATES_RDS_CA_DIR"], "global-bundle.pem"))
    result = run_host_script(sandbox, "run-container", env)
    assert result.returncode == 1 and "install-rds-ca.sh" in result.stderr
    assert sandbox.calls("docker") == []


# ---- units ---------------------------------------------------------------------------------------
def settings(name):
    values = {}
    for line in (ROOT / "systemd" / name).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key, []).append(value)
    return values


def test_the_timer_refreshes_well_within_the_token_lifetime_and_the_app_starts_with_a_fresh_token():
    timer = settings("fxrates-db-token.timer")
    assert timer["OnCalendar"] == ["*:0/5"] and timer["Unit"] == ["fxrates-db-token.service"]
    assert timer["WantedBy"] == ["timers.target"]
    service = settings("fxrates-db-token.service")
    assert service["Type"] == ["oneshot"]
    assert service["ExecStart"] == ["/usr/local/libexec/fxrates/db-token"]
    assert service["ConditionPathExists"] == ["/etc/fxrates/fxrates.env"]
    app = settings("fxrates.service")
    assert app["ExecStartPre"][0] == "/usr/local/libexec/fxrates/db-token"
    assert "fxrates-db-token.timer" in app["Wants"][0].split()
    # systemd would remove /run/fxrates (and the token) whenever the app stops
    assert "RuntimeDirectory" not in app
    install = (ROOT / "packer/provisioners/install-fxrates.sh").read_text()
    assert '"$WORK_DIR"/systemd/*.timer' in install and "fxrates-db-token.timer" in install
