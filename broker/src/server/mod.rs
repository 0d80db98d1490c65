//! Listeners: accept client connections, admit them against the connection limits
//! ([`limits`]) and run one task per connection ([`connection`]).

pub mod connection;
pub mod limits;

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::broker::Broker;
use crate::metrics::Metrics;
use limits::Gate;

/// Binds every configured listener (start-up fails if an address is taken).
/// Binds every client listener; each comes with its listener name.
pub async fn bind(broker: &Broker) -> anyhow::Result<Vec<(String, TcpListener)>> {
    let mut out = Vec::new();
    for l in &broker.config.listeners {
        let addr = l.bind_addr();
        let listener = TcpListener::bind(&addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (listener {}): {e}", l.name))?;
        tracing::info!(listener = %l.name, address = %listener.local_addr()?, "listening for Kafka clients");
        out.push((l.name.clone(), listener));
    }
    Ok(out)
}

/// How long a clean shutdown waits for connections to finish the request they are handling.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Backoff after a failed accept (EMFILE, ENFILE, ENOBUFS...): doubles from the first to the
/// last value while accepts keep failing, so a full descriptor table costs no CPU.
pub const ACCEPT_BACKOFF: (Duration, Duration) =
    (Duration::from_millis(10), Duration::from_secs(1));

/// Accepts one connection, retrying failed accepts with a backoff; each failure is counted in
/// `moldau_accept_errors_total{listener}` and logged (once per streak).
pub async fn accept(
    listener: &TcpListener,
    metrics: &Metrics,
    name: &str,
) -> (tokio::net::TcpStream, std::net::SocketAddr) {
    let mut backoff = ACCEPT_BACKOFF.0;
    loop {
        match listener.accept().await {
            Ok(s) => return s,
            Err(e) => {
                metrics.accept_errors.with_label_values(&[name]).inc();
                if backoff == ACCEPT_BACKOFF.0 {
                    tracing::warn!(listener = name, error = %e, "accept failed; backing off");
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(ACCEPT_BACKOFF.1);
            }
        }
    }
}

/// Accepts connections until `shutdown` turns true, then waits (bounded) for every connection
/// to finish its current request, so no append lands after the logs are closed.
pub async fn serve(
    broker: Arc<Broker>,
    gate: Arc<Gate>,
    listener: TcpListener,
    listener_name: String,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            (stream, peer) = accept(&listener, &broker.metrics, &listener_name) => {
                let admitted = match gate.admit(peer.ip()) {
                    Ok(a) => a,
                    Err(refusal) => {
                        broker
                            .metrics
                            .connections_refused
                            .with_label_values(&[listener_name.as_str(), refusal.label()])
                            .inc();
                        tracing::debug!(%peer, ?refusal, "connection refused");
                        drop(stream);
                        continue;
                    }
                };
                if admitted.evicted.is_some() {
                    broker.metrics.connections_evicted.with_label_values(&[listener_name.as_str()]).inc();
                }
                let _ = stream.set_nodelay(true);
                broker.metrics.connections_total.inc();
                let broker = broker.clone();
                let gate = gate.clone();
                let shutdown = shutdown.clone();
                let name = listener_name.clone();
                connections.spawn(async move {
                    broker.metrics.connections.inc();
                    let state = admitted.state.clone();
                    connection::run(broker.clone(), gate, state, stream, peer.to_string(), name, shutdown).await;
                    drop(admitted);
                    broker.metrics.connections.dec();
                });
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(DRAIN_TIMEOUT, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            remaining = connections.len(),
            "connections still busy after {DRAIN_TIMEOUT:?}; closing them"
        );
        connections.shutdown().await;
    }
}
