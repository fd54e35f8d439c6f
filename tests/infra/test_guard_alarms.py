"""The deployment guards of the app stack: the alarms scripts/refresh-instances puts in an instance
refresh's alarm specification (the outputs whose key ends in AlarmName). Besides the target 5xx
share and p99 latency: unhealthy targets and the load balancer's own 5xx answers, which is what a
release whose instances never turn healthy shows."""

from __future__ import annotations

import pytest

import cfn_templates as T

APP = T.load(T.CFN_DIR / "app.yaml")
ALARMS = T.resources(APP, "AWS::CloudWatch::Alarm")


def guard_outputs() -> dict[str, str]:
    return {k: v["Value"]["Fn::Sub"] for k, v in APP["Outputs"].items() if k.endswith("AlarmName")}


def test_every_guard_output_names_an_alarm_of_the_stack():
    names = {a["Properties"]["AlarmName"]["Fn::Sub"] for a in ALARMS.values()}
    outputs = guard_outputs()
    assert set(outputs.values()) <= names
    assert len(outputs) == 4, outputs


@pytest.mark.parametrize("metric, statistic, dimensions", [
    ("UnHealthyHostCount", "Maximum", {"LoadBalancer", "TargetGroup"}),
    ("HTTPCode_ELB_5XX_Count", "Sum", {"LoadBalancer"}),
])
def test_unhealthy_hosts_and_elb_5xx_are_guarded(metric, statistic, dimensions):
    (alarm,) = [a["Properties"] for a in ALARMS.values() if a["Properties"].get("MetricName") == metric]
    assert alarm["Namespace"] == "AWS/ApplicationELB" and alarm["Statistic"] == statistic
    assert {d["Name"] for d in alarm["Dimensions"]} == dimensions
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    assert alarm["TreatMissingData"] == "notBreaching"      # no traffic during a refresh is no failure
    assert alarm["Period"] * alarm["EvaluationPeriods"] <= 300, "must fire within the refresh's bake time"
    assert alarm["AlarmName"]["Fn::Sub"] in guard_outputs().values()
    assert "AlarmActions" not in alarm                      # guards stop refreshes; the SLO alarms notify
