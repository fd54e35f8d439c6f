#!/usr/bin/env python3
"""A stand-in for the AWS CLI (and for packer, docker, sam) used by the delivery tests.

Installed into a temporary bin/ directory under the name of the tool it fakes, first on PATH.
Each call appends one JSON line {"tool": ..., "argv": [...]} to $FAKE_LOG and answers from the
rules in $FAKE_RULES (a JSON file):

    {"rules": [
        {"tool": "aws", "match": ["autoscaling", "describe-instance-refreshes", "--instance-refresh-ids"],
         "responses": ["Pending\\t0\\tNone", "InProgress\\t50\\tNone", "Successful\\t100\\tNone"]},
        {"tool": "aws", "match": ["sts"], "responses": [{"stderr": "Unable to locate credentials", "exit": 255}]}
    ]}

The first rule whose tool matches and whose "match" words all appear in argv answers. Its
responses are used one per call, in order; the last one repeats. A response is a string (stdout,
exit 0) or an object with stdout, stderr, exit, outfile (text written to the call's last
argument, the output file of e.g. `aws lambda invoke`) and sleep (seconds to take before
answering, for a long `aws cloudformation wait`). A call no rule answers exits 254 with a
message, so a test sees any call it did not expect. Stdin is read (and logged) when the call
has --password-stdin. The parsed content of every file://....json argument is logged too
(under "files"), since the scripts delete their temporary parameter files when they exit.
"""
import json
import os
import sys
import time


def main() -> int:
    tool = os.path.basename(sys.argv[0])
    argv = sys.argv[1:]
    entry = {"tool": tool, "argv": argv}
    if "--password-stdin" in argv:
        entry["stdin"] = sys.stdin.read()
    # The content of JSON files passed as file://... (parameter files that the script deletes
    # when it exits), so a test can assert what was sent.
    files = {}
    for arg in argv:
        if arg.startswith("file://") and arg.endswith(".json") and os.path.isfile(arg[len("file://"):]):
            with open(arg[len("file://"):], encoding="utf-8") as f:
                try:
                    files[arg] = json.load(f)
                except ValueError:
                    pass
    if files:
        entry["files"] = files
    with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(entry) + "\n")

    with open(os.environ["FAKE_RULES"], encoding="utf-8") as f:
        rules = json.load(f)["rules"]
    state_path = os.environ["FAKE_RULES"] + ".state"
    try:
        with open(state_path, encoding="utf-8") as f:
            state = json.load(f)
    except FileNotFoundError:
        state = {}

    for index, rule in enumerate(rules):
        if rule.get("tool", "aws") != tool:
            continue
        if not all(word in argv for word in rule.get("match", [])):
            continue
        responses = rule.get("responses") or [""]
        used = state.get(str(index), 0)
        response = responses[min(used, len(responses) - 1)]
        state[str(index)] = used + 1
        with open(state_path, "w", encoding="utf-8") as f:
            json.dump(state, f)
        if isinstance(response, str):
            response = {"stdout": response}
        if response.get("sleep"):
            time.sleep(float(response["sleep"]))
        if "outfile" in response and argv:
            with open(argv[-1], "w", encoding="utf-8") as f:
                f.write(response["outfile"])
        out = response.get("stdout", "")
        if out:
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
        err = response.get("stderr", "")
        if err:
            sys.stderr.write(err if err.endswith("\n") else err + "\n")
        return int(response.get("exit", 0))

    sys.stderr.write(f"fake {tool}: no canned response for: {' '.join(argv)}\n")
    return 254


if __name__ == "__main__":
    sys.exit(main())
