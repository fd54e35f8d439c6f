"""rollback, push-image, bake-ami and build-image against fake aws/docker/packer."""
import json

import pytest

ASG = "fxrates-dev-app-Asg-ABC"


def base(sandbox):
    sandbox.fake("aws")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")


# ---- rollback ----------------------------------------------------------------------------------
LTV_QUERY = "Stacks[0].Parameters[?ParameterKey=='LaunchTemplateVersion'].ParameterValue | [0]"


def rollback_rules(sandbox, running="None\tNone"):
    base(sandbox)
    sandbox.on("describe-stacks", LTV_QUERY, responses="9")
    sandbox.on("describe-stacks", "Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]", responses=ASG)
    sandbox.on("describe-instance-refreshes", "--max-records", responses=running)


def test_rollback_in_flight_calls_rollback_instance_refresh_and_waits(sandbox):
    rollback_rules(sandbox, running="r-1\tInProgress")
    sandbox.on("rollback-instance-refresh", responses='{"InstanceRefreshId": "r-1"}')
    sandbox.on("describe-instance-refreshes", "--instance-refresh-ids",
               responses=["RollbackInProgress", "RollbackInProgress", "RollbackSuccessful"])
    result = sandbox.run("rollback", "dev", "--in-flight")
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls() == [["autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", ASG]]
    assert "rolled back" in result.stderr


def test_rollback_cancel(sandbox):
    rollback_rules(sandbox, running="r-1\tInProgress")
    sandbox.on("cancel-instance-refresh", responses='{"InstanceRefreshId": "r-1"}')
    result = sandbox.run("rollback", "dev", "--cancel")
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls() == [["autoscaling", "cancel-instance-refresh", "--auto-scaling-group-name", ASG]]


def test_rollback_in_flight_without_a_running_refresh(sandbox):
    rollback_rules(sandbox, running="r-1\tSuccessful")
    result = sandbox.run("rollback", "dev", "--in-flight")
    assert result.returncode == 1 and "no instance refresh is running" in result.stderr
    assert sandbox.changing_calls() == []


# The default mode: the group runs version 9 = the bad release; the deploy makes version 10 (the
# target), which the refresh rolls out and records.
BAD = ("ami-0b2e0002", "bad0123456ab")
GOOD = ("ami-0a1d0001", "900d0123456a")
LT_ID = "lt-0abc"


def release_json(release):
    return json.dumps({"ami": release[0], "image_tag": release[1]}, separators=(",", ":"))


def rollback_record(frm, to):
    return json.dumps({"from": json.loads(release_json(frm)), "to": json.loads(release_json(to))}, separators=(",", ":"))


def previous_release_rules(sandbox, running=BAD, new=GOOD, previous=GOOD, record=None, ami_id_previous=None):
    """A finished refresh to `running` (version 9); `previous` in /fxrates/dev/release-previous; an
    optional rollback record; then what deploy and refresh-instances need to roll out version 10."""
    from test_deploy import image_rules
    from test_refresh_instances import release_rules
    rollback_rules(sandbox)
    release_rules(sandbox, {"9": running, "10": new})
    missing = {"stderr": "An error occurred (ParameterNotFound) when calling the GetParameter operation", "exit": 254}
    sandbox.on("ssm", "get-parameter", "/fxrates/dev/rollback", responses=record or missing)
    sandbox.on("ssm", "get-parameter", "/fxrates/dev/release-previous",
               responses=release_json(previous) if previous else missing)
    sandbox.on("ssm", "get-parameter", "/fxrates/dev/ami-id-previous", responses=ami_id_previous or missing)
    image_rules(sandbox)
    sandbox.on("ec2", "describe-images", "Images[0].State", responses="available")
    sandbox.on("ssm", "put-parameter", responses='{"Version": 3}')
    sandbox.on("describe-stacks", "Stacks[0].StackStatus", responses="UPDATE_COMPLETE")
    sandbox.on("describe-stacks", "Stacks[0].Parameters[].ParameterKey", responses="ImageTag\tLaunchTemplateVersion")
    sandbox.on("update-stack", responses='{"StackId": "x"}')
    sandbox.on("cloudformation", "wait", responses="")
    sandbox.on("describe-stacks", responses="None")           # alarm outputs
    sandbox.on("describe-auto-scaling-groups", responses=f"{LT_ID}\t9")
    sandbox.on("describe-launch-templates", responses="10")
    sandbox.on("describe-launch-template-versions", responses=new[0])
    sandbox.on("start-instance-refresh", responses="r-2")
    sandbox.on("describe-instance-refreshes", "--instance-refresh-ids", responses=["InProgress\t50\tNone", "Successful\t100\tNone"])


def put(name, value, image=False):
    return ["ssm", "put-parameter", "--name", name, "--type", "String", *(["--data-type", "aws:ec2:image"] if image else []),
            "--value" if image else "--overwrite", *( [value, "--overwrite"] if image else ["--value", value])]


def test_rollback_goes_back_to_the_recorded_previous_release_ami_and_image_tag(sandbox):
    previous_release_rules(sandbox)
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    changes = sandbox.changing_calls()
    # 1. the rollback itself, recorded before anything changes; 2. the AMI the app stack reads
    assert changes[0] == put("/fxrates/dev/rollback", rollback_record(BAD, GOOD))
    assert changes[1] == put("/fxrates/dev/ami-id", GOOD[0], image=True)
    # 3. the app stack with the previous image tag, the group kept on its version
    assert changes[2][:4] == ["cloudformation", "update-stack", "--stack-name", "fxrates-dev-app"]
    assert sandbox.parameters("update-stack", "fxrates-dev-app", "--template-body")["ImageTag"] == GOOD[1]
    assert sandbox.parameters("update-stack", "fxrates-dev-app", "--template-body")["LaunchTemplateVersion"] == \
        {"UsePreviousValue": True}
    # 4. the refresh onto version 10, then the version and the releases recorded
    assert changes[3][:2] == ["autoscaling", "start-instance-refresh"]
    assert json.loads(changes[3][changes[3].index("--desired-configuration") + 1]) == \
        {"LaunchTemplate": {"LaunchTemplateId": LT_ID, "Version": "10"}}
    assert changes[4][:5] == ["cloudformation", "update-stack", "--stack-name", "fxrates-dev-app", "--use-previous-template"]
    assert changes[5] == put("/fxrates/dev/release-previous", release_json(BAD))
    assert changes[6] == put("/fxrates/dev/release", release_json(GOOD))
    assert len(changes) == 7
    assert f"AMI {BAD[0]} -> {GOOD[0]}, image tag {BAD[1]} -> {GOOD[1]}" in result.stderr


def test_rollback_run_again_after_it_finished_changes_nothing(sandbox):
    """release-previous now names the bad release (the refresh recorded it): a naive second run
    would roll forward to it. The rollback record says the group is where the rollback took it."""
    previous_release_rules(sandbox, running=GOOD, previous=BAD, record=rollback_record(BAD, GOOD))
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert "already rolled back" in result.stderr and "nothing to do" in result.stderr
    assert sandbox.changing_calls() == [] and not [c for c in sandbox.calls() if "update-stack" in c]


def test_rollback_after_a_partial_failure_resumes_towards_the_recorded_target(sandbox):
    """The first run recorded BAD -> GOOD and failed before the refresh finished; meanwhile the
    previous-release record names another release. The second run still goes to GOOD."""
    other = ("ami-0c3f0003", "0the70123456")
    previous_release_rules(sandbox, running=BAD, previous=other, record=rollback_record(BAD, GOOD))
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert "resuming the rollback" in result.stderr
    changes = sandbox.changing_calls()
    assert changes[0] == put("/fxrates/dev/rollback", rollback_record(BAD, GOOD))
    assert changes[1] == put("/fxrates/dev/ami-id", GOOD[0], image=True)
    assert sandbox.parameters("update-stack", "fxrates-dev-app", "--template-body")["ImageTag"] == GOOD[1]


def test_rollback_ignores_a_record_of_an_older_rollback(sandbox):
    newer = ("ami-0d4e0004", "4ewe70123456")
    previous_release_rules(sandbox, running=newer, new=GOOD, previous=GOOD, record=rollback_record(BAD, GOOD))
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls()[0] == put("/fxrates/dev/rollback", rollback_record(newer, GOOD))


def test_rollback_without_a_release_record_uses_the_previous_ami_and_keeps_the_image_tag(sandbox):
    previous_release_rules(sandbox, new=(GOOD[0], BAD[1]), previous=None, ami_id_previous=GOOD[0])
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert "no release record" in result.stderr
    assert sandbox.changing_calls()[0] == put("/fxrates/dev/rollback", rollback_record(BAD, (GOOD[0], BAD[1])))
    assert sandbox.parameters("update-stack", "fxrates-dev-app", "--template-body")["ImageTag"] == BAD[1]


def test_rollback_with_explicit_ami_and_image_tag(sandbox):
    chosen = ("ami-0c3f0003", "0the70123456")
    previous_release_rules(sandbox, new=chosen, record=rollback_record(BAD, GOOD))
    result = sandbox.run("rollback", "dev", "--ami", chosen[0], "--image-tag", chosen[1], repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls()[0] == put("/fxrates/dev/rollback", rollback_record(BAD, chosen))
    assert sandbox.parameters("update-stack", "fxrates-dev-app", "--template-body")["ImageTag"] == chosen[1]


def test_rollback_dry_run_changes_nothing(sandbox):
    previous_release_rules(sandbox)
    result = sandbox.run("rollback", "dev", "--dry-run", repo=sandbox.repo())
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls() == []
    assert "[dry-run] aws ssm put-parameter --name /fxrates/dev/rollback" in result.stdout
    assert "[dry-run] aws ssm put-parameter --name /fxrates/dev/ami-id" in result.stdout
    assert "[dry-run] aws cloudformation update-stack --stack-name fxrates-dev-app" in result.stdout
    assert "[dry-run] aws autoscaling start-instance-refresh" in result.stdout


def test_rollback_refuses_while_a_refresh_runs(sandbox):
    rollback_rules(sandbox, running="r-1\tInProgress")
    result = sandbox.run("rollback", "dev")
    assert result.returncode == 1 and "--in-flight" in result.stderr
    assert sandbox.changing_calls() == []


def test_rollback_without_a_previous_ami(sandbox):
    previous_release_rules(sandbox, previous=None)
    result = sandbox.run("rollback", "dev", repo=sandbox.repo())
    assert result.returncode == 1 and "pass --ami" in result.stderr
    assert sandbox.changing_calls() == []


@pytest.mark.parametrize("args, message", [
    (["dev", "--ami", "image-1"], "is not an AMI id"),
    (["dev", "--cancel", "--ami", "ami-0a1d0001"], "go with the default mode"),
    (["xyz"], "unknown environment"),
])
def test_rollback_bad_arguments(sandbox, args, message):
    base(sandbox)
    result = sandbox.run("rollback", *args)
    assert result.returncode == 2 and message in result.stderr
    assert sandbox.calls() == []


# ---- push-image --------------------------------------------------------------------------------
def push_rules(sandbox, exists=False):
    base(sandbox)
    sandbox.fake("docker")
    sandbox.on("describe-stacks", "fxrates-dev-registry",
               responses="111122223333.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server")
    sandbox.on("ecr", "describe-images", responses="{}" if exists else {"stderr": "ImageNotFoundException", "exit": 254})
    sandbox.on("ecr", "get-login-password", responses="TOKEN")
    sandbox.on("image", "inspect", tool="docker", responses="[]")
    sandbox.on("login", tool="docker", responses="Login Succeeded")
    sandbox.on("tag", tool="docker", responses="")
    sandbox.on("push", tool="docker", responses="pushed")


def test_push_image_logs_in_tags_and_pushes(sandbox):
    push_rules(sandbox)
    result = sandbox.run("push-image", "dev", "--tag", "abcdef123456")
    assert result.returncode == 0, result.stderr
    uri = "111122223333.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server"
    assert ["ecr", "get-login-password", "--region", "eu-central-1"] in sandbox.calls()
    assert sandbox.calls("docker") == [
        ["image", "inspect", "fxrates/server:abcdef123456"],
        ["login", "--username", "AWS", "--password-stdin", "111122223333.dkr.ecr.eu-central-1.amazonaws.com"],
        ["tag", "fxrates/server:abcdef123456", f"{uri}:abcdef123456"],
        ["push", f"{uri}:abcdef123456"],
    ]


def test_push_image_skips_a_tag_already_in_ecr(sandbox):
    push_rules(sandbox, exists=True)
    result = sandbox.run("push-image", "dev", "--tag", "abcdef123456")
    assert result.returncode == 0 and "already in ECR" in result.stderr
    assert [c[0] for c in sandbox.calls("docker")] == ["image"]


def test_push_image_refuses_dirty_tags_outside_dev(sandbox):
    push_rules(sandbox)
    result = sandbox.run("push-image", "prd", "--tag", "abcdef123456-dirty", "--allow-dirty")
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    assert sandbox.calls() == []


# ---- bake-ami ----------------------------------------------------------------------------------
PRIVATE_SUBNETS_QUERY = "Stacks[0].Outputs[?OutputKey=='SubnetsPrivate'].OutputValue | [0]"
PROFILE_QUERY = "Stacks[0].Outputs[?OutputKey=='InstanceProfileName'].OutputValue | [0]"
GROUP_QUERY = "Stacks[0].Outputs[?OutputKey=='SecurityGroupId'].OutputValue | [0]"


def bake_stack(sandbox, exists=True):
    """The outputs of fxrates-dev-bake (cloudformation/bake.yaml)."""
    if exists:
        sandbox.on("describe-stacks", "fxrates-dev-bake", PROFILE_QUERY, responses="fxrates-dev-bake-BuildInstanceProfile-X")
        sandbox.on("describe-stacks", "fxrates-dev-bake", GROUP_QUERY, responses="sg-0bake")
    else:
        sandbox.on("describe-stacks", "fxrates-dev-bake", responses={
            "stderr": "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id fxrates-dev-bake does not exist",
            "exit": 254})


def test_bake_ami_runs_init_fmt_validate_build(sandbox):
    base(sandbox)
    bake_stack(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    for verb in ("init", "fmt", "validate", "build"):
        sandbox.on(verb, tool="packer", responses="ok")
    sandbox.on("ssm", "get-parameter", responses="ami-0b2e0002")
    result = sandbox.run("bake-ami", "dev", "--var", "subnet_id=subnet-0abc")
    assert result.returncode == 0, result.stderr
    calls = sandbox.calls("packer")
    assert [c[0] for c in calls] == ["init", "fmt", "validate", "build"]
    assert calls[1] == ["fmt", "-check", "-recursive", "."]
    assert calls[3][:3] == ["build", "-color=false", "-var-file=env/dev.pkrvars.hcl"]
    assert "subnet_id=subnet-0abc" in calls[3] and "aws_region=eu-central-1" in calls[3]
    assert any(a.startswith("git_commit=") for a in calls[3])
    # the build instance's profile and security group come from the bake stack
    assert "iam_instance_profile=fxrates-dev-bake-BuildInstanceProfile-X" in calls[3]
    assert "security_group_id=sg-0bake" in calls[3]


def test_bake_ami_builds_in_the_first_private_subnet_of_the_network_stack(sandbox):
    base(sandbox)
    bake_stack(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    sandbox.on("describe-stacks", "fxrates-dev-network", PRIVATE_SUBNETS_QUERY, responses="subnet-0aaa,subnet-0bbb")
    sandbox.on(tool="packer", responses="ok")
    sandbox.on("ssm", "get-parameter", responses="ami-0b2e0002")
    result = sandbox.run("bake-ami", "dev", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert sandbox.calls()[1] == ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-network",
                                  "--query", PRIVATE_SUBNETS_QUERY, "--output", "text"]
    validate = [c for c in sandbox.calls("packer") if c[0] == "validate"][0]
    assert "subnet_id=subnet-0aaa" in validate
    assert "-var subnet_id=subnet-0aaa" in [l for l in result.stdout.splitlines() if "packer build" in l][0]


def test_bake_ami_without_the_network_stack_fails_before_packer_runs(sandbox):
    base(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    sandbox.on("describe-stacks", "fxrates-dev-network", responses={
        "stderr": "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id fxrates-dev-network does not exist",
        "exit": 254})
    result = sandbox.run("bake-ami", "dev")
    assert result.returncode == 1
    assert "network stack fxrates-dev-network does not exist" in result.stderr
    assert "scripts/deploy dev --only network" in result.stderr and "--var subnet_id=" in result.stderr
    assert sandbox.calls("packer") == []


def test_bake_ami_without_session_manager_plugin_fails_up_front(sandbox):
    base(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    result = sandbox.run("bake-ami", "dev", "--var", "subnet_id=subnet-0abc")
    assert result.returncode == 1
    assert "'session-manager-plugin' is not on PATH" in result.stderr
    assert sandbox.calls("packer") == [] and sandbox.calls() == []


def test_bake_ami_validate_only_needs_neither_plugin_nor_network(sandbox):
    base(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.on(tool="packer", responses="ok")
    result = sandbox.run("bake-ami", "dev", "--validate-only")
    assert result.returncode == 0, result.stderr
    assert [c[0] for c in sandbox.calls("packer")] == ["init", "fmt", "validate"]
    assert not [c for c in sandbox.calls() if "describe-stacks" in c]


def test_bake_ami_dry_run_and_fmt_failure(sandbox):
    base(sandbox)
    bake_stack(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    sandbox.on("describe-stacks", PRIVATE_SUBNETS_QUERY, responses="subnet-0aaa,subnet-0bbb")
    sandbox.on("fmt", tool="packer", responses={"stdout": "fxrates.pkr.hcl", "exit": 3})
    sandbox.on(tool="packer", responses="ok")
    result = sandbox.run("bake-ami", "dev", "--dry-run")
    assert result.returncode == 1 and "packer fmt -recursive packer/" in result.stderr
    assert "build" not in [c[0] for c in sandbox.calls("packer")]


def test_bake_ami_without_packer(sandbox):
    base(sandbox)
    result = sandbox.run("bake-ami", "dev")
    assert result.returncode == 1 and "'packer' is not on PATH" in result.stderr


# ---- build-image -------------------------------------------------------------------------------
def test_build_image_dry_run(sandbox):
    sandbox.fake("docker")
    result = sandbox.run("build-image", "--dry-run", "--tag", "abcdef123456")
    assert result.returncode == 0, result.stderr
    assert "[dry-run] ./mvnw -B package -DskipTests" in result.stdout
    assert ("[dry-run] docker build --file server/Dockerfile --build-arg GIT_COMMIT=abcdef123456 "
            "--tag fxrates/server:abcdef123456 --tag fxrates/server:local .") in result.stdout


def test_build_image_without_engine(sandbox):
    sandbox.fake("docker")
    sandbox.on("info", tool="docker", responses={"stderr": "Cannot connect to the Docker daemon", "exit": 1})
    result = sandbox.run("build-image", "--tag", "abcdef123456")
    assert result.returncode == 1 and "no Docker engine" in result.stderr


def test_bake_ami_without_the_bake_stack_fails_before_packer_runs(sandbox):
    base(sandbox)
    bake_stack(sandbox, exists=False)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    result = sandbox.run("bake-ami", "dev", "--var", "subnet_id=subnet-0abc")
    assert result.returncode == 1
    assert "fxrates-dev-bake has no outputs" in result.stderr and "scripts/deploy dev --only bake" in result.stderr
    assert sandbox.calls("packer") == []


def test_bake_ami_takes_profile_and_group_given_with_var(sandbox):
    base(sandbox)
    sandbox.fake("packer")
    sandbox.stub("jq")
    sandbox.stub("session-manager-plugin")
    sandbox.on(tool="packer", responses="ok")
    sandbox.on("ssm", "get-parameter", responses="ami-0b2e0002")
    result = sandbox.run("bake-ami", "dev", "--var", "subnet_id=subnet-0abc", "--var", "iam_instance_profile=my-profile",
                         "--var", "security_group_id=sg-0mine")
    assert result.returncode == 0, result.stderr
    assert not [c for c in sandbox.calls() if "fxrates-dev-bake" in c]
    build = [c for c in sandbox.calls("packer") if c[0] == "build"][0]
    assert "iam_instance_profile=my-profile" in build and "security_group_id=sg-0mine" in build
