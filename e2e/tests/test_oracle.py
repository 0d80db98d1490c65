"""The differential oracle (e2e/oracle/) as a test: the same raw Kafka requests go to Apache
Kafka 4.4 and to moldau (one node each, started side by side), the responses are normalised
and compared field by field, and any difference that e2e/oracle/known_differences.json does
not list fails the test. The report of the run is written to target/oracle/test-report.md
(and .json) either way.

The bounded subset: every case marked quick (the generated edge cases and the replayed client
traffic); the full run (`python3 -m e2e.oracle --full`) adds the slow or noisy ones (broker
DescribeConfigs of every key, a Produce that Kafka never answers).
"""

import sys

import pytest

from conftest import BROKER_BIN, REPO

sys.path.insert(0, str(REPO))

from e2e.oracle import run as oracle  # noqa: E402
from e2e.oracle import schema  # noqa: E402

REPORT = REPO / "target" / "oracle" / "test-report.md"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    if not BROKER_BIN.exists():
        pytest.skip(f"{BROKER_BIN} is not built")
    import apache_kafka
    apache_kafka.libs()  # fetches the Kafka jars on first use (also the schemas' jar)
    cases = oracle.all_cases(full=False)
    res, meta = oracle.run(cases, n=1, root=tmp_path_factory.mktemp("oracle"), log=lambda *_: None)
    oracle.write_report(res, REPORT, meta)
    return res


def test_codec_round_trips_every_recorded_request():
    """The schema codec decodes and re-encodes every recorded client request byte for byte."""
    seeds = sorted((REPO / "fuzz" / "seeds" / "request").iterdir())
    assert seeds
    for p in seeds:
        frame = p.read_bytes()
        api, version, corr, client, body = schema.decode_request(frame)
        assert schema.encode_request(api, version, corr, body, client)[4:] == frame, p.name


def test_every_case_ran(results):
    errors = {r["id"]: r["errors"] for r in results if r["status"] == "harness-error"}
    assert not errors, f"cases that could not run: {errors}"
    assert sum(len(r["steps"]) for r in results) > 200


def test_no_unexpected_differences(results):
    unexpected = oracle.unexpected(results)
    if not unexpected:
        return
    groups = sorted((g for g in oracle.findings(results) if not g["allowed"]),
                    key=lambda g: (g["class"] == "api-versions", -len(g["cases"]), g["api"], g["path"]))
    lines = [f"{len(unexpected)} differences from Apache Kafka 4.4 in {len({c for c, _ in unexpected})} cases, "
             f"{len(groups)} distinct (API, class, field); full report: {REPORT}"]
    for g in groups[:60]:
        ex = "; ".join(f"kafka={a} moldau={b}" for a, b in g["values"][:1])
        lines.append(f"  [{g['class']}] {g['api']} v{','.join(map(str, g['versions']))} {g['path']}: {ex} "
                     f"({g['count']}x, e.g. {g['cases'][0]})")
    if len(groups) > 60:
        lines.append(f"  ... and {len(groups) - 60} more groups")
    pytest.fail("\n".join(lines), pytrace=False)
