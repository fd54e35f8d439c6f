"""Issue 10 (security of the AWS deployment) on the parsed templates and the host files.

Database identities (IAM authentication, a role per client, the master secret for the bootstrap
function only), TLS to Aurora, the WAF, /observe kept inside, HSTS, the access log bucket, alerts
that reach someone, the updater's concurrency and failure queue. What these tests cannot show (the
settings taking effect on AWS) is listed in docs/infrastructure.md.
"""

from __future__ import annotations

import re

import pytest

import cfn_templates as T

SAM = T.load(T.SAM_TEMPLATE)
APP = T.load(T.CFN_DIR / "app.yaml")
WAF = T.load(T.CFN_DIR / "waf.yaml")
ACCESS_LOGS = T.load(T.CFN_DIR / "access-logs.yaml")
SAM_EXPANDED = T.sam_transform(SAM, T.REGION, "s3://bucket/updater.zip")

# The contract with the Java side (lambda-updater's handlers and the server's configuration).
UPDATER_ENV = {
    "FXRATES_DB_USER": {"Ref": "DBWriterUser"},
    "FXRATES_DB_IAM_AUTH": "true",
    "FXRATES_DB_SSL_MODE": "verify-full",
    "FXRATES_DB_SSL_ROOT_CERT": "/var/task/rds-ca/global-bundle.pem",
}
BOOTSTRAP_ENV = {
    "FXRATES_DB_MASTER_SECRET_ARN": {"Fn::GetAtt": ["DBCluster", "MasterUserSecret.SecretArn"]},
    "FXRATES_DB_WRITER_USER": {"Ref": "DBWriterUser"},
    "FXRATES_DB_READER_USER": {"Ref": "DBReaderUser"},
    "FXRATES_DB_SSL_MODE": "verify-full",
    "FXRATES_DB_SSL_ROOT_CERT": "/var/task/rds-ca/global-bundle.pem",
}
DB_URL = {"Fn::Sub": "jdbc:postgresql://${DBCluster.Endpoint.Address}:${DBCluster.Endpoint.Port}/${DBName}"}
MASTER_SECRET = {"Fn::GetAtt": ["DBCluster", "MasterUserSecret.SecretArn"]}


def _statements(role):
    for policy in role["Properties"].get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            yield from T.if_branches(statement)


def _actions(statement):
    action = statement["Action"]
    return action if isinstance(action, list) else [action]


def _params(env, stack):
    return {p["ParameterKey"]: p["ParameterValue"] for p in T.env_parameters(env, stack)}


# ------------------------------------------------------------------------------------ Aurora


def test_cluster_requires_tls_and_allows_iam_authentication():
    cluster = SAM["Resources"]["DBCluster"]["Properties"]
    assert cluster["EnableIAMDatabaseAuthentication"] is True
    assert cluster["ManageMasterUserPassword"] is True
    assert cluster["DBClusterParameterGroupName"] == {"Ref": "DBClusterParameterGroup"}
    group = SAM["Resources"]["DBClusterParameterGroup"]
    assert group["Type"] == "AWS::RDS::DBClusterParameterGroup"
    assert group["Properties"]["Parameters"]["rds.force_ssl"] == "1"


def test_parameter_group_family_follows_the_engine_major_version():
    family = SAM["Resources"]["DBClusterParameterGroup"]["Properties"]["Family"]
    assert family == {"Fn::Join": ["", ["aurora-postgresql", {"Fn::Select": [0, {"Fn::Split": [".", {"Ref": "DBEngineVersion"}]}]}]]}
    # what it evaluates to for the default and for every environment: aurora-postgresql16
    versions = {SAM["Parameters"]["DBEngineVersion"]["Default"]} | {
        T.sam_parameter_overrides(env)["DBEngineVersion"] for env in T.ENVIRONMENTS}
    assert {"aurora-postgresql" + v.split(".")[0] for v in versions} == {"aurora-postgresql16"}


# ------------------------------------------------------------------------------------ database identities


def test_updater_connects_as_the_writer_with_iam_tokens_and_verified_tls():
    fn = SAM["Resources"]["UpdaterFunction"]["Properties"]
    variables = fn["Environment"]["Variables"]
    assert variables["FXRATES_DB_URL"] == DB_URL
    for key, value in UPDATER_ENV.items():
        assert variables[key] == value, key
    assert "FXRATES_DB_SECRET_ARN" not in variables and "FXRATES_DB_PASSWORD" not in variables
    role = SAM_EXPANDED["Resources"]["UpdaterFunctionRole"]
    connect = [s for s in _statements(role) if "rds-db:connect" in _actions(s)]
    assert [s["Resource"] for s in connect] == [{"Fn::Sub": (
        "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:"
        "${DBCluster.DBClusterResourceId}/${DBWriterUser}")}]
    secrets = [s["Resource"] for s in _statements(role) if "secretsmanager:GetSecretValue" in _actions(s)]
    assert secrets == [{"Ref": "OxrApiKeySecretArn"}], "the updater reads the provider key only, not the master secret"


def test_bootstrap_function_is_a_one_off_with_the_updater_code_and_the_master_secret():
    updater = SAM["Resources"]["UpdaterFunction"]["Properties"]
    fn = SAM["Resources"]["DatabaseBootstrapFunction"]["Properties"]
    assert fn["Handler"] == "io.fxrates.updater.lambda.DatabaseBootstrapHandler::handleRequest"
    assert fn["CodeUri"] == updater["CodeUri"] == "../lambda-updater/target/fxrates-lambda-updater.zip"
    assert fn["Runtime"] == updater["Runtime"]
    assert "Events" not in fn, "no schedule: scripts/deploy invokes it"
    assert "AutoPublishAlias" not in fn, "deploy invokes $LATEST"
    variables = fn["Environment"]["Variables"]
    assert variables["FXRATES_DB_URL"] == DB_URL
    for key, value in BOOTSTRAP_ENV.items():
        assert variables[key] == value, key
    assert SAM["Parameters"]["DBWriterUser"]["Default"] == "fxrates_writer"
    assert SAM["Parameters"]["DBReaderUser"]["Default"] == "fxrates_reader"
    # the same network reach as the updater: the database and HTTPS (Secrets Manager)
    assert fn["VpcConfig"] == updater["VpcConfig"]
    role = SAM_EXPANDED["Resources"]["DatabaseBootstrapFunctionRole"]
    statements = list(_statements(role))
    assert {a for s in statements for a in _actions(s)} == {"secretsmanager:GetSecretValue", "kms:Decrypt"}
    assert [s["Resource"] for s in statements if "secretsmanager:GetSecretValue" in _actions(s)] == [MASTER_SECRET]
    decrypt = [s for s in statements if "kms:Decrypt" in _actions(s)]
    assert [s["Resource"] for s in decrypt] == [{"Ref": "DBSecretKmsKeyArn"}]
    assert "kms:ViaService" in decrypt[0]["Condition"]["StringEquals"]


def test_only_the_bootstrap_function_may_read_the_master_secret():
    readers = []
    for name, res in SAM_EXPANDED["Resources"].items():
        if res["Type"] != "AWS::IAM::Role":
            continue
        for statement in _statements(res):
            if any(a.startswith("secretsmanager:") for a in _actions(statement)) and statement["Resource"] == MASTER_SECRET:
                readers.append(name)
    assert readers == ["DatabaseBootstrapFunctionRole"]
    secret_kms = SAM["Resources"]["DBCluster"]["Properties"]["MasterUserSecret"]
    assert secret_kms == {"Fn::If": ["HasDBSecretKmsKey", {"KmsKeyId": {"Ref": "DBSecretKmsKeyArn"}}, {"Ref": "AWS::NoValue"}]}


def test_web_instances_connect_as_the_reader_and_get_no_secret():
    role = APP["Resources"]["InstanceRole"]
    statements = list(_statements(role))
    assert not [s for s in statements if any(a.startswith("secretsmanager:") or a.startswith("kms:") for a in _actions(s))]
    (connect,) = [s for s in statements if "rds-db:connect" in _actions(s)]
    assert _actions(connect) == ["rds-db:connect"]
    template, variables = connect["Resource"]["Fn::Sub"]
    assert template == "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${ClusterResourceId}/${ReaderUser}"
    assert variables == {
        "ClusterResourceId": {"Fn::ImportValue": {"Fn::Sub": "${ParentUpdaterStack}-ClusterResourceId"}},
        "ReaderUser": {"Fn::ImportValue": {"Fn::Sub": "${ParentUpdaterStack}-DatabaseReaderUser"}},
    }
    assert SAM["Outputs"]["ClusterResourceId"]["Value"] == {"Fn::GetAtt": ["DBCluster", "DBClusterResourceId"]}
    assert SAM["Outputs"]["DatabaseReaderUser"]["Value"] == {"Ref": "DBReaderUser"}


def test_user_data_gives_the_host_what_the_token_timer_and_the_container_need():
    script, variables = APP["Resources"]["LaunchTemplate"]["Properties"]["LaunchTemplateData"]["UserData"]["Fn::Base64"]["Fn::Sub"]
    lines = set(script.splitlines())
    for line in ("FXRATES_DB_URL=jdbc:postgresql://${ClusterEndpoint}:${ClusterPort}/${DatabaseName}",
                 "FXRATES_DB_HOST=${ClusterEndpoint}", "FXRATES_DB_PORT=${ClusterPort}", "FXRATES_DB_USER=${ReaderUser}",
                 "FXRATES_DB_SSL_MODE=verify-full", "FXRATES_DB_MIGRATE=false", "AWS_REGION=${AWS::Region}"):
        assert line in lines, line
    assert variables["ReaderUser"] == {"Fn::ImportValue": {"Fn::Sub": "${ParentUpdaterStack}-DatabaseReaderUser"}}
    assert variables["ClusterPort"] == {"Fn::ImportValue": {"Fn::Sub": "${ParentUpdaterStack}-ClusterPort"}}
    assert "SECRET" not in script and "PASSWORD" not in script


# What ends up on a web instance: the app stack (role, user data) and everything baked into the AMI.
HOST_FILES = ([T.ROOT / "cloudformation" / "app.yaml"]
              + sorted(p for p in (T.ROOT / "systemd").rglob("*") if p.is_file())
              + sorted(p for p in (T.ROOT / "packer").rglob("*") if p.is_file() and p.suffix in (".sh", ".hcl"))
              + sorted(p for p in (T.ROOT / "observability").rglob("*") if p.is_file()))
MASTER_SECRET_MARKERS = re.compile(r"DatabaseSecretArn|MasterUserSecret|FXRATES_DB_SECRET_ARN|FXRATES_DB_MASTER|secretsmanager")


@pytest.mark.parametrize("path", HOST_FILES, ids=lambda p: str(p.relative_to(T.ROOT)))
def test_nothing_gives_the_web_instances_the_master_secret(path):
    text = path.read_text(errors="replace")
    found = sorted(set(MASTER_SECRET_MARKERS.findall(text)))
    assert not found, f"{path.relative_to(T.ROOT)} mentions {found}"


def test_the_secret_resolver_is_gone_and_the_unit_uses_the_token():
    assert not (T.ROOT / "systemd/libexec/resolve-secrets").exists()
    unit = (T.ROOT / "systemd/fxrates.service").read_text()
    assert "resolve-secrets" not in unit and "ExecStartPre=/usr/local/libexec/fxrates/db-token" in unit


# ------------------------------------------------------------------------------------ edge: WAF, /observe, HSTS


def test_web_acl_is_regional_on_the_load_balancer():
    acl = WAF["Resources"]["WebACL"]["Properties"]
    assert acl["Scope"] == "REGIONAL"
    assert acl["DefaultAction"] == {"Allow": {}}
    association = WAF["Resources"]["WebACLAssociation"]["Properties"]
    assert association["ResourceArn"] == {"Fn::ImportValue": {"Fn::Sub": "${ParentAppStack}-LoadBalancerArn"}}
    assert association["WebACLArn"] == {"Fn::GetAtt": ["WebACL", "Arn"]}
    assert "LoadBalancerArn" in APP["Outputs"] and "Export" in APP["Outputs"]["LoadBalancerArn"]


def test_web_acl_rules_rate_limit_first_then_the_three_managed_groups():
    rules = sorted(WAF["Resources"]["WebACL"]["Properties"]["Rules"], key=lambda r: r["Priority"])
    assert len({r["Priority"] for r in rules}) == len(rules)
    rate = rules[0]
    statement = rate["Statement"]["RateBasedStatement"]
    assert statement == {"Limit": {"Ref": "RateLimit"}, "EvaluationWindowSec": {"Ref": "RateLimitWindowSeconds"},
                         "AggregateKeyType": "IP"}
    assert rate["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    managed = [r["Statement"]["ManagedRuleGroupStatement"] for r in rules if "ManagedRuleGroupStatement" in r["Statement"]]
    assert {(m["VendorName"], m["Name"]) for m in managed} == {
        ("AWS", "AWSManagedRulesCommonRuleSet"),
        ("AWS", "AWSManagedRulesKnownBadInputsRuleSet"),
        ("AWS", "AWSManagedRulesAmazonIpReputationList"),
    }
    for rule in rules:
        if "ManagedRuleGroupStatement" in rule["Statement"]:
            assert rule["OverrideAction"] == {"Fn::If": ["CountOnly", {"Count": {}}, {"None": {}}]}
        assert rule["VisibilityConfig"]["CloudWatchMetricsEnabled"] is True


def test_web_acl_limits_are_parameters_set_per_environment():
    assert WAF["Parameters"]["RateLimit"]["Type"] == "Number"
    assert set(WAF["Parameters"]["RateLimitWindowSeconds"]["AllowedValues"]) == {60, 120, 300, 600}
    for env in T.ENVIRONMENTS:
        values = _params(env, "waf")
        assert int(values["RateLimit"]) >= 100 and values["ManagedRulesCountOnly"] == "false", env


def test_waf_blocks_observe_after_normalising_the_path_and_logs_only_what_it_stops():
    (rule,) = [r for r in WAF["Resources"]["WebACL"]["Properties"]["Rules"] if r["Name"] == "block-observe"]
    match = rule["Statement"]["ByteMatchStatement"]
    assert match["SearchString"] == "/observe" and match["FieldToMatch"] == {"UriPath": {}}
    assert [t["Type"] for t in sorted(match["TextTransformations"], key=lambda t: t["Priority"])] == [
        "URL_DECODE", "NORMALIZE_PATH", "LOWERCASE"]
    logging = WAF["Resources"]["WafLogging"]["Properties"]
    assert logging["LoggingFilter"]["DefaultBehavior"] == "DROP"
    assert WAF["Resources"]["WafLogGroup"]["Properties"]["LogGroupName"]["Fn::Sub"].startswith("aws-waf-logs-")
    destination = logging["LogDestinationConfigs"][0]["Fn::Sub"]
    assert not destination.endswith(":*"), "WAF takes the log group ARN without ':*'"


def test_observe_is_answered_404_by_the_load_balancer_but_health_checks_reach_the_instances():
    rules = T.resources(APP, "AWS::ElasticLoadBalancingV2::ListenerRule")
    (rule,) = rules.values()
    props = rule["Properties"]
    assert props["ListenerArn"] == {"Ref": "HttpsListener"} and props["Priority"] == 1
    (condition,) = props["Conditions"]
    assert condition["Field"] == "path-pattern"
    assert {"/observe*", "*/observe*"} == set(condition["PathPatternConfig"]["Values"])
    (action,) = props["Actions"]
    assert action["Type"] == "fixed-response" and action["FixedResponseConfig"]["StatusCode"] == "404"
    # Health checks are sent by the ALB nodes to the targets directly (no listener rule applies):
    # the readiness probe stays on /observe/health/ready.
    assert APP["Parameters"]["HealthCheckPath"]["Default"].startswith("/observe/")
    assert APP["Resources"]["TargetGroup"]["Properties"]["HealthCheckPath"] == {"Ref": "HealthCheckPath"}
    # the HTTP listener only redirects to HTTPS, where the rule applies
    assert [a["Type"] for a in APP["Resources"]["HttpListener"]["Properties"]["DefaultActions"]] == ["redirect"]


def test_https_answers_carry_hsts_from_the_load_balancer():
    attributes = {a["Key"]: a["Value"] for a in APP["Resources"]["HttpsListener"]["Properties"]["ListenerAttributes"]}
    assert attributes["routing.http.response.strict_transport_security.header_value"] == {"Ref": "HstsHeaderValue"}
    assert attributes["routing.http.response.server.enabled"] == "false"
    pattern = APP["Parameters"]["HstsHeaderValue"]["AllowedPattern"]
    assert re.fullmatch(pattern, APP["Parameters"]["HstsHeaderValue"]["Default"])
    assert not re.fullmatch(pattern, "") and not re.fullmatch(pattern, "max-age=0; foo")
    for env in T.ENVIRONMENTS:
        value = _params(env, "app")["HstsHeaderValue"]
        assert re.fullmatch(pattern, value), env
    prd = _params("prd", "app")["HstsHeaderValue"]
    assert int(re.match(r"max-age=(\d+)", prd).group(1)) >= 31536000, "a year in production"


# ------------------------------------------------------------------------------------ access logs


def test_access_log_bucket_is_private_encrypted_versioned_and_expiring():
    bucket = ACCESS_LOGS["Resources"]["Bucket"]
    assert bucket["DeletionPolicy"] == "Retain"
    props = bucket["Properties"]
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
    assert props["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    (encryption,) = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}, "ELB delivers to SSE-S3 only"
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    rules = {r["Id"]: r for r in props["LifecycleConfiguration"]["Rules"]}
    expire = rules["expire-access-logs"]
    assert expire["Status"] == "Enabled"
    assert expire["ExpirationInDays"] == {"Ref": "RetentionInDays"}
    assert expire["NoncurrentVersionExpiration"] == {"NoncurrentDays": {"Ref": "NoncurrentVersionRetentionInDays"}}
    assert expire["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] >= 1
    assert rules["remove-expired-delete-markers"]["ExpiredObjectDeleteMarker"] is True


def test_access_log_bucket_policy_admits_elb_delivery_under_the_environment_prefix_only():
    statements = [b for s in ACCESS_LOGS["Resources"]["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
                  for b in T.if_branches(s)]
    by_sid = {s["Sid"]: s for s in statements}
    deny = by_sid["TlsOnly"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    prefix = {"Fn::Sub": "${Bucket.Arn}/fxrates-${EnvironmentName}/AWSLogs/${AWS::AccountId}/*"}
    service = by_sid["ElbLogDeliveryService"]
    assert service["Principal"] == {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}
    assert (service["Action"], service["Resource"]) == ("s3:PutObject", prefix)
    legacy = by_sid["ElbLogDeliveryRegionalAccount"]
    assert (legacy["Action"], legacy["Resource"]) == ("s3:PutObject", prefix)
    allows = [s for s in statements if s["Effect"] == "Allow"]
    assert {s["Sid"] for s in allows} == {"ElbLogDeliveryService", "ElbLogDeliveryRegionalAccount"}
    # the rehearsal's and the deployment's region: ELB's own account there (AWS's ALB guide)
    assert ACCESS_LOGS["Mappings"]["ElbLogDelivery"]["eu-central-1"]["AccountId"] == "054676820928"
    for region, row in ACCESS_LOGS["Mappings"]["ElbLogDelivery"].items():
        assert re.fullmatch(r"\d{12}|none", row["AccountId"]), region
    # the prefix the app stack writes under is the one the policy admits
    assert ACCESS_LOGS["Outputs"]["LoadBalancerLogPrefix"]["Value"] == {"Fn::Sub": "fxrates-${EnvironmentName}"}


def test_access_logs_on_in_stg_and_prd():
    attributes = {}
    for item in APP["Resources"]["LoadBalancer"]["Properties"]["LoadBalancerAttributes"]:
        for branch in T.if_branches(item):
            attributes[branch["Key"]] = branch["Value"]
    assert attributes["access_logs.s3.enabled"] == {"Fn::If": ["HasAccessLogs", "true", "false"]}
    assert attributes["access_logs.s3.bucket"] == {"Fn::ImportValue": {"Fn::Sub": "${ParentAccessLogsStack}-BucketName"}}
    assert attributes["access_logs.s3.prefix"] == {
        "Fn::ImportValue": {"Fn::Sub": "${ParentAccessLogsStack}-LoadBalancerLogPrefix"}}
    assert {env: _params(env, "app")["AccessLogs"] for env in T.ENVIRONMENTS} == {
        "dev": "false", "stg": "true", "prd": "true"}


# ------------------------------------------------------------------------------------ alerts


def test_alert_email_is_required_in_stg_and_prd_files():
    pattern = SAM["Parameters"]["AlertEmail"]["AllowedPattern"]
    assert re.fullmatch(pattern, "") and re.fullmatch(pattern, "oncall@fxrates.test")
    assert not re.fullmatch(pattern, "not an address")
    for env in ("stg", "prd"):
        value = T.sam_parameter_overrides(env)["AlertEmail"]
        # shipped as a placeholder that scripts/deploy refuses; an operator replaces it
        assert value == "REPLACE_WITH_ALERT_EMAIL" or re.fullmatch(pattern, value) and value, env
    for topic in ("AlertTopicHigh", "AlertTopicCritical"):
        (subscription,) = SAM["Resources"][topic]["Properties"]["Subscription"]["Fn::If"][1]
        assert subscription == {"Endpoint": {"Ref": "AlertEmail"}, "Protocol": "email"}


def test_failed_alert_deliveries_raise_a_critical_alarm():
    alarm = SAM["Resources"]["AlarmAlertDeliveryFailed"]["Properties"]
    metrics = {m["Id"]: m for m in alarm["Metrics"]}
    watched = set()
    for metric in metrics.values():
        if "MetricStat" in metric:
            stat = metric["MetricStat"]["Metric"]
            assert (stat["Namespace"], stat["MetricName"]) == ("AWS/SNS", "NumberOfNotificationsFailed")
            (dimension,) = stat["Dimensions"]
            watched.add(dimension["Value"]["Fn::GetAtt"][0])
            assert metric["ReturnData"] is False
    assert watched == {"AlertTopicWarning", "AlertTopicHigh", "AlertTopicCritical"}
    (result,) = [m for m in metrics.values() if m.get("ReturnData")]
    assert set(re.findall(r"\b(warning|high|critical)\b", result["Expression"])) == {"warning", "high", "critical"}
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold" and alarm["Threshold"] == 0
    assert alarm["AlarmActions"] == [{"Ref": "AlertTopicCritical"}]


# ------------------------------------------------------------------------------------ updater Lambda


def test_reserved_concurrency_is_a_parameter_unset_by_default():
    parameter = SAM["Parameters"]["UpdaterReservedConcurrency"]
    assert parameter["Type"] == "Number" and parameter["Default"] == -1 and parameter["MinValue"] == -1
    assert "100" in parameter["Description"], "documented against the account quota"
    assert SAM["Conditions"]["HasReservedConcurrency"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "UpdaterReservedConcurrency"}, -1]}]}
    for env in T.ENVIRONMENTS:
        assert T.sam_parameter_overrides(env)["UpdaterReservedConcurrency"] == "-1", env
    expanded = SAM_EXPANDED["Resources"]["UpdaterFunction"]["Properties"]["ReservedConcurrentExecutions"]
    assert expanded == {"Fn::If": ["HasReservedConcurrency", {"Ref": "UpdaterReservedConcurrency"}, {"Ref": "AWS::NoValue"}]}


def test_failed_scheduled_runs_land_in_an_encrypted_queue_that_raises_an_alarm():
    resources = SAM_EXPANDED["Resources"]
    queue_arn = {"Fn::GetAtt": ["UpdaterFailureQueue", "Arn"]}
    (config,) = T.resources(SAM_EXPANDED, "AWS::Lambda::EventInvokeConfig").values()
    assert config["Properties"]["Qualifier"] == "live", "the schedule invokes the alias"
    assert config["Properties"]["DestinationConfig"]["OnFailure"]["Destination"] == queue_arn
    (rule,) = T.resources(SAM_EXPANDED, "AWS::Events::Rule").values()
    (target,) = rule["Properties"]["Targets"]
    assert target["DeadLetterConfig"] == {"Arn": queue_arn}
    send = [s for s in _statements(resources["UpdaterFunctionRole"]) if "sqs:SendMessage" in _actions(s)]
    assert [s["Resource"] for s in send] == [queue_arn]
    queue = resources["UpdaterFailureQueue"]["Properties"]
    assert queue["SqsManagedSseEnabled"] is True
    policy = {s["Sid"]: s for s in resources["UpdaterFailureQueuePolicy"]["Properties"]["PolicyDocument"]["Statement"]}
    events = policy["ScheduleDeadLetters"]
    assert events["Principal"] == {"Service": "events.amazonaws.com"} and events["Action"] == "sqs:SendMessage"
    assert "aws:SourceArn" in events["Condition"]["ArnLike"]
    assert policy["TlsOnly"]["Effect"] == "Deny"
    alarm = resources["AlarmFailedRuns"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/SQS", "ApproximateNumberOfMessagesVisible")
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["UpdaterFailureQueue", "QueueName"]}}]
    assert alarm["Threshold"] == 0 and alarm["AlarmActions"] == [{"Ref": "AlertTopicHigh"}]


def test_the_only_cfn_lint_exception_is_justified_in_place():
    metadata = SAM["Resources"]["DatabaseBootstrapFunction"]["Metadata"]
    assert metadata == {"cfn-lint": {"config": {"ignore_checks": ["I2530"]}}}
    for path in T.ALL_TEMPLATES:
        template = T.load(path)
        for name, res in template["Resources"].items():
            if "cfn-lint" in res.get("Metadata", {}):
                assert (path, name) == (T.SAM_TEMPLATE, "DatabaseBootstrapFunction"), f"{path.name}/{name} ignores cfn-lint checks"
    assert "SnapStart" in (T.SAM_TEMPLATE.read_text().split("DatabaseBootstrapFunction:")[1].split("Properties:")[0])
