"""scripts/refresh-instances against a fake aws: its exact calls, its waiting, its failure paths."""
import base64
import json

import pytest

ASG = "fxrates-dev-app-Asg-ABC"
LT = "lt-0123456789abcdef0"
REFRESH_ID = "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b"
DESCRIBE_ONE = ("autoscaling", "describe-instance-refreshes", "--instance-refresh-ids")
RELEASE_QUERY = "LaunchTemplateVersions[0].LaunchTemplateData.[ImageId,UserData]"


def user_data(tag):
    """A launch template version's user data as the app stack writes it (base64)."""
    text = ("#!/bin/bash\ncat > /etc/fxrates/fxrates.env.tmp <<'ENVFILE'\nFXRATES_ENV=dev\n"
            f"FXRATES_IMAGE=111122223333.dkr.ecr.eu-central-1.amazonaws.com/fxrates/server:{tag}\nENVFILE\n")
    return base64.b64encode(text.encode()).decode()


def release_rules(sandbox, versions):
    """versions: {"7": ("ami-0old", "0ld7a9000000"), ...}: what each launch template version runs."""
    for version, (ami, tag) in versions.items():
        sandbox.rules.insert(0, {"tool": "aws", "match": ["describe-launch-template-versions", "--versions", version,
                                                          RELEASE_QUERY], "responses": [f"{ami}\t{user_data(tag)}"]})


def standard(sandbox, alarm_outputs="arn:aws:cloudwatch:eu-central-1:111122223333:alarm:fxrates-dev-5xx\tfxrates-dev-latency",
             running="None\tNone", progress=None):
    sandbox.fake("aws")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    sandbox.on("cloudformation", "describe-stacks", "Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]",
               responses=ASG)
    sandbox.on("cloudformation", "describe-stacks", "Stacks[0].Parameters[].ParameterKey",
               responses="EnvironmentName\tImageTag\tAmiId\tLaunchTemplateVersion\tMinSize")
    sandbox.on("cloudformation", "describe-stacks", responses=alarm_outputs)
    sandbox.on("cloudformation", "update-stack", responses='{"StackId": "arn:aws:cloudformation:::stack/fxrates-dev-app/1"}')
    sandbox.on("cloudformation", "wait", responses="")
    sandbox.on("autoscaling", "describe-auto-scaling-groups", responses=f"{LT}\t7")
    sandbox.on("ec2", "describe-launch-templates", responses="8")
    sandbox.on("ec2", "describe-launch-template-versions", responses="ami-0new")
    sandbox.on("ssm", "get-parameter", responses="ami-0new")
    sandbox.on("ssm", "put-parameter", responses='{"Version": 2, "Tier": "Standard"}')
    release_rules(sandbox, {"7": ("ami-0old", "0ld7a9000000"), "8": ("ami-0new", "feedbeef1234")})
    sandbox.on(*DESCRIBE_ONE, responses=progress or [
        "Pending\tNone\tNone",
        "InProgress\t0\tWaiting for instances to warm up.",
        "InProgress\t50\tWaiting for instances to warm up.",
        "InProgress\t100\tNone",
        "Successful\t100\tNone",
    ])
    sandbox.on("autoscaling", "describe-instance-refreshes", "--max-records", responses=running)
    sandbox.on("autoscaling", "start-instance-refresh", responses=REFRESH_ID)


EXPECTED_DESIRED = {"LaunchTemplate": {"LaunchTemplateId": LT, "Version": "8"}}
EXPECTED_PREFERENCES = {
    # launch before terminate: a group of one (dev, MinSize 1) keeps an instance in service
    "MinHealthyPercentage": 100,
    "MaxHealthyPercentage": 200,
    "InstanceWarmup": 300,
    "CheckpointPercentages": [50, 100],
    "CheckpointDelay": 300,
    # after the last batch, the alarms are watched this long before Successful (and the record)
    "BakeTime": 600,
    "SkipMatching": True,
    "AutoRollback": True,
    "AlarmSpecification": {"Alarms": ["fxrates-dev-5xx", "fxrates-dev-latency"]},
}


EXPECTED_RECORD = ["cloudformation", "update-stack", "--stack-name", "fxrates-dev-app", "--use-previous-template",
                   "--parameters", "(json)", "--capabilities", "CAPABILITY_NAMED_IAM"]
EXPECTED_RECORD_PARAMETERS = [
    {"ParameterKey": "EnvironmentName", "UsePreviousValue": True},
    {"ParameterKey": "ImageTag", "UsePreviousValue": True},
    {"ParameterKey": "AmiId", "UsePreviousValue": True},
    {"ParameterKey": "MinSize", "UsePreviousValue": True},
    {"ParameterKey": "LaunchTemplateVersion", "ParameterValue": "8"},
]


def start_call(sandbox):
    starts = [c for c in sandbox.calls() if c[:2] == ["autoscaling", "start-instance-refresh"]]
    assert len(starts) == 1, sandbox.calls()
    return starts[0]


def option(call, name):
    return call[call.index(name) + 1]


def test_successful_refresh_makes_exactly_these_calls_and_reports_progress(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 0, result.stderr
    calls = sandbox.calls()
    assert calls[0] == ["sts", "get-caller-identity", "--query", "Account", "--output", "text"]
    assert calls[1] == ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app", "--query",
                        "Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]", "--output", "text"]
    assert calls[2][:4] == ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app"]
    assert calls[3] == ["autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", ASG, "--query",
                        "AutoScalingGroups[0].[LaunchTemplate.LaunchTemplateId,LaunchTemplate.Version]", "--output", "text"]
    assert calls[4] == ["ec2", "describe-launch-templates", "--launch-template-ids", LT,
                        "--query", "LaunchTemplates[0].LatestVersionNumber", "--output", "text"]
    assert calls[5][:6] == ["ec2", "describe-launch-template-versions", "--launch-template-id", LT, "--versions", "8"]
    assert calls[6][:4] == ["ssm", "get-parameter", "--name", "/fxrates/dev/ami-id"]
    assert calls[7][:4] == ["autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", ASG]
    start = calls[8]
    assert start[:7] == ["autoscaling", "start-instance-refresh", "--auto-scaling-group-name", ASG,
                         "--strategy", "Rolling", "--desired-configuration"]
    assert json.loads(option(start, "--desired-configuration")) == EXPECTED_DESIRED
    assert json.loads(option(start, "--preferences")) == EXPECTED_PREFERENCES
    polls = calls[9:14]
    assert all(p[:6] == ["autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", ASG,
                         "--instance-refresh-ids", REFRESH_ID] for p in polls)
    # after Successful: the new version is recorded in the app stack, nothing else changes
    assert calls[14] == calls[1]
    assert calls[15] == ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-app", "--query",
                         "Stacks[0].Parameters[].ParameterKey", "--output", "text"]
    record = calls[16]
    assert record == EXPECTED_RECORD[:6] + [record[6]] + EXPECTED_RECORD[7:]
    assert json.loads(record[6]) == EXPECTED_RECORD_PARAMETERS
    assert calls[17] == ["cloudformation", "wait", "stack-update-complete", "--stack-name", "fxrates-dev-app"]
    # ... and the release: what version 8 runs, and what version 7 ran before it (from their user data)
    assert calls[18][:6] == ["ec2", "describe-launch-template-versions", "--launch-template-id", LT, "--versions", "8"]
    assert calls[19][:6] == ["ec2", "describe-launch-template-versions", "--launch-template-id", LT, "--versions", "7"]
    assert calls[20] == ["ssm", "put-parameter", "--name", "/fxrates/dev/release-previous", "--type", "String",
                         "--overwrite", "--value", '{"ami":"ami-0old","image_tag":"0ld7a9000000"}']
    assert calls[21] == ["ssm", "put-parameter", "--name", "/fxrates/dev/release", "--type", "String",
                         "--overwrite", "--value", '{"ami":"ami-0new","image_tag":"feedbeef1234"}']
    assert len(calls) == 22
    assert "fxrates-dev-app: LaunchTemplateVersion=8 recorded" in result.stderr
    # progress is reported once per change
    assert "Pending 0%" in result.stderr
    assert "InProgress 50% - Waiting for instances to warm up." in result.stderr
    assert "Successful 100%" in result.stderr
    assert result.stderr.count("InProgress 100%") == 1
    assert sandbox.changing_calls() == [start, record, calls[20], calls[21]]


def test_options_shape_the_preferences(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", "--alarm", "a1", "--alarm", "arn:aws:cloudwatch:x:1:alarm:a2",
                         "--min-healthy", "100", "--warmup", "120", "--checkpoints", "20,60,100",
                         "--checkpoint-delay", "900", "--bake-time", "1200", "--no-skip-matching", "--asg", "my-asg")
    assert result.returncode == 0, result.stderr
    start = start_call(sandbox)
    assert option(start, "--auto-scaling-group-name") == "my-asg"
    prefs = json.loads(option(start, "--preferences"))
    assert prefs == {"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200, "InstanceWarmup": 120, "CheckpointPercentages": [20, 60, 100],
                     "CheckpointDelay": 900, "BakeTime": 1200, "SkipMatching": False, "AutoRollback": True,
                     "AlarmSpecification": {"Alarms": ["a1", "a2"]}}
    # --asg and --alarm given: the stack is not asked for them; my-asg is not the stack's group, so
    # its version is not recorded there
    asked = [c[c.index("--query") + 1] for c in sandbox.calls() if c[:2] == ["cloudformation", "describe-stacks"]]
    assert asked == ["Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]"]
    assert sandbox.changing_calls() == [start]


def test_no_checkpoints_and_no_rollback(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", "--checkpoints", "none", "--no-auto-rollback")
    assert result.returncode == 0, result.stderr
    prefs = json.loads(option(start_call(sandbox), "--preferences"))
    assert "CheckpointPercentages" not in prefs and "CheckpointDelay" not in prefs
    assert prefs["AutoRollback"] is False


def test_dry_run_prints_the_start_call_and_changes_nothing(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert sandbox.changing_calls() == []
    assert "[dry-run] aws autoscaling start-instance-refresh --auto-scaling-group-name " + ASG in result.stdout
    assert "--preferences" in result.stdout and "AlarmSpecification" in result.stdout
    assert "[dry-run] aws cloudformation update-stack --stack-name fxrates-dev-app --use-previous-template" in result.stdout


def test_no_wait_prints_the_id(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", "--no-wait")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == REFRESH_ID
    assert not [c for c in sandbox.calls() if "--instance-refresh-ids" in c]
    # not recorded yet: the operator is told how to, once the refresh is Successful
    assert sandbox.changing_calls() == [start_call(sandbox)]
    assert "scripts/refresh-instances dev --record-only" in result.stderr


def test_record_only_records_the_version_the_group_runs(sandbox):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", "--record-only")
    assert result.returncode == 0, result.stderr
    changes = sandbox.changing_calls()
    assert len(changes) == 2 and changes[0][:6] == EXPECTED_RECORD[:6]
    # only the current release is known: /fxrates/dev/release-previous stays as it is
    assert changes[1] == ["ssm", "put-parameter", "--name", "/fxrates/dev/release", "--type", "String", "--overwrite",
                          "--value", '{"ami":"ami-0old","image_tag":"0ld7a9000000"}']
    # the group runs version 7 (describe-auto-scaling-groups); no refresh is started
    assert json.loads(changes[0][6])[-1] == {"ParameterKey": "LaunchTemplateVersion", "ParameterValue": "7"}


def test_record_counts_no_updates_as_success(sandbox):
    standard(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["cloudformation", "update-stack"], "responses": [
        {"stderr": "An error occurred (ValidationError) when calling the UpdateStack operation: No updates are to be performed.", "exit": 254}]})
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 0, result.stderr
    assert not [c for c in sandbox.calls() if c[:2] == ["cloudformation", "wait"]]


def test_a_failed_record_fails_the_run_and_says_how_to_repeat_it(sandbox):
    standard(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "match": ["cloudformation", "update-stack"], "responses": [
        {"stderr": "An error occurred (ValidationError): Stack is in UPDATE_IN_PROGRESS state", "exit": 254}]})
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "--record-only" in result.stderr


@pytest.mark.parametrize("final", ["Failed\t40\tNone", "Cancelled\t40\tNone", "RollbackSuccessful\t0\tNone"])
def test_nothing_is_recorded_unless_the_refresh_succeeded(sandbox, final):
    standard(sandbox, progress=["InProgress\t10\tNone", final])
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert sandbox.changing_calls() == [start_call(sandbox)]


@pytest.mark.parametrize("final, words", [
    ("Failed\t40\tInstances failed to launch", "failed (Instances failed to launch)"),
    ("Cancelled\t40\tNone", "was cancelled"),
    ("RollbackSuccessful\t0\tAlarm fxrates-dev-5xx is in ALARM", "rolled back to the previous configuration"),
    ("RollbackFailed\t0\tNone", "its rollback failed too"),
])
def test_failure_states_exit_1_with_the_reason(sandbox, final, words):
    standard(sandbox, progress=["InProgress\t10\tNone", final])
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert words in result.stderr
    assert "describe-instance-refreshes --auto-scaling-group-name " + ASG in result.stderr


def test_times_out_with_exit_3(sandbox):
    standard(sandbox, progress=["InProgress\t10\tNone"])
    sandbox.env_extra["FXRATES_POLL_SECONDS"] = "1"
    result = sandbox.run("refresh-instances", "dev", "--timeout", "2")
    assert result.returncode == 3
    assert "the refresh goes on" in result.stderr and "scripts/rollback dev --in-flight" in result.stderr


def test_refuses_when_a_refresh_is_already_running(sandbox):
    standard(sandbox, running="abc-123\tInProgress")
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "already InProgress" in result.stderr and "scripts/rollback dev" in result.stderr
    assert sandbox.changing_calls() == []


def test_warns_when_launch_template_lags_the_published_ami(sandbox):
    standard(sandbox)
    sandbox.rules = [r for r in sandbox.rules if r["match"][:2] != ["ssm", "get-parameter"]]
    sandbox.on("ssm", "get-parameter", responses="ami-0newer")
    result = sandbox.run("refresh-instances", "dev", "--dry-run")
    assert result.returncode == 0
    assert "scripts/deploy dev --only app" in result.stderr


def test_without_alarms_it_warns_and_omits_the_specification(sandbox):
    standard(sandbox, alarm_outputs="None")
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 0, result.stderr
    assert "AlarmSpecification" not in json.loads(option(start_call(sandbox), "--preferences"))
    assert "no alarms" in result.stderr


def test_missing_credentials(sandbox):
    sandbox.fake("aws")
    sandbox.on("sts", responses={"stderr": "Unable to locate credentials. You can configure credentials by running \"aws configure\".", "exit": 255})
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "no working AWS credentials" in result.stderr and "aws sso login" in result.stderr
    assert [c[0] for c in sandbox.calls()] == ["sts"]


def test_missing_region(sandbox):
    sandbox.fake("aws")
    sandbox.on("configure", "get", responses={"exit": 1})
    sandbox.env_extra["AWS_REGION"] = None
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "export AWS_REGION" in result.stderr


def test_missing_aws_cli(sandbox):
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "'aws' is not on PATH" in result.stderr


def test_stack_without_asg_output(sandbox):
    standard(sandbox)
    sandbox.rules.insert(0, {"tool": "aws", "responses": ["None"],
                             "match": ["Stacks[0].Outputs[?OutputKey=='AutoScalingGroupName'].OutputValue | [0]"]})
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1
    assert "no output AutoScalingGroupName" in result.stderr and "--asg" in result.stderr


@pytest.mark.parametrize("args, message", [
    ([], "missing the environment"),
    (["qa"], "unknown environment 'qa'"),
    (["dev", "--min-healthy", "101"], "--min-healthy must be at most 100"),
    (["dev", "--max-healthy", "201"], "--max-healthy must be at most 200"),
    (["dev", "--max-healthy", "99"], "--max-healthy must be at least 100"),
    (["dev", "--min-healthy", "50", "--max-healthy", "200"], "must be at most 100 (Auto Scaling's limit)"),
    (["dev", "--warmup", "soon"], "--warmup must be a whole number"),
    (["dev", "--bake-time", "-1"], "--bake-time must be a whole number"),
    (["dev", "--checkpoints", "50,90"], "must end in 100"),
    (["dev", "--checkpoints", "60,50,100"], "ascending"),
    (["dev", "--alarm"], "--alarm needs a name"),
    (["dev", "--bogus"], "unknown option '--bogus'"),
    (["dev", "stg"], "unexpected argument 'stg'"),
])
def test_bad_arguments_exit_2_before_any_aws_call(sandbox, args, message):
    sandbox.fake("aws")
    result = sandbox.run("refresh-instances", *args)
    assert result.returncode == 2
    assert message in result.stderr and "--help" in result.stderr
    assert sandbox.calls() == []


def test_help(sandbox):
    result = sandbox.run("refresh-instances", "--help")
    assert result.returncode == 0
    assert "Usage: scripts/refresh-instances <env>" in result.stdout


@pytest.mark.parametrize("args, expected", [
    ([], (100, 200)),
    (["--min-healthy", "90"], (90, 190)),          # 200 - 90 would exceed Auto Scaling's limit of 100
    (["--min-healthy", "0"], (0, 100)),
    (["--min-healthy", "90", "--max-healthy", "150"], (90, 150)),
])
def test_max_healthy_percentage_is_always_valid_with_the_min(sandbox, args, expected):
    standard(sandbox)
    result = sandbox.run("refresh-instances", "dev", *args)
    assert result.returncode == 0, result.stderr
    prefs = json.loads(option(start_call(sandbox), "--preferences"))
    low, high = prefs["MinHealthyPercentage"], prefs["MaxHealthyPercentage"]
    assert (low, high) == expected
    assert 100 <= high <= 200 and high - low <= 100


def test_the_version_is_recorded_only_after_the_bake_time(sandbox):
    standard(sandbox, progress=["InProgress\t100\tNone", "Baking\t100\tWaiting for bake time to elapse.",
                                "Successful\t100\tNone"])
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 0, result.stderr
    assert "Baking 100% - Waiting for bake time to elapse." in result.stderr
    assert result.stderr.index("Baking") < result.stderr.index("LaunchTemplateVersion=8 recorded")


def test_an_alarm_during_the_bake_time_rolls_back_and_records_nothing(sandbox):
    standard(sandbox, progress=["Baking\t100\tNone", "RollbackInProgress\t0\tAlarm fxrates-dev-app-unhealthy-hosts",
                                "RollbackSuccessful\t0\tNone"])
    result = sandbox.run("refresh-instances", "dev")
    assert result.returncode == 1 and "rolled back to the previous configuration" in result.stderr
    assert sandbox.changing_calls() == [start_call(sandbox)]
