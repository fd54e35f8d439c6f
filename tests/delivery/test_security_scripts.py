"""Issue 10 in the operators' scripts and the bake: the RDS CA bundle (fetched and checked by
packer/provisioners/install-rds-ca.sh, put into the Lambda zip by build-image, required by deploy),
the alert subscription deploy requires in stg and prd, and the database bootstrap deploy runs after
the SAM stack. Against fake aws, sam and docker: these show the scripts' decisions and calls; the
certificates are made here with the cryptography package, not real RDS CAs."""
import datetime
import json
import subprocess
import zipfile

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import ROOT, SYSTEM_PATH
from test_deploy import BOOTSTRAP_QUERY, image_check_calls, setup

INSTALL_RDS_CA = ROOT / "packer/provisioners/install-rds-ca.sh"


def certificate(name, ca=True, days=(-1, 365)):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + datetime.timedelta(days=days[0])).not_valid_after(now + datetime.timedelta(days=days[1]))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key


def bundle(*pems):
    return "".join(pems)


@pytest.fixture(scope="module")
def good_bundle():
    return bundle(certificate("Test RDS Root CA A")[0], certificate("Test RDS Root CA B")[0])


def install(tmp_path, content):
    source = tmp_path / "downloaded.pem"
    source.write_text(content)
    dest = tmp_path / "etc" / "rds-ca" / "global-bundle.pem"
    result = subprocess.run(["bash", str(INSTALL_RDS_CA)], capture_output=True, text=True, timeout=60,
                            env={"PATH": SYSTEM_PATH, "RDS_CA_FILE": str(source), "RDS_CA_DEST": str(dest)})
    return result, dest


# ---- packer/provisioners/install-rds-ca.sh --------------------------------------------------------
def test_a_bundle_of_ca_certificates_is_installed_world_readable(tmp_path, good_bundle):
    result, dest = install(tmp_path, good_bundle)
    assert result.returncode == 0, result.stderr
    assert dest.read_text() == good_bundle
    assert oct(dest.stat().st_mode & 0o777) == "0o644", "mounted read-only into the container (uid 10001)"
    assert "2 CA certificates" in result.stderr


@pytest.mark.parametrize("case", ["html", "empty", "truncated", "private key", "leaf", "garbage between"])
def test_anything_but_a_pem_bundle_of_ca_certificates_is_refused(tmp_path, good_bundle, case):
    cert, key = certificate("Test RDS Root CA")
    content = {
        "html": "<html><body>503 Service Unavailable</body></html>\n",
        "empty": "",
        "truncated": good_bundle[:-40],  # the last certificate cut off before its END line
        "private key": cert + key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()).decode(),
        "leaf": certificate("db.example.internal", ca=False)[0],
        "garbage between": cert + "not base64 !\n" + cert,
    }[case]
    result, dest = install(tmp_path, content)
    assert result.returncode == 1, result.stderr
    assert not dest.exists()


def test_a_bundle_whose_certificates_have_all_expired_is_refused(tmp_path):
    result, dest = install(tmp_path, certificate("Expired CA", days=(-30, -1))[0])
    assert result.returncode == 1 and "expired" in result.stderr
    assert not dest.exists()


def test_the_bake_runs_the_provisioner_with_the_global_bundle_url(root):
    text = INSTALL_RDS_CA.read_text()
    assert "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem" in text
    assert "/etc/fxrates/rds-ca/global-bundle.pem" in text
    assert "--proto '=https'" in text
    hcl = (root / "packer/fxrates.pkr.hcl").read_text()
    assert hcl.count('"${path.root}/provisioners/install-rds-ca.sh"') == 1
    # before install-fxrates.sh: the host is complete when the units are enabled
    assert hcl.index("install-rds-ca.sh") < hcl.index("install-fxrates.sh")
    assert not list(root.rglob("global-bundle.pem")), "the bundle is fetched at build time, never committed"


# ---- scripts/build-image -----------------------------------------------------------------------
def build_repo(sandbox, zip_entries):
    repo = sandbox.repo()
    (repo / "packer" / "provisioners").mkdir(parents=True, exist_ok=True)
    archive = repo / "lambda-updater" / "target" / "fxrates-lambda-updater.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, data in zip_entries.items():
            z.writestr(name, data)
    (repo / "server" / "target" / "libs").mkdir(parents=True)
    (repo / "server" / "target" / "fxrates-server.jar").write_bytes(b"PK")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo, archive


def test_build_image_puts_the_checked_bundle_into_the_lambda_zip(sandbox, tmp_path, good_bundle):
    sandbox.fake("docker")
    sandbox.on("info", tool="docker", responses="ok")
    sandbox.on("build", tool="docker", responses="built")
    repo, archive = build_repo(sandbox, {"io/fxrates/Handler.class": b"code",
                                         "rds-ca/global-bundle.pem": "-----BEGIN CERTIFICATE-----\nold\n"})
    source = tmp_path / "mirror.pem"
    source.write_text(good_bundle)
    sandbox.env_extra["RDS_CA_FILE"] = str(source)    # instead of the download (no internet here)
    result = sandbox.run("build-image", "--skip-maven", "--tag", "abcdef123456", repo=repo, cwd=repo)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names.count("rds-ca/global-bundle.pem") == 1, "an older copy is replaced, not duplicated"
        assert z.read("rds-ca/global-bundle.pem").decode() == good_bundle
        assert z.read("io/fxrates/Handler.class") == b"code"
    assert ["build", "--file", "server/Dockerfile", "--build-arg", "GIT_COMMIT=abcdef123456", "--tag",
            "fxrates/server:abcdef123456", "--tag", "fxrates/server:local", "."] in sandbox.calls("docker")


def test_build_image_stops_when_the_bundle_is_not_a_bundle(sandbox, tmp_path):
    sandbox.fake("docker")
    sandbox.on("info", tool="docker", responses="ok")
    repo, archive = build_repo(sandbox, {"io/fxrates/Handler.class": b"code"})
    source = tmp_path / "error.html"
    source.write_text("<html>captive portal</html>\n")
    sandbox.env_extra["RDS_CA_FILE"] = str(source)
    result = sandbox.run("build-image", "--skip-maven", "--tag", "abcdef123456", repo=repo, cwd=repo)
    assert result.returncode == 1 and "deploy would refuse it" in result.stderr
    with zipfile.ZipFile(archive) as z:
        assert "rds-ca/global-bundle.pem" not in z.namelist()
    assert not [c for c in sandbox.calls("docker") if c[0] == "build"]


def test_build_image_dry_run_names_the_bundle_step(sandbox):
    sandbox.fake("docker")
    result = sandbox.run("build-image", "--dry-run", "--tag", "abcdef123456")
    assert result.returncode == 0, result.stderr
    assert "[dry-run] add the RDS CA bundle to lambda-updater/target/fxrates-lambda-updater.zip as rds-ca/global-bundle.pem" in result.stdout


# ---- scripts/deploy: the zip -------------------------------------------------------------------------
@pytest.mark.parametrize("entries, message", [
    ({"io/fxrates/Handler.class": b"code"}, "has no rds-ca/global-bundle.pem"),
    ({"rds-ca/global-bundle.pem": b"<html>"}, "is not a PEM certificate bundle"),
])
def test_deploy_refuses_a_lambda_zip_without_the_bundle(sandbox, entries, message):
    setup(sandbox)
    repo = sandbox.repo()
    with zipfile.ZipFile(repo / "lambda-updater" / "target" / "fxrates-lambda-updater.zip", "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 1 and message in result.stderr
    assert sandbox.changing_calls() == [] and sandbox.calls("sam") == []


def test_deploy_without_the_updater_does_not_need_the_zip(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    (repo / "lambda-updater" / "target" / "fxrates-lambda-updater.zip").write_bytes(b"not a zip")
    result = sandbox.run("deploy", "dev", "--only", "network", repo=repo)
    assert result.returncode == 0, result.stderr


# ---- scripts/deploy: alerts must reach someone in stg and prd -------------------------------------------
def samconfig(email):
    return ('version = 0.1\n[default.deploy.parameters]\nstack_name = "x"\n'
            f'parameter_overrides = "EnvironmentName=\\"prd\\" AlertEmail=\\"{email}\\""\n')


def env_setup(sandbox, env):
    setup(sandbox)
    for name in ("network", "registry", "access-logs", "app", "waf", "observability"):
        sandbox.on("describe-stacks", f"fxrates-{env}-{name}", responses="UPDATE_COMPLETE")
        sandbox.on("update-stack", f"fxrates-{env}-{name}", responses="{}")
        sandbox.on("wait", f"fxrates-{env}-{name}", responses="")


@pytest.mark.parametrize("env", ["stg", "prd"])
@pytest.mark.parametrize("only", ["network", "updater"])
def test_stg_and_prd_refuse_to_deploy_without_an_alert_email(sandbox, env, only):
    env_setup(sandbox, env)
    repo = sandbox.repo()
    (repo / "environments" / env / "samconfig.toml").write_text(samconfig(""))
    result = sandbox.run("deploy", env, "--only", only, repo=repo)
    assert result.returncode == 1
    assert f"environments/{env}/samconfig.toml sets no AlertEmail" in result.stderr and "nothing was deployed" in result.stderr
    assert sandbox.calls() == [] and sandbox.calls("sam") == []


@pytest.mark.parametrize("env", ["stg", "prd"])
def test_the_shipped_stg_and_prd_samconfigs_are_refused_until_an_address_is_set(sandbox, root, env):
    env_setup(sandbox, env)
    repo = sandbox.repo()
    (repo / "environments" / env / "samconfig.toml").write_text((root / f"environments/{env}/samconfig.toml").read_text())
    result = sandbox.run("deploy", env, "--only", "updater", repo=repo)
    assert result.returncode == 1 and "REPLACE_WITH_ALERT_EMAIL" in result.stderr
    assert sandbox.calls() == []


def test_an_alert_email_that_is_not_an_address_is_refused(sandbox):
    env_setup(sandbox, "prd")
    repo = sandbox.repo()
    (repo / "environments" / "prd" / "samconfig.toml").write_text(samconfig("oncall"))
    result = sandbox.run("deploy", "prd", "--only", "network", repo=repo)
    assert result.returncode == 1 and "'oncall' is not an e-mail address" in result.stderr


def test_with_an_alert_email_prd_deploys_and_dev_needs_none(sandbox):
    env_setup(sandbox, "prd")
    repo = sandbox.repo()
    (repo / "environments" / "prd" / "samconfig.toml").write_text(samconfig("oncall@fxrates.test"))
    result = sandbox.run("deploy", "prd", "--only", "network", repo=repo)
    assert result.returncode == 0, result.stderr
    (repo / "environments" / "dev" / "samconfig.toml").write_text(samconfig(""))
    result = sandbox.run("deploy", "dev", "--only", "network", repo=repo)
    assert result.returncode == 0, result.stderr


# ---- scripts/deploy: the database bootstrap ----------------------------------------------------------
def test_the_bootstrap_report_is_shown_and_the_deploy_goes_on(sandbox):
    setup(sandbox)
    result = sandbox.run("deploy", "dev", "--only", "updater,app", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert '{"writer": "fxrates_writer", "reader": "fxrates_reader"}' in result.stderr
    assert "database roles bootstrapped" in result.stderr
    invoke = [c for c in sandbox.calls() if c[:2] == ["lambda", "invoke"]]
    assert len(invoke) == 1 and invoke[0][invoke[0].index("--payload") + 1] == "{}"
    assert [c for c in sandbox.calls() if "update-stack" in c and "fxrates-dev-app" in c], "the app stack follows"


def test_a_failed_bootstrap_stops_the_deploy_before_the_app_stack(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["lambda", "invoke"], "responses": [{
        "stdout": "200\tUnhandled",
        "outfile": '{"errorMessage": "role fxrates_reader: permission denied", "errorType": "java.sql.SQLException"}'}]})
    result = sandbox.run("deploy", "dev", "--only", "updater,app", repo=sandbox.repo())
    assert result.returncode == 1
    assert "the database bootstrap failed (Unhandled)" in result.stderr and "permission denied" in result.stderr
    assert "/fxrates/dev/db-bootstrap" in result.stderr and "--only updater" in result.stderr
    # The deploy never reached the app stack: the only calls naming it are the read-only parameter
    # reads of the release-image check, which runs before any stack changes.
    assert [c for c in sandbox.calls() if "fxrates-dev-app" in c] == \
        [c for c in image_check_calls() if "fxrates-dev-app" in c]


def test_a_stack_without_the_bootstrap_output_stops_the_deploy(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["describe-stacks", "fxrates-dev-updater", BOOTSTRAP_QUERY],
                             "responses": ["None"]})
    result = sandbox.run("deploy", "dev", "--only", "updater", repo=sandbox.repo())
    assert result.returncode == 1 and "has no output DatabaseBootstrapFunctionName" in result.stderr
    assert not [c for c in sandbox.calls() if c[:2] == ["lambda", "invoke"]]


def test_dry_run_prints_the_bootstrap_and_invokes_nothing(sandbox):
    setup(sandbox)
    result = sandbox.run("deploy", "dev", "--only", "updater", "--dry-run", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert ("[dry-run] aws lambda invoke --cli-binary-format raw-in-base64-out --function-name "
            "fxrates-dev-updater-DatabaseBootstrapFunction-1 --cli-read-timeout 150 --payload \\{\\}") in result.stdout
    assert not [c for c in sandbox.calls() if c[:2] == ["lambda", "invoke"]]
    assert json.loads(json.dumps(sandbox.calls("sam"))) == []
