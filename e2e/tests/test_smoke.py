"""Smallest end-to-end check: kcat sees the broker's metadata and round-trips records."""

import subprocess

from conftest import unique


def kcat(*args, input_text=None, timeout=30):
    return subprocess.run(["kcat", *args], input=input_text, capture_output=True, text=True, timeout=timeout, check=True).stdout


def test_kcat_metadata_produce_consume(broker):
    topic = unique("smoke")
    kcat("-b", broker.bootstrap, "-P", "-t", topic, input_text="one\ntwo\nthree\n")
    out = kcat("-b", broker.bootstrap, "-C", "-t", topic, "-e", "-f", "%o:%s\\n")
    assert out.splitlines() == ["0:one", "1:two", "2:three"]
    meta = kcat("-b", broker.bootstrap, "-L", "-t", topic)
    assert f'topic "{topic}" with 1 partitions' in meta
    assert "leader 1, replicas: 1, isrs: 1" in meta
    assert "(controller)" in meta
