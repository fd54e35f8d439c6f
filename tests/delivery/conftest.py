"""Shared fixtures for the delivery tests: the repository root and a sandbox of fake tools."""
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE = Path(__file__).with_name("fake_aws.py")
# Directories searched for real tools in the sandbox: the system ones, never the user's (so a real
# aws, sam or packer installed elsewhere can't be called by accident).
SYSTEM_PATH = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"
# Looks like a PEM bundle to deploy's zip check; not a real certificate.
STAND_IN_PEM = "-----BEGIN CERTIFICATE-----\nc3RhbmQtaW4=\n-----END CERTIFICATE-----\n"


def require_tool(tool: str, package: str) -> str:
    """Return the tool's path, or fail (not skip) naming the package that provides it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"'{tool}' is not installed: install the package '{package}' "
                    f"(./scripts/test installs it), then run the tests again", pytrace=False)
    return path


class Sandbox:
    """Runs a script of scripts/ with fake tools first on PATH and records what they were asked."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.home = tmp / "home"
        self.home.mkdir()
        self.log = tmp / "calls.jsonl"
        self.rules_file = tmp / "rules.json"
        self.rules: list = []
        self.env_extra: dict = {}

    def fake(self, *tools: str) -> None:
        """Put fake versions of these tools (aws, docker, packer, sam, ...) on PATH."""
        for tool in tools:
            target = self.bin / tool
            target.write_text(f"#!{sys.executable}\n" + FAKE.read_text())
            target.chmod(0o755)

    def stub(self, tool: str, body: str = "exit 0") -> None:
        """Put a small shell stub on PATH (for tools whose output does not matter)."""
        target = self.bin / tool
        target.write_text(f"#!/bin/sh\n{body}\n")
        target.chmod(0o755)

    def on(self, *match: str, responses, tool: str = "aws") -> None:
        """Add a rule: calls of `tool` containing all `match` words answer with `responses`."""
        if not isinstance(responses, list):
            responses = [responses]
        self.rules.append({"tool": tool, "match": list(match), "responses": responses})

    def repo(self) -> Path:
        """A copy of scripts/ (and packer/) in a scratch tree with stand-in stack files, so the
        deploy tests do not depend on the infrastructure templates' progress."""
        repo = self.tmp / "repo"
        if repo.exists():
            return repo
        shutil.copytree(ROOT / "scripts", repo / "scripts")
        if (ROOT / "packer").exists():
            shutil.copytree(ROOT / "packer", repo / "packer")
        for name in ("network", "bake", "registry", "access-logs", "app", "waf", "observability"):
            (repo / "cloudformation").mkdir(exist_ok=True)
            (repo / "cloudformation" / f"{name}.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\n")
            for env in ("dev", "stg", "prd"):
                (repo / "environments" / env).mkdir(parents=True, exist_ok=True)
                params = [{"ParameterKey": "EnvironmentName", "ParameterValue": env}]
                if name == "app":
                    params.append({"ParameterKey": "ImageTag", "ParameterValue": "0123456789ab"})
                (repo / "environments" / env / f"{name}.json").write_text(json.dumps(params))
                (repo / "environments" / env / "samconfig.toml").write_text("version = 0.1\n")
        (repo / "sam").mkdir(exist_ok=True)
        (repo / "sam" / "template.yaml").write_text("Transform: AWS::Serverless-2016-10-31\n")
        (repo / "lambda-updater" / "target").mkdir(parents=True)
        # a Lambda zip as scripts/build-image leaves it: with the RDS CA bundle (deploy checks it)
        with zipfile.ZipFile(repo / "lambda-updater" / "target" / "fxrates-lambda-updater.zip", "w") as archive:
            archive.writestr("io/fxrates/Stand.class", b"stand-in")
            archive.writestr("rds-ca/global-bundle.pem", STAND_IN_PEM)
        return repo

    def run(self, script: str, *args: str, cwd: Path = ROOT, timeout: int = 60, repo: Path = ROOT):
        self.rules_file.write_text(json.dumps({"rules": self.rules}))
        state = Path(str(self.rules_file) + ".state")
        if state.exists():
            state.unlink()
        if self.log.exists():
            self.log.unlink()
        env = {
            "PATH": f"{self.bin}:{SYSTEM_PATH}",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "FAKE_LOG": str(self.log),
            "FAKE_RULES": str(self.rules_file),
            "FXRATES_POLL_SECONDS": "0",
            "AWS_REGION": "eu-central-1",
            "AWS_PAGER": "",
        }
        env.update(self.env_extra)
        env = {k: v for k, v in env.items() if v is not None}
        return subprocess.run(["bash", str(repo / "scripts" / script), *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=timeout)

    def calls(self, tool: str = "aws") -> list:
        if not self.log.exists():
            return []
        lines = [json.loads(line) for line in self.log.read_text().splitlines()]
        return [line["argv"] for line in lines if line["tool"] == tool]

    def files(self, *match: str) -> dict:
        """The file://....json contents sent with the last aws call containing all `match` words."""
        if not self.log.exists():
            return {}
        lines = [json.loads(line) for line in self.log.read_text().splitlines()]
        hits = [line for line in lines if line["tool"] == "aws" and all(m in line["argv"] for m in match)]
        return hits[-1].get("files", {}) if hits else {}

    def parameters(self, *match: str) -> dict:
        """The --parameters file of the last aws call containing all `match` words, by key:
        {"Key": "value"} or {"Key": {"UsePreviousValue": True}}."""
        call = [c for c in self.calls("aws") if all(m in c for m in match)][-1]
        content = self.files(*match)[call[call.index("--parameters") + 1]]
        return {p["ParameterKey"]: p["ParameterValue"] if "ParameterValue" in p else {"UsePreviousValue": p["UsePreviousValue"]}
                for p in content}

    def changing_calls(self) -> list:
        """The aws calls that change something (everything but describe/get/list/wait/sts)."""
        readonly = ("describe-", "get-", "batch-get-", "list-", "wait")
        return [c for c in self.calls("aws")
                if c and c[0] != "sts" and not any(c[1].startswith(p) for p in readonly)]


@pytest.fixture
def sandbox(tmp_path):
    return Sandbox(tmp_path)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# ---- a real Docker engine (tests/delivery/test_docker_*.py) -----------------------------------
@pytest.fixture(scope="session")
def base_images():
    """The pinned base images, present in the engine: pulled, or built as local stand-ins when no
    registry answers (tests/delivery/standins/build-standins). Skips without an engine (fails
    under CI=true)."""
    import time
    import dockerlib
    dockerlib.require_engine()
    names = dockerlib.pinned_base_images()
    started = time.monotonic()
    result = subprocess.run([str(dockerlib.STANDINS), *names], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"build-standins failed:\n{result.stdout}\n{result.stderr}"
    sys.stderr.write(result.stderr)
    print(f"base images ready in {time.monotonic() - started:.0f} s: {', '.join(names)}")
    return names


def stand_in_rds_ca_bundle() -> str:
    """A self-signed CA certificate made here, in the place of the RDS CA bundle that
    scripts/build-image downloads (packer/provisioners/install-rds-ca.sh, RDS_CA_FILE)."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fxrates docker-test stand-in RDS CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _restore_lambda_zip(zip_path: Path, before) -> None:
    """Puts the Lambda zip back as it was before build-image wrote the stand-in bundle into it:
    its old bytes, or (when build-image's own Maven build made it) the zip without that entry, so
    the stand-in CA can never be deployed."""
    if before is not None:
        zip_path.write_bytes(before)
    elif zip_path.exists():
        kept = zip_path.with_suffix(".kept.zip")
        with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(kept, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                if item.filename != "rds-ca/global-bundle.pem":
                    dst.writestr(item, src.read(item.filename))
        kept.replace(zip_path)


@pytest.fixture(scope="session")
def server_image(base_images, tmp_path_factory):
    """fxrates/server:docker-test, built through scripts/build-image (with the Maven output of this
    work tree when it exists, else build-image runs the Maven build itself). build-image also puts
    the RDS CA bundle into the Lambda zip, downloaded from AWS; the image does not carry it, so
    this fixture hands build-image a stand-in CA instead (RDS_CA_FILE: no internet needed) and puts
    the work tree's Lambda zip back as it was afterwards. The image is removed afterwards."""
    import time
    tag = "docker-test"
    zip_path = ROOT / "lambda-updater/target/fxrates-lambda-updater.zip"
    jars = [ROOT / "server/target/fxrates-server.jar", ROOT / "server/target/libs", zip_path]
    skip_maven = ["--skip-maven"] if all(p.exists() for p in jars) else []
    ca = tmp_path_factory.mktemp("rds-ca") / "global-bundle.pem"
    ca.write_text(stand_in_rds_ca_bundle())
    before = zip_path.read_bytes() if zip_path.exists() else None
    started = time.monotonic()
    try:
        result = subprocess.run([str(ROOT / "scripts/build-image"), "--tag", tag, *skip_maven], capture_output=True,
                                text=True, timeout=1800, cwd=ROOT, env={**os.environ, "RDS_CA_FILE": str(ca)})
    finally:
        _restore_lambda_zip(zip_path, before)
    assert result.returncode == 0, f"scripts/build-image failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    print(f"scripts/build-image {' '.join(skip_maven)} took {time.monotonic() - started:.0f} s")
    image = f"fxrates/server:{tag}"
    yield image
    subprocess.run(["docker", "image", "rm", image], capture_output=True, timeout=120)
