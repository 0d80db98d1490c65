//! `cluster-bench`: measures a replicated 3-broker moldau cluster and prints figures.
//!
//! It starts the cluster itself: three `moldau-broker` child processes in combined mode (every
//! node a broker and a metadata-quorum voter), each with its own data directory under a fresh
//! run directory and its own loopback address 127.0.X.i (X picked per run), and drives them
//! with librdkafka (the `rdkafka` crate) and the control plane's gRPC Admin service. Each
//! figure gets a fresh cluster, so one figure's data or failure does not colour the next.
//!
//! 1. Replication cost: produce throughput, acks=all, idempotent producer, 1 KiB records,
//!    `--bytes` (default 256 MiB) into a 6-partition topic with replication factor 3 and
//!    min.insync.replicas=2, against the same into a 6-partition topic with replication factor 1
//!    on the same cluster; also (unless --skip-extra-runs) RF=3 and RF=1 with acks=all without
//!    idempotence and RF=1 with acks=1, which tell the cost of acks=all and of idempotence
//!    apart.
//!    The runs are repeated in `--throughput-rounds` interleaved rounds (each run after a sync,
//!    and with --drop-caches after emptying the page cache). Figures: median MB/s of each, and
//!    the median over rounds of the RF3/RF1 ratio (both acks=all idempotent, same round).
//!    Target: ratio >= 0.50. Each run also prints the CPU the brokers, the client and the rest
//!    of the machine used, so a client-bound or disturbed run shows as such.
//! 2. Failover time: an idempotent acks=all producer sends small records at a steady rate into
//!    one partition P (replication factor 3, min.insync.replicas=2) from a background thread
//!    and records, for every acknowledged record, when it was sent and when it was
//!    acknowledged. Each cycle SIGKILLs P's leader and measures the time from the kill to the
//!    acknowledgement of the first record sent after the kill; then the killed broker is
//!    restarted and the cycle ends when it is back in P's ISR. Two series:
//!    - (a) failure detection by session expiry alone (`broker.session.timeout.ms`, default
//!      9000): target median <= session timeout + 1 s;
//!    - (b) the kill followed at once by a FenceBroker gRPC call to a surviving node (what the
//!      operator does when it sees a pod die): target median <= 1 s.
//!
//!    Figures: median and max per series, and after each series the partition read back from
//!    offset 0: every acknowledged record must be in the log exactly once, at the offset it was
//!    acknowledged with (lost / duplicated / misplaced counts, expected 0 / 0 / 0).
//! 3. Catch-up rate: a follower (not the active controller) is stopped with SIGTERM,
//!    `--catchup-bytes` (default 256 MiB) are produced acks=all into 6 partitions with
//!    replication factor 3 (min.insync.replicas=2, so the two others keep acknowledging), the
//!    follower is restarted, and the time from the restart until it is back in the ISR of
//!    every partition is the figure, with the catch-up rate in MB/s (bytes the follower wrote
//!    to its log over that time). Also printed: when its Kafka port opened, when the controller
//!    unfenced it, when it rejoined each ISR, and its lag every 100 ms as the leaders report it.
//!
//! It is a program, not a test: it prints figures and targets and asserts nothing about them.
//! Every wait is bounded (`--timeout-secs`), and the brokers are killed when the program ends,
//! fails, panics or is interrupted. The run directory (broker data and logs) is removed after a
//! clean run; after a failed figure the broker logs are kept and their path printed.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use clap::Parser;
use moldau_broker::controller::rpc::pb;
use moldau_e2e::support::{
    self, BrokerProcess, DeliveryCounts, MB, Rates, RunArgs, Summary, apply_overrides, bench_main,
    clock_ticks_per_sec, lock, own_cpu_secs, parse_size, print_header, put_seq, reader_config,
    send_round_robin, throughput_producer_config, verdict,
};
use rdkafka::ClientContext;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{DeliveryResult, Message};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer, ProducerContext};
use rdkafka::topic_partition_list::{Offset, TopicPartitionList};

/// This program's name in messages and broker logs.
const PROGRAM: &str = "cluster-bench";

const TARGET_RF3_OF_RF1: f64 = 0.50;
/// Session-expiry failover may take the session timeout plus this.
const TARGET_SESSION_SLACK_S: f64 = 1.0;
const TARGET_FENCED_FAILOVER_S: f64 = 1.0;

/// Benchmarks a 3-broker moldau cluster: the throughput cost of replication, leader failover
/// times (session expiry and operator fencing) with a loss check, and follower catch-up rate.
#[derive(Parser, Debug)]
#[command(
    name = "cluster-bench",
    mut_arg("dir", |a| a.help(
        "Where to make the run's fresh directory (broker data and logs); it is removed at the \
         end unless --keep or a figure failed [default: <repo>/target/moldau-cluster-bench]"
    ))
)]
struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Value size of every record of the throughput and catch-up runs, in bytes.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(16..=900_000))]
    record_size: u64,
    /// Bytes of record values per throughput run (e.g. 256MiB, 1GiB, 100MB).
    #[arg(long, default_value = "256MiB", value_parser = parse_size)]
    bytes: u64,
    /// Partitions of the throughput and catch-up topics.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(i32).range(1..=1000))]
    partitions: i32,
    /// linger.ms of the throughput and catch-up producers.
    #[arg(long, default_value_t = 5)]
    linger_ms: u32,
    /// Rounds of figure 1's runs (interleaved); the median of each configuration counts.
    #[arg(long, default_value_t = 3)]
    throughput_rounds: u32,
    /// Before each produce run of figures 1 and 3, sync and drop the kernel's page cache (needs
    /// root; affects the whole machine), so every run writes into the same kind of memory.
    #[arg(long)]
    drop_caches: bool,
    /// Skip the extra runs of figure 1 (RF=3 and RF=1 acks=all without idempotence, RF=1
    /// acks=1), which tell the cost of acks=all and of idempotence apart.
    #[arg(long)]
    skip_extra_runs: bool,
    /// Failover cycles with failure detection by session expiry (figure 2a; each takes about
    /// the session timeout plus a restart).
    #[arg(long, default_value_t = 5)]
    failover_cycles_session: u32,
    /// Failover cycles with the kill followed by a FenceBroker call (figure 2b).
    #[arg(long, default_value_t = 20)]
    failover_cycles_fenced: u32,
    /// Value size of the failover producer's records, in bytes.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(16..=100_000))]
    failover_record_size: u64,
    /// Records per second the failover producer sends.
    #[arg(long, default_value_t = 1000.0)]
    failover_rate: f64,
    /// Bytes of record values produced while the follower is down (figure 3).
    #[arg(long, default_value = "256MiB", value_parser = parse_size)]
    catchup_bytes: u64,
    /// broker.session.timeout.ms of every broker.
    #[arg(long, default_value_t = 9000)]
    session_timeout_ms: u64,
    /// broker.heartbeat.interval.ms of every broker.
    #[arg(long, default_value_t = 2000)]
    heartbeat_interval_ms: u64,
    /// replica.lag.time.max.ms of every broker.
    #[arg(long, default_value_t = 30000)]
    replica_lag_time_max_ms: u64,
    /// Extra broker setting for every broker (repeatable), e.g. --override num.io.threads=4.
    #[arg(long = "override", value_name = "KEY=VALUE")]
    overrides: Vec<String>,
    /// Skip figure 1 (throughput).
    #[arg(long)]
    skip_throughput: bool,
    /// Skip figure 2 (failover).
    #[arg(long)]
    skip_failover: bool,
    /// Skip figure 3 (catch-up).
    #[arg(long)]
    skip_catchup: bool,
    /// Bound on every single wait (cluster start, a produce run, a failover, a catch-up, ...).
    #[arg(long, default_value_t = 120)]
    timeout_secs: u64,
}

/// The clock every timestamp of this program is taken against (shared by all threads).
fn now_ns() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// A small xorshift generator seeded from the clock and pid: enough to pick addresses and
/// ports that differ between runs.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        Rng(t ^ ((std::process::id() as u64) << 32) | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// 127.0.X with X such that nothing listens on 127.0.X.* yet (another cluster on this machine).
fn pick_net(rng: &mut Rng) -> Result<String> {
    let listening = fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    for _ in 0..200 {
        let x = 2 + rng.below(252);
        // /proc/net/tcp prints the address as the little-endian hex of its 4 bytes:
        // 127.0.X.i shows as iiXX007F.
        let suffix = format!("{x:02X}007F:");
        let used = listening.lines().skip(1).any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 3 && f[3] == "0A" && f[1].get(2..).is_some_and(|a| a.starts_with(&suffix))
        });
        if !used && TcpListener::bind(format!("127.0.{x}.1:0")).is_ok() {
            return Ok(format!("127.0.{x}"));
        }
    }
    bail!("no unused 127.0.X network found")
}

/// A port free on `host`, below the ephemeral range (32768+) so that no outgoing connection is
/// given it while its broker is down.
fn free_port(rng: &mut Rng, host: &str, taken: &mut Vec<u16>) -> Result<u16> {
    for _ in 0..1000 {
        let port = 20000 + rng.below(12000) as u16;
        if taken.contains(&port) {
            continue;
        }
        if TcpListener::bind((host, port)).is_ok() {
            taken.push(port);
            return Ok(port);
        }
    }
    bail!("no free port on {host}")
}

// ---------------------------------------------------------------------------------------------
// One broker process.

/// One node of the cluster: its id, its controller address and its broker process (with its
/// Kafka address, settings, data directory and log file, all kept across restarts).
struct Node {
    id: i32,
    host: String,
    controller_port: u16,
    process: BrokerProcess,
}

impl Node {
    fn bootstrap(&self) -> String {
        self.process.bootstrap()
    }

    fn controller_addr(&self) -> String {
        format!("{}:{}", self.host, self.controller_port)
    }
}

// ---------------------------------------------------------------------------------------------
// The cluster.

type GrpcAdmin = pb::admin_client::AdminClient<tonic::transport::Channel>;

async fn grpc_admin(addr: &str) -> Result<GrpcAdmin> {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))?
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(10))
        .connect()
        .await
        .with_context(|| format!("gRPC connect to {addr}"))?;
    Ok(pb::admin_client::AdminClient::new(channel))
}

/// Three (or `n`) brokers, node ids 1..=n, in combined mode.
struct Cluster {
    name: String,
    nodes: Vec<Node>,
    rt: tokio::runtime::Runtime,
    /// Admin clients by node id, kept between calls (dropped after an error).
    admins: Mutex<HashMap<i32, GrpcAdmin>>,
    timeout: Duration,
}

/// Broker settings every node gets besides its own addresses (shown in the output).
fn common_settings(args: &Args) -> Result<Vec<(String, String)>> {
    let mut s: Vec<(String, String)> = vec![
        ("process.roles".into(), "broker,controller".into()),
        ("controller.listener.names".into(), "CONTROLLER".into()),
        ("inter.broker.listener.name".into(), "PLAINTEXT".into()),
        (
            "listener.security.protocol.map".into(),
            "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT".into(),
        ),
        (
            "broker.session.timeout.ms".into(),
            args.session_timeout_ms.to_string(),
        ),
        (
            "broker.heartbeat.interval.ms".into(),
            args.heartbeat_interval_ms.to_string(),
        ),
        (
            "replica.lag.time.max.ms".into(),
            args.replica_lag_time_max_ms.to_string(),
        ),
    ];
    apply_overrides(&mut s, &args.overrides)?;
    Ok(s)
}

impl Cluster {
    fn new(
        bin: &Path,
        run_dir: &Path,
        name: &str,
        n: i32,
        settings: &[(String, String)],
        timeout: Duration,
    ) -> Result<Cluster> {
        let mut rng = Rng::new();
        let net = pick_net(&mut rng)?;
        let mut nodes = Vec::new();
        for id in 1..=n {
            let host = format!("{net}.{id}");
            let mut taken = Vec::new();
            let dir = run_dir.join(format!("{name}-node{id}"));
            fs::create_dir_all(&dir)?;
            let port = free_port(&mut rng, &host, &mut taken)?;
            let controller_port = free_port(&mut rng, &host, &mut taken)?;
            let addr: SocketAddr = format!("{host}:{port}").parse()?;
            let (data, log_path) = (dir.join("data"), dir.join("broker.log"));
            let process =
                BrokerProcess::new(PROGRAM, id.to_string(), bin, addr, data, log_path).in_dir(dir);
            nodes.push(Node {
                id,
                host,
                controller_port,
                process,
            });
        }
        let voters: Vec<String> = nodes
            .iter()
            .map(|n| format!("{}@{}", n.id, n.controller_addr()))
            .collect();
        let voters = voters.join(",");
        let mut metrics_taken: Vec<u16> = nodes
            .iter()
            .flat_map(|n| [n.process.addr().port(), n.controller_port])
            .collect();
        for node in &mut nodes {
            let metrics_port = free_port(&mut rng, &node.host, &mut metrics_taken)?;
            let mut o: Vec<(String, String)> = vec![
                ("node.id".into(), node.id.to_string()),
                ("controller.quorum.voters".into(), voters.clone()),
                (
                    "listeners".into(),
                    format!(
                        "PLAINTEXT://{},CONTROLLER://{}",
                        node.bootstrap(),
                        node.controller_addr()
                    ),
                ),
                (
                    "advertised.listeners".into(),
                    format!("PLAINTEXT://{}", node.bootstrap()),
                ),
                ("log.dirs".into(), node.process.data().display().to_string()),
                (
                    "metrics.listener".into(),
                    format!("{}:{metrics_port}", node.host),
                ),
            ];
            o.extend(settings.iter().cloned());
            node.process.overrides = o;
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?;
        Ok(Cluster {
            name: name.to_string(),
            nodes,
            rt,
            admins: Mutex::new(HashMap::new()),
            timeout,
        })
    }

    fn ids(&self) -> Vec<i32> {
        self.nodes.iter().map(|n| n.id).collect()
    }

    fn node(&self, id: i32) -> Result<&Node> {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .ok_or_else(|| anyhow!("no broker {id}"))
    }

    fn node_mut(&mut self, id: i32) -> Result<&mut Node> {
        self.nodes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or_else(|| anyhow!("no broker {id}"))
    }

    fn bootstrap(&self) -> String {
        let all: Vec<String> = self.nodes.iter().map(Node::bootstrap).collect();
        all.join(",")
    }

    /// CPU time (user + system) the running brokers have used, in seconds (0 for a broker
    /// not running).
    fn cpu_secs(&self) -> f64 {
        self.nodes
            .iter()
            .map(|n| n.process.cpu_secs().unwrap_or(0.0))
            .sum()
    }

    /// Bytes of `.log` segment files of `topic`'s partitions on broker `id` (0 if they cannot
    /// be read).
    fn segment_bytes(&self, id: i32, topic: &str) -> Result<u64> {
        Ok(self.node(id)?.process.segment_bytes(topic).unwrap_or(0))
    }

    /// Resident set sizes of the brokers (VmRSS, MB; 0 for a broker not running).
    fn rss_mb(&self) -> Vec<f64> {
        self.nodes
            .iter()
            .map(|n| n.process.rss().map_or(0.0, |b| b as f64 / MB))
            .collect()
    }

    fn log_tails(&self, lines: usize) -> String {
        let mut out = String::new();
        for n in &self.nodes {
            out.push_str(&format!(
                "----- broker {} ({}, {}) log tail: {}\n{}\n",
                n.id,
                n.bootstrap(),
                if n.process.running() {
                    "running"
                } else {
                    "down"
                },
                n.process.log_path().display(),
                n.process.log_tail(lines)
            ));
        }
        out
    }

    /// Starts every broker, waits until each listens and the cluster is ready.
    fn start(&mut self) -> Result<Duration> {
        let t0 = Instant::now();
        for n in &mut self.nodes {
            n.process.spawn()?;
        }
        for n in &mut self.nodes {
            n.process.wait_listening(t0, self.timeout)?;
        }
        self.wait_ready(t0 + self.timeout)?;
        Ok(t0.elapsed())
    }

    /// Starts broker `id` again and waits until it listens; returns the instant of the spawn.
    fn restart(&mut self, id: i32) -> Result<Instant> {
        let timeout = self.timeout;
        let process = &mut self.node_mut(id)?.process;
        let t0 = process.spawn()?;
        process.wait_listening(t0, timeout)?;
        Ok(t0)
    }

    /// Waits until Metadata lists every broker and DescribeBrokers shows a controller and
    /// no fenced broker.
    fn wait_ready(&self, deadline: Instant) -> Result<()> {
        let c: BaseConsumer = client_config(&self.bootstrap()).create()?;
        let n = self.nodes.len();
        self.wait_until(deadline, "Metadata to list every broker", || {
            let md = c.fetch_metadata(None, Duration::from_secs(2))?;
            Ok((md.brokers().len() == n).then_some(()))
        })?;
        self.wait_until(deadline, "a controller and no fenced broker", || {
            let b = self.describe_brokers(&[])?;
            let ok = b.controller_id >= 0
                && b.brokers.len() == n
                && b.brokers.iter().all(|b| !b.fenced && !b.shutting_down);
            Ok(ok.then_some(()))
        })
    }

    /// Calls `f` until it returns Some (returned) or the deadline passes; errors count as "not
    /// yet". On timeout fails with the last error and the brokers' log tails.
    fn wait_until<T>(
        &self,
        deadline: Instant,
        what: &str,
        mut f: impl FnMut() -> Result<Option<T>>,
    ) -> Result<T> {
        loop {
            let last = match f() {
                Ok(Some(v)) => return Ok(v),
                Ok(None) => "not yet".to_string(),
                Err(e) => format!("{e:#}"),
            };
            if Instant::now() > deadline {
                bail!(
                    "[{}] timed out waiting for {what} (last: {last})\n{}",
                    self.name,
                    self.log_tails(25)
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// One Admin call to node `via`, over a client kept from earlier calls (a fresh one after
    /// an error).
    fn admin_call<T, Fut>(&self, via: i32, call: impl FnOnce(GrpcAdmin) -> Fut) -> Result<T>
    where
        Fut: std::future::Future<Output = std::result::Result<T, tonic::Status>>,
    {
        let addr = self.node(via)?.controller_addr();
        let cached = lock(&self.admins).get(&via).cloned();
        let result = self.rt.block_on(async {
            let client = match cached {
                Some(c) => c,
                None => grpc_admin(&addr).await?,
            };
            let out = call(client.clone()).await;
            Ok::<_, anyhow::Error>((client, out))
        });
        match result {
            Ok((client, Ok(v))) => {
                lock(&self.admins).insert(via, client);
                Ok(v)
            }
            Ok((_, Err(status))) => {
                lock(&self.admins).remove(&via);
                Err(anyhow!(status).context(format!("Admin call to broker {via} ({addr})")))
            }
            Err(e) => {
                lock(&self.admins).remove(&via);
                Err(e)
            }
        }
    }

    /// Node ids: those of `prefer` first (in that order), then the others by id.
    fn preference_order(&self, prefer: &[i32]) -> Vec<i32> {
        let mut order: Vec<i32> = prefer.to_vec();
        order.extend(self.ids().into_iter().filter(|i| !prefer.contains(i)));
        order
    }

    fn describe_partitions_via(&self, via: i32, topic: &str) -> Result<Vec<pb::PartitionInfo>> {
        let topics = vec![topic.to_string()];
        self.admin_call(via, |mut c| async move {
            let r = c
                .describe_partitions(pb::DescribePartitionsRequest {
                    topics,
                    // The progress this node has of the partitions it leads, and no more.
                    local_only: true,
                })
                .await?;
            Ok(r.into_inner().partitions)
        })
    }

    /// Partitions of `topic` as the first running node (in `prefer` order, then by id) sees
    /// them.
    fn describe_partitions(&self, topic: &str, prefer: &[i32]) -> Result<Vec<pb::PartitionInfo>> {
        let mut last = anyhow!("no broker running");
        for id in self.preference_order(prefer) {
            if !self.node(id)?.process.running() {
                continue;
            }
            match self.describe_partitions_via(id, topic) {
                Ok(p) => return Ok(p),
                Err(e) => last = e.context(format!("DescribePartitions via broker {id}")),
            }
        }
        Err(last)
    }

    /// DescribeBrokers answered by the first running node (in `prefer` order, then by id).
    fn describe_brokers(&self, prefer: &[i32]) -> Result<pb::DescribeBrokersResponse> {
        let mut last = anyhow!("no broker running");
        for n in self
            .preference_order(prefer)
            .iter()
            .filter_map(|i| self.node(*i).ok())
        {
            if !n.process.running() {
                continue;
            }
            let r = self.admin_call(n.id, |mut c| async move {
                Ok(c.describe_brokers(pb::DescribeBrokersRequest {})
                    .await?
                    .into_inner())
            });
            match r {
                Ok(r) => return Ok(r),
                Err(e) => last = e.context(format!("DescribeBrokers via broker {}", n.id)),
            }
        }
        Err(last)
    }

    fn fence_via(&self, via: i32, broker_id: i32) -> Result<u32> {
        self.admin_call(via, |mut c| async move {
            let r = c.fence_broker(pb::FenceBrokerRequest { broker_id }).await?;
            Ok(r.into_inner().leaders_moved)
        })
    }

    fn partition(&self, topic: &str, partition: i32, prefer: &[i32]) -> Result<pb::PartitionInfo> {
        self.describe_partitions(topic, prefer)?
            .into_iter()
            .find(|p| p.partition == partition)
            .ok_or_else(|| anyhow!("{topic}-{partition} not in DescribePartitions"))
    }

    /// Creates the topic through the Kafka AdminClient and waits until every partition has a
    /// leader and a full ISR.
    fn create_topic(
        &self,
        name: &str,
        partitions: i32,
        rf: i32,
        configs: &[(&str, &str)],
    ) -> Result<()> {
        let admin: AdminClient<DefaultClientContext> = client_config(&self.bootstrap()).create()?;
        let mut topic = NewTopic::new(name, partitions, TopicReplication::Fixed(rf));
        for (k, v) in configs {
            topic = topic.set(k, v);
        }
        let opts = AdminOptions::new()
            .request_timeout(Some(self.timeout))
            .operation_timeout(Some(self.timeout));
        let results = self.rt.block_on(admin.create_topics([&topic], &opts))?;
        for r in results {
            r.map_err(|(t, e)| anyhow!("CreateTopics {t}: {e}"))?;
        }
        self.wait_full_isr(name, partitions as usize, Instant::now() + self.timeout)
    }

    /// Waits until the topic has `partitions` partitions, each with a leader and every replica
    /// in its ISR.
    fn wait_full_isr(&self, topic: &str, partitions: usize, deadline: Instant) -> Result<()> {
        self.wait_until(deadline, &format!("full ISRs of {topic}"), || {
            let parts = self.describe_partitions(topic, &[])?;
            let ok = parts.len() == partitions
                && parts.iter().all(|p| {
                    p.leader >= 0
                        && p.isr.len() == p.replicas.len()
                        && p.replicas.iter().all(|r| p.isr.contains(r))
                });
            Ok(ok.then_some(()))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Kafka clients.

/// Settings of every client: the shared ones, with librdkafka's own logging cut down to errors.
fn client_config(bootstrap: &str) -> ClientConfig {
    let mut c = support::client_config(bootstrap);
    c.set("log_level", "3");
    c
}

/// acks and idempotence of a throughput run.
#[derive(Clone, Copy)]
enum Acks {
    AllIdempotent,
    All,
    One,
}

impl Acks {
    fn describe(self) -> &'static str {
        match self {
            Acks::AllIdempotent => "acks=all idempotent",
            Acks::All => "acks=all non-idempotent",
            Acks::One => "acks=1 non-idempotent",
        }
    }
}

fn producer_config(bootstrap: &str, linger_ms: u32, acks: Acks) -> ClientConfig {
    let mut c = throughput_producer_config(client_config(bootstrap), linger_ms);
    match acks {
        Acks::AllIdempotent => c.set("acks", "all").set("enable.idempotence", "true"),
        Acks::All => c.set("acks", "all").set("enable.idempotence", "false"),
        Acks::One => c.set("acks", "1").set("enable.idempotence", "false"),
    };
    c
}

struct ProduceRun {
    records: u64,
    bytes: u64,
    elapsed: Duration,
    /// CPU seconds all brokers used during the run.
    broker_cpu: f64,
    /// CPU seconds the whole machine was busy (all processes) and stolen by the hypervisor.
    machine_busy: f64,
    machine_steal: f64,
}

impl Rates for ProduceRun {
    fn moved(&self) -> (u64, u64, Duration) {
        (self.records, self.bytes, self.elapsed)
    }
}

/// What a throughput run sends: `records` records of `size` bytes round-robin over
/// `partitions` partitions.
#[derive(Clone, Copy)]
struct Workload {
    partitions: i32,
    records: u64,
    size: u64,
    linger_ms: u32,
}

impl Workload {
    /// MB of record values.
    fn mb(&self) -> f64 {
        (self.records * self.size) as f64 / MB
    }

    /// A bound on producing the workload: `timeout`, or longer so as to allow for no slower
    /// than 2 MB/s.
    fn time_bound(&self, timeout: Duration) -> Duration {
        timeout.max(Duration::from_secs_f64(self.mb() / 2.0))
    }
}

/// Produces the workload into `topic` as fast as librdkafka takes it (after one unmeasured
/// warm-up record per partition); the clock runs from the first send to the last delivery
/// report.
fn produce(
    cluster: &Cluster,
    bootstrap: &str,
    topic: &str,
    work: Workload,
    acks: Acks,
) -> Result<ProduceRun> {
    let Workload {
        partitions,
        records,
        size,
        linger_ms,
    } = work;
    let timeout = cluster.timeout;
    let producer: BaseProducer<DeliveryCounts> = producer_config(bootstrap, linger_ms, acks)
        .create_with_context(DeliveryCounts::default())?;
    producer
        .client()
        .fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let payload = vec![0xA5u8; size as usize];
    // Warm-up, not measured: one record per partition, so the connections to every leader are
    // up and an idempotent producer has its producer id before the clock starts (librdkafka
    // may wait ~0.5 s for it after the producer is created).
    for p in 0..partitions {
        let rec = BaseRecord::to(topic).payload(&payload[..]).partition(p);
        if let Err((e, _)) = producer.send::<[u8], [u8]>(rec) {
            bail!("produce to {topic}: warm-up: {e}");
        }
    }
    producer
        .flush(timeout)
        .with_context(|| format!("warm-up records to {topic}"))?;
    let ctx = producer.context();
    ensure!(
        ctx.failed() == 0,
        "produce to {topic}: warm-up failed: {}",
        ctx.first_error()
    );
    ctx.reset_delivered();
    let cpu0 = cluster.cpu_secs();
    let machine0 = machine_cpu();
    let t0 = Instant::now();
    let deadline = t0 + work.time_bound(timeout);
    send_round_robin(&producer, topic, partitions, records, size, deadline)?;
    let elapsed = t0.elapsed();
    let broker_cpu = cluster.cpu_secs() - cpu0;
    let machine1 = machine_cpu();
    ctx.check(topic, records)?;
    Ok(ProduceRun {
        records,
        bytes: records * size,
        elapsed,
        broker_cpu,
        machine_busy: machine1.0 - machine0.0,
        machine_steal: machine1.1 - machine0.1,
    })
}

// ---------------------------------------------------------------------------------------------
// The failover producer: steady acks=all traffic with a timestamp on every acknowledgement.

struct Ack {
    seq: u64,
    sent_ns: u64,
    acked_ns: u64,
    offset: i64,
}

#[derive(Default)]
struct FailoverShared {
    /// Acknowledged records, in acknowledgement order.
    acks: Mutex<Vec<Ack>>,
    /// (sequence number, error) of records whose delivery failed.
    failed: Mutex<Vec<(u64, String)>>,
    client_errors: AtomicU64,
    fatal: Mutex<Option<String>>,
}

struct FailoverCtx(Arc<FailoverShared>);

impl ClientContext for FailoverCtx {
    fn error(&self, error: KafkaError, reason: &str) {
        // Connection errors are expected here (a broker is killed every cycle); only fatal
        // ones matter, and they are reported at the end.
        self.0.client_errors.fetch_add(1, Ordering::Relaxed);
        if error.rdkafka_error_code() == Some(RDKafkaErrorCode::Fatal) {
            lock(&self.0.fatal).get_or_insert_with(|| format!("{error}: {reason}"));
        }
    }
}

/// Sequence number and send time, the first 16 bytes of every failover record.
fn stamp(payload: Option<&[u8]>) -> Option<(u64, u64)> {
    let b = payload?;
    let seq = u64::from_le_bytes(b.get(..8)?.try_into().ok()?);
    let sent = u64::from_le_bytes(b.get(8..16)?.try_into().ok()?);
    Some((seq, sent))
}

impl ProducerContext for FailoverCtx {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        let acked_ns = now_ns();
        match result {
            Ok(m) => {
                if let Some((seq, sent_ns)) = stamp(m.payload()) {
                    lock(&self.0.acks).push(Ack {
                        seq,
                        sent_ns,
                        acked_ns,
                        offset: m.offset(),
                    });
                }
            }
            Err((e, m)) => {
                let seq = stamp(m.payload()).map_or(u64::MAX, |(s, _)| s);
                lock(&self.0.failed).push((seq, e.to_string()));
            }
        }
    }
}

fn failover_producer_config(bootstrap: &str) -> ClientConfig {
    let mut c = client_config(bootstrap);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", "1")
        .set("retry.backoff.ms", "50")
        .set("retry.backoff.max.ms", "200")
        .set("topic.metadata.refresh.interval.ms", "200")
        .set("topic.metadata.refresh.fast.interval.ms", "50")
        .set("metadata.max.age.ms", "1000")
        .set("request.timeout.ms", "10000")
        .set("message.timeout.ms", "60000");
    c
}

/// The background producer thread of one failover series.
struct FailoverProducer {
    shared: Arc<FailoverShared>,
    stop: Arc<AtomicBool>,
    sent: Arc<AtomicU64>,
    handle: Option<thread::JoinHandle<Result<()>>>,
}

impl FailoverProducer {
    fn start(
        bootstrap: &str,
        topic: &str,
        size: u64,
        rate: f64,
        flush_timeout: Duration,
    ) -> Result<FailoverProducer> {
        let shared = Arc::new(FailoverShared::default());
        let producer: BaseProducer<FailoverCtx> =
            failover_producer_config(bootstrap).create_with_context(FailoverCtx(shared.clone()))?;
        producer
            .client()
            .fetch_metadata(Some(topic), Duration::from_secs(10))?;
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicU64::new(0));
        let (topic, stop2, sent2) = (topic.to_string(), stop.clone(), sent.clone());
        let handle = thread::Builder::new()
            .name("failover-producer".into())
            .spawn(move || -> Result<()> {
                let mut payload = vec![0x5Au8; size as usize];
                let t0 = Instant::now();
                let mut seq = 0u64;
                while !stop2.load(Ordering::Relaxed) {
                    let due = (t0.elapsed().as_secs_f64() * rate) as u64;
                    while seq < due {
                        put_seq(&mut payload, seq);
                        payload[8..16].copy_from_slice(&now_ns().to_le_bytes());
                        let rec = BaseRecord::to(&topic).payload(&payload[..]).partition(0);
                        match producer.send::<[u8], [u8]>(rec) {
                            Ok(()) => seq += 1,
                            Err((
                                KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull),
                                _,
                            )) => {
                                break;
                            }
                            Err((e, _)) => bail!("failover producer: send: {e}"),
                        }
                    }
                    sent2.store(seq, Ordering::Relaxed);
                    producer.poll(Duration::from_millis(1));
                }
                producer
                    .flush(flush_timeout)
                    .context("flushing the failover producer")?;
                Ok(())
            })?;
        Ok(FailoverProducer {
            shared,
            stop,
            sent,
            handle: Some(handle),
        })
    }

    fn acked(&self) -> usize {
        lock(&self.shared.acks).len()
    }

    /// (send, acknowledgement) time of the first record sent after `after_ns`, looking at the
    /// acknowledgements from index `from` on.
    fn first_ack_after(&self, from: usize, after_ns: u64) -> Option<(u64, u64)> {
        let acks = lock(&self.shared.acks);
        acks.get(from..)?
            .iter()
            .find(|a| a.sent_ns > after_ns)
            .map(|a| (a.sent_ns, a.acked_ns))
    }

    /// Stops sending, waits for the outstanding delivery reports.
    fn stop(&mut self) -> Result<()> {
        self.stop.store(true, Ordering::Relaxed);
        match self.handle.take() {
            Some(h) => h
                .join()
                .map_err(|_| anyhow!("the failover producer thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for FailoverProducer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Reads the partition from offset 0 to its high watermark: [(offset, sequence number)].
fn read_back(
    bootstrap: &str,
    topic: &str,
    partition: i32,
    timeout: Duration,
) -> Result<Vec<(i64, u64)>> {
    let consumer: BaseConsumer =
        reader_config(client_config(bootstrap), "moldau-cluster-bench").create()?;
    let (low, hw) = consumer
        .fetch_watermarks(topic, partition, Duration::from_secs(10))
        .with_context(|| format!("ListOffsets {topic}-{partition}"))?;
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition_offset(topic, partition, Offset::Offset(low))?;
    consumer.assign(&tpl)?;
    let mut out = Vec::new();
    let mut next = low;
    let t0 = Instant::now();
    while next < hw {
        if t0.elapsed() > timeout {
            bail!("reading {topic}-{partition}: at offset {next} of {hw} after {timeout:?}");
        }
        match consumer.poll(Duration::from_millis(100)) {
            None => {}
            Some(Err(e)) => bail!("reading {topic}-{partition}: {e}"),
            Some(Ok(m)) => {
                if m.offset() < hw {
                    let seq = stamp(m.payload()).map_or(u64::MAX, |(s, _)| s);
                    out.push((m.offset(), seq));
                }
                next = next.max(m.offset() + 1);
            }
        }
    }
    Ok(out)
}

/// What the read-back of a failover series found.
#[derive(Default)]
struct LossCheck {
    sent: u64,
    acked: usize,
    failed: usize,
    read: usize,
    /// Acknowledged, not in the log.
    lost: usize,
    /// Acknowledged, in the log more than once.
    duplicated: usize,
    /// Acknowledged, in the log but not at the acknowledged offset.
    misplaced: usize,
    /// Any record (acknowledged or not) in the log more than once.
    duplicated_any: usize,
    /// Failed delivery, but in the log (allowed: at most once).
    failed_but_stored: usize,
}

impl LossCheck {
    fn ok(&self) -> bool {
        self.lost == 0 && self.duplicated == 0 && self.misplaced == 0 && self.duplicated_any == 0
    }
}

fn check_losses(p: &FailoverProducer, log: &[(i64, u64)]) -> LossCheck {
    let mut stored: HashMap<u64, Vec<i64>> = HashMap::new();
    for (offset, seq) in log {
        stored.entry(*seq).or_default().push(*offset);
    }
    let acks = lock(&p.shared.acks);
    let failed = lock(&p.shared.failed);
    let mut c = LossCheck {
        sent: p.sent.load(Ordering::Relaxed),
        acked: acks.len(),
        failed: failed.len(),
        read: log.len(),
        duplicated_any: stored.values().filter(|o| o.len() > 1).count(),
        ..LossCheck::default()
    };
    for a in acks.iter() {
        match stored.get(&a.seq) {
            None => c.lost += 1,
            Some(o) => {
                if o.len() > 1 {
                    c.duplicated += 1;
                }
                if !o.contains(&a.offset) {
                    c.misplaced += 1;
                }
            }
        }
    }
    c.failed_but_stored = failed
        .iter()
        .filter(|(s, _)| stored.contains_key(s))
        .count();
    c
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/// Before a measured run: writes back dirty pages (so earlier runs' data does not throttle
/// this one: the brokers do not fsync every write and all three share a disk) and, when
/// `drop`, empties the page cache too (needs root; affects the whole machine). On some virtual
/// machines writing into a growing page cache slows down several-fold after a few GB; dropping
/// it between runs keeps every run under the same conditions.
fn settle_page_cache(drop: bool) {
    // SAFETY: sync(2) has no preconditions.
    unsafe { libc::sync() };
    if drop && let Err(e) = fs::write("/proc/sys/vm/drop_caches", "3\n") {
        static WARNED: AtomicBool = AtomicBool::new(false);
        if !WARNED.swap(true, Ordering::Relaxed) {
            eprintln!("cluster-bench: cannot drop the page cache (--drop-caches needs root): {e}");
        }
    }
}

/// Dirty and under-writeback page cache, in MB (/proc/meminfo).
fn dirty_mb() -> f64 {
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: u64 = meminfo
        .lines()
        .filter(|l| l.starts_with("Dirty:") || l.starts_with("Writeback:"))
        .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .sum();
    kib as f64 * 1024.0 / MB
}

/// (busy, steal) CPU seconds of the whole machine since boot, from /proc/stat.
fn machine_cpu() -> (f64, f64) {
    let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
    let f: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal ...
    let get = |i: usize| f.get(i).copied().unwrap_or(0.0);
    let busy = get(0) + get(1) + get(2) + get(5) + get(6);
    let hz = clock_ticks_per_sec();
    (busy / hz, get(7) / hz)
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NAN, f64::max)
}

// ---------------------------------------------------------------------------------------------
// The figures.

/// What every figure runs with: the arguments, the broker binary, the run directory and the
/// settings of every broker.
struct Setup<'a> {
    args: &'a Args,
    bin: &'a Path,
    dir: &'a Path,
    settings: Vec<(String, String)>,
    /// --timeout-secs.
    timeout: Duration,
}

impl Setup<'_> {
    /// A fresh 3-broker cluster called `name`, started and ready, with the time that took.
    fn start_cluster(&self, name: &str) -> Result<(Cluster, Duration)> {
        let mut cluster = Cluster::new(self.bin, self.dir, name, 3, &self.settings, self.timeout)?;
        let started = cluster.start()?;
        Ok((cluster, started))
    }

    /// `bytes` of record values of --record-size bytes each (at least one record) into
    /// --partitions partitions, produced with --linger-ms.
    fn workload(&self, bytes: u64) -> Workload {
        let size = self.args.record_size;
        Workload {
            partitions: self.args.partitions,
            records: (bytes / size).max(1),
            size,
            linger_ms: self.args.linger_ms,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Figure 1: the throughput cost of replication.

fn throughput_figure(setup: &Setup, summary: &mut Summary) -> Result<()> {
    let args = setup.args;
    let work = setup.workload(args.bytes);
    let (records, size, parts) = (work.records, work.size, work.partitions);
    let (cluster, started) = setup.start_cluster("throughput")?;
    println!(
        "\n== 1. replication cost: {records} records x {size} B = {:.1} MB per run, {parts} partitions (cluster {} ready in {:.2} s)",
        work.mb(),
        cluster.bootstrap(),
        started.as_secs_f64()
    );
    println!(
        "    before each run: sync{}",
        if args.drop_caches {
            " and drop the page cache (--drop-caches)"
        } else {
            " (page cache kept: on some VMs later runs slow down as it grows; see --drop-caches)"
        }
    );
    cluster.create_topic("tput-rf3", parts, 3, &[("min.insync.replicas", "2")])?;
    cluster.create_topic("tput-rf1", parts, 1, &[("min.insync.replicas", "1")])?;
    let mut runs = vec![
        ("RF=3 min.insync=2", "tput-rf3", Acks::AllIdempotent),
        ("RF=1", "tput-rf1", Acks::AllIdempotent),
    ];
    if !args.skip_extra_runs {
        runs.push(("RF=3 min.insync=2", "tput-rf3", Acks::All));
        runs.push(("RF=1", "tput-rf1", Acks::All));
        runs.push(("RF=1", "tput-rf1", Acks::One));
    }
    // Rounds interleave the configurations, so a slow stretch of the machine hits all alike;
    // each configuration's median counts.
    let rounds = args.throughput_rounds.max(1);
    let mut round_ratios = Vec::new();
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); runs.len()];
    for round in 1..=rounds {
        for (i, (label, topic, acks)) in runs.iter().enumerate() {
            settle_page_cache(args.drop_caches);
            let client_cpu0 = own_cpu_secs();
            let r = produce(&cluster, &cluster.bootstrap(), topic, work, *acks)?;
            let client_cpu = own_cpu_secs() - client_cpu0;
            let dirty = dirty_mb();
            let rss: Vec<String> = cluster.rss_mb().iter().map(|m| format!("{m:.0}")).collect();
            let wall = r.elapsed.as_secs_f64();
            println!(
                "round {round}: {label:<18} {:<24} {:>7.1} MB/s {:>8.0} records/s ({:.2} s); cpu: brokers {:.0}%, client {:.0}%, other processes {:.0}%, stolen {:.0}% of a core; dirty+writeback after {dirty:.0} MB; broker RSS {} MB",
                acks.describe(),
                r.mb_s(),
                r.rec_s(),
                wall,
                r.broker_cpu / wall * 100.0,
                client_cpu / wall * 100.0,
                (r.machine_busy - r.broker_cpu - client_cpu).max(0.0) / wall * 100.0,
                r.machine_steal / wall * 100.0,
                rss.join("/")
            );
            rates[i].push(r.mb_s());
        }
        round_ratios.push(rates[0][rates[0].len() - 1] / rates[1][rates[1].len() - 1]);
    }
    let medians: Vec<f64> = rates.iter().map(|r| median(r)).collect();
    for ((label, _, acks), (m, all)) in runs.iter().zip(medians.iter().zip(&rates)) {
        let list: Vec<String> = all.iter().map(|r| format!("{r:.0}")).collect();
        println!(
            "{label:<18} {:<24} median {m:>7.1} MB/s  (rounds: {} MB/s)",
            acks.describe(),
            list.join(", ")
        );
        summary.add(
            format!("produce {label}, {}", acks.describe()),
            format!("{m:.1} MB/s"),
            format!(
                "median of {rounds}; {parts} partitions, {size} B records, linger.ms={}",
                args.linger_ms
            ),
        );
    }
    // The two runs of a round ran back to back, so their ratio is the fair comparison; the
    // median over rounds is the figure.
    let ratio = median(&round_ratios);
    let list: Vec<String> = round_ratios.iter().map(|r| format!("{r:.2}")).collect();
    println!(
        "ratio RF3/RF1 (acks=all idempotent)   median {ratio:.2}  (rounds: {}; ratio of the medians {:.2})   target >= {TARGET_RF3_OF_RF1:.2}: {}",
        list.join(", "),
        medians[0] / medians[1],
        verdict(ratio >= TARGET_RF3_OF_RF1)
    );
    summary.add(
        "throughput ratio RF3/RF1, acks=all",
        format!("{ratio:.2}"),
        format!(
            "median of {rounds} rounds ({}); target >= {TARGET_RF3_OF_RF1:.2}: {}",
            list.join(", "),
            verdict(ratio >= TARGET_RF3_OF_RF1)
        ),
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Figure 2: failover.

#[derive(Clone, Copy, PartialEq)]
enum Detection {
    SessionExpiry,
    FenceBroker,
}

fn failover_figure(setup: &Setup, summary: &mut Summary) -> Result<()> {
    let (args, timeout) = (setup.args, setup.timeout);
    let (mut cluster, started) = setup.start_cluster("failover")?;
    println!(
        "\n== 2. failover: cluster {} ready in {:.2} s; producer: idempotent acks=all, {} B records at {:.0} records/s into one partition (RF=3, min.insync=2)",
        cluster.bootstrap(),
        started.as_secs_f64(),
        args.failover_record_size,
        args.failover_rate
    );
    println!(
        "    producer settings: linger.ms=1 retry.backoff.ms=50 retry.backoff.max.ms=200 topic.metadata.refresh.interval.ms=200 topic.metadata.refresh.fast.interval.ms=50 metadata.max.age.ms=1000 request.timeout.ms=10000 message.timeout.ms=60000"
    );
    let session_s = args.session_timeout_ms as f64 / 1000.0;
    let mut failures = Vec::new();
    for (mode, cycles) in [
        (Detection::SessionExpiry, args.failover_cycles_session),
        (Detection::FenceBroker, args.failover_cycles_fenced),
    ] {
        if cycles == 0 {
            continue;
        }
        let (name, target) = match mode {
            Detection::SessionExpiry => ("a) session expiry", session_s + TARGET_SESSION_SLACK_S),
            Detection::FenceBroker => ("b) kill + FenceBroker", TARGET_FENCED_FAILOVER_S),
        };
        if let Err(e) = failover_series(&mut cluster, args, mode, name, cycles, target, summary) {
            println!("{name}: FAILED: {e:#}");
            summary.add(format!("failover {name}"), "FAILED", format!("{e}"));
            failures.push(e);
            // The next series needs every broker up again.
            for id in cluster.ids() {
                if !cluster.node(id)?.process.running() {
                    cluster.restart(id)?;
                }
            }
            cluster.wait_ready(Instant::now() + timeout)?;
        }
    }
    match failures.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

struct Cycle {
    victim: i32,
    victim_was_controller: bool,
    new_leader: i32,
    failover_s: f64,
    /// First-record-after-kill: its send time after the kill.
    sent_after_s: f64,
    fence: Option<(f64, u32, String)>,
    back_in_isr_s: f64,
}

fn failover_series(
    cluster: &mut Cluster,
    args: &Args,
    mode: Detection,
    name: &str,
    cycles: u32,
    target_s: f64,
    summary: &mut Summary,
) -> Result<()> {
    let timeout = cluster.timeout;
    let topic = match mode {
        Detection::SessionExpiry => "failover-session",
        Detection::FenceBroker => "failover-fenced",
    };
    cluster.create_topic(topic, 1, 3, &[("min.insync.replicas", "2")])?;
    println!("\n-- {name}: {cycles} cycles on {topic}-0, target median <= {target_s:.1} s");
    let mut producer = FailoverProducer::start(
        &cluster.bootstrap(),
        topic,
        args.failover_record_size,
        args.failover_rate,
        Duration::from_secs(90),
    )?;
    // Steady state first: acknowledgements flowing.
    cluster.wait_until(Instant::now() + timeout, "first acknowledgements", || {
        Ok((producer.acked() >= 100).then_some(()))
    })?;
    let mut done: Vec<Cycle> = Vec::new();
    let result = (|| -> Result<()> {
        for cycle in 1..=cycles {
            let c = failover_cycle(cluster, &producer, topic, mode)?;
            println!(
                "cycle {cycle:>2}: killed broker {}{} -> leader {}: first ack of a record sent after the kill {:>6.3} s after the kill (sent +{:.3} s){}; killed broker back in ISR {:.2} s after its restart",
                c.victim,
                if c.victim_was_controller {
                    " (the active controller)"
                } else {
                    ""
                },
                c.new_leader,
                c.failover_s,
                c.sent_after_s,
                match &c.fence {
                    Some((s, attempts, err)) => format!(
                        "; FenceBroker answered {:.3} s after the kill{}",
                        s,
                        if *attempts > 1 {
                            format!(" after {attempts} attempts (first error: {err})")
                        } else {
                            String::new()
                        }
                    ),
                    None => String::new(),
                },
                c.back_in_isr_s
            );
            done.push(c);
        }
        Ok(())
    })();
    // Whatever happened, stop the producer and check what it got acknowledged.
    let stopped = producer.stop();
    let times: Vec<f64> = done.iter().map(|c| c.failover_s).collect();
    if !times.is_empty() {
        let (med, mx) = (median(&times), max(&times));
        let ctl: Vec<f64> = done
            .iter()
            .filter(|c| c.victim_was_controller)
            .map(|c| c.failover_s)
            .collect();
        println!(
            "{name}: {} of {cycles} cycles run: failover median {med:.3} s, max {mx:.3} s; target median <= {target_s:.1} s: {}{}",
            done.len(),
            verdict(med <= target_s),
            if ctl.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} cycles killed the active controller too: median {:.3} s, max {:.3} s)",
                    ctl.len(),
                    median(&ctl),
                    max(&ctl)
                )
            }
        );
        summary.add(
            format!("failover {name}"),
            format!("median {med:.3} s, max {mx:.3} s"),
            format!(
                "{} cycles; target median <= {target_s:.1} s: {}",
                done.len(),
                verdict(med <= target_s)
            ),
        );
    }
    let fatal = lock(&producer.shared.fatal).clone();
    if let Some(f) = &fatal {
        println!("WARNING: the idempotent producer hit a fatal error: {f}");
    }
    let check = match stopped {
        Ok(()) => {
            let log = read_back(&cluster.bootstrap(), topic, 0, timeout)?;
            let c = check_losses(&producer, &log);
            let failed_examples: Vec<String> = lock(&producer.shared.failed)
                .iter()
                .take(3)
                .map(|(s, e)| format!("#{s}: {e}"))
                .collect();
            println!(
                "{name}: read back {topic}-0: sent {}, acknowledged {}, failed {}, in the log {}; lost {}, duplicated {}, misplaced {}, any record stored twice {}, failed but stored {}: {}{}",
                c.sent,
                c.acked,
                c.failed,
                c.read,
                c.lost,
                c.duplicated,
                c.misplaced,
                c.duplicated_any,
                c.failed_but_stored,
                if c.ok() { "ok" } else { "NOT OK" },
                if failed_examples.is_empty() {
                    String::new()
                } else {
                    format!(" (failures: {})", failed_examples.join("; "))
                }
            );
            summary.add(
                format!("acked records lost/dup, {name}"),
                format!("{} / {}", c.lost, c.duplicated),
                format!(
                    "of {} acked; misplaced {}, stored twice {}; expected 0/0: {}",
                    c.acked,
                    c.misplaced,
                    c.duplicated_any,
                    verdict(c.ok())
                ),
            );
            Some(c)
        }
        Err(e) => {
            println!("{name}: the producer did not finish: {e:#}");
            None
        }
    };
    result?;
    ensure!(check.is_some(), "the failover producer did not finish");
    Ok(())
}

fn failover_cycle(
    cluster: &mut Cluster,
    producer: &FailoverProducer,
    topic: &str,
    mode: Detection,
) -> Result<Cycle> {
    let timeout = cluster.timeout;
    let info = cluster.partition(topic, 0, &[])?;
    let victim = info.leader;
    ensure!(victim >= 0, "{topic}-0 has no leader before the kill");
    let controller = cluster.describe_brokers(&[])?.controller_id;
    let survivors: Vec<i32> = cluster.ids().into_iter().filter(|i| *i != victim).collect();
    let from = producer.acked();
    let kill_ns = now_ns();
    cluster.node_mut(victim)?.process.kill()?;
    let fence = match mode {
        Detection::SessionExpiry => None,
        Detection::FenceBroker => {
            // As an operator would: ask a surviving node, retry while it cannot answer (e.g.
            // no active controller yet because the victim was it).
            let via = survivors[0];
            let deadline = Instant::now() + timeout;
            let mut attempts = 0u32;
            let mut first_err = String::new();
            loop {
                attempts += 1;
                match cluster.fence_via(via, victim) {
                    Ok(_) => break,
                    Err(e) => {
                        if first_err.is_empty() {
                            first_err = format!("{e:#}");
                        }
                        if Instant::now() > deadline {
                            bail!(
                                "FenceBroker({victim}) via broker {via} kept failing for {timeout:?}: {first_err} ... {e:#}\n{}",
                                cluster.log_tails(25)
                            );
                        }
                        thread::sleep(Duration::from_millis(20));
                    }
                }
            }
            let s = (now_ns() - kill_ns) as f64 / 1e9;
            Some((s, attempts, first_err))
        }
    };
    let (sent_ns, acked_ns) = cluster.wait_until(
        Instant::now() + timeout,
        &format!("an acknowledgement of a record sent after broker {victim} was killed"),
        || Ok(producer.first_ack_after(from, kill_ns)),
    )?;
    let new_leader = cluster
        .partition(topic, 0, &survivors)
        .map(|p| p.leader)
        .unwrap_or(-1);
    // Restart the killed broker; the cycle ends when it is back in the ISR.
    let t0 = cluster.restart(victim)?;
    cluster.wait_until(
        t0 + timeout,
        &format!("broker {victim} back in the ISR of {topic}-0"),
        || {
            let p = cluster.partition(topic, 0, &survivors)?;
            Ok((p.leader >= 0 && p.isr.contains(&victim) && p.isr.len() == 3).then_some(()))
        },
    )?;
    Ok(Cycle {
        victim,
        victim_was_controller: victim == controller,
        new_leader,
        failover_s: (acked_ns - kill_ns) as f64 / 1e9,
        sent_after_s: (sent_ns - kill_ns) as f64 / 1e9,
        fence,
        back_in_isr_s: t0.elapsed().as_secs_f64(),
    })
}

// ---------------------------------------------------------------------------------------------
// Figure 3: catch-up.

fn catchup_figure(setup: &Setup, summary: &mut Summary) -> Result<()> {
    let (args, timeout) = (setup.args, setup.timeout);
    let work = setup.workload(args.catchup_bytes);
    let (records, size, parts) = (work.records, work.size, work.partitions);
    let topic = "catchup";
    let (mut cluster, started) = setup.start_cluster("catchup")?;
    cluster.create_topic(topic, parts, 3, &[("min.insync.replicas", "2")])?;
    let controller = cluster.describe_brokers(&[])?.controller_id;
    let follower = cluster
        .ids()
        .into_iter()
        .rev()
        .find(|i| *i != controller)
        .ok_or_else(|| anyhow!("no broker other than the controller"))?;
    let others: Vec<i32> = cluster
        .ids()
        .into_iter()
        .filter(|i| *i != follower)
        .collect();
    println!(
        "\n== 3. catch-up: cluster {} ready in {:.2} s; stopping broker {follower} (controller is {controller}), then {records} records x {size} B = {:.1} MB into {topic} ({parts} partitions, RF=3, min.insync=2)",
        cluster.bootstrap(),
        started.as_secs_f64(),
        work.mb()
    );
    let stop = cluster.node_mut(follower)?.process.stop(timeout)?;
    let isr: Vec<String> = cluster
        .describe_partitions(topic, &others)?
        .iter()
        .map(|p| format!("{}:{:?}", p.partition, p.isr))
        .collect();
    let state = cluster
        .describe_brokers(&others)?
        .brokers
        .iter()
        .find(|b| b.id == follower)
        .map_or("not listed".to_string(), |b| {
            format!("fenced={} shutting_down={}", b.fenced, b.shutting_down)
        });
    println!(
        "broker {follower} stopped (SIGTERM) in {:.2} s; DescribeBrokers: {state}; ISRs now {}",
        stop.as_secs_f64(),
        isr.join(" ")
    );
    // Clients bootstrap from the running brokers only (no connection errors to report).
    let bootstrap: Vec<String> = others
        .iter()
        .map(|i| cluster.node(*i).map(Node::bootstrap))
        .collect::<Result<_>>()?;
    settle_page_cache(args.drop_caches);
    let p = produce(
        &cluster,
        &bootstrap.join(","),
        topic,
        work,
        Acks::AllIdempotent,
    )?;
    println!(
        "produced with one follower down: {:.1} MB/s ({:.2} s), acks=all idempotent",
        p.mb_s(),
        p.elapsed.as_secs_f64()
    );
    let leader_bytes = cluster.segment_bytes(others[0], topic)?;
    let before = cluster.segment_bytes(follower, topic)?;
    // From the restart on, poll (every few ms) whether the follower's Kafka port is open,
    // whether the controller has unfenced it, and which ISRs it is back in, all as the other
    // brokers see it; every 100 ms also its lag as the partition leaders report it.
    let t0 = cluster.node_mut(follower)?.process.spawn()?;
    let addr = cluster.node(follower)?.process.addr();
    let deadline = t0 + work.time_bound(timeout);
    let mut listening: Option<f64> = None;
    let mut unfenced: Option<f64> = None;
    let mut joined: BTreeMap<i32, f64> = BTreeMap::new();
    let mut lag_timeline: Vec<String> = Vec::new();
    let mut next_lag = t0;
    let secs = loop {
        cluster.node_mut(follower)?.process.check_alive()?;
        let now = t0.elapsed().as_secs_f64();
        if listening.is_none()
            && TcpStream::connect_timeout(&addr, Duration::from_millis(50)).is_ok()
        {
            listening = Some(now);
        }
        if unfenced.is_none()
            && let Ok(b) = cluster.describe_brokers(&others)
            && b.brokers
                .iter()
                .any(|b| b.id == follower && !b.fenced && !b.shutting_down)
        {
            unfenced = Some(now);
        }
        if let Ok(ps) = cluster.describe_partitions(topic, &others) {
            for p in ps.iter().filter(|p| p.isr.contains(&follower)) {
                joined.entry(p.partition).or_insert(now);
            }
        }
        if Instant::now() >= next_lag {
            next_lag += Duration::from_millis(100);
            let mut lag = 0i64;
            let mut known = 0usize;
            for leader in others.iter() {
                if let Ok(ps) = cluster.describe_partitions_via(*leader, topic) {
                    for p in ps.iter().filter(|p| p.leader == *leader) {
                        if let Some(r) = p.replica_states.iter().find(|r| r.broker_id == follower)
                            && r.lag_records >= 0
                        {
                            lag += r.lag_records;
                            known += 1;
                        }
                    }
                }
            }
            lag_timeline.push(format!(
                "{now:.1}s:{}{}",
                lag,
                if known < parts as usize { "?" } else { "" }
            ));
        }
        if joined.len() == parts as usize {
            break t0.elapsed().as_secs_f64();
        }
        if Instant::now() > deadline {
            bail!(
                "broker {follower} not back in the ISR of every partition of {topic} {:.1} s after its restart (back in {joined:?})\n{}",
                now,
                cluster.log_tails(25)
            );
        }
        thread::sleep(Duration::from_millis(5));
    };
    let after = cluster.segment_bytes(follower, topic)?;
    let copied = after.saturating_sub(before);
    let fmt_opt = |v: Option<f64>| {
        v.map_or("(not yet when the ISRs were full)".to_string(), |s| {
            format!("{s:.3} s")
        })
    };
    let joined_list: Vec<String> = joined.iter().map(|(p, s)| format!("{p}:{s:.3}")).collect();
    println!(
        "broker {follower} restarted: Kafka port open after {}, unfenced after {}, back in the ISR of each partition after (s) {}; all {parts} after {secs:.3} s",
        fmt_opt(listening),
        fmt_opt(unfenced),
        joined_list.join(" ")
    );
    let from_unfenced = unfenced.map(|u| secs - u).filter(|d| *d > 0.0);
    println!(
        "catch-up: {:.1} MB of log copied ({:.1} MB before the restart; {:.1} MB of record values; a leader's log holds {:.1} MB) = {:.1} MB/s over the {secs:.3} s from restart to full ISR{}",
        copied as f64 / MB,
        before as f64 / MB,
        work.mb(),
        leader_bytes as f64 / MB,
        copied as f64 / MB / secs,
        match from_unfenced {
            Some(d) => format!(
                ", {:.1} MB/s over the {d:.3} s from unfencing",
                copied as f64 / MB / d
            ),
            None => String::new(),
        }
    );
    println!(
        "    follower lag as its leaders report it (records summed over partitions, every 100 ms from the restart; ?: not every leader reported it yet): {}",
        lag_timeline.join(" ")
    );
    summary.add(
        "follower catch-up",
        format!("{:.1} MB/s", copied as f64 / MB / secs),
        format!(
            "{:.1} MB in {secs:.3} s from restart to full ISR{}",
            copied as f64 / MB,
            match unfenced {
                Some(u) => format!(" (unfenced after {u:.3} s)"),
                None => String::new(),
            }
        ),
    );
    summary.add(
        "produce with a follower down",
        format!("{:.1} MB/s", p.mb_s()),
        "RF=3, ISR of 2, acks=all idempotent",
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    bench_main(
        PROGRAM,
        &args.run,
        "moldau-cluster-bench",
        || {
            ensure!(args.failover_rate > 0.0, "--failover-rate must be positive");
            Ok(())
        },
        |bin, dir| run(&args, bin, dir),
    )
}

fn run(args: &Args, bin: &Path, dir: &Path) -> Result<()> {
    let setup = Setup {
        args,
        bin,
        dir,
        settings: common_settings(args)?,
        timeout: Duration::from_secs(args.timeout_secs),
    };
    let mut summary = Summary::default();
    print_header(
        "moldau cluster bench: 3 brokers, combined mode (broker + controller voter)",
        bin,
        dir,
    );
    println!(
        "broker settings (every node; besides node.id, listeners, advertised.listeners, controller.quorum.voters, log.dirs, metrics.listener on 127.0.X.<id>; the rest at the broker's defaults):"
    );
    for (k, v) in &setup.settings {
        println!("    {k}={v}");
    }
    let t0 = Instant::now();
    let mut failed: Vec<(&str, anyhow::Error)> = Vec::new();
    type Figure = fn(&Setup, &mut Summary) -> Result<()>;
    let figures: [(&str, bool, Figure); 3] = [
        (
            "1. replication cost",
            args.skip_throughput,
            throughput_figure,
        ),
        ("2. failover", args.skip_failover, failover_figure),
        ("3. catch-up", args.skip_catchup, catchup_figure),
    ];
    for (name, skip, figure) in figures {
        if skip {
            continue;
        }
        if let Err(e) = figure(&setup, &mut summary) {
            println!("\n!! figure {name} FAILED: {e:#}");
            summary.add(format!("figure {name}"), "FAILED", "see above");
            failed.push((name, e));
        }
    }
    summary.print();
    println!("\ntotal run time {:.1} s", t0.elapsed().as_secs_f64());
    let names: Vec<&str> = failed.iter().map(|(n, _)| *n).collect();
    match failed.into_iter().next() {
        Some((_, e)) => Err(e.context(format!("figures failed: {}", names.join(", ")))),
        None => Ok(()),
    }
}
