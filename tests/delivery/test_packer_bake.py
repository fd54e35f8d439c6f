"""The bake can start: the Packer files are as `packer fmt` wants them, the build instance is
reached without an open port, the host check calls only commands that exist, and the X-Ray daemon
comes from the object AWS publishes, verified before it is installed.

Packer itself cannot run here (Debian's packer is 1.6.6 and reads no HCL2 template with plugins):
formatting is checked with terraform's formatter, which is the one `packer fmt` uses; the
provisioner scripts run against stand-ins for curl, rpm, dnf and systemctl (a fake, the weakest
evidence; what they prove is the script's own logic: names, order, refusals)."""
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SYSTEM_PATH, require_tool

PACKER_FILES = sorted((ROOT / "packer").rglob("*.pkr.hcl")) + sorted((ROOT / "packer").rglob("*.pkrvars.hcl"))
TEMPLATE = (ROOT / "packer/fxrates.pkr.hcl").read_text()
AWS_XRAY_KEY = "EA6D9271FBF36990277F4B877BFE036BFE6157D3"   # X-Ray developer guide, "Verifying ... signature"


# ---- formatting ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", PACKER_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_packer_file_is_fmt_clean(path, tmp_path):
    """scripts/bake-ami runs `packer fmt -check` before anything else; terraform's `fmt` is the
    same HCL formatter and only takes .tf names, hence the copy."""
    terraform = shutil.which("terraform")
    if terraform:
        copy = tmp_path / (path.name.replace(".", "_") + ".tf")
        copy.write_text(path.read_text())
        command = [terraform, "fmt", "-check", "-diff", "-no-color", str(copy)]
    else:
        command = [require_tool("packer", "packer (>= 1.10, from HashiCorp)"), "fmt", "-check", "-diff", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{path.name} is not fmt-clean; run 'packer fmt -recursive packer/':\n{result.stdout}"


# ---- the build instance -------------------------------------------------------------------------
def test_build_instance_opens_no_port_and_waits_a_bounded_time():
    source = TEMPLATE[TEMPLATE.index('source "amazon-ebs"'):TEMPLATE.index("build {")]
    assert 'ssh_interface               = "session_manager"' in source
    assert re.search(r"^\s*ssh_timeout\s*=\s*var\.communicator_timeout$", source, re.M)
    assert re.search(r'variable "communicator_timeout" \{\n  type        = string\n  default     = "\d+m"', TEMPLATE)
    # The bake stack's group (no inbound rule); Packer's own temporary group would admit
    # 0.0.0.0/0 on port 22 unless told otherwise.
    assert re.search(r"^\s*security_group_id\s*=\s*var\.security_group_id", source, re.M)
    cidrs = re.search(r"^\s*temporary_security_group_source_cidrs\s*=\s*(\[.*\])$", source, re.M).group(1)
    assert json.loads(cidrs) == ["127.0.0.1/32"]
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    assert "0.0.0.0/0" not in code
    # No temporary instance profile (it races IAM propagation): the bake stack's profile.
    assert "temporary_iam_instance_profile_policy_document" not in TEMPLATE
    assert re.search(r"^\s*iam_instance_profile\s*=\s*var\.iam_instance_profile", source, re.M)


def test_validate_runs_last_after_cleanup_with_the_region():
    scripts = re.findall(r'"\$\{path\.root\}/provisioners/([\w-]+\.sh)"', TEMPLATE)
    assert scripts[-2:] == ["cleanup.sh", "validate.sh"], scripts
    block = TEMPLATE[TEMPLATE.rindex('provisioner "shell"'):TEMPLATE.index("post-processors {")]
    assert '"AWS_REGION=${var.aws_region}"' in block


# ---- the host check -----------------------------------------------------------------------------
VALIDATE = (ROOT / "packer/provisioners/validate.sh").read_text()


def test_host_check_calls_no_collector_subcommand():
    """aws-otel-collector has no `validate` sub-command (its main builds its own cobra command with
    only the run flags): the check starts the collector and probes its health_check extension."""
    assert not re.search(r"aws-otel-collector\S*\s+validate", VALIDATE)
    assert not re.search(r'"\$collector"\s+validate', VALIDATE)
    assert '"$collector" --config="$collector_config"' in VALIDATE


def test_host_check_probes_the_health_endpoint_the_collector_configuration_opens():
    config = yaml.safe_load((ROOT / "observability/otel-collector.yaml").read_text())
    assert "health_check" in config["service"]["extensions"]
    endpoint = config["extensions"]["health_check"]["endpoint"]
    assert f"http://{endpoint}/" in VALIDATE
    unit = (ROOT / "systemd/fxrates-otel-collector.service").read_text()
    config_path = re.search(r"^collector_config=(\S+)$", VALIDATE, re.M).group(1)
    assert f"--config={config_path}" in unit
    # As the unit's user, so a file only root could read fails the bake, not the host.
    user = re.search(r"^User=(\S+)$", unit, re.M).group(1)
    assert f"--reuid={user}" in VALIDATE


# ---- the X-Ray daemon ---------------------------------------------------------------------------
class XrayInstall:
    """Runs install-xray-daemon.sh with stand-ins for curl, rpm, dnf and systemctl (and, unless
    real_gpg, gpg) that log their arguments; curl 'downloads' fixed bytes."""

    RPM = b"not really an rpm\n"

    def __init__(self, tmp: Path, real_gpg: bool = False, checksig: str = "digests signatures OK", version="3.6.6"):
        self.tmp, self.bin, self.log = tmp, tmp / "bin", tmp / "calls.log"
        self.bin.mkdir(parents=True)
        self.stub("curl", r'''out=""; url=""
while [ $# -gt 0 ]; do case "$1" in --output) out=$2; shift 2 ;; *) url=$1; shift ;; esac; done
echo "curl $url" >>"$LOG"
case "$url" in *.gpg) cp "$KEY" "$out" ;; *) printf 'not really an rpm\n' >"$out" ;; esac''')
        self.stub("rpm", f'''echo "rpm $*" >>"$LOG"
case "$1" in --checksig) echo "$2: {checksig}" ;; -q) printf '{version}' ;; esac''')
        self.stub("dnf", 'echo "dnf $*" >>"$LOG"')
        self.stub("systemctl", 'echo "systemctl $*" >>"$LOG"')
        if not real_gpg:
            self.stub("gpg", f'''echo "gpg $*" >>"$LOG"
case "$*" in *--fingerprint*) echo "pub:-:4096:1:7BFE036BFE6157D3:::::::scESC:"; echo "fpr:::::::::{AWS_XRAY_KEY}:" ;; esac''')
        self.key = tmp / "aws-xray.gpg"
        self.key.write_text("key\n")

    def stub(self, name, body):
        (self.bin / name).write_text("#!/bin/sh\n" + body + "\n")
        (self.bin / name).chmod(0o755)

    def run(self, **env):
        base = {"PATH": f"{self.bin}:{SYSTEM_PATH}", "HOME": str(self.tmp), "LOG": str(self.log), "KEY": str(self.key),
                "ARCH": "x86_64", "AWS_REGION": "eu-central-1", "XRAY_DAEMON_VERSION": "3.6.6"}
        base.update(env)
        return subprocess.run(["bash", str(ROOT / "packer/provisioners/install-xray-daemon.sh")], capture_output=True,
                              text=True, env=base, timeout=60)

    def calls(self):
        return self.log.read_text().splitlines() if self.log.exists() else []


BASE = "https://s3.eu-central-1.amazonaws.com/aws-xray-assets.eu-central-1/xray-daemon"


@pytest.mark.parametrize("arch, rpm_arch", [("x86_64", "amd64"), ("arm64", "arm64")])
def test_xray_daemon_is_the_published_object_checked_then_installed(tmp_path, arch, rpm_arch):
    fake = XrayInstall(tmp_path)
    result = fake.run(ARCH=arch)
    assert result.returncode == 0, result.stderr
    rpm = f"aws-xray-daemon-linux-{rpm_arch}-3.6.6.rpm"
    calls = fake.calls()
    assert [c for c in calls if c.startswith("curl")] == [f"curl {BASE}/aws-xray.gpg", f"curl {BASE}/{rpm}"]
    order = [c.split()[0] + " " + c.split()[1] for c in calls if not c.startswith("curl")]
    # key imported and checked, signature checked, and only then installed and enabled
    assert order.index("rpm --import") < order.index("rpm --checksig") < order.index("dnf -y") \
        < order.index("systemctl enable")
    assert any(c.startswith("dnf -y -q install ") and c.endswith("/" + rpm) for c in calls)
    assert f"SHA-256 {hashlib.sha256(XrayInstall.RPM).hexdigest()}" in result.stdout


def test_xray_daemon_with_a_bad_signature_is_not_installed(tmp_path):
    fake = XrayInstall(tmp_path, checksig="DIGESTS SIGNATURES NOT OK")
    result = fake.run()
    assert result.returncode == 1 and "fails its signature check" in result.stderr
    assert not [c for c in fake.calls() if c.startswith("dnf")]


def test_xray_daemon_with_another_sha256_than_pinned_is_not_installed(tmp_path):
    fake = XrayInstall(tmp_path)
    result = fake.run(XRAY_DAEMON_SHA256="0" * 64)
    assert result.returncode == 1 and "pinned 000" in result.stderr
    assert not [c for c in fake.calls() if c.startswith("dnf")]
    ok = XrayInstall(tmp_path / "again").run(XRAY_DAEMON_SHA256=hashlib.sha256(XrayInstall.RPM).hexdigest())
    assert ok.returncode == 0 and "(as pinned)" in ok.stdout


def test_xray_daemon_signed_by_another_key_is_refused_by_its_fingerprint(tmp_path):
    """Real gpg: a key made here is not AWS's documented X-Ray key."""
    gpg = require_tool("gpg", "gnupg")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    (tmp_path / "again").mkdir()
    subprocess.run([gpg, "--homedir", str(home), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Not AWS <nobody@example.invalid>", "ed25519", "sign", "never"], check=True, capture_output=True,
                   timeout=60)
    exported = subprocess.run([gpg, "--homedir", str(home), "--export"], check=True, capture_output=True, timeout=60)
    fake = XrayInstall(tmp_path / "again", real_gpg=True)
    fake.key.write_bytes(exported.stdout)
    result = fake.run()
    assert result.returncode == 1 and f"not AWS's documented {AWS_XRAY_KEY}" in result.stderr
    assert not [c for c in fake.calls() if c.startswith(("rpm", "dnf"))]


@pytest.mark.parametrize("version", ["3.2.0", "2.1.0", "3.x"])
def test_xray_daemon_before_3_3_0_is_refused(tmp_path, version):
    result = XrayInstall(tmp_path).run(XRAY_DAEMON_VERSION=version)
    assert result.returncode == 1 and "older than 3.3.0" in result.stderr


@pytest.mark.parametrize("env", ["dev", "stg", "prd"])
def test_environments_pin_an_xray_daemon_release_with_published_rpm_names(env):
    values = (ROOT / f"packer/env/{env}.pkrvars.hcl").read_text()
    version = re.search(r'^xray_daemon_version\s*=\s*"([^"]+)"', values, re.M).group(1)
    major, minor, _ = map(int, version.split("."))
    assert (major, minor) >= (3, 3), version
    assert re.search(r'^xray_daemon_sha256\s*=\s*"([0-9a-f]{64})?"$', values, re.M)
