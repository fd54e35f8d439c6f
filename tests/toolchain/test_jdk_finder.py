"""The build finds a JDK 21+ itself and stops with a clear message when there is none."""
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_finder(env_overrides):
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env.update(env_overrides)
    script = f'. "{ROOT}/scripts/lib/jdk.sh"; fxrates_find_jdk; echo "$JAVA_HOME"'
    return subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=env, timeout=60)


def java_major(home):
    out = subprocess.run([f"{home}/bin/java", "-XshowSettings:properties", "-version"],
                         capture_output=True, text=True, timeout=60).stderr
    line = next(l for l in out.splitlines() if "java.specification.version" in l)
    return int(line.split("=")[1].strip().split(".")[0])


def test_finds_a_jdk_21_or_newer_even_when_java_home_points_at_an_older_one():
    older = "/usr/lib/jvm/java-17-openjdk-amd64"
    result = run_finder({"JAVA_HOME": older} if os.path.isdir(older) else {})
    assert result.returncode == 0, result.stderr
    home = result.stdout.strip()
    assert java_major(home) >= 21, home


def test_stops_with_a_message_that_says_what_to_do_when_no_jdk_fits():
    result = run_finder({"FXRATES_MIN_JAVA": "99"})
    assert result.returncode == 1
    assert "no JDK 99 or newer found" in result.stderr
    assert "JAVA_HOME" in result.stderr and "install" in result.stderr


def test_the_maven_wrapper_uses_the_finder():
    result = subprocess.run([str(ROOT / "mvnw"), "-v"], capture_output=True, text=True, timeout=300,
                            env={**{k: v for k, v in os.environ.items() if k != "JAVA_HOME"},
                                 "FXRATES_MIN_JAVA": "99"})
    assert result.returncode == 1
    assert "no JDK 99 or newer found" in result.stderr
