"""The container images, without a Docker daemon. e2e/images/build.sh builds them from
Dockerfile.broker and Dockerfile.operator (buildah) into the OCI image layout target/image/oci;
these tests read that layout, run the images with runc (unpacked by umoci) — the broker in a
network namespace of its own, reached from the host over a veth pair — and start compose.yaml's
3-broker cluster with podman-compose on a private podman storage.

Everything the tests create (namespaces, links, containers, podman state, firewall chains) is
removed in teardown, also when a test fails. They need root, as runc and `ip netns` do."""

import gzip
import io
import ipaddress
import json
import os
import random
import re
import resource
import shlex
import shutil
import socket
import struct
import subprocess
import tarfile
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import yaml

from conftest import REPO

LAYOUT = Path(os.environ.get("MOLDAU_OCI_LAYOUT", REPO / "target" / "image" / "oci"))
TAG = "dev"
RUNTIME = os.environ.get("MOLDAU_OCI_RUNTIME", "runc")
UID = GID = 65532
DATA_DIR = "/var/lib/moldau"


def run(*args, check=True, timeout=120, **kw):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout,
                       stdin=subprocess.DEVNULL, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({p.returncode}): {p.stderr or p.stdout}")
    return p


@pytest.fixture(scope="module", autouse=True)
def tools():
    if os.geteuid() != 0:
        pytest.skip("runc and network namespaces need root")
    for tool in (RUNTIME, "umoci", "ip", "kcat"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (e2e/images/build.sh and e2e/run-all.sh install it)")
    if not (LAYOUT / "index.json").is_file():
        pytest.fail(f"no OCI image layout at {LAYOUT}: e2e/images/build.sh builds it")


# --- reading the OCI image layout ------------------------------------------------------------

class Image:
    """One image of the layout: its config and its layers' tar members (with their contents)."""

    def __init__(self, layout: Path, name: str):
        self.ref = f"{name}:{TAG}"
        index = json.loads((layout / "index.json").read_text())
        refs = {m.get("annotations", {}).get("org.opencontainers.image.ref.name"): m for m in index["manifests"]}
        assert self.ref in refs, f"{layout} has no image {self.ref}: {sorted(r for r in refs if r)}"
        blob = lambda d: (layout / "blobs" / d["digest"].replace(":", "/")).read_bytes()
        self.manifest = json.loads(blob(refs[self.ref]))
        self.config = json.loads(blob(self.manifest["config"]))
        self.compressed_size = sum(d["size"] for d in self.manifest["layers"])
        self.members: dict[str, tuple[tarfile.TarInfo, bytes | None]] = {}
        for d in self.manifest["layers"]:
            data = blob(d)
            if d["mediaType"].endswith("+gzip"):
                data = gzip.decompress(data)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                for m in tar:
                    content = tar.extractfile(m).read() if m.isfile() else None
                    self.members[m.name.strip("/").removeprefix("./")] = (m, content)

    @property
    def runtime_config(self) -> dict:
        return self.config["config"]


def dockerfile(path: Path) -> dict:
    """The instructions of a Dockerfile (no continuation lines needed for ours): ENTRYPOINT and
    CMD in their JSON form, EXPOSE as a list, COPY as a list of their argument lists."""
    out: dict = {"COPY": []}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instr, _, rest = line.partition(" ")
        instr = instr.upper()
        if instr in ("ENTRYPOINT", "CMD"):
            out[instr] = json.loads(rest)
        elif instr == "EXPOSE":
            out[instr] = rest.split()
        elif instr == "COPY":
            out[instr].append(rest.split())
        else:
            out[instr] = rest.strip()
    return out


def elf_interpreter_and_needed(binary: bytes) -> tuple[bytes | None, int]:
    """The ELF's program interpreter (None when it has none) and its count of DT_NEEDED
    entries: a static binary has neither."""
    assert binary[:4] == b"\x7fELF" and binary[4] == 2, "not a 64-bit ELF"
    phoff, = struct.unpack_from("<Q", binary, 32)
    phentsize, phnum = struct.unpack_from("<HH", binary, 54)
    interp, needed = None, 0
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", binary, phoff + i * phentsize)
        if p_type == 3:  # PT_INTERP
            interp = binary[p_offset:p_offset + p_filesz].rstrip(b"\0")
        elif p_type == 2:  # PT_DYNAMIC
            for off in range(p_offset, p_offset + p_filesz, 16):
                tag, _ = struct.unpack_from("<qQ", binary, off)
                if tag == 0:
                    break
                needed += tag == 1  # DT_NEEDED
    return interp, needed


# --- running an image with runc --------------------------------------------------------------

class Container:
    """An image unpacked by umoci into an OCI bundle and run by runc: read-only root, the
    image's entrypoint with `args` after it (as `docker run IMAGE ARGS...`), a tmpfs owned by
    the image's user at each of `tmpfs`, and the network namespace `netns` (a new, empty one
    when None)."""

    def __init__(self, image: Image, bundle: Path, args: list[str] | None = None,
                 netns: str | None = None, tmpfs: tuple[str, ...] = ()):
        self.image = image
        self.bundle = bundle
        self.id = f"moldau-img-{uuid.uuid4().hex[:8]}"
        run("umoci", "unpack", "--image", f"{LAYOUT}:{image.ref}", bundle)
        spec = json.loads((bundle / "config.json").read_text())
        cfg = image.runtime_config
        proc = spec["process"]
        proc["terminal"] = False
        proc["args"] = cfg["Entrypoint"] + (args if args is not None else cfg.get("Cmd") or [])
        spec["root"]["readonly"] = True
        spec["hostname"] = self.id
        for ns in spec["linux"]["namespaces"]:
            if ns["type"] == "network" and netns:
                ns["path"] = f"/run/netns/{netns}"
        for path in tmpfs:
            spec["mounts"].append({"destination": path, "type": "tmpfs", "source": "tmpfs",
                                   "options": ["nosuid", "nodev", "mode=0755", f"uid={UID}", f"gid={GID}",
                                               "size=512m"]})
        (bundle / "config.json").write_text(json.dumps(spec, indent=2))
        self.log = bundle / "container.log"
        self.started = False

    def run_to_completion(self, timeout=60) -> subprocess.CompletedProcess:
        self.started = True
        return run(RUNTIME, "run", "--bundle", self.bundle, self.id, check=False, timeout=timeout)

    def start(self):
        self.started = True
        with open(self.log, "wb") as log:
            subprocess.run([RUNTIME, "run", "--detach", "--bundle", str(self.bundle), self.id],
                           stdin=subprocess.DEVNULL, stdout=log, stderr=log, check=True, timeout=60)

    def pid(self) -> int:
        return json.loads(run(RUNTIME, "state", self.id).stdout)["pid"]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def delete(self):
        if self.started:
            run(RUNTIME, "delete", "--force", self.id, check=False)
            assert self.id not in run(RUNTIME, "list", "-q", check=False).stdout.split(), \
                f"container {self.id} is still there"


@pytest.fixture
def containers(tmp_path):
    """Creates containers and deletes every one of them at the end, also on failure."""
    made: list[Container] = []

    def make(image: Image, **kw) -> Container:
        bundle = tmp_path / f"bundle{len(made)}"
        c = Container(image, bundle, **kw)
        made.append(c)
        return c

    yield make
    for c in made:
        c.delete()


def free_slash30() -> ipaddress.IPv4Network:
    """A private /30 that no route of this machine covers."""
    routes = []
    for line in run("ip", "-4", "route", "show", "table", "all").stdout.splitlines():
        dest = line.split()[0] if line.split() else ""
        if dest in ("default", "broadcast", "local", "unreachable"):
            dest = line.split()[1] if len(line.split()) > 1 else ""
        try:
            net = ipaddress.ip_network(dest, strict=False)
        except ValueError:
            continue
        if net.prefixlen > 0:
            routes.append(net)
    for _ in range(100):
        net = ipaddress.ip_network(f"10.213.{random.randrange(256)}.{4 * random.randrange(64)}/30")
        if not any(net.overlaps(r) for r in routes):
            return net
    raise AssertionError("no free 10.213.x.y/30 for the test's veth pair")


class NetNs:
    """A network namespace joined to the host by a veth pair: host_ip on the host's end,
    ns_ip inside the namespace; the traffic stays on this machine."""

    def __init__(self):
        suffix = uuid.uuid4().hex[:8]
        self.name = f"moldau-img-{suffix}"
        self.host_if, self.ns_if = f"mih{suffix}", f"mic{suffix}"
        net = free_slash30()
        self.host_ip, self.ns_ip = (str(h) for h in net.hosts())
        self.prefix = net.prefixlen

    def create(self):
        run("ip", "netns", "add", self.name)
        run("ip", "link", "add", self.host_if, "type", "veth", "peer", "name", self.ns_if)
        run("ip", "link", "set", self.ns_if, "netns", self.name)
        run("ip", "addr", "add", f"{self.host_ip}/{self.prefix}", "dev", self.host_if)
        run("ip", "link", "set", self.host_if, "up")
        run("ip", "-n", self.name, "addr", "add", f"{self.ns_ip}/{self.prefix}", "dev", self.ns_if)
        run("ip", "-n", self.name, "link", "set", self.ns_if, "up")
        run("ip", "-n", self.name, "link", "set", "lo", "up")

    def delete(self):
        run("ip", "link", "del", self.host_if, check=False)
        run("ip", "netns", "del", self.name, check=False)
        assert self.name not in run("ip", "netns", "list").stdout.split(), f"netns {self.name} is left"
        assert run("ip", "link", "show", self.host_if, check=False).returncode != 0, f"{self.host_if} is left"


@pytest.fixture
def netns():
    ns = NetNs()
    try:
        ns.create()
        yield ns
    finally:
        ns.delete()


def kcat(*args, input=None, timeout=60):
    p = subprocess.run(["kcat", *args], input=input, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"kcat {' '.join(args)}: {p.stderr}"
    return p.stdout


def wait_for_metadata(bootstrap: str, until, timeout: float, diagnostics) -> str:
    deadline = time.time() + timeout
    md = ""
    while time.time() < deadline:
        p = subprocess.run(["kcat", "-b", bootstrap, "-L", "-m", "3"], capture_output=True, text=True, timeout=30)
        md = p.stdout
        if p.returncode == 0 and until(md):
            return md
        time.sleep(0.5)
    raise AssertionError(f"no answer from {bootstrap} as expected:\n{md}\n{diagnostics()}")


# --- the tests -------------------------------------------------------------------------------

IMAGES = {
    # image name: (Dockerfile, every path the image holds)
    "moldau-broker": ("Dockerfile.broker",
                      {"moldau-broker", "var", "var/lib", "var/lib/moldau", "var/lib/moldau/README"}),
    "moldau-operator": ("Dockerfile.operator", {"moldau-operator"}),
}


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_image_is_the_dockerfile_static_non_root_and_minimal(name):
    """The image's config is what its Dockerfile says (non-root user, entrypoint, workdir,
    ports), and it holds the static binary alone (and the broker's data dir, owned by the
    user): no shell, no base image."""
    df_name, paths = IMAGES[name]
    image = Image(LAYOUT, name)
    df = dockerfile(REPO / df_name)
    cfg = image.runtime_config
    assert df["FROM"] == "scratch"
    assert cfg["User"] == df["USER"] == f"{UID}:{GID}"
    assert cfg["Entrypoint"] == df["ENTRYPOINT"] and cfg["Entrypoint"][0] == f"/{name}"
    assert cfg.get("Cmd") == df.get("CMD")
    assert cfg.get("WorkingDir", "") == df.get("WORKDIR", "")
    assert sorted(cfg.get("ExposedPorts", {})) == sorted(f"{p}/tcp" for p in df["EXPOSE"])
    assert image.config["os"] == "linux" and image.config["architecture"] == "amd64"

    assert set(image.members) == paths
    info, binary = image.members[name]
    assert (info.uid, info.gid, info.mode & 0o7777) == (0, 0, 0o755)
    assert elf_interpreter_and_needed(binary) == (None, 0), f"/{name} is not a static binary"
    assert binary == (REPO / "target" / "image" / name).read_bytes(), \
        f"/{name} is not target/image/{name}: rebuild with e2e/images/build.sh"
    for path in paths - {name, "var", "var/lib"}:
        info, _ = image.members[path]
        assert (info.uid, info.gid) == (UID, GID), f"/{path} is owned by {info.uid}:{info.gid}"

    size = sum(info.size for info, _ in image.members.values())
    assert size < 80 * 1024 * 1024, f"{name} holds {size} bytes"
    assert image.compressed_size < 80 * 1024 * 1024


def test_operator_image_prints_its_crds(containers):
    """`docker run moldau-operator:dev crd` — here the same with runc — prints exactly
    crds/moldau.yaml."""
    c = containers(Image(LAYOUT, "moldau-operator"), args=["crd"])
    p = c.run_to_completion()
    assert p.returncode == 0, p.stderr
    assert p.stdout == (REPO / "crds" / "moldau.yaml").read_text()


def test_broker_image_round_trip_from_the_host(containers, netns):
    """The broker image in a network namespace of its own, with a read-only root and a tmpfs
    at its data dir (`docker run --read-only --tmpfs /var/lib/moldau`), serves the host over a
    veth pair: 50 records produced with acks=all come back in order. The broker runs as
    65532:65532 with the Dockerfile's entrypoint."""
    image = Image(LAYOUT, "moldau-broker")
    overrides = ["--override", "listeners=PLAINTEXT://0.0.0.0:9092",
                 "--override", f"advertised.listeners=PLAINTEXT://{netns.ns_ip}:9092"]
    c = containers(image, args=overrides, netns=netns.name, tmpfs=(DATA_DIR,))
    c.start()
    bootstrap = f"{netns.ns_ip}:9092"
    wait_for_metadata(bootstrap, lambda md: f"at {bootstrap}" in md, 60, c.log_text)

    pid = c.pid()
    status = Path(f"/proc/{pid}/status").read_text()
    assert re.search(rf"^Uid:\s+{UID}\s+{UID}\s+{UID}\s+{UID}$", status, re.M), status
    assert re.search(rf"^Gid:\s+{GID}\s+{GID}\s+{GID}\s+{GID}$", status, re.M), status
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1]
    assert [a.decode() for a in cmdline] == image.runtime_config["Entrypoint"] + overrides
    assert Path(f"/proc/{pid}/root{DATA_DIR}/data").is_dir(), "the broker did not use log.dirs in its data dir"

    values = "".join(f"m{i}\n" for i in range(50))
    kcat("-b", bootstrap, "-P", "-t", "smoke", "-p", "0", "-X", "acks=all", input=values)
    out = kcat("-b", bootstrap, "-C", "-t", "smoke", "-p", "0", "-o", "beginning", "-e", "-q")
    assert out.split() == values.split()


# --- compose.yaml with podman-compose --------------------------------------------------------

class PodmanSandbox:
    """podman with a storage, a network config dir and a tmp dir of its own under `base`, so
    nothing of the host's podman is touched. What podman needs on this machine to run at all:
      - root here lacks CAP_SYS_RESOURCE and the hard RLIMIT_NOFILE is below what podman 4.3 asks
        the runtime for by default (1048576): "crun: setrlimit `RLIMIT_NOFILE`: Operation not
        permitted". podman also lowers its own RLIMIT_NPROC to 32768 before starting the
        runtime, so a larger container NPROC fails the same way. default_ulimits fixes both.
      - crun 1.8 refuses the hybrid cgroup v1/v2 layout: "cgroups in hybrid mode not supported,
        drop all controllers from cgroupv2"; runc runs.
      - compose's service names (broker-1, ...) resolve through aardvark-dns: netavark, not CNI.
    netavark adds firewall chains and turns IP forwarding on; delete() undoes what was not
    there before."""

    TABLES = ("filter", "nat")

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="moldau-podman-"))
        nofile = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        nproc = min(resource.getrlimit(resource.RLIMIT_NPROC)[1], 32768)
        (self.base / "storage.conf").write_text(
            f'[storage]\ndriver = "vfs"\ngraphroot = "{self.base}/root"\nrunroot = "{self.base}/run"\n')
        (self.base / "containers.conf").write_text(
            "[containers]\n"
            f'default_ulimits = ["nofile={nofile}:{nofile}", "nproc={nproc}:{nproc}"]\n'
            "[network]\n"
            'network_backend = "netavark"\n'
            f'network_config_dir = "{self.base}/networks"\n'
            "[engine]\n"
            'runtime = "runc"\n'
            'events_logger = "file"\n'
            f'tmp_dir = "{self.base}/tmp"\n')
        self.env = {**os.environ, "CONTAINERS_STORAGE_CONF": str(self.base / "storage.conf"),
                    "CONTAINERS_CONF": str(self.base / "containers.conf")}
        self.chains_before = {t: self.chains(t) for t in self.TABLES}
        self.ip_forward_before = Path("/proc/sys/net/ipv4/ip_forward").read_text()
        self.cgroups_before = set(Path("/sys/fs/cgroup").glob("*/libpod_parent"))

    @staticmethod
    def chains(table: str) -> set[str]:
        out = run("iptables", "-t", table, "-S", check=False).stdout
        return {line.split()[1] for line in out.splitlines() if line.startswith("-N ")}

    def podman(self, *args, check=True, timeout=120):
        return run("podman", *args, check=check, timeout=timeout, env=self.env)

    def delete(self):
        self.podman("rm", "--all", "--force", "--time", "0", check=False)
        self.podman("network", "prune", "--force", check=False)
        self.podman("volume", "prune", "--force", check=False)
        self.podman("system", "reset", "--force", check=False)
        for table in self.TABLES:
            new = self.chains(table) - self.chains_before[table]
            for line in run("iptables", "-t", table, "-S", check=False).stdout.splitlines():
                parts = shlex.split(line)
                if parts[:1] == ["-A"] and "-j" in parts and parts[parts.index("-j") + 1] in new \
                        and parts[1] not in new:
                    run("iptables", "-t", table, "-D", *parts[1:], check=False)
            for chain in new:
                run("iptables", "-t", table, "-F", chain, check=False)
            for chain in new:
                run("iptables", "-t", table, "-X", chain, check=False)
        Path("/proc/sys/net/ipv4/ip_forward").write_text(self.ip_forward_before)
        for cg in set(Path("/sys/fs/cgroup").glob("*/libpod_parent")) - self.cgroups_before:
            # Empty by now (conmon and the containers are gone): rmdir, innermost first.
            for d in sorted((p for p in cg.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)) + [cg]:
                try:
                    d.rmdir()
                except OSError:
                    pass
        mounts = [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()]
        for m in sorted((m for m in mounts if m.startswith(str(self.base))), key=len, reverse=True):
            run("umount", m, check=False)
        shutil.rmtree(self.base)
        for table in self.TABLES:
            assert self.chains(table) == self.chains_before[table], f"iptables {table} chains are left"


def test_compose_starts_a_three_broker_cluster():
    """compose.yaml with podman-compose: three brokers from the image form one cluster that
    host clients reach on the EXTERNAL listeners (localhost:19094, :29094, :39094); a topic with
    replication factor 3 round-trips."""
    tool = shutil.which("podman-compose")
    if tool is None or shutil.which("podman") is None or shutil.which("skopeo") is None:
        pytest.skip("podman-compose, podman or skopeo is not installed (e2e/images/build.sh installs them)")
    compose_file = REPO / "compose.yaml"
    services = yaml.safe_load(compose_file.read_text())["services"]
    # "127.0.0.1:19094:9094": published on loopback only.
    external = [f"localhost:{svc['ports'][0].rsplit(':', 2)[-2]}" for svc in services.values()]
    assert len(external) == 3
    for bootstrap in external:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", int(bootstrap.split(":")[1]))) == 0:
                pytest.fail(f"{bootstrap}, which compose.yaml publishes, is already in use")

    sandbox = PodmanSandbox()
    project = f"moldau{uuid.uuid4().hex[:6]}"
    image = f"localhost/moldau-broker:{TAG}"
    env = {**sandbox.env, "MOLDAU_BROKER_IMAGE": image}

    def compose(*args, check=True, timeout=300):
        p = run(tool, "-p", project, "-f", compose_file, *args, check=False, timeout=timeout, env=env)
        # podman-compose 1.0 exits 0 when a podman command it runs fails; it prints "exit code: N".
        failed = [c for c in re.findall(r"^exit code: (\d+)$", p.stdout, re.M) if c != "0"]
        if check and (p.returncode != 0 or failed):
            raise AssertionError(f"podman-compose {' '.join(args)} failed:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
        return p

    def logs():
        return "\n".join(sandbox.podman("logs", "--tail", "20", f"{project}_{svc}_1", check=False).stderr
                         for svc in services)

    try:
        run("skopeo", "copy", "-q", f"oci:{LAYOUT}:moldau-broker:{TAG}", f"containers-storage:{image}",
            env=sandbox.env)
        compose("up", "-d")
        try:
            wait_for_metadata(external[0], lambda md: " 3 brokers:" in md, 120, logs)
            topic = f"compose-{uuid.uuid4().hex[:6]}"
            values = "".join(f"c{i}\n" for i in range(30))
            kcat("-b", external[0], "-P", "-t", topic, "-p", "0", "-X", "acks=all", input=values, timeout=90)
            md = kcat("-b", external[2], "-L", "-t", topic)
            assert re.search(r"partition 0, leader \d, replicas: [123],[123],[123], isrs: [123],[123],[123]", md), md
            for bootstrap in external[1:]:
                out = kcat("-b", bootstrap, "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e", "-q", timeout=90)
                assert out.split() == values.split(), bootstrap
        finally:
            compose("down", "-v", check=False)
    finally:
        sandbox.delete()
