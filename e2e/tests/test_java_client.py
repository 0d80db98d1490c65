"""The Java client (kafka-clients 4.4) against Apache Kafka 4.4 and moldau, three nodes each:
the JUnit tests in e2e/java (producer with every codec, consumer groups, AdminClient) run
unchanged against both, and both must pass. e2e/java/build.sh compiles them."""

import subprocess
import xml.etree.ElementTree as ET

import pytest

from apache_kafka import SYSTEMS, start_system
from conftest import REPO

CLASSPATH = REPO / "target" / "java" / "classpath"
LAUNCHER = REPO / "target" / "java" / "junit-platform-console-standalone-1.14.4.jar"
CLASSES = ["ProducerTest", "ConsumerGroupTest", "AdminTest"]


@pytest.fixture(scope="module", params=SYSTEMS)
def system(request, tmp_path_factory):
    s = start_system(request.param, tmp_path_factory.mktemp(request.param), n=3)
    yield s
    s.close()


def run_junit(system, selector: list[str], reports, extra_props: dict | None = None, timeout: float = 600):
    """Runs JUnit's console launcher on the compiled tests against `system`; returns the
    per-test results from its XML report and the launcher's output."""
    if not CLASSPATH.exists() or not LAUNCHER.exists():
        pytest.fail("the Java tests are not built: run e2e/java/build.sh (e2e/run-all.sh does)")
    props = {"bootstrap.servers": system.bootstrap, "system": system.name, "brokers": str(system.n),
             "log4j2.configurationFile": str(REPO / "e2e" / "java" / "log4j2-test.properties"), **(extra_props or {})}
    cmd = ["java", "-Xmx768m", *(f"-D{k}={v}" for k, v in props.items()), "-jar", str(LAUNCHER), "execute",
           "--class-path", CLASSPATH.read_text().strip(), *selector, "--reports-dir", str(reports),
           "--details=tree", "--disable-banner"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    results = {}
    for case in ET.parse(reports / "TEST-junit-jupiter.xml").getroot().iter("testcase"):
        outcome = "passed"
        for kind in ("failure", "error", "skipped"):
            el = case.find(kind)
            if el is not None:
                outcome = (kind, (el.get("message") or "") + "\n" + (el.text or "")[:3000])
                break
        results[f"{case.get('classname').rsplit('.', 1)[-1]}.{case.get('name')}"] = outcome
    return results, p


@pytest.mark.parametrize("test_class", CLASSES)
def test_java_client(system, test_class, tmp_path):
    results, p = run_junit(system, ["--select-class", f"dev.moldau.e2e.{test_class}"], tmp_path)
    assert results, f"no tests ran:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    failed = {name: r for name, r in results.items() if r != "passed" and r[0] != "skipped"}
    skipped = {name: r[1].strip() for name, r in results.items() if r != "passed" and r[0] == "skipped"}
    for name, why in skipped.items():
        print(f"skipped on {system.name}: {name}: {why}")
    # Only the tests marked @Disabled (transactions) may be skipped.
    assert all("transactions" in why for why in skipped.values()), skipped
    assert not failed, (f"{len(failed)} of {len(results)} Java tests failed against {system.name}:\n"
                        + "\n".join(f"--- {n}: {r[0]}: {r[1]}" for n, r in failed.items())
                        + f"\n{system.log_tails(lines=8)}")
