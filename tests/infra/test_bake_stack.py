"""cloudformation/bake.yaml, the stack of the Packer build instance (scripts/bake-ami): cfn-lint,
its properties, the environment files, and a rehearsal on moto (in process) that creates it from
environments/dev/bake.json next to a stand-in network stack exporting a VPC (moto is a fake of
AWS: it proves the template creates and wires up, not that AWS accepts every property)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

import cfn_templates as T

TEMPLATE_PATH = T.CFN_DIR / "bake.yaml"


@pytest.fixture(scope="module")
def template():
    return T.load(TEMPLATE_PATH)


def test_cfn_lint_is_clean():
    cfn_lint = shutil.which("cfn-lint")
    if cfn_lint is None:
        pytest.fail("cfn-lint is not installed; install it with `pip install cfn-lint` (1.x)", pytrace=False)
    result = subprocess.run([cfn_lint, "--include-checks", "I", "--", str(TEMPLATE_PATH)], capture_output=True,
                            text=True, cwd=T.ROOT, timeout=300)
    assert result.returncode == 0, f"cfn-lint findings in bake.yaml:\n{result.stdout}{result.stderr}"


def test_build_instance_role_is_session_manager_only(template):
    role = T.resources(template, "AWS::IAM::Role")["BuildRole"]["Properties"]
    statements = role["AssumeRolePolicyDocument"]["Statement"]
    assert statements == [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    assert role["ManagedPolicyArns"] == [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"}]
    assert "Policies" not in role
    profile = T.resources(template, "AWS::IAM::InstanceProfile")["BuildInstanceProfile"]["Properties"]
    assert profile["Roles"] == [{"Ref": "BuildRole"}]


def test_build_security_group_has_no_inbound_rule_and_only_https_out(template):
    groups = T.resources(template, "AWS::EC2::SecurityGroup")
    assert list(groups) == ["BuildSecurityGroup"]
    props = groups["BuildSecurityGroup"]["Properties"]
    assert "SecurityGroupIngress" not in props
    assert not T.resources(template, "AWS::EC2::SecurityGroupIngress")
    assert [(r["IpProtocol"], r["FromPort"], r["ToPort"]) for r in props["SecurityGroupEgress"]] == [("tcp", 443, 443)]
    assert props["VpcId"] == {"Fn::ImportValue": {"Fn::Sub": "${ParentNetworkStack}-VPC"}}


def test_outputs_are_the_ones_bake_ami_reads(template):
    bake_ami = (T.ROOT / "scripts/bake-ami").read_text()
    for output in ("InstanceProfileName", "SecurityGroupId"):
        assert output in template["Outputs"]
        assert f"ops_stack_output \"$bake\" {output}" in bake_ami


@pytest.mark.parametrize("env", T.ENVIRONMENTS)
def test_environment_file_sets_every_parameter_without_default(template, env):
    params = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, "bake")}
    declared = template["Parameters"]
    assert set(params) <= set(declared)
    assert {k for k, v in declared.items() if "Default" not in v} <= set(params)
    assert params["EnvironmentName"] == env and params["ParentNetworkStack"] == f"fxrates-{env}-network"


def test_rehearsal_on_moto_creates_the_profile_and_the_closed_group():
    moto = pytest.importorskip("moto", reason="moto is needed for the rehearsal")
    import boto3

    network = {"AWSTemplateFormatVersion": "2010-09-09",
               "Resources": {"VPC": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.20.0.0/16"}}},
               "Outputs": {"VPC": {"Value": {"Ref": "VPC"}, "Export": {"Name": "fxrates-dev-network-VPC"}}}}
    with moto.mock_aws():
        kwargs = {"region_name": T.REGION, "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        cfn, ec2, iam = (boto3.client(s, **kwargs) for s in ("cloudformation", "ec2", "iam"))
        cfn.create_stack(StackName="fxrates-dev-network", TemplateBody=json.dumps(network))
        cfn.create_stack(StackName="fxrates-dev-bake", TemplateBody=TEMPLATE_PATH.read_text(),
                         Parameters=T.env_parameters("dev", "bake"), Capabilities=["CAPABILITY_NAMED_IAM"])
        stack = cfn.describe_stacks(StackName="fxrates-dev-bake")["Stacks"][0]
        assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}

        profile = iam.get_instance_profile(InstanceProfileName=outputs["InstanceProfileName"])["InstanceProfile"]
        (role,) = profile["Roles"]
        trust = role["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        assert trust["Statement"][0]["Principal"] == {"Service": "ec2.amazonaws.com"}
        # moto's CloudFormation ignores ManagedPolicyArns (it creates the role without them), so
        # the managed policy is checked on the template only (test_build_instance_role_...).

        (group,) = ec2.describe_security_groups(GroupIds=[outputs["SecurityGroupId"]])["SecurityGroups"]
        vpc = cfn.describe_stacks(StackName="fxrates-dev-network")["Stacks"][0]["Outputs"][0]["OutputValue"]
        assert group["VpcId"] == vpc
        assert group["IpPermissions"] == []          # no inbound rule: nothing reaches port 22
        # moto keeps the default allow-all egress where AWS replaces it with SecurityGroupEgress;
        # the HTTPS-only egress is checked on the template (test_build_security_group_...).
        assert re.fullmatch(r"sg-[0-9a-f]+", outputs["SecurityGroupId"])
