"""scripts/deploy against a fake aws and sam: the exact calls, in order, and the failure paths."""
import json

import pytest

ORDER = ["network", "bake", "registry", "access-logs", "updater", "app", "waf", "observability"]
CFN = [name for name in ORDER if name != "updater"]


def cfn(name, verb, env="dev"):
    return ["cloudformation", verb, "--stack-name", f"fxrates-{env}-{name}", "--template-body",
            f"file://cloudformation/{name}.yaml", "--parameters", f"file://environments/{env}/{name}.json",
            "--capabilities", "CAPABILITY_NAMED_IAM", "--tags", "Key=Project,Value=fxrates", f"Key=Environment,Value={env}"]


def describe(name, env="dev"):
    return ["cloudformation", "describe-stacks", "--stack-name", f"fxrates-{env}-{name}",
            "--query", "Stacks[0].StackStatus", "--output", "text"]


LTV_QUERY = "Stacks[0].Parameters[?ParameterKey=='LaunchTemplateVersion'].ParameterValue | [0]"
BOOTSTRAP_QUERY = "Stacks[0].Outputs[?OutputKey=='DatabaseBootstrapFunctionName'].OutputValue | [0]"


def bootstrap_calls(env="dev", function="fxrates-dev-updater-DatabaseBootstrapFunction-1"):
    """The database bootstrap deploy runs after the SAM stack: find the function, invoke it once."""
    return [
        ["cloudformation", "describe-stacks", "--stack-name", f"fxrates-{env}-updater", "--query", BOOTSTRAP_QUERY,
         "--output", "text"],
        ["lambda", "invoke", "--cli-binary-format", "raw-in-base64-out", "--function-name", function,
         "--cli-read-timeout", "150", "--payload", "{}", "--query", "[StatusCode, FunctionError]", "--output", "text",
         "<report-file>"],
    ]


def without_report_files(calls):
    """The calls, with the temporary report file of `aws lambda invoke` (its last argument) named."""
    return [c[:-1] + ["<report-file>"] if c[:2] == ["lambda", "invoke"] else c for c in calls]


REPOSITORY = "111122223333.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server"
URI_QUERY = "Stacks[0].Outputs[?OutputKey=='RepositoryUri'].OutputValue | [0]"
SINGLE_MANIFEST = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                              "config": {"digest": "sha256:c0nf1g"}, "layers": []})


def app_param_query(key):
    return f"Stacks[0].Parameters[?ParameterKey=='{key}'].ParameterValue | [0]"


def image_rules(sandbox, image_arch="amd64", instance_arch="x86_64", ami_arch="x86_64", manifest=None):
    """What the release-image check reads: the registry's URI, the tag in ECR, the image's manifest
    and configuration (through a file:// URL, which curl reads like ECR's download URL), the
    instance type's and the AMI's architecture."""
    config = sandbox.tmp / "image-config.json"
    config.write_text(json.dumps({"architecture": image_arch, "os": "linux"}))
    sandbox.on("describe-stacks", "fxrates-dev-registry", URI_QUERY, responses=REPOSITORY)
    sandbox.on("describe-stacks", "fxrates-dev-app", app_param_query("InstanceType"), responses="t3.small")
    sandbox.on("describe-stacks", "fxrates-dev-app", app_param_query("AmiId"), responses="/fxrates/dev/ami-id")
    sandbox.on("ecr", "describe-images", responses='{"imageDetails": [{}]}')
    sandbox.on("ecr", "batch-get-image", responses=manifest or SINGLE_MANIFEST)
    sandbox.on("ecr", "get-download-url-for-layer", "sha256:c0nf1g", responses=f"file://{config}")
    sandbox.on("ec2", "describe-instance-types", responses=instance_arch)
    sandbox.on("ssm", "get-parameter", "/fxrates/dev/ami-id", responses="ami-0b2e0002")
    sandbox.on("ec2", "describe-images", "ami-0b2e0002", responses=ami_arch)


def image_check_calls(tag="0123456789ab"):
    """The read-only calls of deploy's release-image check, in order."""
    return [
        ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-registry", "--query", URI_QUERY, "--output", "text"],
        ["ecr", "describe-images", "--repository-name", "fxrates/server", "--image-ids", f"imageTag={tag}"],
        ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app", "--query", app_param_query("InstanceType"),
         "--output", "text"],
        ["ec2", "describe-instance-types", "--instance-types", "t3.small", "--query",
         "InstanceTypes[0].ProcessorInfo.SupportedArchitectures", "--output", "text"],
        ["ecr", "batch-get-image", "--repository-name", "fxrates/server", "--image-ids", f"imageTag={tag}",
         "--accepted-media-types", "application/vnd.docker.distribution.manifest.v2+json",
         "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
         "application/vnd.oci.image.index.v1+json", "--query", "images[0].imageManifest", "--output", "text"],
        ["ecr", "get-download-url-for-layer", "--repository-name", "fxrates/server", "--layer-digest", "sha256:c0nf1g",
         "--query", "downloadUrl", "--output", "text"],
        ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app", "--query", app_param_query("AmiId"),
         "--output", "text"],
        ["ssm", "get-parameter", "--name", "/fxrates/dev/ami-id", "--query", "Parameter.Value", "--output", "text"],
        ["ec2", "describe-images", "--image-ids", "ami-0b2e0002", "--query", "Images[0].Architecture", "--output", "text"],
    ]


def setup(sandbox, existing=("network", "bake", "registry", "access-logs", "app", "waf", "observability"),
          no_updates=("bake", "registry")):
    sandbox.fake("aws", "sam")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    image_rules(sandbox)
    # the app stack's group runs launch template version 3 (kept by the update)
    sandbox.on("describe-stacks", "fxrates-dev-app", LTV_QUERY, responses="3")
    # the database bootstrap after the SAM stack succeeds
    sandbox.on("describe-stacks", "fxrates-dev-updater", BOOTSTRAP_QUERY,
               responses="fxrates-dev-updater-DatabaseBootstrapFunction-1")
    sandbox.on("lambda", "invoke", responses={"stdout": "200\tNone", "outfile": '{"writer": "fxrates_writer", "reader": "fxrates_reader"}'})
    for name in CFN:
        stack = f"fxrates-dev-{name}"
        if name in existing:
            sandbox.on("describe-stacks", stack, responses="UPDATE_COMPLETE")
        else:
            sandbox.on("describe-stacks", stack, responses={"stderr": f"An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id {stack} does not exist", "exit": 254})
        if name in no_updates:
            sandbox.on("update-stack", stack, responses={"stderr": "An error occurred (ValidationError) when calling the UpdateStack operation: No updates are to be performed.", "exit": 254})
        else:
            sandbox.on("update-stack", stack, responses='{"StackId": "arn:aws:cloudformation:::stack/%s/1"}' % stack)
        sandbox.on("create-stack", stack, responses='{"StackId": "arn:aws:cloudformation:::stack/%s/1"}' % stack)
        sandbox.on("wait", stack, responses="")
    sandbox.on("build", tool="sam", responses="Build Succeeded")
    sandbox.on("deploy", tool="sam", responses="Successfully created/updated stack")


def test_deploy_runs_every_stack_in_order_with_these_exact_calls(sandbox):
    setup(sandbox, existing=("network", "bake", "registry", "app", "waf"))
    repo = sandbox.repo()
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 0, result.stderr
    app_update = [c for c in sandbox.calls() if c[:4] == ["cloudformation", "update-stack", "--stack-name", "fxrates-dev-app"]][0]
    assert app_update == cfn("app", "update-stack")[:7] + [app_update[7]] + cfn("app", "update-stack")[8:]
    assert without_report_files(sandbox.calls("aws")) == [
        ["sts", "get-caller-identity", "--query", "Account", "--output", "text"],
        *image_check_calls(),                     # before any stack is touched
        describe("network"),
        cfn("network", "update-stack"),
        ["cloudformation", "wait", "stack-update-complete", "--stack-name", "fxrates-dev-network"],
        describe("bake"),
        cfn("bake", "update-stack"),              # "No updates are to be performed"
        describe("registry"),
        cfn("registry", "update-stack"),          # "No updates are to be performed": no wait, success
        describe("access-logs"),
        cfn("access-logs", "create-stack") + ["--on-failure", "ROLLBACK"],
        ["cloudformation", "wait", "stack-create-complete", "--stack-name", "fxrates-dev-access-logs"],
        *bootstrap_calls(),                       # after sam deploy (the sam calls are checked below)
        describe("app"),
        ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app", "--query", LTV_QUERY, "--output", "text"],
        app_update,
        ["cloudformation", "wait", "stack-update-complete", "--stack-name", "fxrates-dev-app"],
        describe("waf"),
        cfn("waf", "update-stack"),
        ["cloudformation", "wait", "stack-update-complete", "--stack-name", "fxrates-dev-waf"],
        describe("observability"),
        cfn("observability", "create-stack") + ["--on-failure", "ROLLBACK"],
        ["cloudformation", "wait", "stack-create-complete", "--stack-name", "fxrates-dev-observability"],
    ]
    # the app stack gets a written copy of app.json: the group stays on its launch template version
    assert app_update[app_update.index("--parameters") + 1].endswith("/app-update.json")
    assert sandbox.parameters("update-stack", "fxrates-dev-app") == {
        "EnvironmentName": "dev", "ImageTag": "0123456789ab", "LaunchTemplateVersion": {"UsePreviousValue": True}}
    assert sandbox.calls("sam") == [
        ["build", "--config-file", "../environments/dev/samconfig.toml"],
        ["deploy", "--config-file", "../environments/dev/samconfig.toml", "--no-confirm-changeset",
         "--no-fail-on-empty-changeset"],
    ]
    # the SAM stack is deployed after registry and before app
    log = [json.loads(line) for line in sandbox.log.read_text().splitlines()]
    where = {" ".join([e["tool"]] + e["argv"][:4]): i for i, e in enumerate(log)}
    assert (where["aws cloudformation create-stack --stack-name fxrates-dev-access-logs"]
            < where["sam build --config-file ../environments/dev/samconfig.toml"]
            < where["sam deploy --config-file ../environments/dev/samconfig.toml --no-confirm-changeset"]
            < where["aws lambda invoke --cli-binary-format raw-in-base64-out"]
            < where["aws cloudformation describe-stacks --stack-name fxrates-dev-app"])
    assert "fxrates-dev-registry: no changes" in result.stderr
    assert "fxrates-dev-observability: created" in result.stderr


def test_dry_run_changes_nothing_and_prints_every_command(sandbox):
    setup(sandbox, existing=("network",))
    repo = sandbox.repo()
    result = sandbox.run("deploy", "dev", "--dry-run", repo=repo)
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls() == []
    assert sandbox.calls("sam") == []
    out = result.stdout
    assert "[dry-run] aws cloudformation update-stack --stack-name fxrates-dev-network" in out
    assert "[dry-run] aws cloudformation create-stack --stack-name fxrates-dev-app" in out
    assert "[dry-run] aws cloudformation wait stack-create-complete --stack-name fxrates-dev-observability" in out
    assert "[dry-run] sam deploy --config-file ../environments/dev/samconfig.toml" in out
    positions = [out.index(f"fxrates-dev-{n}") for n in CFN]
    assert positions == sorted(positions)


def test_only_app_with_image_tag_rewrites_the_parameter(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", "--dry-run", repo=repo)
    assert result.returncode == 0, result.stderr
    assert {c[3] for c in sandbox.calls() if c[:2] == ["cloudformation", "describe-stacks"] and "Stacks[0].StackStatus" in c} \
        == {"fxrates-dev-app"}
    line = [l for l in result.stdout.splitlines() if "update-stack" in l][0]
    assert "--parameters file:///" in line and "/app-update.json" in line   # a written copy, not the original
    assert sandbox.calls("sam") == []


def test_image_tag_parameter_file_content(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    copy = sandbox.tmp / "seen.json"
    # a real-ish aws for update-stack: copy the --parameters file for inspection
    sandbox.stub("aws", f"""
case "$*" in
  *sts*) echo 111122223333 ;;
  *describe-stacks*RepositoryUri*) echo 111122223333.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server ;;
  *describe-stacks*InstanceType*) echo t3.small ;;
  *describe-stacks*AmiId*) echo ami-0abc ;;
  *describe-instance-types*) echo x86_64 ;;
  *"ec2 describe-images"*) echo x86_64 ;;
  *batch-get-image*) echo '{{"manifests": [{{"platform": {{"os": "linux", "architecture": "amd64"}}}}]}}' ;;
  *describe-stacks*LaunchTemplateVersion*) echo None ;;
  *describe-stacks*AutoScalingGroupName*) echo asg-1 ;;
  *describe-stacks*) echo UPDATE_COMPLETE ;;
  *describe-auto-scaling-groups*) echo 3 ;;
  *update-stack*) for a in "$@"; do case "$a" in file:///*app-update.json) cp "${{a#file://}}" {copy} ;; esac; done; echo '{{}}' ;;
  *) exit 0 ;;
esac""")
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", repo=repo)
    assert result.returncode == 0, result.stderr
    params = {p["ParameterKey"]: p.get("ParameterValue", p) for p in json.loads(copy.read_text())}
    assert params == {"EnvironmentName": "dev", "ImageTag": "feedbeef1234", "LaunchTemplateVersion": "3"}


def test_failed_update_stops_the_deploy(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["update-stack", "fxrates-dev-network"],
                             "responses": [{"stderr": "An error occurred (ValidationError): Template format error", "exit": 254}]})
    result = sandbox.run("deploy", "dev", repo=sandbox.repo())
    assert result.returncode == 1
    assert "Template format error" in result.stderr and "update-stack failed for fxrates-dev-network" in result.stderr
    assert not [c for c in sandbox.changing_calls() if "fxrates-dev-registry" in c]


def test_failed_wait_points_at_the_events(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["wait", "fxrates-dev-network"],
                             "responses": [{"stderr": "Waiter StackUpdateComplete failed", "exit": 255}]})
    result = sandbox.run("deploy", "dev", repo=sandbox.repo())
    assert result.returncode == 1
    assert "describe-stack-events --stack-name fxrates-dev-network" in result.stderr


@pytest.mark.parametrize("status, words", [
    ("UPDATE_IN_PROGRESS", "wait until it settles"),
    ("ROLLBACK_COMPLETE", "delete it"),
])
def test_stack_in_a_bad_state(sandbox, status, words):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["describe-stacks", "fxrates-dev-network"], "responses": [status]})
    result = sandbox.run("deploy", "dev", repo=sandbox.repo())
    assert result.returncode == 1 and words in result.stderr
    assert sandbox.changing_calls() == []


def test_missing_sam_cli_is_reported_before_any_change(sandbox):
    setup(sandbox)
    (sandbox.bin / "sam").unlink()
    result = sandbox.run("deploy", "dev", repo=sandbox.repo())
    assert result.returncode == 1
    assert "'sam' is not on PATH" in result.stderr and "--only network,bake,registry,access-logs,app,waf,observability" in result.stderr
    assert sandbox.changing_calls() == []


def test_missing_lambda_zip(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    (repo / "lambda-updater" / "target" / "fxrates-lambda-updater.zip").unlink()
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 1 and "scripts/build-image" in result.stderr


def test_missing_parameter_file(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    (repo / "environments" / "stg" / "app.json").unlink()
    result = sandbox.run("deploy", "stg", repo=repo)
    assert result.returncode == 1 and "environments/stg/app.json is missing" in result.stderr
    assert sandbox.calls() == []


def test_missing_credentials(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["sts"], "responses": [{"stderr": "ExpiredToken", "exit": 255}]})
    result = sandbox.run("deploy", "dev", repo=sandbox.repo())
    assert result.returncode == 1 and "no working AWS credentials" in result.stderr
    assert len(sandbox.calls()) == 1


@pytest.mark.parametrize("args, message", [
    ([], "missing the environment"),
    (["prod"], "unknown environment 'prod'"),
    (["dev", "--only", "app,db"], "unknown stack 'db'"),
    (["dev", "--only", "network", "--image-tag", "abc"], "only applies to the app stack"),
    (["dev", "--image-tag", "bad tag"], "not a valid image tag"),
])
def test_bad_arguments(sandbox, args, message):
    sandbox.fake("aws")
    result = sandbox.run("deploy", *args, repo=sandbox.repo())
    assert result.returncode == 2 and message in result.stderr
    assert sandbox.calls() == []


# ---- the app stack's ImageTag and LaunchTemplateVersion -------------------------------------------
def without_image_tag(repo, env="dev"):
    """app.json as in environments/: no ImageTag (the tag comes from --image-tag or the stack)."""
    path = repo / "environments" / env / "app.json"
    path.write_text(json.dumps([p for p in json.loads(path.read_text()) if p["ParameterKey"] != "ImageTag"]))


def test_update_without_image_tag_keeps_the_running_tag_and_launch_template_version(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    without_image_tag(repo)
    result = sandbox.run("deploy", "dev", "--only", "app", repo=repo)
    assert result.returncode == 0, result.stderr
    assert sandbox.parameters("update-stack", "fxrates-dev-app") == {
        "EnvironmentName": "dev",
        "ImageTag": {"UsePreviousValue": True},
        "LaunchTemplateVersion": {"UsePreviousValue": True},
    }


def test_update_with_image_tag_sends_it_and_keeps_the_launch_template_version(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    without_image_tag(repo)
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", repo=repo)
    assert result.returncode == 0, result.stderr
    assert sandbox.parameters("update-stack", "fxrates-dev-app") == {
        "EnvironmentName": "dev", "ImageTag": "feedbeef1234", "LaunchTemplateVersion": {"UsePreviousValue": True}}


def test_update_of_a_stack_without_launch_template_version_pins_the_group_where_it_is(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["describe-stacks", "fxrates-dev-app", LTV_QUERY], "responses": ["None"]})
    sandbox.rules.insert(0, {"tool": "aws", "responses": ["fxrates-dev-app-Asg-1"],
                             "match": ["describe-stacks", "Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]"]})
    sandbox.on("describe-auto-scaling-groups", responses="7")
    repo = sandbox.repo()
    without_image_tag(repo)
    result = sandbox.run("deploy", "dev", "--only", "app", repo=repo)
    assert result.returncode == 0, result.stderr
    assert ["autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "fxrates-dev-app-Asg-1",
            "--query", "AutoScalingGroups[0].LaunchTemplate.Version", "--output", "text"] in sandbox.calls()
    assert sandbox.parameters("update-stack", "fxrates-dev-app")["LaunchTemplateVersion"] == "7"


def test_creating_the_app_stack_without_image_tag_fails_before_any_stack_is_touched(sandbox):
    setup(sandbox, existing=("network", "registry"))
    repo = sandbox.repo()
    without_image_tag(repo)
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 1
    assert "fxrates-dev-app does not exist yet" in result.stderr and "--image-tag" in result.stderr
    assert sandbox.calls() == [["sts", "get-caller-identity", "--query", "Account", "--output", "text"], describe("app")]
    assert sandbox.calls("sam") == []


def test_creating_the_app_stack_with_image_tag_leaves_the_launch_template_version_empty(sandbox):
    setup(sandbox, existing=("network", "registry"))
    repo = sandbox.repo()
    without_image_tag(repo)
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", repo=repo)
    assert result.returncode == 0, result.stderr
    create = [c for c in sandbox.calls() if c[:2] == ["cloudformation", "create-stack"]]
    assert len(create) == 1 and create[0][3] == "fxrates-dev-app"
    # no LaunchTemplateVersion: the template starts the group on the first version
    assert sandbox.parameters("create-stack", "fxrates-dev-app") == {"EnvironmentName": "dev", "ImageTag": "feedbeef1234"}


# ---- placeholders in the environment files ---------------------------------------------------------
def test_placeholder_in_a_selected_file_stops_before_any_call(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    path = repo / "environments" / "dev" / "app.json"
    params = json.loads(path.read_text()) + [
        {"ParameterKey": "HostedZoneId", "ParameterValue": "REPLACE_WITH_HOSTED_ZONE_ID"},
        {"ParameterKey": "DomainName", "ParameterValue": "dev.fxrates.example.com"},
    ]
    path.write_text(json.dumps(params, indent=2))
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 1
    assert 'environments/dev/app.json: HostedZoneId = "REPLACE_WITH_HOSTED_ZONE_ID"' in result.stderr
    assert 'environments/dev/app.json: DomainName = "dev.fxrates.example.com"' in result.stderr
    assert "nothing was deployed" in result.stderr
    assert sandbox.calls() == [] and sandbox.calls("sam") == []


def test_placeholder_in_samconfig_is_reported_with_its_line(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    (repo / "environments" / "dev" / "samconfig.toml").write_text(
        'version = 0.1\n[default.deploy.parameters]\nparameter_overrides = "AlertEmail=\\"REPLACE_WITH_EMAIL\\""\n')
    result = sandbox.run("deploy", "dev", repo=repo)
    assert result.returncode == 1
    assert "environments/dev/samconfig.toml: line 3:REPLACE_WITH_EMAIL" in result.stderr
    assert sandbox.calls() == []


def test_placeholder_in_a_file_that_is_not_selected_does_not_matter(sandbox):
    setup(sandbox)
    repo = sandbox.repo()
    path = repo / "environments" / "dev" / "app.json"
    path.write_text(json.dumps(json.loads(path.read_text()) + [{"ParameterKey": "HostedZoneId", "ParameterValue": "REPLACE_WITH_HOSTED_ZONE_ID"}]))
    result = sandbox.run("deploy", "dev", "--only", "network", repo=repo)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("env", ["dev", "stg", "prd"])
def test_shipped_app_files_are_refused_until_their_placeholders_are_set(sandbox, root, env):
    """The real environments/<env>/app.json still hold REPLACE_WITH_HOSTED_ZONE_ID: deploy says so
    at once instead of after the stacks before the app stack."""
    setup(sandbox)
    repo = sandbox.repo()
    (repo / "environments" / env / "app.json").write_text((root / "environments" / env / "app.json").read_text())
    result = sandbox.run("deploy", env, "--only", "app", "--image-tag", "feedbeef1234", repo=repo)
    assert result.returncode == 1
    assert f'environments/{env}/app.json: HostedZoneId = "REPLACE_WITH_HOSTED_ZONE_ID"' in result.stderr
    assert sandbox.calls() == []


# ---- confirm_changeset ---------------------------------------------------------------------------------
@pytest.mark.parametrize("samconfig, confirm", [
    ('version = 0.1\n[default.deploy.parameters]\nconfirm_changeset = true\n', False),
    ('version = 0.1\n[default.deploy.parameters]\nconfirm_changeset = false\n', True),
    ('version = 0.1\n', True),
])
def test_sam_confirms_the_change_set_when_the_samconfig_asks(sandbox, samconfig, confirm):
    setup(sandbox, existing=("network", "registry", "app", "observability"))
    repo = sandbox.repo()
    (repo / "environments" / "dev" / "samconfig.toml").write_text(samconfig)
    result = sandbox.run("deploy", "dev", "--only", "updater", repo=repo)
    assert result.returncode == 0, result.stderr
    deploy = [c for c in sandbox.calls("sam") if c[0] == "deploy"]
    expected = ["deploy", "--config-file", "../environments/dev/samconfig.toml"]
    expected += ["--no-confirm-changeset"] if confirm else []
    assert deploy == [expected + ["--no-fail-on-empty-changeset"]]


def test_prd_samconfig_is_confirmed_by_the_operator(sandbox, root):
    setup(sandbox)
    for name in ("network", "registry", "app", "observability"):
        sandbox.on("describe-stacks", f"fxrates-prd-{name}", responses="UPDATE_COMPLETE")
    repo = sandbox.repo()
    shipped = (root / "environments/prd/samconfig.toml").read_text()
    assert "REPLACE_WITH_ALERT_EMAIL" in shipped      # refused as shipped (test_security_scripts.py)
    (repo / "environments" / "prd" / "samconfig.toml").write_text(
        shipped.replace("REPLACE_WITH_ALERT_EMAIL", "oncall@fxrates.test"))
    result = sandbox.run("deploy", "prd", "--only", "updater", "--dry-run", repo=repo)
    assert result.returncode == 0, result.stderr
    line = [l for l in result.stdout.splitlines() if l.startswith("[dry-run] sam deploy")][0]
    assert "--no-confirm-changeset" not in line
    assert "waits for you" in result.stderr or "wait for you" in result.stderr


# ---- progress during the long waits ------------------------------------------------------------------
def test_a_long_stack_wait_prints_progress(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["wait", "fxrates-dev-network"], "responses": [{"sleep": 2.5}]})
    sandbox.on("describe-stack-events", "fxrates-dev-network",
               responses="NatGateway\tCREATE_IN_PROGRESS\tResource creation Initiated")
    sandbox.env_extra["FXRATES_PROGRESS_SECONDS"] = "1"
    result = sandbox.run("deploy", "dev", "--only", "network", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    progress = [l for l in result.stderr.splitlines() if "waiting for" in l]
    assert progress and progress[0] == ("deploy: fxrates-dev-network: waiting for 1s; newest event: "
                                        "NatGateway CREATE_IN_PROGRESS Resource creation Initiated"), result.stderr
    assert "fxrates-dev-network: updated" in result.stderr


def test_a_failed_long_wait_still_fails_the_deploy(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["wait", "fxrates-dev-network"],
                             "responses": [{"sleep": 1.5, "stderr": "Waiter StackUpdateComplete failed", "exit": 255}]})
    sandbox.on("describe-stack-events", responses="VPC\tUPDATE_FAILED\tboom")
    sandbox.env_extra["FXRATES_PROGRESS_SECONDS"] = "1"
    result = sandbox.run("deploy", "dev", "--only", "network", repo=sandbox.repo())
    assert result.returncode == 1 and "VPC UPDATE_FAILED boom" in result.stderr
    assert "describe-stack-events --stack-name fxrates-dev-network" in result.stderr


# ---- the release's image, checked before anything changes ----------------------------------------------
def test_an_image_tag_not_in_ecr_stops_before_any_change(sandbox):
    setup(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["ecr", "describe-images"], "responses": [
        {"stderr": "An error occurred (ImageNotFoundException) when calling the DescribeImages operation: "
                   "The image with imageId {imageTag:'feedbeef1234'} does not exist", "exit": 254}]})
    result = sandbox.run("deploy", "dev", "--image-tag", "feedbeef1234", repo=sandbox.repo())
    assert result.returncode == 1
    assert f"image {REPOSITORY}:feedbeef1234 is not in ECR" in result.stderr and "scripts/push-image dev" in result.stderr
    assert "nothing was changed" in result.stderr
    assert sandbox.changing_calls() == [] and sandbox.calls("sam") == []


@pytest.mark.parametrize("image_arch, instance_arch, ami_arch, words", [
    ("arm64", "x86_64", "x86_64", "built for 'arm64', but t3.small instances need amd64"),
    ("amd64", "arm64", "arm64", "built for 'amd64', but t3.small instances need arm64"),
    ("amd64", "x86_64", "arm64", "AMI ami-0b2e0002 is arm64, but t3.small instances need x86_64"),
])
def test_an_architecture_mismatch_stops_before_any_change(sandbox, image_arch, instance_arch, ami_arch, words):
    sandbox.fake("aws", "sam")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    image_rules(sandbox, image_arch=image_arch, instance_arch=instance_arch, ami_arch=ami_arch)
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", repo=sandbox.repo())
    assert result.returncode == 1 and words in result.stderr, result.stderr
    assert "nothing was changed" in result.stderr
    assert sandbox.changing_calls() == []


def test_a_multi_architecture_image_is_checked_by_its_manifest_list(sandbox):
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
        {"digest": "sha256:a", "platform": {"os": "linux", "architecture": "arm64"}},
        {"digest": "sha256:b", "platform": {"os": "linux", "architecture": "amd64"}},
        {"digest": "sha256:c", "platform": {"os": "unknown", "architecture": "unknown"}}]})
    sandbox.fake("aws", "sam")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    image_rules(sandbox, manifest=manifest)
    setup(sandbox)
    result = sandbox.run("deploy", "dev", "--only", "app", "--image-tag", "feedbeef1234", "--dry-run", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert not [c for c in sandbox.calls() if "get-download-url-for-layer" in c]
    assert f"image {REPOSITORY}:feedbeef1234 is in ECR and built for amd64" in result.stderr
