//! `bench`: measures a real `moldau-broker` process and prints figures.
//!
//! It starts the broker itself (a child process on a free loopback port, with its data in a
//! fresh directory) and drives it with librdkafka (the `rdkafka` crate):
//!
//! 1. produce throughput (1 KiB records, acks=1) into 1 and 8 partitions;
//! 2. consume throughput of the same data;
//! 3. produce latency percentiles at a fixed rate of half the best produce rate;
//! 4. the broker's resident memory idle and under load;
//! 5. restart time with 10 GiB of log after a clean stop, and recovery time after SIGKILL with
//!    1 GiB past the recovery point (and how many acknowledged records survived);
//! 6. baselines from the same machine and run: a raw loopback TCP transfer and a raw
//!    sequential file write of the same bytes, and the broker's figures as ratios of them.
//!
//! It is a program, not a test: it prints figures and targets and asserts nothing about them.
//! Every wait is bounded (`--timeout-secs`), and the broker is killed when the program ends,
//! fails, panics or is interrupted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use clap::Parser;
use moldau_e2e::support::{
    BrokerProcess, DeliveryCounts, GIB, MB, Rates, RunArgs, Summary, apply_overrides, bench_main,
    client_config, lock, own_cpu_secs, parse_size, print_header, put_seq, reader_config,
    send_round_robin, throughput_producer_config, verdict, wait_metadata,
};
use rdkafka::ClientContext;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{DeliveryResult, Message};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer, ProducerContext, ThreadedProducer};
use rdkafka::topic_partition_list::{Offset, TopicPartitionList};

/// This program's name in messages and broker logs.
const PROGRAM: &str = "bench";

const TARGET_PRODUCE_OF_TCP: f64 = 0.15;
const TARGET_CONSUME_OF_TCP: f64 = 0.30;
const TARGET_P99_MS: f64 = 5.0;
const TARGET_IDLE_RSS_MB: f64 = 30.0;

/// Benchmarks a real moldau-broker with librdkafka and prints throughput, latency, memory,
/// restart and recovery figures next to raw loopback-TCP and file-write baselines.
#[derive(Parser, Debug)]
#[command(
    name = "bench",
    mut_arg("dir", |a| a.help(
        "Where to make the run's fresh directory (broker data, logs, baseline file); it is \
         removed at the end unless --keep [default: <repo>/target/moldau-bench, on the same \
         filesystem as the repository]"
    ))
)]
struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Value size of every record, in bytes.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(16..=900_000))]
    record_size: u64,
    /// Bytes of record values per throughput run (e.g. 1GiB, 256MiB, 100MB); ignored with
    /// --records.
    #[arg(long, default_value = "1GiB", value_parser = parse_size)]
    bytes: u64,
    /// Records per throughput run [default: --bytes / --record-size].
    #[arg(long)]
    records: Option<u64>,
    /// Partition counts of the throughput runs, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,8")]
    partitions: Vec<i32>,
    /// linger.ms of the throughput producer.
    #[arg(long, default_value_t = 5)]
    linger_ms: u32,
    /// Length of the fixed-rate latency run, in seconds (after a 1 s warm-up).
    #[arg(long, default_value_t = 10.0)]
    latency_secs: f64,
    /// Partitions of the latency run's topic [default: those of the fastest produce run].
    #[arg(long)]
    latency_partitions: Option<i32>,
    /// Rate of the latency run in records/s [default: half the best produce rate measured].
    #[arg(long)]
    latency_rate: Option<f64>,
    /// linger.ms of the latency producer, comma-separated: one latency run each.
    #[arg(long, value_delimiter = ',', default_value = "0,5")]
    latency_linger_ms: Vec<u32>,
    /// GiB of log to write before the clean-stop restart test (0 skips it).
    #[arg(long, default_value_t = 10.0)]
    restart_gib: f64,
    /// Partitions of the restart test's topic.
    #[arg(long, default_value_t = 8)]
    restart_partitions: i32,
    /// GiB written into one partition past the recovery point before the SIGKILL test (0 skips
    /// it).
    #[arg(long, default_value_t = 1.0)]
    recovery_gib: f64,
    /// Before each restart, sync and drop the kernel's page cache (needs root; affects the
    /// whole machine) so the restarted broker reads its log from disk.
    #[arg(long)]
    drop_caches: bool,
    /// Skip both restart tests (clean stop and SIGKILL).
    #[arg(long)]
    skip_restart: bool,
    /// Write size of the raw TCP and file baselines, in bytes.
    #[arg(long, default_value = "64KiB", value_parser = parse_size)]
    baseline_write_bytes: u64,
    /// Runs of each baseline; the best counts.
    #[arg(long, default_value_t = 3)]
    baseline_runs: u32,
    /// Bound on every single wait (broker start and stop, a produce or consume run, ...).
    #[arg(long, default_value_t = 300)]
    timeout_secs: u64,
    /// Extra broker setting (repeatable), e.g. --override log.segment.bytes=268435456.
    #[arg(long = "override", value_name = "KEY=VALUE")]
    overrides: Vec<String>,
}

/// Syncs and drops the page cache when `wanted`; describes what was done.
fn maybe_drop_caches(wanted: bool) -> &'static str {
    if !wanted {
        return "page cache warm";
    }
    // SAFETY: sync(2) has no preconditions.
    unsafe { libc::sync() };
    match fs::write("/proc/sys/vm/drop_caches", "3\n") {
        Ok(()) => "page cache dropped",
        Err(e) => {
            eprintln!("bench: cannot drop the page cache: {e}");
            "page cache warm (drop failed)"
        }
    }
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// A moldau-broker (not started yet) on a free loopback port, with its data in `data-<name>`
/// of `run_dir` and its output in `broker-<name>.log` there (all kept across restarts).
fn new_broker(
    bin: &Path,
    run_dir: &Path,
    name: &str,
    overrides: &[String],
) -> Result<BrokerProcess> {
    let data = run_dir.join(format!("data-{name}"));
    fs::create_dir_all(&data)?;
    let addr: SocketAddr = ([127, 0, 0, 1], free_port()?).into();
    let log_path = run_dir.join(format!("broker-{name}.log"));
    let mut broker = BrokerProcess::new(PROGRAM, name, bin, addr, data, log_path);
    broker.overrides = vec![
        ("listeners".into(), format!("PLAINTEXT://{addr}")),
        ("log.dirs".into(), broker.data().display().to_string()),
    ];
    apply_overrides(&mut broker.overrides, overrides)?;
    Ok(broker)
}

fn create_topic(
    bootstrap: &str,
    name: &str,
    partitions: i32,
    configs: &[(&str, &str)],
    timeout: Duration,
) -> Result<()> {
    let admin: AdminClient<DefaultClientContext> = client_config(bootstrap).create()?;
    let mut topic = NewTopic::new(name, partitions, TopicReplication::Fixed(1));
    for (k, v) in configs {
        topic = topic.set(k, v);
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let opts = AdminOptions::new()
        .request_timeout(Some(timeout))
        .operation_timeout(Some(timeout));
    let results = rt.block_on(admin.create_topics([&topic], &opts))?;
    for r in results {
        r.map_err(|(t, e)| anyhow!("CreateTopics {t}: {e}"))?;
    }
    // Wait until the metadata shows a leader for every partition.
    let c: BaseConsumer = client_config(bootstrap).create()?;
    let deadline = Instant::now() + timeout;
    loop {
        let md = c.fetch_metadata(Some(name), Duration::from_secs(5))?;
        let ready = md.topics().iter().any(|t| {
            t.name() == name
                && t.error().is_none()
                && t.partitions().len() == partitions as usize
                && t.partitions().iter().all(|p| p.leader() >= 0)
        });
        if ready {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("topic {name} has no leaders after {timeout:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Counts delivery reports; optionally records each record's send→delivery latency.
struct DeliveryStats {
    epoch: Instant,
    counts: DeliveryCounts,
    /// Highest acknowledged offset per partition (-1: none).
    last_offsets: Mutex<Vec<i64>>,
    /// (send time in ns since `epoch`, latency in µs) of records sent at or after
    /// `latency_from_ns`.
    latencies: Option<Mutex<Vec<(u64, u32)>>>,
    latency_from_ns: AtomicU64,
}

impl DeliveryStats {
    fn new(partitions: i32, record_latency: bool) -> DeliveryStats {
        DeliveryStats {
            epoch: Instant::now(),
            counts: DeliveryCounts::default(),
            last_offsets: Mutex::new(vec![-1; partitions as usize]),
            latencies: record_latency.then(|| Mutex::new(Vec::new())),
            latency_from_ns: AtomicU64::new(0),
        }
    }

    fn now_ns(&self) -> usize {
        self.epoch.elapsed().as_nanos() as usize
    }
}

impl ClientContext for DeliveryStats {
    fn error(&self, error: KafkaError, reason: &str) {
        self.counts.client_error(error, reason);
    }
}

impl ProducerContext for DeliveryStats {
    /// Send time in ns since `epoch`.
    type DeliveryOpaque = usize;

    fn delivery(&self, result: &DeliveryResult<'_>, sent_ns: usize) {
        if let Ok(m) = result {
            if let Some(lat) = &self.latencies
                && sent_ns as u64 >= self.latency_from_ns.load(Ordering::Relaxed)
            {
                let us = (self.now_ns().saturating_sub(sent_ns) / 1000) as u32;
                lock(lat).push((sent_ns as u64, us));
            }
            let mut last = lock(&self.last_offsets);
            if let Some(o) = last.get_mut(m.partition() as usize) {
                *o = (*o).max(m.offset());
            }
        }
        self.counts.count(result);
    }
}

fn producer_config(bootstrap: &str, linger_ms: u32) -> ClientConfig {
    let mut c = throughput_producer_config(client_config(bootstrap), linger_ms);
    c.set("acks", "1");
    c
}

struct ProduceRun {
    records: u64,
    bytes: u64,
    elapsed: Duration,
    /// Next offset after the last acknowledged record, per partition.
    end_offsets: Vec<i64>,
}

impl Rates for ProduceRun {
    fn moved(&self) -> (u64, u64, Duration) {
        (self.records, self.bytes, self.elapsed)
    }
}

/// Produces `records` records of `size` bytes round-robin over the topic's partitions as fast
/// as librdkafka takes them; the clock runs from the first send to the last delivery report.
fn produce(
    bootstrap: &str,
    topic: &str,
    partitions: i32,
    records: u64,
    size: u64,
    linger_ms: u32,
    timeout: Duration,
) -> Result<ProduceRun> {
    let stats = DeliveryStats::new(partitions, false);
    let producer: BaseProducer<DeliveryStats> =
        producer_config(bootstrap, linger_ms).create_with_context(stats)?;
    producer
        .client()
        .fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let t0 = Instant::now();
    send_round_robin(&producer, topic, partitions, records, size, t0 + timeout)?;
    let elapsed = t0.elapsed();
    let ctx = producer.context();
    ctx.counts.check(topic, records)?;
    let end_offsets = lock(&ctx.last_offsets).iter().map(|o| o + 1).collect();
    Ok(ProduceRun {
        records,
        bytes: records * size,
        elapsed,
        end_offsets,
    })
}

struct ConsumeRun {
    records: u64,
    bytes: u64,
    elapsed: Duration,
}

fn consumer_config(bootstrap: &str) -> ClientConfig {
    let mut c = reader_config(client_config(bootstrap), "moldau-bench");
    c.set("fetch.max.bytes", "52428800")
        .set("max.partition.fetch.bytes", "10485760")
        .set("queued.min.messages", "1000000")
        .set("queued.max.messages.kbytes", "262144")
        .set("receive.message.max.bytes", "100000000");
    c
}

/// Reads every partition of `topic` from offset 0 up to `end_offsets`; the clock runs from
/// the assignment to the last record.
fn consume(
    bootstrap: &str,
    topic: &str,
    end_offsets: &[i64],
    timeout: Duration,
) -> Result<ConsumeRun> {
    let consumer: BaseConsumer = consumer_config(bootstrap).create()?;
    let mut tpl = TopicPartitionList::new();
    for p in 0..end_offsets.len() as i32 {
        tpl.add_partition_offset(topic, p, Offset::Offset(0))?;
    }
    let mut next: Vec<i64> = vec![0; end_offsets.len()];
    let (mut records, mut bytes) = (0u64, 0u64);
    let t0 = Instant::now();
    consumer.assign(&tpl)?;
    while next.iter().zip(end_offsets).any(|(n, e)| n < e) {
        if t0.elapsed() > timeout {
            bail!("consume {topic}: at {next:?} of {end_offsets:?} after {timeout:?}");
        }
        match consumer.poll(Duration::from_millis(100)) {
            None => {}
            Some(Err(e)) => bail!("consume {topic}: {e}"),
            Some(Ok(m)) => {
                let p = m.partition() as usize;
                ensure!(p < next.len(), "consume {topic}: record of partition {p}");
                if m.offset() < end_offsets[p] {
                    records += 1;
                    bytes += m.payload_len() as u64;
                }
                next[p] = next[p].max(m.offset() + 1);
            }
        }
    }
    Ok(ConsumeRun {
        records,
        bytes,
        elapsed: t0.elapsed(),
    })
}

/// Waits until the record at `offset` of every listed partition can be fetched; returns the
/// instant the last of them arrived (before the consumer is closed, which takes a while) and
/// the sequence numbers found in those records.
fn fetch_last_records(
    bootstrap: &str,
    topic: &str,
    offsets: &[(i32, i64)],
    deadline: Instant,
) -> Result<(Instant, Vec<u64>)> {
    let consumer: BaseConsumer = consumer_config(bootstrap)
        .set(
            "fetch.wait.max.ms",
            std::env::var("FWM").unwrap_or("100".into()),
        )
        .create()?;
    let mut tpl = TopicPartitionList::new();
    for (p, o) in offsets {
        tpl.add_partition_offset(topic, *p, Offset::Offset(*o))?;
    }
    consumer.assign(&tpl)?;
    let mut found: BTreeMap<i32, u64> = BTreeMap::new();
    while found.len() < offsets.len() {
        if Instant::now() > deadline {
            bail!("records {offsets:?} of {topic} not fetched in time (got {found:?})");
        }
        match consumer.poll(Duration::from_millis(50)) {
            None => {}
            Some(Err(e)) => bail!("fetching the last records of {topic}: {e}"),
            Some(Ok(m)) => {
                let want = offsets.iter().find(|(p, _)| *p == m.partition());
                if want.is_some_and(|(_, o)| *o == m.offset()) {
                    let seq = m
                        .payload()
                        .and_then(|b| b.get(..8))
                        .and_then(|b| b.try_into().ok())
                        .map(u64::from_le_bytes)
                        .ok_or_else(|| anyhow!("record {} of {topic} too short", m.offset()))?;
                    found.insert(m.partition(), seq);
                }
            }
        }
    }
    Ok((Instant::now(), found.into_values().collect()))
}

fn high_watermarks(bootstrap: &str, topic: &str, partitions: i32) -> Result<Vec<i64>> {
    let c: BaseConsumer = client_config(bootstrap).create()?;
    (0..partitions)
        .map(|p| {
            Ok(c.fetch_watermarks(topic, p, Duration::from_secs(10))
                .with_context(|| format!("ListOffsets {topic}-{p}"))?
                .1)
        })
        .collect()
}

struct Latency {
    /// From the first send to the last delivery report.
    wall: Duration,
    achieved: f64,
    samples: usize,
    p50_ms: f64,
    p99_ms: f64,
    p999_ms: f64,
    max_ms: f64,
    /// Worst latency (ms) of the records sent in each second.
    timeline: Vec<f64>,
}

/// Sends at a fixed `rate` for 1 s of warm-up plus `secs`, and returns the percentiles of
/// send→delivery-report latency of the records sent after the warm-up.
fn produce_latency(
    bootstrap: &str,
    topic: &str,
    partitions: i32,
    rate: f64,
    linger_ms: u32,
    args: &Args,
    timeout: Duration,
) -> Result<Latency> {
    let (secs, size) = (args.latency_secs, args.record_size);
    let warmup = 1.0;
    let stats = DeliveryStats::new(partitions, true);
    stats
        .latency_from_ns
        .store(u64::MAX, std::sync::atomic::Ordering::Relaxed);
    let producer: ThreadedProducer<DeliveryStats> =
        producer_config(bootstrap, linger_ms).create_with_context(stats)?;
    producer
        .client()
        .fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let ctx = producer.context();
    let total = ((warmup + secs) * rate) as u64;
    let mut payload = vec![0x5Au8; size as usize];
    let t0 = Instant::now();
    let mut measuring = false;
    let mut sent = 0u64;
    let mut measure_start = (t0, 0u64);
    while sent < total {
        let now = Instant::now();
        let since = now.duration_since(t0).as_secs_f64();
        if !measuring && since >= warmup {
            measuring = true;
            ctx.latency_from_ns
                .store(ctx.now_ns() as u64, Ordering::Relaxed);
            measure_start = (now, sent);
        }
        let due = ((since * rate) as u64).min(total);
        while sent < due {
            put_seq(&mut payload, sent);
            let rec = BaseRecord::with_opaque_to(topic, ctx.now_ns())
                .payload(&payload[..])
                .partition((sent % partitions as u64) as i32);
            if let Err((e, _)) = producer.send::<[u8], [u8]>(rec) {
                bail!("latency run: send failed: {e}");
            }
            sent += 1;
        }
        if since > warmup + secs + 30.0 {
            bail!("latency run: cannot keep up with {rate:.0} records/s");
        }
        thread::sleep(Duration::from_micros(100));
    }
    let send_secs = measure_start.0.elapsed().as_secs_f64();
    producer
        .flush(timeout)
        .context("flushing the latency producer")?;
    let failed = ctx.counts.failed();
    if failed > 0 {
        bail!(
            "latency run: {failed} records failed, first: {}",
            ctx.counts.first_error()
        );
    }
    let samples = ctx
        .latencies
        .as_ref()
        .map(|l| std::mem::take(&mut *lock(l)))
        .unwrap_or_default();
    ensure!(!samples.is_empty(), "latency run: no samples");
    // The worst latency of the records sent in each second of the run.
    let from = ctx.latency_from_ns.load(Ordering::Relaxed);
    let mut timeline: Vec<f64> = Vec::new();
    for (sent, us) in &samples {
        let sec = (sent.saturating_sub(from) / 1_000_000_000) as usize;
        if timeline.len() <= sec {
            timeline.resize(sec + 1, 0.0);
        }
        timeline[sec] = timeline[sec].max(*us as f64 / 1000.0);
    }
    let mut lat: Vec<u32> = samples.iter().map(|(_, us)| *us).collect();
    lat.sort_unstable();
    let pct = |q: f64| {
        let i = ((q * lat.len() as f64).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i] as f64 / 1000.0
    };
    Ok(Latency {
        wall: t0.elapsed(),
        achieved: (sent - measure_start.1) as f64 / send_secs,
        samples: lat.len(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        p999_ms: pct(0.999),
        max_ms: pct(1.0),
        timeline,
    })
}

// ---------------------------------------------------------------------------------------------
// Baselines.

/// Moves `bytes` through a loopback TCP connection in `chunk`-sized writes; returns the time
/// from connect to the reader having everything.
fn tcp_baseline(bytes: u64, chunk: usize) -> Result<Duration> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let reader = thread::spawn(move || -> std::io::Result<u64> {
        let (mut s, _) = listener.accept()?;
        s.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut buf = vec![0u8; 1 << 20];
        let mut n = 0u64;
        loop {
            let k = s.read(&mut buf)?;
            if k == 0 {
                return Ok(n);
            }
            n += k as u64;
        }
    });
    let buf = vec![0xA5u8; chunk];
    let t0 = Instant::now();
    let mut s = TcpStream::connect(addr)?;
    s.set_write_timeout(Some(Duration::from_secs(60)))?;
    let mut left = bytes;
    while left > 0 {
        let n = left.min(chunk as u64) as usize;
        s.write_all(&buf[..n])?;
        left -= n as u64;
    }
    s.shutdown(Shutdown::Write)?;
    let got = reader
        .join()
        .map_err(|_| anyhow!("TCP baseline reader panicked"))??;
    let elapsed = t0.elapsed();
    ensure!(got == bytes, "TCP baseline: read {got} of {bytes} bytes");
    Ok(elapsed)
}

/// Writes `bytes` sequentially into a new file in `dir` in `chunk`-sized writes, then fsyncs;
/// returns (time to the last write, time including the fsync).
fn file_baseline(dir: &Path, bytes: u64, chunk: usize) -> Result<(Duration, Duration)> {
    let path = dir.join("raw-file-baseline.bin");
    let buf = vec![0xA5u8; chunk];
    let t0 = Instant::now();
    let mut f = fs::File::create(&path)?;
    let mut left = bytes;
    while left > 0 {
        let n = left.min(chunk as u64) as usize;
        f.write_all(&buf[..n])?;
        left -= n as u64;
    }
    let written = t0.elapsed();
    f.sync_all()?;
    let synced = t0.elapsed();
    drop(f);
    fs::remove_file(&path)?;
    Ok((written, synced))
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/// CPU used by the broker and by the bench's clients over a measured stretch.
struct CpuMeter {
    broker: f64,
    bench: f64,
}

impl CpuMeter {
    fn start(broker: &BrokerProcess) -> Result<CpuMeter> {
        Ok(CpuMeter {
            broker: broker.cpu_secs()?,
            bench: own_cpu_secs(),
        })
    }

    /// "cpu: broker 1.20 s (45% of a core), clients 2.00 s (75%)" over `wall`.
    fn report(&self, broker: &BrokerProcess, wall: Duration) -> Result<String> {
        let b = broker.cpu_secs()? - self.broker;
        let c = own_cpu_secs() - self.bench;
        let w = wall.as_secs_f64().max(1e-9);
        Ok(format!(
            "cpu: broker {b:.2} s ({:.0}% of a core), clients {c:.2} s ({:.0}%)",
            b / w * 100.0,
            c / w * 100.0
        ))
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / MB
}

fn rate(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MB / d.as_secs_f64()
}

fn list_rates(rates: &[f64]) -> String {
    let all: Vec<String> = rates.iter().map(|r| format!("{r:.0}")).collect();
    format!("{} MB/s", all.join(", "))
}

// ---------------------------------------------------------------------------------------------

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    bench_main(
        PROGRAM,
        &args.run,
        "moldau-bench",
        || check_args(&args),
        |bin, dir| run(&args, bin, dir),
    )
}

fn check_args(args: &Args) -> Result<()> {
    ensure!(
        !args.partitions.is_empty() && args.partitions.iter().all(|p| *p >= 1),
        "--partitions needs counts of at least 1"
    );
    ensure!(
        !args.latency_linger_ms.is_empty(),
        "--latency-linger-ms needs at least one value"
    );
    Ok(())
}

fn run(args: &Args, bin: &Path, dir: &Path) -> Result<()> {
    let timeout = Duration::from_secs(args.timeout_secs);
    let size = args.record_size;
    let records = args.records.unwrap_or(args.bytes / size).max(1);
    let bytes = records * size;
    let chunk = args.baseline_write_bytes.max(1) as usize;
    let mut summary = Summary::default();

    print_header("moldau bench", bin, dir);
    println!(
        "workload    {records} records x {size} B = {:.1} MB ({:.2} GiB) per throughput run; MB = 10^6 bytes",
        mb(bytes),
        bytes as f64 / GIB
    );

    // --- baselines -------------------------------------------------------------------------
    println!("\n== baselines ({chunk} B writes)");
    let runs = args.baseline_runs.max(1);
    let mut tcp_runs = Vec::new();
    for _ in 0..runs {
        tcp_runs.push(rate(bytes, tcp_baseline(bytes, chunk)?));
    }
    let tcp_mb_s = tcp_runs.iter().copied().fold(0.0, f64::max);
    println!(
        "raw loopback TCP       {:>9.1} MB/s   (best of {runs} transfers of {:.1} MB: {})",
        tcp_mb_s,
        mb(bytes),
        list_rates(&tcp_runs)
    );
    let mut file_runs = Vec::new();
    let mut write_runs = Vec::new();
    for _ in 0..runs {
        let (written, synced) = file_baseline(dir, bytes, chunk)?;
        write_runs.push(rate(bytes, written));
        file_runs.push(rate(bytes, synced));
    }
    let file_mb_s = file_runs.iter().copied().fold(0.0, f64::max);
    let write_mb_s = write_runs.iter().copied().fold(0.0, f64::max);
    println!(
        "raw file write+fsync   {:>9.1} MB/s   (best of {runs}: {}; the writes alone: {})",
        file_mb_s,
        list_rates(&file_runs),
        list_rates(&write_runs)
    );
    summary.add(
        "raw loopback TCP",
        format!("{tcp_mb_s:.1} MB/s"),
        "baseline",
    );
    summary.add(
        "raw file write + fsync",
        format!("{file_mb_s:.1} MB/s"),
        format!("baseline (writes alone {write_mb_s:.1} MB/s)"),
    );

    // --- throughput, latency, memory -----------------------------------------------------------
    let mut broker = new_broker(bin, dir, "throughput", &args.overrides)?;
    let started = broker.start(timeout)?;
    println!(
        "\n== broker started (pid {}, {}) in {:.3} s",
        broker.pid()?,
        broker.bootstrap(),
        started.as_secs_f64()
    );
    thread::sleep(Duration::from_secs(1));
    let idle_rss = broker.rss()?;
    println!(
        "idle RSS (VmRSS, no topics)          {:>8.1} MB   target <= {TARGET_IDLE_RSS_MB:.0} MB: {}",
        mb(idle_rss),
        verdict(mb(idle_rss) <= TARGET_IDLE_RSS_MB)
    );
    summary.add(
        "idle RSS",
        format!("{:.1} MB", mb(idle_rss)),
        format!(
            "target <= {TARGET_IDLE_RSS_MB:.0} MB: {}",
            verdict(mb(idle_rss) <= TARGET_IDLE_RSS_MB)
        ),
    );

    let bs = broker.bootstrap();
    let mut best: Option<(i32, f64)> = None;
    for &parts in &args.partitions {
        let topic = format!("tput-{parts}p");
        create_topic(&bs, &topic, parts, &[], timeout)?;
        println!("\n== {parts} partition(s), topic {topic}");
        let cpu = CpuMeter::start(&broker)?;
        let p = produce(&bs, &topic, parts, records, size, args.linger_ms, timeout)?;
        let produce_cpu = cpu.report(&broker, p.elapsed)?;
        let log_bytes = broker.segment_bytes(&topic)?;
        let log_mb_s = rate(log_bytes, p.elapsed);
        let produce_ratio = p.mb_s() / tcp_mb_s;
        println!(
            "produce acks=1 linger.ms={}      {:>8.1} MB/s  {:>9.0} records/s  ({:.2} s)  = {:.1}% of raw TCP, target >= {:.0}%: {}",
            args.linger_ms,
            p.mb_s(),
            p.rec_s(),
            p.elapsed.as_secs_f64(),
            produce_ratio * 100.0,
            TARGET_PRODUCE_OF_TCP * 100.0,
            verdict(produce_ratio >= TARGET_PRODUCE_OF_TCP)
        );
        println!("    {produce_cpu}");
        println!(
            "log write rate (segment bytes)       {:>8.1} MB/s  ({:.1} MB on disk) = {:.1}% of raw file write+fsync ({:.1}% of the writes alone; the broker does not fsync every write)",
            log_mb_s,
            mb(log_bytes),
            log_mb_s / file_mb_s * 100.0,
            log_mb_s / write_mb_s * 100.0
        );
        let cpu = CpuMeter::start(&broker)?;
        let c = consume(&bs, &topic, &p.end_offsets, timeout)?;
        let consume_cpu = cpu.report(&broker, c.elapsed)?;
        let consume_mb_s = rate(c.bytes, c.elapsed);
        let consume_ratio = consume_mb_s / tcp_mb_s;
        println!(
            "consume from offset 0                {:>8.1} MB/s  {:>9.0} records/s  ({:.2} s)  = {:.1}% of raw TCP, target >= {:.0}%: {}",
            consume_mb_s,
            c.records as f64 / c.elapsed.as_secs_f64(),
            c.elapsed.as_secs_f64(),
            consume_ratio * 100.0,
            TARGET_CONSUME_OF_TCP * 100.0,
            verdict(consume_ratio >= TARGET_CONSUME_OF_TCP)
        );
        println!("    {consume_cpu}");
        ensure!(
            c.records == records,
            "consumed {} of {records} records",
            c.records
        );
        summary.add(
            format!("produce {parts}p"),
            format!("{:.1} MB/s, {:.0} rec/s", p.mb_s(), p.rec_s()),
            format!(
                "{:.1}% of TCP; target >= {:.0}%: {}",
                produce_ratio * 100.0,
                TARGET_PRODUCE_OF_TCP * 100.0,
                verdict(produce_ratio >= TARGET_PRODUCE_OF_TCP)
            ),
        );
        summary.add(
            format!("log write {parts}p"),
            format!("{log_mb_s:.1} MB/s"),
            format!(
                "{:.1}% of raw file write+fsync",
                log_mb_s / file_mb_s * 100.0
            ),
        );
        summary.add(
            format!("consume {parts}p"),
            format!(
                "{consume_mb_s:.1} MB/s, {:.0} rec/s",
                c.records as f64 / c.elapsed.as_secs_f64()
            ),
            format!(
                "{:.1}% of TCP; target >= {:.0}%: {}",
                consume_ratio * 100.0,
                TARGET_CONSUME_OF_TCP * 100.0,
                verdict(consume_ratio >= TARGET_CONSUME_OF_TCP)
            ),
        );
        if best.is_none_or(|(_, r)| p.rec_s() > r) {
            best = Some((parts, p.rec_s()));
        }
    }
    let peak_rss = broker.peak_rss()?;
    let rss_after = broker.rss()?;
    println!(
        "\nloaded RSS: peak (VmHWM) {:.1} MB during the throughput runs, now (VmRSS) {:.1} MB",
        mb(peak_rss),
        mb(rss_after)
    );
    summary.add(
        "loaded RSS (peak)",
        format!("{:.1} MB", mb(peak_rss)),
        format!(
            "VmHWM over the throughput runs; VmRSS after: {:.1} MB",
            mb(rss_after)
        ),
    );

    let (best_parts, best_rate) = best.ok_or_else(|| anyhow!("no throughput run"))?;
    let lat_parts = args.latency_partitions.unwrap_or(best_parts).max(1);
    let lat_rate = args.latency_rate.unwrap_or(best_rate / 2.0);
    let lat_topic = "latency";
    for (i, &linger) in args.latency_linger_ms.iter().enumerate() {
        let topic = format!("{lat_topic}-{i}");
        create_topic(&bs, &topic, lat_parts, &[], timeout)?;
        // Start from a settled disk: the previous phase leaves gigabytes of dirty page cache,
        // and while the kernel writes them out, ext4 can block the broker's first writes to a
        // new segment file for 100-700 ms, which is the previous phase's cost, not this one's.
        // Writeback the run itself causes (segment rolls included) is measured.
        // SAFETY: sync(2) has no preconditions.
        unsafe { libc::sync() };
        println!(
            "\n== produce latency: {lat_rate:.0} records/s ({}) into {lat_parts} partition(s), acks=1, linger.ms={linger}, {} s after 1 s warm-up",
            if args.latency_rate.is_some() {
                "--latency-rate"
            } else {
                "half the best produce rate"
            },
            args.latency_secs
        );
        let cpu = CpuMeter::start(&broker)?;
        let l = produce_latency(&bs, &topic, lat_parts, lat_rate, linger, args, timeout)?;
        let lat_cpu = cpu.report(&broker, l.wall)?;
        println!(
            "latency send->ack  p50 {:.2} ms  p99 {:.2} ms  p99.9 {:.2} ms  max {:.2} ms  ({} samples at {:.0} records/s); p99 target <= {TARGET_P99_MS:.0} ms: {}",
            l.p50_ms,
            l.p99_ms,
            l.p999_ms,
            l.max_ms,
            l.samples,
            l.achieved,
            verdict(l.p99_ms <= TARGET_P99_MS)
        );
        println!("    {lat_cpu}");
        let worst: Vec<String> = l.timeline.iter().map(|m| format!("{m:.1}")).collect();
        println!("    worst latency per second (ms): {}", worst.join(" "));
        summary.add(
            format!("produce latency, linger.ms={linger}"),
            format!(
                "p50 {:.2} / p99 {:.2} / p99.9 {:.2} ms",
                l.p50_ms, l.p99_ms, l.p999_ms
            ),
            format!(
                "at {:.0} rec/s, {lat_parts}p; p99 target <= {TARGET_P99_MS:.0} ms: {}",
                l.achieved,
                verdict(l.p99_ms <= TARGET_P99_MS)
            ),
        );
    }
    let lat_peak_rss = broker.peak_rss()?;
    if lat_peak_rss > peak_rss {
        println!(
            "peak RSS (VmHWM) after the latency runs: {:.1} MB",
            mb(lat_peak_rss)
        );
    }
    let stop = broker.stop(timeout)?;
    println!("clean stop (SIGTERM) took {:.3} s", stop.as_secs_f64());
    broker.remove_data(args.run.keep)?;
    drop(broker);

    // --- restart after a clean stop ---------------------------------------------------------
    if !args.skip_restart && args.restart_gib > 0.0 {
        restart_test(args, bin, dir, timeout, file_mb_s, &mut summary)?;
    }
    // --- recovery after SIGKILL --------------------------------------------------------------
    if !args.skip_restart && args.recovery_gib > 0.0 {
        recovery_test(args, bin, dir, timeout, &mut summary)?;
    }

    summary.print();
    Ok(())
}

fn restart_test(
    args: &Args,
    bin: &Path,
    dir: &Path,
    timeout: Duration,
    file_mb_s: f64,
    summary: &mut Summary,
) -> Result<()> {
    let size = args.record_size;
    let parts = args.restart_partitions.max(1);
    let records = ((args.restart_gib * GIB) as u64 / size).max(1);
    let topic = "restart";
    let mut broker = new_broker(bin, dir, "restart", &args.overrides)?;
    broker.start(timeout)?;
    let bs = broker.bootstrap();
    create_topic(&bs, topic, parts, &[], timeout)?;
    println!(
        "\n== restart after a clean stop: writing {records} records ({:.2} GiB) into {parts} partition(s)",
        (records * size) as f64 / GIB
    );
    // Writing 10 GiB takes longer than one ordinary wait.
    let fill_timeout = timeout.max(Duration::from_secs_f64(args.restart_gib * 120.0));
    let cpu = CpuMeter::start(&broker)?;
    let p = produce(
        &bs,
        topic,
        parts,
        records,
        size,
        args.linger_ms,
        fill_timeout,
    )?;
    let fill_cpu = cpu.report(&broker, p.elapsed)?;
    let log_bytes = broker.segment_bytes(topic)?;
    println!(
        "fill: produce {:.1} MB/s {:.0} records/s ({:.1} s); log write {:.1} MB/s ({:.1}% of raw file write+fsync); RSS now {:.1} MB, peak {:.1} MB",
        p.mb_s(),
        p.rec_s(),
        p.elapsed.as_secs_f64(),
        rate(log_bytes, p.elapsed),
        rate(log_bytes, p.elapsed) / file_mb_s * 100.0,
        mb(broker.rss()?),
        mb(broker.peak_rss()?)
    );
    println!("    {fill_cpu}");
    let last: Vec<(i32, i64)> = p
        .end_offsets
        .iter()
        .enumerate()
        .filter(|(_, e)| **e > 0)
        .map(|(i, e)| (i as i32, e - 1))
        .collect();
    // What fetching those records costs a fresh client on a running broker, for comparison.
    let warm = Instant::now();
    let (done, _) = fetch_last_records(&bs, topic, &last, warm + timeout)?;
    let warm_fetch = done - warm;
    println!(
        "a fresh consumer fetches the last record of every partition from the running broker in {:.3} s",
        warm_fetch.as_secs_f64()
    );
    let stop = broker.stop(timeout)?;
    println!(
        "clean stop (SIGTERM) with {:.2} GiB of log took {:.3} s",
        log_bytes as f64 / GIB,
        stop.as_secs_f64()
    );

    let cache = maybe_drop_caches(args.drop_caches);
    let t0 = broker.spawn()?;
    let listening = broker.wait_listening(t0, timeout)?;
    wait_metadata(&bs, t0 + timeout)?;
    let metadata = t0.elapsed();
    let (done, _) = fetch_last_records(&bs, topic, &last, t0 + timeout)?;
    let fetched = done - t0;
    let log = broker.log_since_last_start();
    let clean = log.contains("clean_shutdown=true");
    let recovered = log.lines().filter(|l| l.contains("recovered log")).count();
    println!(
        "    broker: start-up saw {} shutdown; {recovered} partition log(s) recovered{}",
        if clean { "a clean" } else { "NO clean" },
        if recovered > 0 || !clean {
            " (WARNING: a clean stop should need no recovery)"
        } else {
            ""
        }
    );
    let hw = high_watermarks(&bs, topic, parts)?;
    let kept: i64 = hw.iter().sum();
    println!(
        "restart ({cache}): listening {:.3} s, Metadata answered {:.3} s, last record of every partition fetched {:.3} s after start",
        listening.as_secs_f64(),
        metadata.as_secs_f64(),
        fetched.as_secs_f64()
    );
    println!(
        "records after restart {kept} of {} acknowledged; RSS after restart {:.1} MB",
        p.records,
        mb(broker.rss()?)
    );
    if hw != p.end_offsets {
        println!(
            "WARNING: high watermarks {hw:?} differ from the acknowledged end offsets {:?}",
            p.end_offsets
        );
    }
    summary.add(
        format!("restart, {:.1} GiB, clean stop", log_bytes as f64 / GIB),
        format!("{:.3} s to last record", fetched.as_secs_f64()),
        format!(
            "Metadata after {:.3} s; SIGTERM stop {:.3} s",
            metadata.as_secs_f64(),
            stop.as_secs_f64()
        ),
    );
    summary.add(
        format!("log write ({:.1} GiB fill)", args.restart_gib),
        format!("{:.1} MB/s", rate(log_bytes, p.elapsed)),
        format!(
            "{:.1}% of raw file write+fsync; produce {:.1} MB/s",
            rate(log_bytes, p.elapsed) / file_mb_s * 100.0,
            p.mb_s()
        ),
    );
    broker.stop(timeout)?;
    broker.remove_data(args.run.keep)?;
    Ok(())
}

fn recovery_test(
    args: &Args,
    bin: &Path,
    dir: &Path,
    timeout: Duration,
    summary: &mut Summary,
) -> Result<()> {
    let size = args.record_size;
    let bytes = (args.recovery_gib * GIB) as u64;
    let records = (bytes / size).max(1);
    // The recovery point moves only on a segment roll or a flush: keep it all in one segment.
    let segment = (bytes + (256 << 20)).min(i32::MAX as u64);
    if segment < bytes + (64 << 20) {
        println!(
            "note: --recovery-gib {} does not fit one segment (segment.bytes is at most 2 GiB); rolls move the recovery point",
            args.recovery_gib
        );
    }
    let segment_s = segment.to_string();
    let topic = "recovery";
    let mut broker = new_broker(bin, dir, "recovery", &args.overrides)?;
    broker.start(timeout)?;
    let bs = broker.bootstrap();
    create_topic(&bs, topic, 1, &[("segment.bytes", &segment_s)], timeout)?;
    println!(
        "\n== recovery after SIGKILL: writing {records} records ({:.2} GiB) into 1 partition, segment.bytes={segment}",
        (records * size) as f64 / GIB
    );
    let fill_timeout = timeout.max(Duration::from_secs_f64(args.recovery_gib * 120.0));
    let p = produce(&bs, topic, 1, records, size, args.linger_ms, fill_timeout)?;
    let acked = p.end_offsets[0];
    let rp = broker.checkpointed_recovery_point(topic, 0);
    let log_bytes = broker.segment_bytes(topic)?;
    broker.kill()?;
    let mut note = String::new();
    match rp {
        Some(rp) => write!(note, "checkpointed recovery point {rp}")?,
        None => write!(note, "no recovery point checkpointed yet (0)")?,
    }
    println!(
        "killed (SIGKILL) with {acked} records acknowledged, {:.2} GiB of segment, {note}",
        log_bytes as f64 / GIB
    );

    let cache = maybe_drop_caches(args.drop_caches);
    let t0 = broker.spawn()?;
    let listening = broker.wait_listening(t0, timeout)?;
    wait_metadata(&bs, t0 + timeout)?;
    let metadata = t0.elapsed();
    for line in broker.log_since_last_start().lines() {
        if line.contains("recover") || line.contains("truncat") {
            println!("    broker: {}", line.trim());
        }
    }
    let hw = high_watermarks(&bs, topic, 1)?[0];
    let (fetched, last_ok) = if hw >= acked {
        let (done, seqs) = fetch_last_records(&bs, topic, &[(0, acked - 1)], t0 + timeout)?;
        (Some(done - t0), seqs.first() == Some(&(records - 1)))
    } else {
        (None, false)
    };
    println!(
        "recovery ({cache}): listening {:.3} s, Metadata answered {:.3} s, last acknowledged record {} after start",
        listening.as_secs_f64(),
        metadata.as_secs_f64(),
        match fetched {
            Some(d) => format!("fetched {:.3} s", d.as_secs_f64()),
            None => "LOST".into(),
        }
    );
    println!(
        "records surviving SIGKILL: {hw} of {acked} acknowledged ({} lost){}",
        (acked - hw).max(0),
        if fetched.is_some() && !last_ok {
            "; WARNING: the last record's content is not the one sent"
        } else {
            ""
        }
    );
    summary.add(
        format!(
            "recovery, {:.2} GiB past recovery point, SIGKILL",
            log_bytes as f64 / GIB
        ),
        match fetched {
            Some(d) => format!("{:.3} s to last record", d.as_secs_f64()),
            None => "last record LOST".into(),
        },
        format!(
            "Metadata after {:.3} s; {hw} of {acked} acked records survived",
            metadata.as_secs_f64()
        ),
    );
    broker.stop(timeout)?;
    broker.remove_data(args.run.keep)?;
    Ok(())
}
