//! Listeners: accept client connections and run one task per connection.

pub mod connection;

use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::broker::Broker;

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
const DRAIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Accepts connections until `shutdown` turns true, then waits (bounded) for every connection
/// to finish its current request, so no append lands after the logs are closed.
pub async fn serve(
    broker: Arc<Broker>,
    listener: TcpListener,
    listener_name: String,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    broker.metrics.connections_total.inc();
                    let broker = broker.clone();
                    let shutdown = shutdown.clone();
                    let name = listener_name.clone();
                    connections.spawn(async move {
                        broker.metrics.connections.inc();
                        connection::run(broker.clone(), stream, peer.to_string(), name, shutdown).await;
                        broker.metrics.connections.dec();
                    });
                }
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
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
