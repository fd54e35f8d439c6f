"""backfill-history against a fake aws: the stack output, the alias check, the invoke call, the report."""
import json
import os
import subprocess

import pytest

from conftest import ROOT, require_tool

FUNCTION = "fxrates-dev-updater-UpdaterFunction-AbC123"
PAYLOAD = '{"detail":{"mode":"history"}}'
OUTPUT_QUERY = "Stacks[0].Outputs[?OutputKey=='FunctionName'].OutputValue | [0]"
REPORT = {"runId": 1, "provider": "ECB", "mode": "history", "outcome": "succeeded", "inserted": 210545,
          "updated": 0, "unchanged": 0, "newestRateDate": "2025-05-09", "fetchAttempts": 1, "durationMs": 41230,
          "error": None}


def rules(sandbox, function=FUNCTION):
    sandbox.fake("aws")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    sandbox.on("cloudformation", "describe-stacks", "fxrates-dev-updater", OUTPUT_QUERY, responses=function)
    sandbox.on("lambda", "get-alias", responses="7")


def invoke_call(outfile):
    return ["lambda", "invoke", "--function-name", f"{FUNCTION}:live", "--cli-binary-format", "raw-in-base64-out",
            "--cli-read-timeout", "910", "--payload", PAYLOAD, "--query", "[StatusCode, FunctionError]",
            "--output", "text", outfile]


def test_invokes_the_live_alias_with_the_history_event_and_prints_the_report(sandbox):
    rules(sandbox)
    sandbox.on("lambda", "invoke", responses={"stdout": "200\tNone", "outfile": json.dumps(REPORT)})
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 0, result.stderr

    calls = sandbox.calls()
    assert calls[0] == ["sts", "get-caller-identity", "--query", "Account", "--output", "text"]
    assert calls[1] == ["cloudformation", "describe-stacks", "--stack-name", "fxrates-dev-updater",
                        "--query", OUTPUT_QUERY, "--output", "text"]
    assert calls[2] == ["lambda", "get-alias", "--function-name", FUNCTION, "--name", "live",
                        "--query", "FunctionVersion", "--output", "text"]
    outfile = calls[3][-1]
    assert calls[3] == invoke_call(outfile)
    assert json.loads(calls[3][calls[3].index("--payload") + 1]) == {"detail": {"mode": "history"}}
    assert len(calls) == 4

    assert json.loads(result.stdout) == REPORT
    assert f"{FUNCTION}:live (version 7)" in result.stderr
    assert "the history load succeeded in dev" in result.stderr


def test_a_function_error_fails_with_the_functions_message(sandbox):
    rules(sandbox)
    error = {"errorMessage": "history update failed: validation failed (1 problem): unknown currency code 'XYZ'",
             "errorType": "io.fxrates.updater.UpdateFailedException"}
    sandbox.on("lambda", "invoke", responses={"stdout": "200\tUnhandled", "outfile": json.dumps(error)})
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert json.loads(result.stdout) == error
    assert "the history load failed (Unhandled, status 200)" in result.stderr
    assert "unknown currency code 'XYZ'" in result.stderr
    assert "/fxrates/dev/updater" in result.stderr


def test_a_failed_invoke_call_fails(sandbox):
    rules(sandbox)
    sandbox.on("lambda", "invoke", responses={"stderr": "An error occurred (TooManyRequestsException)", "exit": 254})
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert "TooManyRequestsException" in result.stderr
    assert "the invocation of" in result.stderr


def test_dry_run_checks_everything_and_invokes_nothing(sandbox):
    rules(sandbox)
    result = sandbox.run("backfill-history", "dev", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert [c[:2] for c in sandbox.calls()] == [["sts", "get-caller-identity"], ["cloudformation", "describe-stacks"],
                                                ["lambda", "get-alias"]]
    assert result.stdout.startswith(f"[dry-run] aws lambda invoke --function-name {FUNCTION}:live "
                                    "--cli-binary-format raw-in-base64-out")
    assert "--payload" in result.stdout and "history" in result.stdout


def test_missing_stack_output_stops_before_invoking(sandbox):
    rules(sandbox, function="None")
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert "stack fxrates-dev-updater has no output FunctionName" in result.stderr
    assert "scripts/deploy dev" in result.stderr
    assert [c[:2] for c in sandbox.calls()] == [["sts", "get-caller-identity"], ["cloudformation", "describe-stacks"]]


def test_missing_alias_stops_before_invoking(sandbox):
    sandbox.fake("aws")
    sandbox.on("sts", "get-caller-identity", responses="111122223333")
    sandbox.on("cloudformation", "describe-stacks", responses=FUNCTION)
    sandbox.on("lambda", "get-alias", responses={"stderr": "ResourceNotFoundException: Alias not found", "exit": 254})
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert "has no alias 'live'" in result.stderr
    assert not any(c[:2] == ["lambda", "invoke"] for c in sandbox.calls())


def test_no_credentials_stops_before_any_other_call(sandbox):
    sandbox.fake("aws")
    sandbox.on("sts", responses={"stderr": "Unable to locate credentials", "exit": 255})
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert "no working AWS credentials" in result.stderr
    assert sandbox.calls() == [["sts", "get-caller-identity", "--query", "Account", "--output", "text"]]


def test_no_aws_cli(sandbox):
    result = sandbox.run("backfill-history", "dev")
    assert result.returncode == 1
    assert "'aws' is not on PATH" in result.stderr


@pytest.mark.parametrize("args, message", [
    ([], "missing the environment"),
    (["xyz"], "unknown environment 'xyz'"),
    (["dev", "stg"], "unexpected argument 'stg'"),
    (["dev", "--mode", "90d"], "unknown option '--mode'"),
])
def test_bad_arguments(sandbox, args, message):
    sandbox.fake("aws")
    result = sandbox.run("backfill-history", *args)
    assert result.returncode == 2 and message in result.stderr
    assert sandbox.calls() == []


def test_help(sandbox):
    result = sandbox.run("backfill-history", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: scripts/backfill-history <env>")
    assert '{"detail":{"mode":"history"}}' in result.stdout


def test_strict_executable_and_shellcheck_clean():
    path = ROOT / "scripts" / "backfill-history"
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    assert os.access(path, os.X_OK)
    shellcheck = require_tool("shellcheck", "shellcheck")
    result = subprocess.run([shellcheck, "-x", "--severity=style", str(path)], capture_output=True, text=True,
                            cwd=path.parent)
    assert result.returncode == 0, result.stdout + result.stderr
