//! One client connection: reads size-prefixed frames (refusing any larger than
//! socket.request.max.bytes), handles requests one at a time in arrival order, and writes the
//! responses in that same order from a separate writer task.

use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufWriter};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};

use crate::api::{self, Outcome};
use crate::broker::Broker;

/// Responses queued for the writer before the reader waits.
const WRITE_QUEUE: usize = 64;

pub async fn run(
    broker: Arc<Broker>,
    stream: TcpStream,
    peer: String,
    listener: String,
    mut shutdown: watch::Receiver<bool>,
) {
    let (mut reader, writer) = stream.into_split();
    let (tx, mut rx) = mpsc::channel::<BytesMut>(WRITE_QUEUE);
    let writer_task = tokio::spawn(async move {
        let mut w = BufWriter::with_capacity(256 * 1024, writer);
        while let Some(frame) = rx.recv().await {
            if w.write_all(&frame).await.is_err() {
                return;
            }
            // Coalesce queued responses into one write, then flush.
            while let Ok(more) = rx.try_recv() {
                if w.write_all(&more).await.is_err() {
                    return;
                }
            }
            if w.flush().await.is_err() {
                return;
            }
        }
        let _ = w.shutdown().await;
    });
    let max = broker.config.socket_request_max_bytes;
    let idle = Duration::from_millis(broker.config.connections_max_idle_ms);
    let mut out = BytesMut::new();
    loop {
        let size = tokio::select! {
            r = tokio::time::timeout(idle, reader.read_i32()) => match r {
                Ok(Ok(n)) => n,
                Ok(Err(_)) => break,
                Err(_) => {
                    tracing::debug!(%peer, "closing idle connection");
                    break;
                }
            },
            _ = shutdown.changed() => break,
        };
        if size < 0 || size as usize > max {
            tracing::warn!(%peer, size, max, "closing connection: request size is negative or larger than socket.request.max.bytes");
            broker
                .metrics
                .closed_bad_requests
                .with_label_values(&["frame_size"])
                .inc();
            break;
        }
        // Read into uninitialised capacity: no zero-filling of large produce frames.
        let mut frame = BytesMut::with_capacity(size as usize);
        while frame.len() < size as usize {
            match (&mut reader)
                .take((size as usize - frame.len()) as u64)
                .read_buf(&mut frame)
                .await
            {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        if frame.len() < size as usize {
            break;
        }
        match api::handle(&broker, frame.freeze(), &peer, &listener, &mut out).await {
            Outcome::Respond(bytes) => {
                if tx.send(bytes).await.is_err() {
                    break;
                }
            }
            Outcome::NoResponse => {}
            Outcome::Close(reason) => {
                tracing::warn!(%peer, "closing connection: {reason}");
                broker
                    .metrics
                    .closed_bad_requests
                    .with_label_values(&["invalid_request"])
                    .inc();
                break;
            }
        }
    }
    drop(tx);
    let _ = writer_task.await;
}
