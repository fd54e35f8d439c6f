"""Properties of the parsed templates that cfn-lint does not check.

TLS policy, open ingress, SSH, IMDSv2, encryption at rest, the Lambda alarm matrix, routing of
the secure tier, least-privilege IAM, the cross-stack contract and the environment files.
"""

from __future__ import annotations

import ipaddress
import re

import pytest

import cfn_templates as T

NETWORK = T.load(T.CFN_DIR / "network.yaml")
REGISTRY = T.load(T.CFN_DIR / "registry.yaml")
APP = T.load(T.CFN_DIR / "app.yaml")
OBSERVABILITY = T.load(T.CFN_DIR / "observability.yaml")
SAM = T.load(T.SAM_TEMPLATE)
ACCESS_LOGS = T.load(T.CFN_DIR / "access-logs.yaml")
WAF = T.load(T.CFN_DIR / "waf.yaml")
BY_NAME = {"network": NETWORK, "registry": REGISTRY, "app": APP, "observability": OBSERVABILITY, "updater": SAM,
           "access-logs": ACCESS_LOGS, "waf": WAF}
TLS12_AND_NEWER_ONLY = {
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
}
SEVERITIES = ("Warning", "High", "Critical")
LAMBDA_METRICS = ("Errors", "ConcurrentExecutions", "Duration", "Throttles")


def _ref(node):
    return node.get("Ref") if isinstance(node, dict) else None


def _import_names(node):
    """'${ParentXStack}-Thing' strings of every Fn::ImportValue below node."""
    for item in T.walk(node):
        if isinstance(item, dict) and "Fn::ImportValue" in item:
            value = item["Fn::ImportValue"]
            yield value["Fn::Sub"] if isinstance(value, dict) else value


def _ingress_rules(template):
    """(owner group logical id or None, rule) for inline and standalone ingress rules."""
    for name, res in T.resources(template, "AWS::EC2::SecurityGroup").items():
        for item in res["Properties"].get("SecurityGroupIngress", []):
            for rule in T.if_branches(item):
                yield name, rule
    for res in T.resources(template, "AWS::EC2::SecurityGroupIngress").values():
        group = res["Properties"]["GroupId"]
        owner = group["Fn::GetAtt"][0] if isinstance(group, dict) and "Fn::GetAtt" in group else None
        yield owner, res["Properties"]


def _port_range(template, rule):
    def value(node, default):
        if isinstance(node, dict) and "Ref" in node:
            return int(template["Parameters"][node["Ref"]]["Default"])
        return int(node) if node is not None else default

    if str(rule.get("IpProtocol")) in ("-1", "all"):
        return 0, 65535
    return value(rule.get("FromPort"), 0), value(rule.get("ToPort"), 65535)


# ------------------------------------------------------------------------------------ TLS, ingress, SSH


def test_https_listener_allows_tls12_and_newer_only():
    listener = APP["Resources"]["HttpsListener"]["Properties"]
    assert listener["Protocol"] == "HTTPS"
    parameter = APP["Parameters"][_ref(listener["SslPolicy"])]
    assert parameter["Default"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert set(parameter["AllowedValues"]) <= TLS12_AND_NEWER_ONLY
    for env in T.ENVIRONMENTS:
        value = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, "app")}["SslPolicy"]
        assert value in TLS12_AND_NEWER_ONLY


def test_http_listener_redirects_to_https_with_301():
    listener = APP["Resources"]["HttpListener"]["Properties"]
    assert listener["Port"] == 80
    (action,) = listener["DefaultActions"]
    assert action["Type"] == "redirect"
    assert action["RedirectConfig"]["Protocol"] == "HTTPS"
    assert action["RedirectConfig"]["StatusCode"] == "HTTP_301"


def test_load_balancer_drops_invalid_headers_and_has_deletion_protection_per_environment():
    attributes = {}
    for item in APP["Resources"]["LoadBalancer"]["Properties"]["LoadBalancerAttributes"]:
        for branch in T.if_branches(item):
            attributes[branch["Key"]] = branch["Value"]
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"
    assert _ref(attributes["deletion_protection.enabled"]) == "LoadBalancerDeletionProtection"
    prd = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters("prd", "app")}
    assert prd["LoadBalancerDeletionProtection"] == "true"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_only_the_load_balancer_is_open_to_the_internet(name):
    template = BY_NAME[name]
    for owner, rule in _ingress_rules(template):
        cidr = rule.get("CidrIp") or rule.get("CidrIpv6")
        if cidr is None:
            continue
        if isinstance(cidr, str) and ipaddress.ip_network(cidr).prefixlen == 0:
            assert (name, owner) == ("app", "LoadBalancerSecurityGroup"), f"{name}/{owner} open to the internet"
            assert _port_range(template, rule) in ((80, 80), (443, 443))


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_ssh_anywhere(name):
    template = BY_NAME[name]
    for owner, rule in _ingress_rules(template):
        low, high = _port_range(template, rule)
        assert not low <= 22 <= high, f"{name}/{owner} admits port 22"
    for lt in T.resources(template, "AWS::EC2::LaunchTemplate").values():
        assert "KeyName" not in lt["Properties"]["LaunchTemplateData"]


def test_app_port_only_from_the_load_balancer_group():
    ingress = {
        name: res
        for name, res in T.resources(APP, "AWS::EC2::SecurityGroupIngress").items()
        if res["Properties"]["GroupId"] == {"Fn::GetAtt": ["InstanceSecurityGroup", "GroupId"]}
    }
    assert list(ingress) == ["InstanceIngressFromLoadBalancer"]
    rule = ingress["InstanceIngressFromLoadBalancer"]["Properties"]
    assert rule["SourceSecurityGroupId"] == {"Fn::GetAtt": ["LoadBalancerSecurityGroup", "GroupId"]}
    assert _ref(rule["FromPort"]) == _ref(rule["ToPort"]) == "AppPort"
    assert "SecurityGroupIngress" not in APP["Resources"]["InstanceSecurityGroup"]["Properties"]


def test_database_only_from_the_updater_and_app_client_groups():
    db = SAM["Resources"]["DatabaseSecurityGroup"]["Properties"]
    assert "SecurityGroupIngress" not in db
    sources = set()
    for res in T.resources(SAM, "AWS::EC2::SecurityGroupIngress").values():
        props = res["Properties"]
        assert props["GroupId"] == {"Fn::GetAtt": ["DatabaseSecurityGroup", "GroupId"]}
        assert (props["FromPort"], props["ToPort"]) == (5432, 5432)
        assert "CidrIp" not in props and "CidrIpv6" not in props
        sources.add(props["SourceSecurityGroupId"]["Fn::GetAtt"][0])
    assert sources == {"UpdaterSecurityGroup", "DatabaseClientSecurityGroup"}
    launch_groups = APP["Resources"]["LaunchTemplate"]["Properties"]["LaunchTemplateData"]["SecurityGroupIds"]
    assert "${ParentUpdaterStack}-DatabaseClientSecurityGroup" in list(_import_names(launch_groups))


# ------------------------------------------------------------------------------------ hosts


def test_launch_template_requires_imdsv2_and_encrypts_gp3():
    data = APP["Resources"]["LaunchTemplate"]["Properties"]["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    # the container shares the host's network (run-container: --network host): one hop is enough
    assert data["MetadataOptions"]["HttpPutResponseHopLimit"] == 1
    assert "--network host" in (T.ROOT / "systemd/libexec/run-container").read_text()
    assert data["MetadataOptions"]["HttpEndpoint"] == "enabled"
    for mapping in data["BlockDeviceMappings"]:
        assert mapping["Ebs"]["Encrypted"] is True
        assert mapping["Ebs"]["VolumeType"] == "gp3"


def test_ami_comes_from_an_ssm_parameter():
    assert APP["Parameters"]["AmiId"]["Type"] == "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    assert _ref(APP["Resources"]["LaunchTemplate"]["Properties"]["LaunchTemplateData"]["ImageId"]) == "AmiId"
    for env in T.ENVIRONMENTS:
        value = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, "app")}["AmiId"]
        assert value == f"/fxrates/{env}/ami-id"


def test_user_data_writes_the_environment_file_of_the_unit():
    sub = APP["Resources"]["LaunchTemplate"]["Properties"]["LaunchTemplateData"]["UserData"]["Fn::Base64"]["Fn::Sub"]
    script = sub[0]
    assert script.startswith("#!/bin/bash\n")
    assert "cat > /etc/fxrates/fxrates.env.tmp <<'ENVFILE'" in script
    keys = {line.split("=", 1)[0] for line in script.splitlines() if re.match(r"^[A-Z_]+=", line)}
    assert {
        "FXRATES_IMAGE",
        "AWS_REGION",
        "FXRATES_ENV",
        "FXRATES_DB_URL",
        "FXRATES_DB_HOST",
        "FXRATES_DB_PORT",
        "FXRATES_DB_USER",
        "FXRATES_DB_SSL_MODE",
        "FXRATES_DB_MIGRATE",
        "FXRATES_TRACING_ENABLED",
        "FXRATES_TRACING_ENDPOINT",
    } <= keys
    assert "FXRATES_TRACING_ENDPOINT=http://127.0.0.1:9411/api/v2/spans" in script
    assert "FXRATES_DB_URL=jdbc:postgresql://${ClusterEndpoint}:${ClusterPort}/${DatabaseName}" in script
    # fxrates.path starts the unit when the file exists: it must appear complete, in one step.
    assert script.rstrip().endswith("mv -f /etc/fxrates/fxrates.env.tmp /etc/fxrates/fxrates.env")


def test_auto_scaling_group():
    group = APP["Resources"]["AutoScalingGroup"]["Properties"]
    assert group["HealthCheckType"] == "ELB"
    assert list(_import_names(group["VPCZoneIdentifier"])) == ["${ParentNetworkStack}-SubnetsPrivate"]
    grace = int(APP["Parameters"][_ref(group["HealthCheckGracePeriod"])]["Default"])
    warmup = int(APP["Parameters"][_ref(group["DefaultInstanceWarmup"])]["Default"])
    assert grace >= 180 and warmup >= 180, "boot and image pull take minutes"
    policies = {
        p["Properties"]["TargetTrackingConfiguration"]["PredefinedMetricSpecification"]["PredefinedMetricType"]
        for p in T.resources(APP, "AWS::AutoScaling::ScalingPolicy").values()
    }
    assert policies == {"ASGAverageCPUUtilization", "ALBRequestCountPerTarget"}
    target_group = APP["Resources"]["TargetGroup"]["Properties"]
    assert _ref(target_group["HealthCheckPath"]) == "HealthCheckPath"
    assert APP["Parameters"]["HealthCheckPath"]["Default"] == "/observe/health/ready"
    drain = {a["Key"]: a["Value"] for a in target_group["TargetGroupAttributes"]}
    assert _ref(drain["deregistration_delay.timeout_seconds"]) == "DeregistrationDelay"


# ------------------------------------------------------------------------------------ encryption


def test_encryption_at_rest():
    repo = REGISTRY["Resources"]["Repository"]["Properties"]
    assert {b["EncryptionType"] for b in T.if_branches(repo["EncryptionConfiguration"])} == {"KMS", "AES256"}
    assert repo["ImageTagMutability"] == "IMMUTABLE"
    assert repo["ImageScanningConfiguration"]["ScanOnPush"] is True
    assert "LifecyclePolicy" in repo
    cluster = SAM["Resources"]["DBCluster"]
    assert cluster["Properties"]["StorageEncrypted"] is True
    for topic in T.resources(SAM, "AWS::SNS::Topic").values():
        assert topic["Properties"]["KmsMasterKeyId"] == {"Ref": "AlertKey"}
    for key in T.resources(SAM, "AWS::KMS::Key").values():
        assert key["Properties"]["EnableKeyRotation"] is True


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_log_groups_have_retention_and_optional_kms(name):
    for group in T.resources(BY_NAME[name], "AWS::Logs::LogGroup").values():
        props = group["Properties"]
        assert "RetentionInDays" in props
        assert name == "updater" or "KmsKeyId" in props
    if name == "updater":
        cluster = BY_NAME[name]["Resources"]["DBCluster"]
        assert cluster["DependsOn"] == "DBClusterLogGroup"
        assert cluster["Properties"]["EnableCloudwatchLogsExports"] == ["postgresql"]


def test_database_secret_managed_by_aws_with_snapshot_policies():
    cluster = SAM["Resources"]["DBCluster"]
    props = cluster["Properties"]
    assert props["ManageMasterUserPassword"] is True
    assert "MasterUserPassword" not in props
    assert cluster["DeletionPolicy"] == cluster["UpdateReplacePolicy"] == "Snapshot"
    assert _ref(props["DeletionProtection"]) == "DBDeletionProtection"
    assert _ref(props["BackupRetentionPeriod"]) == "DBBackupRetentionPeriod"
    subnet_group = SAM["Resources"]["DBSubnetGroup"]["Properties"]
    assert list(_import_names(subnet_group)) == ["${ParentNetworkStack}-SubnetsSecure"]
    for instance in T.resources(SAM, "AWS::RDS::DBInstance").values():
        assert instance["Properties"]["PubliclyAccessible"] is False


# ------------------------------------------------------------------------------------ Lambda


def test_updater_function():
    fn = SAM["Resources"]["UpdaterFunction"]["Properties"]
    assert fn["Runtime"] == "java21"
    assert fn["Handler"] == "io.fxrates.updater.lambda.ScheduledUpdateHandler::handleRequest"
    assert fn["CodeUri"] == "../lambda-updater/target/fxrates-lambda-updater.zip"
    assert fn["SnapStart"] == {"ApplyOn": "PublishedVersions"}
    assert fn["AutoPublishAlias"] == "live"
    assert fn["Tracing"] == "Active"
    assert fn["ReservedConcurrentExecutions"] == {
        "Fn::If": ["HasReservedConcurrency", {"Ref": "UpdaterReservedConcurrency"}, {"Ref": "AWS::NoValue"}]}
    assert list(_import_names(fn["VpcConfig"]["SubnetIds"])) == ["${ParentNetworkStack}-SubnetsPrivate"]
    variables = fn["Environment"]["Variables"]
    assert {"FXRATES_PROVIDER", "FXRATES_ECB_BASE_URL", "FXRATES_DB_URL", "FXRATES_DB_USER", "FXRATES_UPDATE_MODE"} <= set(
        variables
    )
    # The names lambda-updater reads (UpdaterSettings, ScheduledUpdateHandler).
    assert variables["FXRATES_OXR_APP_ID_SECRET_ARN"] == {"Ref": "OxrApiKeySecretArn"}
    assert SAM["Parameters"]["UpdateMode"]["AllowedValues"] == ["daily", "90d", "history"]
    schedule = fn["Events"]["Schedule"]
    assert schedule["Type"] == "Schedule"
    assert _ref(schedule["Properties"]["Schedule"]) == "ScheduleExpression"
    assert SAM["Parameters"]["ScheduleExpression"]["Default"] == "cron(30 16 ? * MON-FRI *)"
    assert _ref(fn["MemorySize"]) and _ref(fn["Timeout"])


def test_schedule_state_follows_the_parameter_after_the_sam_transform():
    transformed = T.sam_transform(SAM, T.REGION, "s3://bucket/updater.zip")
    (rule,) = T.resources(transformed, "AWS::Events::Rule").values()
    assert rule["Properties"]["State"] == {"Fn::If": ["IsScheduleEnabled", "ENABLED", "DISABLED"]}
    assert rule["Properties"]["ScheduleExpression"] == {"Ref": "ScheduleExpression"}
    (target,) = rule["Properties"]["Targets"]
    assert target["Arn"] == {"Ref": "UpdaterFunctionAliaslive"}, "the schedule invokes the SnapStart alias"


def test_lambda_alarms_four_metrics_by_three_severities_with_parameter_thresholds():
    alarms = [a["Properties"] for a in T.resources(SAM, "AWS::CloudWatch::Alarm").values()]
    lambda_alarms = [a for a in alarms if a.get("Namespace") == "AWS/Lambda"]
    matrix = {}
    for alarm in lambda_alarms:
        threshold = _ref(alarm["Threshold"])
        assert threshold and SAM["Parameters"][threshold]["Type"] == "Number", "threshold is not a parameter"
        severity = next(s for s in SEVERITIES if threshold.endswith(f"{s}Threshold"))
        assert alarm["AlarmActions"] == [{"Ref": f"AlertTopic{severity}"}]
        assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "UpdaterFunction"}}]
        matrix[(alarm["MetricName"], severity)] = threshold
    assert set(matrix) == {(m, s) for m in LAMBDA_METRICS for s in SEVERITIES}
    assert len(set(matrix.values())) == 12, "each alarm has its own threshold parameter"
    for metric in LAMBDA_METRICS:
        defaults = [float(SAM["Parameters"][matrix[(metric, s)]]["Default"]) for s in SEVERITIES]
        assert defaults == sorted(defaults), f"{metric}: Warning <= High <= Critical"


def test_slo_alarms_go_to_a_topic_per_severity():
    topics = set()
    for alarm in T.resources(OBSERVABILITY, "AWS::CloudWatch::Alarm").values():
        (action,) = list(_import_names(alarm["Properties"]["AlarmActions"]))
        topics.add(action)
    assert topics == {f"${{ParentUpdaterStack}}-AlertTopic{s}" for s in SEVERITIES}


# ------------------------------------------------------------------------------------ network


def test_secure_tier_has_no_route_out_of_the_vpc():
    routes = T.resources(NETWORK, "AWS::EC2::Route").values()
    assert all(_ref(r["Properties"]["RouteTableId"]) != "RouteTableSecure" for r in routes)
    associations = {
        _ref(a["Properties"]["SubnetId"]): _ref(a["Properties"]["RouteTableId"])
        for a in T.resources(NETWORK, "AWS::EC2::SubnetRouteTableAssociation").values()
    }
    for zone in "ABC":
        assert associations[f"Subnet{zone}Secure"] == "RouteTableSecure"
        assert associations[f"Subnet{zone}Public"] == "RouteTablePublic"
        assert associations[f"Subnet{zone}Private"] == f"RouteTable{zone}Private"
    endpoint_tables = T.if_branches(NETWORK["Resources"]["EndpointS3"]["Properties"]["RouteTableIds"])
    assert all(_ref(t) != "RouteTableSecure" for branch in endpoint_tables for t in branch)


def test_private_tier_leaves_through_nat_only():
    for name, route in T.resources(NETWORK, "AWS::EC2::Route").items():
        table = _ref(route["Properties"]["RouteTableId"])
        if table.endswith("Private"):
            assert "NatGatewayId" in route["Properties"] and "GatewayId" not in route["Properties"], name
        if "GatewayId" in route["Properties"]:
            assert table == "RouteTablePublic", name


def test_flow_log_role_is_least_privilege():
    role = NETWORK["Resources"]["FlowLogRole"]["Properties"]
    (policy,) = role["Policies"]
    for statement in policy["PolicyDocument"]["Statement"]:
        assert "*" not in statement["Resource"]
        assert not any(a.endswith("*") for a in statement["Action"])


# ------------------------------------------------------------------------------------ IAM

# Actions that have no resource-level permissions, so '*' is the only possible resource.
STAR_RESOURCE_ALLOWED = {
    "ecr:GetAuthorizationToken",
    "cloudwatch:PutMetricData",
    "ec2:DescribeTags",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_iam_policies_scope_resources(name):
    template = BY_NAME[name]
    documents = []
    for res in template["Resources"].values():
        props = res.get("Properties", {})
        for policy in props.get("Policies", []):
            for branch in T.if_branches(policy):
                documents.append(branch.get("PolicyDocument", branch))
    for document in documents:
        for statement in document["Statement"]:
            for branch in T.if_branches(statement):
                actions = branch["Action"] if isinstance(branch["Action"], list) else [branch["Action"]]
                assert all("*" not in a for a in actions), f"wildcard action in {name}: {actions}"
                if branch.get("Resource") == "*":
                    assert set(actions) <= STAR_RESOURCE_ALLOWED, f"'*' resource for {actions} in {name}"


# ------------------------------------------------------------------------------------ conventions


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_parameters_are_grouped_and_described(name):
    template = BY_NAME[name]
    groups = template["Metadata"]["AWS::CloudFormation::Interface"]["ParameterGroups"]
    grouped = [p for g in groups for p in g["Parameters"]]
    assert sorted(grouped) == sorted(template["Parameters"]), "every parameter in exactly one group"
    for key, parameter in template["Parameters"].items():
        assert parameter.get("Description"), f"{key} has no description"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_outputs_export_as_stack_name_dash_key(name):
    outputs = BY_NAME[name]["Outputs"]
    assert outputs
    for key, output in outputs.items():
        if "Export" in output:
            assert output["Export"]["Name"] == {"Fn::Sub": f"${{AWS::StackName}}-{key}"}


PARENTS = {
    "ParentNetworkStack": "network",
    "ParentRegistryStack": "registry",
    "ParentUpdaterStack": "updater",
    "ParentAppStack": "app",
    "ParentAccessLogsStack": "access-logs",
}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_every_import_matches_an_export_of_the_parent(name):
    for sub in _import_names(BY_NAME[name]):
        match = re.fullmatch(r"\$\{(Parent\w+Stack)\}-(\w+)", sub)
        assert match, f"import {sub!r} is not ${{ParentXStack}}-Thing"
        parent = BY_NAME[PARENTS[match.group(1)]]
        exports = {k for k, v in parent["Outputs"].items() if "Export" in v}
        assert match.group(2) in exports, f"{name} imports {sub} which {PARENTS[match.group(1)]} does not export"


# ------------------------------------------------------------------------------------ environment files


@pytest.mark.parametrize("env", T.ENVIRONMENTS)
@pytest.mark.parametrize("stack", T.CFN_STACKS)
def test_environment_file_matches_its_template(env, stack):
    template = BY_NAME[stack]
    values = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, stack)}
    assert set(values) <= set(template["Parameters"]), f"unknown parameters {set(values) - set(template['Parameters'])}"
    required = {k for k, v in template["Parameters"].items() if "Default" not in v} - {"ImageTag"}
    assert required <= set(values), f"missing {required - set(values)}"
    for key, value in values.items():
        allowed = template["Parameters"][key].get("AllowedValues")
        if allowed:
            assert value in [str(a) for a in allowed], f"{key}={value} not in {allowed}"
        if key.startswith("Parent"):
            assert value == f"fxrates-{env}-{PARENTS[key]}"
    if "EnvironmentName" in values:
        assert values["EnvironmentName"] == env


@pytest.mark.parametrize("env", T.ENVIRONMENTS)
def test_samconfig_matches_the_sam_template(env):
    config = T.samconfig(env)["default"]["deploy"]["parameters"]
    assert config["stack_name"] == f"fxrates-{env}-updater"
    assert "CAPABILITY_IAM" in config["capabilities"] and "CAPABILITY_AUTO_EXPAND" in config["capabilities"]
    values = T.sam_parameter_overrides(env)
    assert set(values) <= set(SAM["Parameters"])
    required = {k for k, v in SAM["Parameters"].items() if "Default" not in v}
    assert required <= set(values)
    assert values["ParentNetworkStack"] == f"fxrates-{env}-network"
    assert values["EnvironmentName"] == env
    for key, value in values.items():
        allowed = SAM["Parameters"][key].get("AllowedValues")
        if allowed:
            assert value in [str(a) for a in allowed], f"{key}={value} not in {allowed}"


SECRET_NAMES = re.compile(r"(password|passwd|token|apikey|api_key|secretkey|accesskey)", re.IGNORECASE)


@pytest.mark.parametrize("env", T.ENVIRONMENTS)
def test_environment_files_hold_no_secrets(env):
    pairs = []
    for stack in T.CFN_STACKS:
        pairs += [(p["ParameterKey"], p["ParameterValue"]) for p in T.env_parameters(env, stack)]
    pairs += list(T.sam_parameter_overrides(env).items())
    for key, value in pairs:
        if SECRET_NAMES.search(key):
            # Only references to secrets (ARNs) or nothing.
            assert value == "" or value.startswith("arn:"), f"{env}: {key} looks like a secret value"
        assert not re.search(r"AKIA[0-9A-Z]{16}", value), f"{env}: {key} holds an access key id"
    settings = [
        line
        for line in (T.ENV_DIR / env / "samconfig.toml").read_text().splitlines()
        if not line.startswith("#") and not line.startswith("parameter_overrides")  # checked above
    ]
    assert not any(SECRET_NAMES.search(line) for line in settings), f"{env}: samconfig.toml names a secret"


def test_dual_stack_only_on_an_ipv6_network_and_with_an_aaaa_record():
    for env in T.ENVIRONMENTS:
        network = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, "network")}
        app = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, "app")}
        assert (app["IpAddressType"] == "dualstack") == (network["EnableIPv6"] == "true"), env
    records = {r["Properties"]["Type"]: r for r in T.resources(APP, "AWS::Route53::RecordSet").values()}
    assert set(records) == {"A", "AAAA"}
    assert records["AAAA"]["Condition"] == "IsDualStack"
    for record in records.values():
        assert record["Properties"]["AliasTarget"]["DNSName"] == {"Fn::GetAtt": ["LoadBalancer", "DNSName"]}


def test_template_bodies_fit_create_stack():
    # scripts/deploy passes --template-body file://..., which CloudFormation caps at 51,200 bytes.
    for path in T.ALL_TEMPLATES:
        assert path.stat().st_size < 51200, f"{path.name} needs --template-url (S3) above 51,200 bytes"


def test_production_is_sized_for_availability():
    network = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters("prd", "network")}
    app = {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters("prd", "app")}
    sam = T.sam_parameter_overrides("prd")
    assert network["NatGateways"] == "per-az" and network["NumberOfAZs"] == "3"
    assert int(app["MinSize"]) >= 2
    assert sam["DBReplica"] == "true" and sam["DBDeletionProtection"] == "true"


def test_group_runs_the_launch_template_version_parameter_not_the_latest():
    """A stack update must not move the group to a new launch template version: the instance
    refresh does (so that its rollback returns to the version before). LatestVersionNumber only
    while LaunchTemplateVersion is empty, which scripts/deploy never sends on update."""
    parameter = APP["Parameters"]["LaunchTemplateVersion"]
    assert parameter["Default"] == "" and parameter["Type"] == "String"
    assert re.fullmatch(parameter["AllowedPattern"], "") and re.fullmatch(parameter["AllowedPattern"], "12")
    assert not re.fullmatch(parameter["AllowedPattern"], "$Latest")
    assert APP["Conditions"]["HasLaunchTemplateVersion"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "LaunchTemplateVersion"}, ""]}]}
    version = APP["Resources"]["AutoScalingGroup"]["Properties"]["LaunchTemplate"]["Version"]
    assert version == {"Fn::If": ["HasLaunchTemplateVersion", {"Ref": "LaunchTemplateVersion"},
                                  {"Fn::GetAtt": ["LaunchTemplate", "LatestVersionNumber"]}]}
    for env in T.ENVIRONMENTS:
        assert "LaunchTemplateVersion" not in {p["ParameterKey"] for p in T.env_parameters(env, "app")}


def test_target_group_outlasts_a_database_failover_before_marking_targets_unhealthy():
    """The readiness probe pings the database and the group replaces ELB-unhealthy instances: an
    Aurora failover (usually < 60 s, up to ~120 s) must not mark every target unhealthy."""
    target_group = APP["Resources"]["TargetGroup"]["Properties"]
    assert APP["Resources"]["AutoScalingGroup"]["Properties"]["HealthCheckType"] == "ELB"
    assert _ref(target_group["HealthCheckPath"]) == "HealthCheckPath"
    assert APP["Parameters"]["HealthCheckPath"]["Default"] == "/observe/health/ready"
    interval = target_group["HealthCheckIntervalSeconds"]
    unhealthy_after = target_group["UnhealthyThresholdCount"] * interval
    assert unhealthy_after >= 120 + 2 * interval, unhealthy_after
    assert 2 <= target_group["UnhealthyThresholdCount"] <= 10           # the ELBv2 limits
    assert target_group["HealthCheckTimeoutSeconds"] < interval
    # new instances still become healthy quickly (instance refreshes wait for it)
    assert target_group["HealthyThresholdCount"] * interval <= 60
