"""Deploy rehearsal: build the dev environment on a local moto_server from the environment files.

The stacks are created in the operators' order (network, registry, updater, app, observability)
with create-stack and the parameters of environments/dev/, then what was built is checked through
the EC2, ELBv2, Auto Scaling, Lambda, RDS, CloudWatch and CloudFormation APIs.

What moto cannot do, and how the rehearsal gets around it (docs/infrastructure.md lists it too):
- The SAM transform: expanded locally with aws-sam-translator, as cfn-lint does.
- Resource types moto skips (Aurora DBCluster, CloudWatch alarms, Lambda alias, ACM certificate,
  scaling policies, SecurityGroupEgress): in the updater stack they are removed and references to
  them replaced by placeholders (a Ref to a skipped resource can hang moto); the app stack gets a
  certificate requested from moto's ACM instead of creating one; the others are simply not created.
- Account-specific values: the AMI id is published to moto's SSM under /fxrates/dev/ami-id (what
  Packer does), the hosted zone is created in moto's Route 53, and ImageTag is a made-up commit.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

import pytest

import cfn_templates as T
from cfn_templates import REGION

# ------------------------------------------------------------------------------------ moto_server
# The fixtures live here rather than in a conftest.py: tests/delivery has its own conftest, and
# two modules named conftest on sys.path shadow each other.


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _moto_command(port: int) -> list[str]:
    executable = shutil.which("moto_server")
    if executable:
        return [executable, "-H", "127.0.0.1", "-p", str(port)]
    return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    """Start moto_server on a free local port; yield its URL; always stop it."""
    pytest.importorskip("moto", reason="moto is needed for the deploy rehearsal")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto_server.log"
    log = open(log_path, "wb")
    env = dict(os.environ, MOTO_ALLOW_NONEXISTENT_REGION="false")
    process = subprocess.Popen(_moto_command(port), stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"moto_server exited with {process.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not answer on {url} within 30 s; see {log_path}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def aws(moto_endpoint):
    """boto3 clients bound to the local moto_server, with fake credentials."""
    import boto3

    session = boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=REGION,
    )

    class Clients:
        def __getattr__(self, service):
            client = session.client(service, endpoint_url=moto_endpoint)
            setattr(self, service, client)
            return client

    return Clients()


ENV = "dev"
STACK = {name: f"fxrates-{ENV}-{name}"
         for name in ("network", "registry", "access-logs", "updater", "app", "waf", "observability")}
IMAGE_TAG = "0123456789abcdef0123456789abcdef01234567"
ARTIFACT_BUCKET = "fxrates-rehearsal-artifacts"
# Types moto's CloudFormation does not create, plus the Aurora instances (their cluster is one).
EXTRA_UPDATER_DROPS = {"AWS::RDS::DBInstance"}
# What moto cannot build in the updater stack (docs/infrastructure.md lists it); anything else dropped
# would be a surprise and fails test_rehearsal_only_drops_what_moto_cannot_build.
UPDATER_DROPPABLE = {"AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBClusterParameterGroup",
                     "AWS::CloudWatch::Alarm", "AWS::Lambda::Alias", "AWS::Lambda::EventInvokeConfig",
                     "AWS::SQS::QueuePolicy"}
WAF_DROPPABLE = {"AWS::WAFv2::WebACL", "AWS::WAFv2::WebACLAssociation", "AWS::WAFv2::LoggingConfiguration"}


def _moto_supported_types() -> set[str]:
    from moto.cloudformation.parsing import get_model_map

    return set(get_model_map())


def _wait(cf, name: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        stack = cf.describe_stacks(StackName=name)["Stacks"][0]
        if not stack["StackStatus"].endswith("_IN_PROGRESS"):
            return stack
        assert time.monotonic() < deadline, f"{name} still {stack['StackStatus']} after {timeout} s"
        time.sleep(0.5)


def _create(cf, name: str, body: str, parameters: list[dict]) -> dict:
    cf.create_stack(
        StackName=name,
        TemplateBody=body,
        Parameters=parameters,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
    )
    stack = _wait(cf, name)
    assert stack["StackStatus"] == "CREATE_COMPLETE", (name, stack.get("StackStatusReason"))
    return stack


def _override(parameters: list[dict], **values: str) -> list[dict]:
    keys = {p["ParameterKey"] for p in parameters}
    result = [
        {"ParameterKey": p["ParameterKey"], "ParameterValue": values.get(p["ParameterKey"], p["ParameterValue"])}
        for p in parameters
    ]
    result += [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items() if k not in keys]
    return result


def _outputs(stack: dict) -> dict[str, str]:
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


@pytest.fixture(scope="module")
def dev(aws):
    """Create the dev environment on moto; return each stack's outputs and the rehearsal inputs."""
    cf = aws.cloudformation

    # What exists before a deploy in a real account: the AMI id Packer published, the hosted zone.
    image_id = aws.ec2.describe_images()["Images"][0]["ImageId"]
    aws.ssm.put_parameter(Name=f"/fxrates/{ENV}/ami-id", Value=image_id, Type="String")
    zone_id = aws.route53.create_hosted_zone(Name="fxrates.example.com.", CallerReference="rehearsal")["HostedZone"][
        "Id"
    ].split("/")[-1]
    certificate_arn = aws.acm.request_certificate(DomainName=f"{ENV}.fxrates.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    # sam deploy uploads the Lambda zip to S3; here a stand-in zip.
    aws.s3.create_bucket(Bucket=ARTIFACT_BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("README", "rehearsal stand-in for fxrates-lambda-updater.zip")
    aws.s3.put_object(Bucket=ARTIFACT_BUCKET, Key="updater.zip", Body=payload.getvalue())

    outputs = {}
    for name in ("network", "registry", "access-logs"):
        body = (T.CFN_DIR / f"{name}.yaml").read_text()
        outputs[name] = _outputs(_create(cf, STACK[name], body, T.env_parameters(ENV, name)))

    sam = T.sam_transform(T.load(T.SAM_TEMPLATE), REGION, f"s3://{ARTIFACT_BUCKET}/updater.zip")
    types = {r["Type"] for r in sam["Resources"].values()}
    rehearsable, dropped = T.without_resources(sam, (types - _moto_supported_types()) | EXTRA_UPDATER_DROPS)
    sam_params = [{"ParameterKey": k, "ParameterValue": v} for k, v in T.sam_parameter_overrides(ENV).items()]
    outputs["updater"] = _outputs(_create(cf, STACK["updater"], json.dumps(rehearsable), sam_params))

    app_params = _override(
        T.env_parameters(ENV, "app"), ImageTag=IMAGE_TAG, HostedZoneId=zone_id, CertificateArn=certificate_arn
    )
    outputs["app"] = _outputs(_create(cf, STACK["app"], (T.CFN_DIR / "app.yaml").read_text(), app_params))

    # moto has no WAFv2: the web ACL, its association and its logging are removed (as in the updater
    # stack); the log group is built. Their settings are checked by test_security.py and cfn-lint.
    waf = T.load(T.CFN_DIR / "waf.yaml")
    waf_types = {r["Type"] for r in waf["Resources"].values()}
    rehearsable_waf, waf_dropped = T.without_resources(waf, waf_types - _moto_supported_types())
    outputs["waf"] = _outputs(_create(cf, STACK["waf"], json.dumps(rehearsable_waf), T.env_parameters(ENV, "waf")))

    body = (T.CFN_DIR / "observability.yaml").read_text()
    outputs["observability"] = _outputs(_create(cf, STACK["observability"], body, T.env_parameters(ENV, "observability")))
    return {
        "outputs": outputs,
        "image_id": image_id,
        "zone_id": zone_id,
        "certificate_arn": certificate_arn,
        "dropped": dropped,
        "sam": sam,
        "waf_dropped": {name: waf["Resources"][name]["Type"] for name in waf_dropped},
    }


def _params(name: str) -> dict[str, str]:
    return {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(ENV, name)}


# ------------------------------------------------------------------------------------ network


def test_every_stack_is_created_in_order(aws, dev):
    statuses = {name: aws.cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"] for name, stack in STACK.items()}
    assert statuses == {name: "CREATE_COMPLETE" for name in STACK}


def _subnets_by_tier(aws, vpc_id):
    subnets = aws.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    tiers: dict[str, list[dict]] = {}
    for subnet in subnets:
        tags = {t["Key"]: t["Value"] for t in subnet.get("Tags", [])}
        tiers.setdefault(tags.get("Tier", "untagged"), []).append(subnet)
    return tiers


def test_subnets_per_tier_and_az(aws, dev):
    net = dev["outputs"]["network"]
    azs = int(_params("network")["NumberOfAZs"])
    tiers = _subnets_by_tier(aws, net["VPC"])
    assert set(tiers) == {"public", "private", "secure"}
    for tier, subnets in tiers.items():
        assert len(subnets) == azs, tier
        assert len({s["AvailabilityZone"] for s in subnets}) == azs, f"{tier} subnets share an AZ"
    expected = {
        "public": _params("network")["PublicSubnetCidrs"].split(",")[:azs],
        "private": _params("network")["PrivateSubnetCidrs"].split(",")[:azs],
        "secure": _params("network")["SecureSubnetCidrs"].split(",")[:azs],
    }
    assert {t: sorted(s["CidrBlock"] for s in subnets) for t, subnets in tiers.items()} == {
        t: sorted(c) for t, c in expected.items()
    }
    for tier, key in (("public", "SubnetsPublic"), ("private", "SubnetsPrivate"), ("secure", "SubnetsSecure")):
        assert sorted(net[key].split(",")) == sorted(s["SubnetId"] for s in tiers[tier])


def _table(aws, table_id):
    return aws.ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"][0]


def _default_route(table):
    return [r for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]


def test_routes_per_tier(aws, dev):
    net = dev["outputs"]["network"]
    azs = int(_params("network")["NumberOfAZs"])
    nats = aws.ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [net["VPC"]]}])["NatGateways"]
    nat_ids = {n["NatGatewayId"] for n in nats}
    igw = aws.ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [net["VPC"]]}])[
        "InternetGateways"
    ]
    assert len(igw) == 1
    routes = _default_route(_table(aws, net["RouteTablePublic"]))
    assert [r.get("GatewayId") for r in routes] == [igw[0]["InternetGatewayId"]]
    private_tables = net["RouteTablesPrivate"].split(",")
    assert len(private_tables) == azs
    for table_id in private_tables:
        routes = _default_route(_table(aws, table_id))
        assert len(routes) == 1 and routes[0].get("NatGatewayId") in nat_ids
    for route in _table(aws, net["RouteTableSecure"])["Routes"]:
        assert route.get("GatewayId") == "local", f"secure tier routes out of the VPC: {route}"
    # moto records associations made by CloudFormation without showing them in
    # DescribeRouteTables; count them on the stack instead (which subnet goes to which table is
    # asserted on the template in test_properties.py).
    resources = aws.cloudformation.list_stack_resources(StackName=STACK["network"])["StackResourceSummaries"]
    associations = [r for r in resources if r["ResourceType"] == "AWS::EC2::SubnetRouteTableAssociation"]
    assert len(associations) == 3 * azs
    assert all(r["ResourceStatus"] == "CREATE_COMPLETE" for r in associations)


def test_nat_gateways_in_public_subnets(aws, dev):
    net = dev["outputs"]["network"]
    nats = aws.ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [net["VPC"]]}])["NatGateways"]
    expected = 1 if _params("network")["NatGateways"] == "one" else int(_params("network")["NumberOfAZs"])
    assert len(nats) == expected
    assert {n["SubnetId"] for n in nats} <= set(net["SubnetsPublic"].split(","))


def test_flow_logs_and_s3_endpoint(aws, dev):
    net = dev["outputs"]["network"]
    flow_logs = aws.ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [net["VPC"]]}])["FlowLogs"]
    assert len(flow_logs) == 1
    assert flow_logs[0]["LogGroupName"] == net["FlowLogGroupName"] == f"/fxrates/{ENV}/vpc-flow-logs"
    assert flow_logs[0]["TrafficType"] == _params("network")["FlowLogTrafficType"]
    groups = aws.logs.describe_log_groups(logGroupNamePrefix=net["FlowLogGroupName"])["logGroups"]
    assert groups[0]["retentionInDays"] == int(_params("network")["FlowLogRetentionInDays"])
    endpoints = aws.ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [net["VPC"]]}])["VpcEndpoints"]
    s3 = [e for e in endpoints if e["ServiceName"].endswith(".s3")]
    assert len(s3) == 1 and s3[0]["VpcEndpointType"] == "Gateway"
    assert sorted(s3[0]["RouteTableIds"]) == sorted(net["RouteTablesPrivate"].split(","))
    interface = [e for e in endpoints if e["VpcEndpointType"] == "Interface"]
    assert bool(interface) == (_params("network")["InterfaceEndpoints"] == "true")


# ------------------------------------------------------------------------------------ registry


def test_registry(aws, dev):
    repo = aws.ecr.describe_repositories(repositoryNames=[dev["outputs"]["registry"]["RepositoryName"]])["repositories"][0]
    assert repo["repositoryName"] == "fxrates/server"
    assert repo["imageTagMutability"] == "IMMUTABLE"


# ------------------------------------------------------------------------------------ updater


def test_updater_lambda(aws, dev):
    up = dev["outputs"]["updater"]
    config = aws.__getattr__("lambda").get_function(FunctionName=up["FunctionName"])["Configuration"]
    assert config["Runtime"] == "java21"
    assert config["Handler"] == "io.fxrates.updater.lambda.ScheduledUpdateHandler::handleRequest"
    # moto ignores TracingConfig and SnapStart from CloudFormation; test_properties.py checks them.
    assert sorted(config["VpcConfig"]["SubnetIds"]) == sorted(dev["outputs"]["network"]["SubnetsPrivate"].split(","))
    variables = config["Environment"]["Variables"]
    assert variables["FXRATES_PROVIDER"] == "ECB"
    assert variables["FXRATES_UPDATE_MODE"] == "daily"
    assert variables["FXRATES_DB_URL"] == f"jdbc:postgresql://{up['ClusterEndpoint']}:{up['ClusterPort']}/fxrates"
    # IAM authentication as the writer role, TLS verified against the bundle in the zip; no secret.
    assert variables["FXRATES_DB_USER"] == "fxrates_writer"
    assert variables["FXRATES_DB_IAM_AUTH"] == "true"
    assert variables["FXRATES_DB_SSL_MODE"] == "verify-full"
    assert variables["FXRATES_DB_SSL_ROOT_CERT"] == "/var/task/rds-ca/global-bundle.pem"
    assert not any("SECRET" in k for k in variables if k != "FXRATES_OXR_APP_ID_SECRET_ARN")
    # dev leaves the concurrency unreserved (UpdaterReservedConcurrency=-1): a new account works.
    assert T.sam_parameter_overrides(ENV)["UpdaterReservedConcurrency"] == "-1"
    concurrency = aws.__getattr__("lambda").get_function_concurrency(FunctionName=up["FunctionName"])
    assert "ReservedConcurrentExecutions" not in concurrency


def test_updater_schedule(aws, dev):
    expected = T.sam_parameter_overrides(ENV)["ScheduleExpression"]
    rules = aws.events.list_rules()["Rules"]
    scheduled = [r for r in rules if r.get("ScheduleExpression") == expected]
    assert len(scheduled) == 1
    targets = aws.events.list_targets_by_rule(Rule=scheduled[0]["Name"])["Targets"]
    assert len(targets) == 1 and dev["outputs"]["updater"]["FunctionName"] in targets[0]["Arn"]


def test_database_network_placement(aws, dev):
    up, net = dev["outputs"]["updater"], dev["outputs"]["network"]
    groups = aws.rds.describe_db_subnet_groups()["DBSubnetGroups"]
    assert len(groups) == 1
    assert sorted(s["SubnetIdentifier"] for s in groups[0]["Subnets"]) == sorted(net["SubnetsSecure"].split(","))
    db_sg = aws.ec2.describe_security_groups(GroupIds=[up["DatabaseSecurityGroup"]])["SecurityGroups"][0]
    sources = set()
    for rule in db_sg["IpPermissions"]:
        assert not rule.get("IpRanges") and not rule.get("Ipv6Ranges"), f"database open to CIDRs: {rule}"
        assert (rule["FromPort"], rule["ToPort"]) == (5432, 5432)
        sources |= {pair["GroupId"] for pair in rule["UserIdGroupPairs"]}
    lambda_sgs = set(
        aws.__getattr__("lambda").get_function(FunctionName=up["FunctionName"])["Configuration"]["VpcConfig"]["SecurityGroupIds"]
    )
    assert sources == lambda_sgs | {up["DatabaseClientSecurityGroup"]}


def test_alert_topics(aws, dev):
    up = dev["outputs"]["updater"]
    for severity in ("Warning", "High", "Critical"):
        attributes = aws.sns.get_topic_attributes(TopicArn=up[f"AlertTopic{severity}"])["Attributes"]
        assert attributes.get("KmsMasterKeyId"), f"{severity} topic is not encrypted"


def test_rehearsal_only_drops_what_moto_cannot_build(dev):
    kinds = {dev["sam"]["Resources"][name]["Type"] for name in dev["dropped"]}
    assert kinds <= UPDATER_DROPPABLE
    alarms = [n for n in dev["dropped"] if dev["sam"]["Resources"][n]["Type"] == "AWS::CloudWatch::Alarm"]
    # the 12 Lambda alarms, failed runs (failure queue), failed alert deliveries (SNS)
    assert len(alarms) == 14
    assert set(dev["waf_dropped"].values()) <= WAF_DROPPABLE


# ------------------------------------------------------------------------------------ app


def _load_balancer(aws, dev):
    arn = dev["outputs"]["app"]["LoadBalancerArn"]
    return aws.elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]


def test_load_balancer_in_public_subnets(aws, dev):
    lb = _load_balancer(aws, dev)
    assert lb["Scheme"] == "internet-facing"
    assert sorted(az["SubnetId"] for az in lb["AvailabilityZones"]) == sorted(dev["outputs"]["network"]["SubnetsPublic"].split(","))
    assert lb["SecurityGroups"], "no security group on the ALB"
    # moto does not apply LoadBalancerAttributes from CloudFormation (dropping invalid headers,
    # deletion protection); test_properties.py checks them on the template.


def test_listeners_redirect_and_tls(aws, dev):
    lb = _load_balancer(aws, dev)
    listeners = {l["Port"]: l for l in aws.elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]}
    assert set(listeners) == {80, 443}
    redirect = listeners[80]["DefaultActions"][0]
    assert redirect["Type"] == "redirect"
    assert redirect["RedirectConfig"]["Protocol"] == "HTTPS"
    assert redirect["RedirectConfig"]["Port"] == "443"
    assert redirect["RedirectConfig"]["StatusCode"] == "HTTP_301"
    https = listeners[443]
    assert https["Protocol"] == "HTTPS"
    assert https["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert [c["CertificateArn"] for c in https["Certificates"]] == [dev["certificate_arn"]]
    assert https["DefaultActions"][0]["TargetGroupArn"] == dev["outputs"]["app"]["TargetGroupArn"]


def test_target_group_health_check(aws, dev):
    group = aws.elbv2.describe_target_groups(TargetGroupArns=[dev["outputs"]["app"]["TargetGroupArn"]])["TargetGroups"][0]
    assert group["HealthCheckPath"] == "/observe/health/ready"
    assert group["Port"] == 8080
    assert group["VpcId"] == dev["outputs"]["network"]["VPC"]


def test_auto_scaling_group_in_private_subnets(aws, dev):
    app = dev["outputs"]["app"]
    group = aws.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[app["AutoScalingGroupName"]])[
        "AutoScalingGroups"
    ][0]
    assert sorted(group["VPCZoneIdentifier"].split(",")) == sorted(dev["outputs"]["network"]["SubnetsPrivate"].split(","))
    assert group["HealthCheckType"] == "ELB"
    assert group["HealthCheckGracePeriod"] == int(_params("app")["HealthCheckGracePeriod"])
    assert (group["MinSize"], group["MaxSize"]) == (int(_params("app")["MinSize"]), int(_params("app")["MaxSize"]))
    assert group["TargetGroupARNs"] == [app["TargetGroupArn"]]
    assert group["LaunchTemplate"]["LaunchTemplateId"] == app["LaunchTemplateId"]


def _launch_template_data(aws, dev):
    versions = aws.ec2.describe_launch_template_versions(
        LaunchTemplateId=dev["outputs"]["app"]["LaunchTemplateId"], Versions=["$Latest"]
    )["LaunchTemplateVersions"]
    return versions[0]["LaunchTemplateData"]


def test_launch_template(aws, dev):
    data = _launch_template_data(aws, dev)
    assert data["ImageId"] == dev["image_id"], "AMI id does not come from the SSM parameter"
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    assert int(data["MetadataOptions"]["HttpPutResponseHopLimit"]) == 1
    ebs = data["BlockDeviceMappings"][0]["Ebs"]
    assert ebs["Encrypted"] in (True, "true") and ebs["VolumeType"] == "gp3"
    # Exports consumed across stacks: the database client group of the updater stack.
    assert dev["outputs"]["updater"]["DatabaseClientSecurityGroup"] in data["SecurityGroupIds"]
    assert dev["outputs"]["app"]["InstanceSecurityGroup"] in data["SecurityGroupIds"]


def test_user_data_writes_the_environment_file(aws, dev):
    user_data = base64.b64decode(_launch_template_data(aws, dev)["UserData"]).decode()
    registry, updater = dev["outputs"]["registry"], dev["outputs"]["updater"]
    lines = set(user_data.splitlines())
    assert "cat > /etc/fxrates/fxrates.env.tmp <<'ENVFILE'" in lines
    assert f"FXRATES_IMAGE={registry['RepositoryUri']}:{IMAGE_TAG}" in lines
    assert f"FXRATES_IMAGE=123456789012.dkr.ecr.{REGION}.amazonaws.com/fxrates/server:{IMAGE_TAG}" in lines
    assert f"AWS_REGION={REGION}" in lines
    assert f"FXRATES_ENV={ENV}" in lines
    assert f"FXRATES_DB_URL=jdbc:postgresql://{updater['ClusterEndpoint']}:{updater['ClusterPort']}/fxrates" in lines
    # what systemd/libexec/db-token signs an IAM token for, and the container's database settings
    assert f"FXRATES_DB_HOST={updater['ClusterEndpoint']}" in lines
    assert f"FXRATES_DB_PORT={updater['ClusterPort']}" in lines
    assert f"FXRATES_DB_USER={updater['DatabaseReaderUser']}" in lines and updater["DatabaseReaderUser"] == "fxrates_reader"
    assert "FXRATES_DB_SSL_MODE=verify-full" in lines and "FXRATES_DB_MIGRATE=false" in lines
    assert "SECRET" not in user_data, "the web instances get no database secret"
    assert "FXRATES_TRACING_ENABLED=true" in lines
    assert "FXRATES_TRACING_ENDPOINT=http://127.0.0.1:9411/api/v2/spans" in lines
    assert "mv -f /etc/fxrates/fxrates.env.tmp /etc/fxrates/fxrates.env" in lines
    assert "${" not in user_data, "unresolved substitution in user data"


def test_instance_security_group_only_from_the_load_balancer(aws, dev):
    app = dev["outputs"]["app"]
    group = aws.ec2.describe_security_groups(GroupIds=[app["InstanceSecurityGroup"]])["SecurityGroups"][0]
    lb_groups = set(_load_balancer(aws, dev)["SecurityGroups"])
    assert group["IpPermissions"], "no ingress rule"
    for rule in group["IpPermissions"]:
        assert (rule["FromPort"], rule["ToPort"]) == (8080, 8080)
        assert not rule.get("IpRanges")
        assert {p["GroupId"] for p in rule["UserIdGroupPairs"]} == lb_groups


def test_dns_alias_record(aws, dev):
    records = aws.route53.list_resource_record_sets(HostedZoneId=dev["zone_id"])["ResourceRecordSets"]
    alias = [r for r in records if r["Type"] == "A" and r["Name"].rstrip(".") == _params("app")["DomainName"]]
    assert len(alias) == 1
    assert alias[0]["AliasTarget"]["DNSName"].rstrip(".").lower() == _load_balancer(aws, dev)["DNSName"].lower()
    # dev is IPv4 only (EnableIPv6=false, IpAddressType=ipv4): no AAAA record.
    assert _params("app")["IpAddressType"] == "ipv4"
    assert not [r for r in records if r["Type"] == "AAAA"]


def test_app_log_groups(aws, dev):
    app = dev["outputs"]["app"]
    for key, name in (("AppLogGroupName", f"/fxrates/{ENV}/app"), ("HostLogGroupName", f"/fxrates/{ENV}/host")):
        assert app[key] == name
        group = aws.logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"][0]
        assert group["retentionInDays"] == int(_params("app")["LogRetentionInDays"])
    assert app["PrometheusLogGroupName"] == f"/fxrates/{ENV}/prometheus"
    assert aws.logs.describe_log_groups(logGroupNamePrefix=app["PrometheusLogGroupName"])["logGroups"]


# ------------------------------------------------------------------------------------ observability


def test_dashboard_uses_the_app_stack_exports(aws, dev):
    app = dev["outputs"]["app"]
    name = dev["outputs"]["observability"]["DashboardName"]
    body = json.loads(aws.cloudwatch.get_dashboard(DashboardName=name)["DashboardBody"])
    text = json.dumps(body)
    for value in (app["LoadBalancerFullName"], app["TargetGroupFullName"], app["AutoScalingGroupName"]):
        assert value in text
    assert "fxrates_rates_age_seconds" in text and "fxrates_currencies_quoted" in text


def test_exports_consumed_across_stacks(aws, dev):
    exports = {e["Name"]: e for e in aws.cloudformation.list_exports()["Exports"]}
    consumed = {
        f"{STACK['network']}-VPC": {STACK["updater"], STACK["app"]},
        f"{STACK['network']}-SubnetsPrivate": {STACK["updater"], STACK["app"]},
        f"{STACK['network']}-SubnetsSecure": {STACK["updater"]},
        f"{STACK['network']}-SubnetsPublic": {STACK["app"]},
        f"{STACK['registry']}-RepositoryUri": {STACK["app"]},
        f"{STACK['updater']}-DatabaseClientSecurityGroup": {STACK["app"]},
        f"{STACK['updater']}-ClusterResourceId": {STACK["app"]},
        f"{STACK['updater']}-ClusterPort": {STACK["app"]},
        f"{STACK['updater']}-DatabaseReaderUser": {STACK["app"]},
        f"{STACK['access-logs']}-BucketName": {STACK["app"]},
        f"{STACK['access-logs']}-LoadBalancerLogPrefix": {STACK["app"]},
        f"{STACK['app']}-LoadBalancerFullName": {STACK["observability"]},
    }
    # moto has no ListImports: check that each importer names the exporter as its parent stack
    # and imports the export (the values landing in resources are checked by the tests above).
    for name, importers in consumed.items():
        assert name in exports, f"missing export {name}"
        exporter = exports[name]["ExportingStackId"].split("/")[1]
        assert name == f"{exporter}-{name[len(exporter) + 1:]}"
        for importer in importers:
            stack = aws.cloudformation.describe_stacks(StackName=importer)["Stacks"][0]
            parents = {p["ParameterValue"] for p in stack["Parameters"] if p["ParameterKey"].startswith("Parent")}
            assert exporter in parents, f"{importer} does not take {exporter} as a parent stack"
            body = aws.cloudformation.get_template(StackName=importer)["TemplateBody"]
            body = body if isinstance(body, str) else json.dumps(body)
            assert "-" + name[len(exporter) + 1:] in body, f"{importer} does not import {name}"


def test_update_stack_rolls_a_new_image_tag_into_the_launch_template(aws, dev):
    cf = aws.cloudformation
    before = _launch_template_data(aws, dev)
    new_tag = "fedcba9876543210fedcba9876543210fedcba98"
    parameters = _override(
        T.env_parameters(ENV, "app"),
        ImageTag=new_tag,
        HostedZoneId=dev["zone_id"],
        CertificateArn=dev["certificate_arn"],
    )
    cf.update_stack(
        StackName=STACK["app"],
        TemplateBody=(T.CFN_DIR / "app.yaml").read_text(),
        Parameters=parameters,
        Capabilities=["CAPABILITY_IAM"],
    )
    stack = _wait(cf, STACK["app"])
    assert stack["StackStatus"] == "UPDATE_COMPLETE", stack.get("StackStatusReason")
    assert {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}["ImageTag"] == new_tag
    after = base64.b64decode(_launch_template_data(aws, dev)["UserData"]).decode()
    assert f":{new_tag}" in after
    assert base64.b64decode(before["UserData"]).decode() != after


def test_update_keeps_the_group_on_its_launch_template_version_until_it_is_recorded(aws, dev):
    """scripts/deploy sends LaunchTemplateVersion (UsePreviousValue, or the group's version): the
    update adds a launch template version but the group stays; recording the new version (what
    scripts/refresh-instances does after a successful refresh) moves the stack's group to it."""
    cf = aws.cloudformation
    app = dev["outputs"]["app"]

    def group_version():
        # the group as the stack has it now (moto may replace the group on an update)
        resources = cf.list_stack_resources(StackName=STACK["app"])["StackResourceSummaries"]
        name = [r["PhysicalResourceId"] for r in resources if r["LogicalResourceId"] == "AutoScalingGroup"][0]
        group = aws.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])
        return str(group["AutoScalingGroups"][0]["LaunchTemplate"]["Version"])

    def latest_version():
        templates = aws.ec2.describe_launch_templates(LaunchTemplateIds=[app["LaunchTemplateId"]])
        return str(templates["LaunchTemplates"][0]["LatestVersionNumber"])

    running = group_version()
    parameters = _override(
        T.env_parameters(ENV, "app"),
        ImageTag="0a0a0a0a0a0a",
        HostedZoneId=dev["zone_id"],
        CertificateArn=dev["certificate_arn"],
        LaunchTemplateVersion=running,
    )
    cf.update_stack(StackName=STACK["app"], TemplateBody=(T.CFN_DIR / "app.yaml").read_text(),
                    Parameters=parameters, Capabilities=["CAPABILITY_IAM"])
    assert _wait(cf, STACK["app"])["StackStatus"] == "UPDATE_COMPLETE"
    assert latest_version() != running, "the update adds a launch template version"
    assert group_version() == running, "the group must stay on the running version until the refresh"

    new = latest_version()
    keys = [p["ParameterKey"] for p in cf.describe_stacks(StackName=STACK["app"])["Stacks"][0]["Parameters"]]
    record = [{"ParameterKey": k, "UsePreviousValue": True} for k in keys if k != "LaunchTemplateVersion"]
    record.append({"ParameterKey": "LaunchTemplateVersion", "ParameterValue": new})
    cf.update_stack(StackName=STACK["app"], UsePreviousTemplate=True, Parameters=record, Capabilities=["CAPABILITY_IAM"])
    stack = _wait(cf, STACK["app"])
    assert stack["StackStatus"] == "UPDATE_COMPLETE", stack.get("StackStatusReason")
    assert {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}["LaunchTemplateVersion"] == new
    assert group_version() == new


# ------------------------------------------------------------------------------------ prd network


def test_production_network_three_azs_nat_per_az_and_endpoints(aws, dev):
    """The prd network file on moto, except EnableIPv6 (moto cannot resolve VPC.Ipv6CidrBlocks)."""
    cf = aws.cloudformation
    name = "fxrates-prd-network"
    parameters = _override(T.env_parameters("prd", "network"), EnableIPv6="false")
    outputs = _outputs(_create(cf, name, (T.CFN_DIR / "network.yaml").read_text(), parameters))
    tiers = _subnets_by_tier(aws, outputs["VPC"])
    assert {tier: len(subnets) for tier, subnets in tiers.items()} == {"public": 3, "private": 3, "secure": 3}
    for subnets in tiers.values():
        assert len({s["AvailabilityZone"] for s in subnets}) == 3
    nats = aws.ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [outputs["VPC"]]}])["NatGateways"]
    assert len(nats) == 3
    assert sorted(n["SubnetId"] for n in nats) == sorted(outputs["SubnetsPublic"].split(","))
    used = [_default_route(_table(aws, t))[0]["NatGatewayId"] for t in outputs["RouteTablesPrivate"].split(",")]
    assert sorted(used) == sorted(n["NatGatewayId"] for n in nats), "each AZ has its own NAT gateway"
    for route in _table(aws, outputs["RouteTableSecure"])["Routes"]:
        assert route.get("GatewayId") == "local"
    endpoints = aws.ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [outputs["VPC"]]}])["VpcEndpoints"]
    services = {e["ServiceName"].rsplit(".", 1)[-1] for e in endpoints if e["VpcEndpointType"] == "Interface"}
    assert {"api", "dkr", "logs", "monitoring", "xray", "secretsmanager", "ssm", "ssmmessages", "ec2messages"} == services


# ------------------------------------------------------------------------------------ issue 10: security


def test_access_log_bucket(aws, dev):
    bucket = dev["outputs"]["access-logs"]["BucketName"]
    assert bucket == f"fxrates-{ENV}-access-logs-123456789012-{REGION}"
    assert dev["outputs"]["access-logs"]["LoadBalancerLogPrefix"] == f"fxrates-{ENV}"
    rules = aws.s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    # moto has no AWS::S3::BucketPolicy and ignores PublicAccessBlockConfiguration,
    # OwnershipControls, VersioningConfiguration and LifecycleConfiguration from CloudFormation (it
    # applies the encryption): the ELB delivery and TLS-only statements, the public access block,
    # versioning and the expiry are checked on the template (test_security.py) only.


def test_observe_paths_are_answered_by_the_load_balancer(aws, dev):
    lb = _load_balancer(aws, dev)
    https = [l for l in aws.elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
             if l["Port"] == 443][0]
    rules = [r for r in aws.elbv2.describe_rules(ListenerArn=https["ListenerArn"])["Rules"] if not r["IsDefault"]]
    assert len(rules) == 1
    (rule,) = rules
    assert rule["Priority"] == "1"
    patterns = [v for c in rule["Conditions"] for v in c.get("PathPatternConfig", {}).get("Values", c.get("Values", []))]
    assert "/observe*" in patterns
    (action,) = rule["Actions"]
    assert action["Type"] == "fixed-response" and action["FixedResponseConfig"]["StatusCode"] == "404"
    # the health check still goes to the instances' readiness endpoint
    group = aws.elbv2.describe_target_groups(TargetGroupArns=[dev["outputs"]["app"]["TargetGroupArn"]])["TargetGroups"][0]
    assert group["HealthCheckPath"] == "/observe/health/ready"


def test_failed_runs_queue_and_bootstrap_function(aws, dev):
    up = dev["outputs"]["updater"]
    attributes = aws.sqs.get_queue_attributes(QueueUrl=up["UpdaterFailureQueueUrl"], AttributeNames=["All"])["Attributes"]
    assert attributes["QueueArn"].endswith(f":fxrates-{ENV}-updater-failures")
    lam = aws.__getattr__("lambda")
    config = lam.get_function(FunctionName=up["DatabaseBootstrapFunctionName"])["Configuration"]
    assert config["Handler"] == "io.fxrates.updater.lambda.DatabaseBootstrapHandler::handleRequest"
    variables = config["Environment"]["Variables"]
    assert variables["FXRATES_DB_MASTER_SECRET_ARN"] == up["DatabaseSecretArn"]
    assert (variables["FXRATES_DB_WRITER_USER"], variables["FXRATES_DB_READER_USER"]) == ("fxrates_writer", "fxrates_reader")
    assert variables["FXRATES_DB_URL"] == f"jdbc:postgresql://{up['ClusterEndpoint']}:{up['ClusterPort']}/fxrates"
    assert sorted(config["VpcConfig"]["SubnetIds"]) == sorted(dev["outputs"]["network"]["SubnetsPrivate"].split(","))
    # no schedule invokes it: scripts/deploy does, once per deploy
    for rule in aws.events.list_rules()["Rules"]:
        targets = aws.events.list_targets_by_rule(Rule=rule["Name"])["Targets"]
        assert not any(up["DatabaseBootstrapFunctionName"] in t["Arn"] for t in targets)


def test_waf_log_group(aws, dev):
    name = dev["outputs"]["waf"]["WafLogGroupName"]
    assert name == f"aws-waf-logs-fxrates-{ENV}"
    group = aws.logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"][0]
    assert group["retentionInDays"] == int(_params("waf")["LogRetentionInDays"])
    assert set(dev["waf_dropped"].values()) == WAF_DROPPABLE
