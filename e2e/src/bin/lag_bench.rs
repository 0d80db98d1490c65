//! `lag-bench`: the cost of the operator's cluster exporter (consumer-group and replication lag
//! at the operator's `/metrics`) on a large cluster, and the cost of a scrape.
//!
//! It starts `--brokers` (default 3) `moldau-broker` child processes in combined mode on
//! 127.0.0.1, creates `--topics` × `--partitions` partitions (default 100 × 100 = 10 000,
//! replication factor 1, spread over the brokers), produces `--records` records into every
//! partition, and has `--groups` consumer groups (default 1 000) commit offsets — group g
//! commits offset `records / 2` on `--partitions-per-group` partitions (default 10) of topic
//! g mod topics, so every partition is committed by exactly one group and every committed
//! partition lags by `records - records / 2`. Then it measures, in this process, with the
//! operator's own code (the `moldau-operator` library):
//!
//! 1. one collection (`exporter::collect`: DescribeBrokers, DescribeConsumerGroups,
//!    DescribePartitions, RecordTimestamps through one broker's Admin service), `--rounds`
//!    times: median and max, the Admin calls' share, and the CPU the brokers spent on it; the
//!    baseline is one DescribeBrokers call (a round trip to the Admin service);
//! 2. rendering the snapshot to Prometheus text: median time, bytes, series;
//! 3. a scrape of the operator's `/metrics` over HTTP (the operator's server, serving the last
//!    collection), `--scrapes` times: median and max, against `/healthz` of the same server as
//!    the baseline.
//!
//! The figures are checked before they are printed: the text must hold one
//! `kafka_consumergroup_lag` series per committed partition and lag sums that add up to what
//! was produced and committed, so a fast but wrong exporter fails the run.

use std::collections::BTreeMap;
use std::fs;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use clap::Parser;
use moldau_e2e::support::{
    BrokerProcess, DeliveryCounts, RunArgs, Summary, bench_main, client_config, lock, print_header,
    proc_cpu_secs, send_round_robin, throughput_producer_config, wait_metadata,
};
use moldau_operator::admin::Admin;
use moldau_operator::exporter::{self, Collected, Exporter, render};
use rdkafka::TopicPartitionList;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::producer::{BaseProducer, Producer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PROGRAM: &str = "lag-bench";

#[derive(Parser, Debug)]
#[command(
    about = "Measures the operator's lag exporter on a cluster with many partitions and groups"
)]
struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Brokers in the cluster (combined broker and controller nodes).
    #[arg(long, default_value_t = 3)]
    brokers: i32,
    /// Topics to create.
    #[arg(long, default_value_t = 100)]
    topics: i32,
    /// Partitions per topic.
    #[arg(long, default_value_t = 100)]
    partitions: i32,
    /// Records produced into every partition (100 bytes each).
    #[arg(long, default_value_t = 10)]
    records: u64,
    /// Consumer groups that commit offsets.
    #[arg(long, default_value_t = 1000)]
    groups: i32,
    /// Partitions each group commits (of one topic).
    #[arg(long, default_value_t = 10)]
    partitions_per_group: i32,
    /// Collections measured.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Scrapes measured (and as many /healthz requests).
    #[arg(long, default_value_t = 20)]
    scrapes: usize,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    bench_main(
        PROGRAM,
        &args.run,
        "moldau-lag-bench",
        || {
            ensure!(
                args.brokers >= 1 && args.topics >= 1 && args.partitions >= 1,
                "--brokers, --topics and --partitions must be at least 1"
            );
            ensure!(
                (1..=args.partitions).contains(&args.partitions_per_group),
                "--partitions-per-group must be from 1 to --partitions"
            );
            ensure!(args.records >= 2, "--records must be at least 2");
            ensure!(
                args.rounds >= 1 && args.scrapes >= 1,
                "--rounds and --scrapes must be at least 1"
            );
            Ok(())
        },
        |bin, dir| run(&args, bin, dir),
    )
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// The cluster's nodes (started) and their Admin service addresses.
struct Cluster {
    nodes: Vec<BrokerProcess>,
    admin_addrs: Vec<String>,
}

impl Cluster {
    fn start(bin: &Path, dir: &Path, n: i32) -> Result<Cluster> {
        let ports: Vec<(u16, u16)> = (0..n)
            .map(|_| Ok((free_port()?, free_port()?)))
            .collect::<Result<_>>()?;
        let voters: Vec<String> = ports
            .iter()
            .enumerate()
            .map(|(i, (_, c))| format!("{}@127.0.0.1:{c}", i + 1))
            .collect();
        let mut nodes = Vec::new();
        for (i, (port, controller)) in ports.iter().enumerate() {
            let id = i + 1;
            let node_dir = dir.join(format!("node{id}"));
            fs::create_dir_all(&node_dir)?;
            let addr: SocketAddr = ([127, 0, 0, 1], *port).into();
            let mut b = BrokerProcess::new(
                PROGRAM,
                id.to_string(),
                bin,
                addr,
                node_dir.join("data"),
                node_dir.join("broker.log"),
            )
            .in_dir(node_dir);
            b.overrides = [
                ("node.id", id.to_string()),
                ("process.roles", "broker,controller".into()),
                ("controller.quorum.voters", voters.join(",")),
                (
                    "listeners",
                    format!("PLAINTEXT://{addr},CONTROLLER://127.0.0.1:{controller}"),
                ),
                ("advertised.listeners", format!("PLAINTEXT://{addr}")),
                ("controller.listener.names", "CONTROLLER".into()),
                (
                    "listener.security.protocol.map",
                    "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT".into(),
                ),
                ("inter.broker.listener.name", "PLAINTEXT".into()),
                ("log.dirs", b.data().display().to_string()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            nodes.push(b);
        }
        let timeout = Duration::from_secs(60);
        let starts: Vec<Instant> = nodes.iter_mut().map(|b| b.spawn()).collect::<Result<_>>()?;
        for (b, t0) in nodes.iter_mut().zip(starts) {
            b.wait_listening(t0, timeout)?;
            wait_metadata(&b.bootstrap(), t0 + timeout)?;
        }
        let admin_addrs = ports
            .iter()
            .map(|(_, c)| format!("127.0.0.1:{c}"))
            .collect();
        Ok(Cluster { nodes, admin_addrs })
    }

    fn bootstrap(&self) -> String {
        self.nodes
            .iter()
            .map(|b| b.bootstrap())
            .collect::<Vec<_>>()
            .join(",")
    }

    fn cpu_secs(&self) -> f64 {
        self.nodes
            .iter()
            .filter_map(|b| b.pid().ok())
            .filter_map(|p| proc_cpu_secs(p).ok())
            .sum()
    }

    fn rss_mib(&self) -> f64 {
        self.nodes.iter().filter_map(|b| b.rss().ok()).sum::<u64>() as f64 / 1024.0 / 1024.0
    }
}

fn topic_name(t: i32) -> String {
    format!("lag-bench-{t:03}")
}

/// Group g's partitions: `per_group` consecutive partitions of topic g mod topics.
fn group_partitions(args: &Args, g: i32) -> (String, Vec<i32>) {
    let topic = topic_name(g % args.topics);
    let first = (g / args.topics) * args.partitions_per_group;
    let parts = (0..args.partitions_per_group)
        .map(|i| (first + i) % args.partitions)
        .collect();
    (topic, parts)
}

/// Median and maximum.
fn median_max(mut xs: Vec<Duration>) -> (Duration, Duration) {
    xs.sort();
    (xs[xs.len() / 2], xs[xs.len() - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// One HTTP/1.1 GET; returns the time to the end of the response and its size.
async fn http_get(addr: SocketAddr, path: &str) -> Result<(Duration, usize)> {
    let t0 = Instant::now();
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).await?;
    let took = t0.elapsed();
    ensure!(
        body.starts_with(b"HTTP/1.1 200"),
        "GET {path}: {}",
        String::from_utf8_lossy(&body[..body.len().min(80)])
    );
    Ok((took, body.len()))
}

/// Sums of the values of `metric` series in Prometheus text, and how many there are.
fn series(text: &str, metric: &str) -> (usize, f64) {
    text.lines()
        .filter(|l| {
            l.strip_prefix(metric)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .fold((0, 0.0), |(n, s), v| (n + 1, s + v))
}

fn run(args: &Args, bin: &Path, dir: &Path) -> Result<()> {
    print_header(
        "lag-bench: the operator's lag exporter on a large cluster",
        bin,
        dir,
    );
    let partitions = args.topics * args.partitions;
    let committed = args.groups as u64 * args.partitions_per_group as u64;
    println!(
        "cluster     {} brokers, {} topics x {} partitions = {partitions} partitions (RF 1), {} records each",
        args.brokers, args.topics, args.partitions, args.records
    );
    println!(
        "groups      {} groups, {} partitions each, committed at offset {} of {}",
        args.groups,
        args.partitions_per_group,
        args.records / 2,
        args.records
    );
    let rt = tokio::runtime::Runtime::new()?;
    let t0 = Instant::now();
    let cluster = Cluster::start(bin, dir, args.brokers)?;
    println!("started     in {:.1} s", t0.elapsed().as_secs_f64());

    // Topics, through the Admin service.
    let t0 = Instant::now();
    rt.block_on(async {
        let mut admin = Admin::connect(&cluster.admin_addrs[0]).await?;
        for t in 0..args.topics {
            admin
                .create_topic(&topic_name(t), args.partitions, 1, &BTreeMap::new())
                .await
                .with_context(|| format!("creating {}", topic_name(t)))?;
        }
        anyhow::Ok(())
    })?;
    println!("topics      created in {:.1} s", t0.elapsed().as_secs_f64());

    // Records.
    let t0 = Instant::now();
    let bootstrap = cluster.bootstrap();
    for t in 0..args.topics {
        let topic = topic_name(t);
        let producer: BaseProducer<DeliveryCounts> =
            throughput_producer_config(client_config(&bootstrap), 5)
                .set("acks", "1")
                .create_with_context(DeliveryCounts::default())?;
        let records = args.records * args.partitions as u64;
        send_round_robin(
            &producer,
            &topic,
            args.partitions,
            records,
            100,
            Instant::now() + Duration::from_secs(120),
        )?;
        producer.context().check(&topic, records)?;
    }
    println!(
        "produced    {} records in {:.1} s",
        args.records * partitions as u64,
        t0.elapsed().as_secs_f64()
    );

    // Commits: each group from its own client, four at a time.
    let t0 = Instant::now();
    let next = AtomicUsize::new(0);
    // Each commit's time, coordinator lookup included (the client's first request to it).
    let commit_times = Mutex::new(Vec::new());
    let offset = (args.records / 2) as i64;
    thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| -> Result<()> {
                    loop {
                        let g = next.fetch_add(1, Ordering::Relaxed) as i32;
                        if g >= args.groups {
                            return Ok(());
                        }
                        let (topic, parts) = group_partitions(args, g);
                        let c: BaseConsumer = client_config(&bootstrap)
                            .set("group.id", format!("lag-bench-group-{g:04}"))
                            .set("enable.auto.commit", "false")
                            .create()?;
                        let mut tpl = TopicPartitionList::new();
                        for p in parts {
                            tpl.add_partition_offset(&topic, p, rdkafka::Offset::Offset(offset))?;
                        }
                        let t0 = Instant::now();
                        c.commit(&tpl, CommitMode::Sync)
                            .with_context(|| format!("group {g} committing"))?;
                        lock(&commit_times).push(t0.elapsed());
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().map_err(|_| anyhow!("a commit thread panicked"))?)
    })?;
    println!(
        "committed   {} groups in {:.1} s",
        args.groups,
        t0.elapsed().as_secs_f64()
    );

    let mut summary = Summary::default();
    let (commit_med, commit_max) = median_max(std::mem::take(&mut *lock(&commit_times)));
    summary.add(
        "OffsetCommit (setup, median)",
        ms(commit_med),
        format!(
            "max {}; first commit of a new client, offsets topic RF {}",
            ms(commit_max),
            args.brokers.min(3)
        ),
    );
    rt.block_on(measure(args, &cluster, committed, &mut summary))?;
    summary.print();
    Ok(())
}

async fn measure(
    args: &Args,
    cluster: &Cluster,
    committed: u64,
    summary: &mut Summary,
) -> Result<()> {
    let addrs = &cluster.admin_addrs;
    let mut admin = Admin::connect(&addrs[0]).await?;
    // Baseline: a round trip to the Admin service.
    let mut rtt = Vec::new();
    for _ in 0..20 {
        let t0 = Instant::now();
        admin.brokers().await?;
        rtt.push(t0.elapsed());
    }
    let (rtt, _) = median_max(rtt);

    // Collections, and the calls they are made of.
    let (mut collects, mut renders) = (Vec::new(), Vec::new());
    // The brokers' CPU over the collections alone (clock ticks are coarse: summed, then split).
    let mut cpu_secs = 0.0;
    let (mut groups_t, mut parts_t) = (Vec::new(), Vec::new());
    let mut text = Vec::new();
    for _ in 0..args.rounds {
        let cpu0 = cluster.cpu_secs();
        let t0 = Instant::now();
        let snapshot = exporter::collect(addrs).await?;
        let took = t0.elapsed();
        cpu_secs += (cluster.cpu_secs() - cpu0).max(0.0);
        collects.push(took);
        let c = [Collected {
            namespace: "bench".into(),
            cluster: "lag-bench".into(),
            snapshot: Ok(snapshot),
            duration: took,
        }];
        let t0 = Instant::now();
        text = render::render(&c);
        renders.push(t0.elapsed());

        let t0 = Instant::now();
        admin.consumer_groups().await?;
        groups_t.push(t0.elapsed());
        let t0 = Instant::now();
        admin.partitions().await?;
        parts_t.push(t0.elapsed());
    }
    let text = String::from_utf8(text).context("exporter text is not UTF-8")?;

    // The figures count only if the text is right.
    let expected_lag = committed * (args.records - args.records / 2);
    let (lag_series, lag_total) = series(&text, "kafka_consumergroup_lag");
    let (_, lag_sum_total) = series(&text, "kafka_consumergroup_lag_sum");
    let (seconds_series, _) = series(&text, "kafka_consumergroup_lag_seconds");
    let (partition_series, _) = series(&text, "kafka_topic_partition_current_offset");
    ensure!(
        lag_series as u64 == committed && lag_total as u64 == expected_lag,
        "kafka_consumergroup_lag: {lag_series} series summing to {lag_total}, expected {committed} summing to {expected_lag}"
    );
    ensure!(
        lag_sum_total as u64 == expected_lag && seconds_series as u64 == committed,
        "kafka_consumergroup_lag_sum sums to {lag_sum_total} and lag_seconds has {seconds_series} series; expected {expected_lag} and {committed}"
    );
    // Besides the bench's topics, the offsets topic's partitions.
    ensure!(
        partition_series as i32 >= args.topics * args.partitions,
        "{partition_series} kafka_topic_partition_current_offset series"
    );
    let total_series = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count();

    // Scrapes of the operator's server, serving the last collection.
    let exporter = Exporter::new(Duration::from_secs(15));
    exporter.target("bench", "lag-bench", addrs.clone());
    let collected = exporter.collect_once().await;
    if let Some(Err(e)) = collected.first().map(|c| &c.snapshot) {
        bail!("exporter collection failed: {e}");
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(moldau_operator::metrics::serve(
        Arc::new(moldau_operator::metrics::Metrics::new()),
        exporter,
        listener,
    ));
    let (mut scrapes, mut healthz) = (Vec::new(), Vec::new());
    let mut scrape_bytes = 0;
    for _ in 0..args.scrapes {
        healthz.push(http_get(addr, "/healthz").await?.0);
        let (t, n) = http_get(addr, "/metrics").await?;
        scrapes.push(t);
        scrape_bytes = n;
    }
    server.abort();

    let (collect_med, collect_max) = median_max(collects);
    let (render_med, _) = median_max(renders);
    let cpu_per = Duration::from_secs_f64(cpu_secs / args.rounds as f64);
    let (groups_med, _) = median_max(groups_t);
    let (parts_med, _) = median_max(parts_t);
    let (scrape_med, scrape_max) = median_max(scrapes);
    let (healthz_med, _) = median_max(healthz);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    summary.add("Admin round trip (baseline)", ms(rtt), "DescribeBrokers");
    summary.add(
        "collection (median)",
        ms(collect_med),
        format!(
            "max {}; {:.0}x the round trip; {} partitions, {} groups",
            ms(collect_max),
            ratio(collect_med, rtt),
            args.topics * args.partitions,
            args.groups
        ),
    );
    summary.add(
        "  DescribeConsumerGroups",
        ms(groups_med),
        "all coordinators, alone",
    );
    summary.add("  DescribePartitions", ms(parts_med), "all leaders, alone");
    summary.add(
        "brokers' CPU per collection",
        ms(cpu_per),
        format!(
            "mean of {}; {:.2}% of one core at the default 15 s interval",
            args.rounds,
            cpu_per.as_secs_f64() / 15.0 * 100.0
        ),
    );
    summary.add(
        "render to text (median)",
        ms(render_med),
        format!(
            "{total_series} series, {:.1} MiB",
            text.len() as f64 / 1024.0 / 1024.0
        ),
    );
    summary.add(
        "scrape of /metrics (median)",
        ms(scrape_med),
        format!(
            "max {}; {:.1} MiB; {:.1}x /healthz of the same server",
            ms(scrape_max),
            scrape_bytes as f64 / 1024.0 / 1024.0,
            ratio(scrape_med, healthz_med)
        ),
    );
    summary.add("GET /healthz (baseline)", ms(healthz_med), "same server");
    summary.add(
        "brokers' RSS",
        format!("{:.0} MiB", cluster.rss_mib()),
        format!("{} brokers", args.brokers),
    );
    summary.add(
        "lag checked",
        format!("{committed} series"),
        format!("kafka_consumergroup_lag sums to {expected_lag} as produced and committed"),
    );
    Ok(())
}
