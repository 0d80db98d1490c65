//! The operator's Prometheus metrics, served at `--metrics-listen` under `/metrics`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

pub struct Metrics {
    pub registry: Registry,
    reconciles: IntCounterVec,
    failures: IntCounterVec,
    duration: HistogramVec,
    leader_actions: IntCounterVec,
    leaders_moved: IntCounterVec,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let reconciles = IntCounterVec::new(
            Opts::new(
                "moldau_operator_reconciliations_total",
                "Reconciles run, by kind",
            ),
            &["kind"],
        )
        .expect("valid metric");
        let failures = IntCounterVec::new(
            Opts::new(
                "moldau_operator_reconcile_failures_total",
                "Reconciles that failed, by kind",
            ),
            &["kind"],
        )
        .expect("valid metric");
        let duration = HistogramVec::new(
            HistogramOpts::new(
                "moldau_operator_reconcile_duration_seconds",
                "Reconcile duration, by kind",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["kind"],
        )
        .expect("valid metric");
        let leader_actions = IntCounterVec::new(
            Opts::new(
                "moldau_operator_leader_actions_total",
                "Leadership actions taken: fence (a broker whose pod died), rebalance (leaderships \
                 spread over the live brokers), restore_preferred",
            ),
            &["namespace", "cluster", "action"],
        )
        .expect("valid metric");
        let leaders_moved = IntCounterVec::new(
            Opts::new(
                "moldau_operator_leaders_moved_total",
                "Partitions whose leader changed through a leadership action",
            ),
            &["namespace", "cluster", "action"],
        )
        .expect("valid metric");
        for c in [
            Box::new(reconciles.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(failures.clone()),
            Box::new(duration.clone()),
            Box::new(leader_actions.clone()),
            Box::new(leaders_moved.clone()),
        ] {
            registry.register(c).expect("unique metric");
        }
        Metrics {
            registry,
            reconciles,
            failures,
            duration,
            leader_actions,
            leaders_moved,
        }
    }

    /// Counts one leadership action on a cluster and the leaderships it moved.
    pub fn leader_action(&self, namespace: &str, cluster: &str, action: &str, moved: u64) {
        let labels = [namespace, cluster, action];
        self.leader_actions.with_label_values(&labels).inc();
        self.leaders_moved.with_label_values(&labels).inc_by(moved);
    }

    pub fn reconcile_started(&self, _kind: &str) -> Instant {
        Instant::now()
    }

    pub fn reconcile_finished(&self, kind: &str, started: Instant, ok: bool) {
        self.reconciles.with_label_values(&[kind]).inc();
        // A kind's failure counter exists from its first reconcile (at 0), so a failure ratio
        // reads 0, not "no data", while nothing fails.
        let failures = self.failures.with_label_values(&[kind]);
        if !ok {
            failures.inc();
        }
        self.duration
            .with_label_values(&[kind])
            .observe(started.elapsed().as_secs_f64());
    }

    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// Binds `--metrics-listen` (start-up fails when the address is taken).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on --metrics-listen {addr}: {e}"))
}

/// Serves `/metrics` (the operator's own metrics, then the exporter's last collection) and
/// `/healthz` on `listener`.
pub async fn serve(
    metrics: Arc<Metrics>,
    exporter: Arc<crate::exporter::Exporter>,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<()> {
    use futures::stream;
    use http_body_util::StreamBody;
    use hyper::body::{Bytes, Frame};
    use hyper::{Response, StatusCode};
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "serving operator metrics at /metrics");
    loop {
        let (stream, _) = listener.accept().await?;
        let metrics = metrics.clone();
        let exporter = exporter.clone();
        tokio::spawn(async move {
            let svc =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let (code, chunks) = match req.uri().path() {
                        // The exporter's text is shared, not copied, per scrape.
                        "/metrics" => (
                            StatusCode::OK,
                            vec![Bytes::from(metrics.render()), exporter.text()],
                        ),
                        "/healthz" => (StatusCode::OK, vec![Bytes::from_static(b"ok\n")]),
                        _ => (
                            StatusCode::NOT_FOUND,
                            vec![Bytes::from_static(b"try /metrics\n")],
                        ),
                    };
                    let frames = chunks
                        .into_iter()
                        .map(|c| Ok::<_, std::convert::Infallible>(Frame::data(c)));
                    let body = StreamBody::new(stream::iter(frames));
                    async move {
                        Response::builder()
                            .status(code)
                            .header("content-type", "text/plain; version=0.0.4; charset=utf-8")
                            .body(body)
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                .await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_read_zero_after_a_successful_reconcile() {
        let m = Metrics::new();
        m.reconcile_finished("KafkaTopic", Instant::now(), true);
        let text = m.render();
        assert!(
            text.contains("moldau_operator_reconcile_failures_total{kind=\"KafkaTopic\"} 0"),
            "{text}"
        );
        m.reconcile_finished("KafkaTopic", Instant::now(), false);
        assert!(
            m.render()
                .contains("moldau_operator_reconcile_failures_total{kind=\"KafkaTopic\"} 1")
        );
    }
}
