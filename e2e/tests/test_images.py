"""The container images (built by e2e/run-all.sh from the static musl binaries, FROM scratch):
the broker image serves a produce/consume round trip from a container on a private Docker
network, the operator image prints its CRDs, and compose.yaml starts a 3-broker cluster."""

import json
import os
import shutil
import subprocess
import time
import uuid

import pytest

from conftest import REPO
from standin import free_port

BROKER_IMAGE = os.environ.get("MOLDAU_BROKER_IMAGE", "moldau-broker:dev")
OPERATOR_IMAGE = os.environ.get("MOLDAU_OPERATOR_IMAGE", "moldau-operator:dev")


def docker(*args, check=True, timeout=120, **kw):
    p = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} failed: {p.stderr}")
    return p


@pytest.fixture(scope="module", autouse=True)
def images():
    if shutil.which("docker") is None or subprocess.run(["docker", "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker Engine on this machine: the images cannot be built or run here")
    for image in (BROKER_IMAGE, OPERATOR_IMAGE):
        if docker("image", "inspect", image, check=False).returncode != 0:
            pytest.fail(f"image {image} is missing: e2e/run-all.sh builds it (Dockerfile.broker, Dockerfile.operator)")


def kcat(*args, input=None, timeout=60):
    p = subprocess.run(["kcat", *args], input=input, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_images_are_static_non_root_and_minimal():
    """Both images run as a non-root user and hold nothing but the binary (no shell, no base
    image)."""
    for image, binary in ((BROKER_IMAGE, "/moldau-broker"), (OPERATOR_IMAGE, "/moldau-operator")):
        cfg = json.loads(docker("image", "inspect", image).stdout)[0]["Config"]
        assert cfg["User"] == "65532:65532", (image, cfg["User"])
        assert cfg["Entrypoint"][0] == binary
        size = json.loads(docker("image", "inspect", image).stdout)[0]["Size"]
        assert size < 80 * 1024 * 1024, f"{image} is {size} bytes"
    out = docker("run", "--rm", OPERATOR_IMAGE, "crd").stdout
    assert out == (REPO / "crds" / "moldau.yaml").read_text()


def test_broker_image_round_trip_on_a_private_network():
    """A broker container on its own Docker network, published on a loopback port, serves a
    produce/consume round trip."""
    net = f"moldau-smoke-{uuid.uuid4().hex[:8]}"
    name = f"{net}-broker"
    port = free_port()
    docker("network", "create", net)
    try:
        docker("run", "-d", "--name", name, "--network", net, "-p", f"127.0.0.1:{port}:9092",
               "--read-only", "--tmpfs", "/var/lib/moldau:uid=65532,gid=65532",
               BROKER_IMAGE, "--override", "listeners=PLAINTEXT://0.0.0.0:9092",
               "--override", f"advertised.listeners=PLAINTEXT://127.0.0.1:{port}")
        deadline = time.time() + 60
        while time.time() < deadline:
            p = subprocess.run(["kcat", "-b", f"127.0.0.1:{port}", "-L", "-m", "3"], capture_output=True, text=True)
            if p.returncode == 0:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the broker container did not answer: " + docker("logs", name, check=False).stderr)
        values = "\n".join(f"m{i}" for i in range(50)) + "\n"
        kcat("-b", f"127.0.0.1:{port}", "-P", "-t", "smoke", "-X", "acks=all", input=values)
        out = kcat("-b", f"127.0.0.1:{port}", "-C", "-t", "smoke", "-o", "beginning", "-e", "-q")
        assert out.split() == values.split()
    finally:
        docker("rm", "-f", name, check=False)
        docker("network", "rm", net, check=False)


def test_compose_starts_a_three_broker_cluster():
    """compose.yaml: three brokers from the image form one cluster that host clients reach on
    the EXTERNAL listeners; a topic with replication factor 3 round-trips."""
    project = f"moldau{uuid.uuid4().hex[:6]}"
    # The compose plugin (`docker compose`) or the standalone `docker-compose`.
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        tool = ["docker", "compose"]
    elif shutil.which("docker-compose"):
        tool = ["docker-compose"]
    else:
        pytest.skip("neither `docker compose` nor docker-compose is installed")
    base = ["-p", project, "-f", str(REPO / "compose.yaml")]
    env = {**os.environ, "MOLDAU_BROKER_IMAGE": BROKER_IMAGE}

    def compose(*args, check=True, timeout=180):
        p = subprocess.run([*tool, *base, *args], capture_output=True, text=True, timeout=timeout, env=env)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(tool)} {' '.join(args)} failed: {p.stderr}")
        return p

    compose("up", "-d")
    try:
        deadline = time.time() + 90
        md = ""
        while time.time() < deadline:
            p = subprocess.run(["kcat", "-b", "localhost:19094", "-L", "-m", "3"], capture_output=True, text=True)
            md = p.stdout
            if p.returncode == 0 and " 3 brokers:" in md:
                break
            time.sleep(1)
        else:
            logs = compose("logs", "--tail", "20", check=False).stdout
            raise AssertionError(f"no 3-broker cluster: {md}\n{logs}")
        values = "\n".join(f"c{i}" for i in range(30)) + "\n"
        kcat("-b", "localhost:19094", "-P", "-t", "compose", "-X", "acks=all", input=values, timeout=90)
        out = kcat("-b", "localhost:29094", "-C", "-t", "compose", "-o", "beginning", "-e", "-q", timeout=90)
        assert sorted(out.split()) == sorted(values.split())
    finally:
        compose("down", "-v", check=False)
