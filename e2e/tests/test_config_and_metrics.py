"""Start-up configuration (Kafka property names, errors naming the key, a properties file,
the no-argument default) and the Prometheus endpoint."""

import socket
import subprocess
import time
import urllib.request

import pytest
from confluent_kafka import Producer

from conftest import BROKER_BIN, Broker, free_port, unique


def run_broker_expecting_failure(tmp_path, *args):
    p = subprocess.run([str(BROKER_BIN), *args], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert p.returncode != 0
    return p.stderr + p.stdout


def test_unknown_key_stops_start_up_naming_it(tmp_path):
    out = run_broker_expecting_failure(tmp_path, "--override", "log.retention.hourz=5")
    assert "log.retention.hourz" in out


def test_invalid_value_stops_start_up_naming_the_key(tmp_path):
    out = run_broker_expecting_failure(tmp_path, "--override", "num.partitions=many")
    assert "num.partitions" in out
    out = run_broker_expecting_failure(tmp_path, "--override", "log.cleanup.policy=shred")
    assert "log.cleanup.policy" in out and "compact" in out


def test_properties_file_is_read(tmp_path):
    port = free_port()
    props = tmp_path / "server.properties"
    props.write_text(f"# Kafka-style file\nlisteners=PLAINTEXT://127.0.0.1:{port}\nlog.dirs={tmp_path}/d\nnum.partitions=4\nnum.network.threads=3\n")
    proc = subprocess.Popen([str(BROKER_BIN), "--config", str(props)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        topic = unique("auto")
        subprocess.run(["kcat", "-b", f"127.0.0.1:{port}", "-P", "-t", topic], input=b"x\n", check=True, timeout=30)
        meta = subprocess.run(["kcat", "-b", f"127.0.0.1:{port}", "-L", "-t", topic], capture_output=True, text=True, timeout=30).stdout
        assert f'topic "{topic}" with 4 partitions' in meta
        assert (tmp_path / "d" / "meta.properties").exists()
    finally:
        proc.terminate()
        proc.wait(30)


def test_no_arguments_gives_a_broker_on_9092_with_data_in_cwd(tmp_path):
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", 9092)) == 0:
            pytest.skip("port 9092 is in use on this machine")
    proc = subprocess.Popen([str(BROKER_BIN)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", 9092), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        meta = subprocess.run(["kcat", "-b", "127.0.0.1:9092", "-L"], capture_output=True, text=True, timeout=30).stdout
        assert "broker 1 at 127.0.0.1:9092 (controller)" in meta
        assert (tmp_path / "data" / "meta.properties").exists()
    finally:
        proc.terminate()
        assert proc.wait(30) == 0


def test_second_broker_on_the_same_data_dir_is_refused(broker, tmp_path):
    other = Broker(broker.data_dir, {"log.dirs": str(broker.data_dir / "data")})
    with pytest.raises(RuntimeError, match="in use by another broker"):
        other.start()


def scrape(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        return r.read().decode()


def metric(text, name, **labels):
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(name + "{" + want + "}") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_prometheus_metrics(broker_factory):
    mport = free_port()
    broker = broker_factory({"metrics.listener": f"127.0.0.1:{mport}"})
    topic = unique("metrics")
    p = Producer({"bootstrap.servers": broker.bootstrap})
    for i in range(25):
        p.produce(topic, value=b"x" * 100, partition=0)
    assert p.flush(15) == 0
    text = scrape(mport)
    assert metric(text, "moldau_log_end_offset", partition="0", topic=topic) == 25
    assert metric(text, "moldau_log_start_offset", partition="0", topic=topic) == 0
    assert metric(text, "moldau_topic_records_in_total", topic=topic) == 25
    assert metric(text, "moldau_topic_bytes_in_total", topic=topic) > 2500
    assert metric(text, "moldau_requests_total", api="Produce") >= 1
    assert metric(text, "moldau_requests_total", api="Metadata") >= 1
    assert "moldau_request_duration_seconds_bucket" in text
    assert metric(text, "moldau_connections") >= 1


def test_health_and_readiness_probes(broker_factory):
    """The metrics listener answers the probes Kubernetes uses: /healthz (the process is up)
    and /ready (registered, active and in the ISR of every partition it holds)."""
    mport = free_port()
    broker_factory({"metrics.listener": f"127.0.0.1:{mport}"})
    for path, body in (("/healthz", "ok"), ("/ready", "ready")):
        with urllib.request.urlopen(f"http://127.0.0.1:{mport}{path}", timeout=5) as r:
            assert r.status == 200 and r.read().decode().strip() == body
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{mport}/nope", timeout=5)
        raise AssertionError("an unknown path must be 404")
    except urllib.error.HTTPError as e:
        assert e.code == 404


def test_each_listener_advertises_its_own_addresses(broker_factory):
    """With several client listeners, a client is told the brokers' addresses on the listener
    it connected through (as Kafka does), so internal and external clients both work."""
    from confluent_kafka.admin import AdminClient
    inner, outer = free_port(), free_port()
    b = broker_factory({
        "listeners": f"PLAINTEXT://127.0.0.1:{inner},EXTERNAL://127.0.0.2:{outer}",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT",
        "inter.broker.listener.name": "PLAINTEXT",
    }, start=False)
    b.port = inner
    b.start()
    for addr in (f"127.0.0.1:{inner}", f"127.0.0.2:{outer}"):
        md = AdminClient({"bootstrap.servers": addr}).list_topics(timeout=10)
        assert [f"{x.host}:{x.port}" for x in md.brokers.values()] == [addr]
