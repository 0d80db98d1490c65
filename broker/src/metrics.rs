//! Prometheus metrics: the registry, the broker's metric families and the `/metrics` endpoint.

use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use parking_lot::Mutex;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use tokio::net::TcpListener;

type Refresher = Box<dyn Fn(&Metrics) + Send + Sync>;

pub struct Metrics {
    pub registry: Registry,
    pub requests: IntCounterVec,
    pub request_errors: IntCounterVec,
    pub request_duration: HistogramVec,
    pub bytes_in: IntCounterVec,
    pub bytes_out: IntCounterVec,
    pub records_in: IntCounterVec,
    pub records_out: IntCounterVec,
    pub log_start_offset: IntGaugeVec,
    pub log_end_offset: IntGaugeVec,
    pub high_watermark: IntGaugeVec,
    pub log_size: IntGaugeVec,
    pub connections: IntGauge,
    pub connections_total: IntCounter,
    pub closed_bad_requests: IntCounterVec,
    pub accept_errors: IntCounterVec,
    pub connections_refused: IntCounterVec,
    pub connections_evicted: IntCounterVec,
    pub groups: IntGaugeVec,
    pub group_members: IntGaugeVec,
    pub group_load_skipped: IntCounterVec,
    pub replication: ReplicationMetrics,
    refreshers: Mutex<Vec<Refresher>>,
}

/// Replication and controller health, under the names Strimzi's JMX rules give Kafka's own
/// metrics, so existing dashboards and alerts apply.
pub struct ReplicationMetrics {
    pub under_replicated: IntGauge,
    pub under_min_isr: IntGauge,
    pub at_min_isr: IntGauge,
    pub partition_count: IntGauge,
    pub leader_count: IntGauge,
    pub isr_shrinks: IntCounter,
    pub isr_expands: IntCounter,
    /// Largest lag (records) of any follower of a partition this broker leads.
    pub max_lag: IntGaugeVec,
    /// Per follower of each partition this broker leads: records behind the leader.
    pub follower_lag: IntGaugeVec,
    pub active_controller: IntGauge,
    pub offline_partitions: IntGauge,
    pub fenced_brokers: IntGauge,
    pub raft_term: IntGauge,
    pub raft_commit_index: IntGauge,
    pub raft_leader: IntGauge,
}

fn int_gauge(r: &Registry, name: &str, help: &str) -> IntGauge {
    let g = IntGauge::new(name, help).expect("valid metric definition");
    r.register(Box::new(g.clone()))
        .expect("metric registered once");
    g
}

fn int_counter(r: &Registry, name: &str, help: &str) -> IntCounter {
    let c = IntCounter::new(name, help).expect("valid metric definition");
    r.register(Box::new(c.clone()))
        .expect("metric registered once");
    c
}

impl ReplicationMetrics {
    fn new(r: &Registry) -> ReplicationMetrics {
        ReplicationMetrics {
            under_replicated: int_gauge(
                r,
                "kafka_server_replicamanager_underreplicatedpartitions",
                "Partitions led here whose ISR is smaller than their replica set.",
            ),
            under_min_isr: int_gauge(
                r,
                "kafka_server_replicamanager_underminisrpartitioncount",
                "Partitions led here whose ISR is below min.insync.replicas.",
            ),
            at_min_isr: int_gauge(
                r,
                "kafka_server_replicamanager_atminisrpartitioncount",
                "Partitions led here whose ISR is exactly min.insync.replicas.",
            ),
            partition_count: int_gauge(
                r,
                "kafka_server_replicamanager_partitioncount",
                "Partitions with a replica on this broker.",
            ),
            leader_count: int_gauge(
                r,
                "kafka_server_replicamanager_leadercount",
                "Partitions this broker leads.",
            ),
            isr_shrinks: int_counter(
                r,
                "kafka_server_replicamanager_isrshrinks_total",
                "ISR shrinks requested by this broker as leader.",
            ),
            isr_expands: int_counter(
                r,
                "kafka_server_replicamanager_isrexpands_total",
                "ISR expansions requested by this broker as leader.",
            ),
            max_lag: gauge(
                r,
                "kafka_server_replicafetchermanager_maxlag",
                "Largest follower lag in records over the partitions this broker leads.",
                &["clientId"],
            ),
            follower_lag: gauge(
                r,
                "moldau_follower_lag_records",
                "Records a follower is behind the leader (reported by the leader).",
                &["topic", "partition", "replica"],
            ),
            active_controller: int_gauge(
                r,
                "kafka_controller_kafkacontroller_activecontrollercount",
                "1 on the active controller (the metadata quorum's Raft leader).",
            ),
            offline_partitions: int_gauge(
                r,
                "kafka_controller_kafkacontroller_offlinepartitionscount",
                "Partitions without a leader (reported by the active controller).",
            ),
            fenced_brokers: int_gauge(
                r,
                "kafka_controller_kafkacontroller_fencedbrokercount",
                "Registered brokers that are fenced (reported by the active controller).",
            ),
            raft_term: int_gauge(
                r,
                "kafka_server_raftmetrics_current_epoch",
                "Current Raft term of the metadata quorum.",
            ),
            raft_commit_index: int_gauge(
                r,
                "kafka_server_raftmetrics_high_watermark",
                "Last metadata log entry applied on this node (Raft commit index).",
            ),
            raft_leader: int_gauge(
                r,
                "kafka_server_raftmetrics_current_leader",
                "Node id of the metadata quorum's leader (-1: none known).",
            ),
        }
    }
}

fn counter(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric definition");
    r.register(Box::new(c.clone()))
        .expect("metric registered once");
    c
}

fn gauge(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
    let g = IntGaugeVec::new(Opts::new(name, help), labels).expect("valid metric definition");
    r.register(Box::new(g.clone()))
        .expect("metric registered once");
    g
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let r = Registry::new();
        let request_duration = HistogramVec::new(
            HistogramOpts::new(
                "moldau_request_duration_seconds",
                "Time from request decode to response encode, per API.",
            )
            .buckets(vec![
                0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                1.0, 2.5, 5.0, 10.0, 30.0,
            ]),
            &["api"],
        )
        .expect("valid metric definition");
        r.register(Box::new(request_duration.clone()))
            .expect("metric registered once");
        let connections = IntGauge::new("moldau_connections", "Open client connections.")
            .expect("valid metric definition");
        r.register(Box::new(connections.clone()))
            .expect("metric registered once");
        let connections_total = IntCounter::new(
            "moldau_connections_accepted_total",
            "Client connections accepted.",
        )
        .expect("valid metric definition");
        r.register(Box::new(connections_total.clone()))
            .expect("metric registered once");
        Arc::new(Metrics {
            requests: counter(
                &r,
                "moldau_requests_total",
                "Requests handled, per API.",
                &["api"],
            ),
            request_errors: counter(
                &r,
                "moldau_request_errors_total",
                "Partition- or request-level errors returned, per API and error.",
                &["api", "error"],
            ),
            request_duration,
            bytes_in: counter(
                &r,
                "moldau_topic_bytes_in_total",
                "Record batch bytes appended, per topic.",
                &["topic"],
            ),
            bytes_out: counter(
                &r,
                "moldau_topic_bytes_out_total",
                "Record batch bytes served to consumers, per topic.",
                &["topic"],
            ),
            records_in: counter(
                &r,
                "moldau_topic_records_in_total",
                "Records appended, per topic.",
                &["topic"],
            ),
            records_out: counter(
                &r,
                "moldau_topic_records_out_total",
                "Records served to consumers (approximate: whole batches), per topic.",
                &["topic"],
            ),
            log_start_offset: gauge(
                &r,
                "moldau_log_start_offset",
                "First offset of the partition log.",
                &["topic", "partition"],
            ),
            log_end_offset: gauge(
                &r,
                "moldau_log_end_offset",
                "Next offset of the partition log.",
                &["topic", "partition"],
            ),
            high_watermark: gauge(
                &r,
                "moldau_high_watermark",
                "High watermark of the partition.",
                &["topic", "partition"],
            ),
            log_size: gauge(
                &r,
                "moldau_log_size_bytes",
                "Bytes on disk of the partition log.",
                &["topic", "partition"],
            ),
            closed_bad_requests: counter(
                &r,
                "moldau_connections_closed_bad_request_total",
                "Connections closed because of a request that could not be handled.",
                &["reason"],
            ),
            groups: gauge(
                &r,
                "moldau_consumer_groups",
                "Consumer groups, per state.",
                &["state"],
            ),
            group_members: gauge(
                &r,
                "moldau_consumer_group_members",
                "Members of each consumer group.",
                &["group"],
            ),
            group_load_skipped: counter(
                &r,
                "moldau_group_load_skipped_total",
                "Unreadable batches and records of __consumer_offsets skipped while loading groups.",
                &["what"],
            ),
            replication: ReplicationMetrics::new(&r),
            connections,
            connections_total,
            accept_errors: counter(
                &r,
                "moldau_accept_errors_total",
                "Failed accepts (EMFILE and the like), each followed by a backoff, per listener.",
                &["listener"],
            ),
            connections_refused: counter(
                &r,
                "moldau_connections_refused_total",
                "Connections closed at accept: per listener and reason (per_ip, max_connections).",
                &["listener", "reason"],
            ),
            connections_evicted: counter(
                &r,
                "moldau_connections_evicted_total",
                "Idle connections closed to make room under max.connections, per listener.",
                &["listener"],
            ),
            registry: r,
            refreshers: Mutex::new(Vec::new()),
        })
    }

    /// Registers a callback that updates scrape-time gauges (offsets, sizes, groups).
    pub fn on_scrape(&self, f: impl Fn(&Metrics) + Send + Sync + 'static) {
        self.refreshers.lock().push(Box::new(f));
    }

    /// The text exposition of every metric, after refreshing gauges.
    pub fn render(&self) -> String {
        for f in self.refreshers.lock().iter() {
            f(self);
        }
        let mut buf = Vec::new();
        let encoder = TextEncoder::new();
        if let Err(e) = encoder.encode(&self.registry.gather(), &mut buf) {
            tracing::error!(error = %e, "encoding metrics failed");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// Concurrent connections to the metrics endpoint (scrapers and probes need a handful).
const MAX_METRICS_CONNECTIONS: usize = 64;
/// A request's headers must arrive within this.
const METRICS_HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The longest a metrics connection stays open (scrapers reconnect).
const METRICS_CONNECTION_MAX: std::time::Duration = std::time::Duration::from_secs(300);

/// Whether the broker is ready for traffic: Ok, or why not (the readiness probe's answer).
pub type Readiness = Arc<dyn Fn() -> Result<(), String> + Send + Sync>;

/// Serves `GET /metrics`, and the probes `GET /healthz` (the process answers) and
/// `GET /ready` (`readiness`: 200, or 503 with the reason) on the listener until the task is
/// dropped.
pub async fn serve(metrics: Arc<Metrics>, listener: TcpListener, readiness: Readiness) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_METRICS_CONNECTIONS));
    loop {
        let (stream, _) = crate::server::accept(&listener, &metrics, "metrics").await;
        // Past the bound, a scraper waits in the accept queue instead of costing a task.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let metrics = metrics.clone();
        let readiness = readiness.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                let metrics = metrics.clone();
                let readiness = readiness.clone();
                async move {
                    let text = |code: StatusCode, body: String| {
                        Response::builder()
                            .status(code)
                            .header("content-type", "text/plain")
                            .body(Full::new(Bytes::from(body)))
                    };
                    let resp = match req.uri().path() {
                        "/metrics" => Response::builder()
                            .header("content-type", "text/plain; version=0.0.4")
                            .body(Full::new(Bytes::from(metrics.render()))),
                        "/healthz" => text(StatusCode::OK, "ok\n".into()),
                        "/ready" => match readiness() {
                            Ok(()) => text(StatusCode::OK, "ready\n".into()),
                            Err(why) => text(StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
                        },
                        _ => text(
                            StatusCode::NOT_FOUND,
                            "try /metrics, /healthz or /ready\n".into(),
                        ),
                    };
                    resp.map_err(|e| std::io::Error::other(e.to_string()))
                }
            });
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(METRICS_HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            // A connection that sends nothing at all is not covered by the header timeout.
            let _ = tokio::time::timeout(METRICS_CONNECTION_MAX, conn).await;
        });
    }
}

/// Binds the metrics listener (start-up fails if the address is taken).
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}
