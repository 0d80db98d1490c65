//! One client connection: reads size-prefixed frames (refusing any larger than
//! socket.request.max.bytes), handles requests one at a time in arrival order, and writes the
//! responses in that same order from a separate writer task.
//!
//! Every resource a peer can make the connection hold is bounded: a frame's buffer grows only
//! as its bytes arrive, each growth taken first from the broker's request memory
//! (`queued.max.request.bytes`); a frame must arrive whole within `request.read.timeout.ms`;
//! responses the peer does not read stop the reader once [`RESPONSE_QUEUE_BYTES`] are queued.

use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, BufWriter};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, watch};

use super::limits::{ConnState, Gate, RequestMemory, Reservation};
use crate::api::{self, Outcome};
use crate::broker::Broker;

/// Responses queued for the writer before the reader waits.
const WRITE_QUEUE: usize = 64;

/// Bytes of responses a connection may have queued and unsent before it stops reading
/// requests (a response larger than this is still sent, alone).
pub const RESPONSE_QUEUE_BYTES: usize = 1 << 20;

/// The first allocation for a frame, and the step by which small frames grow.
const FIRST_CHUNK: usize = 64 * 1024;

/// Why a connection stopped reading.
#[derive(Debug, PartialEq, Eq)]
enum Stop {
    /// The peer closed or the socket failed.
    Closed,
    /// The frame did not arrive whole within request.read.timeout.ms.
    Timeout,
}

/// Reads a frame of `size` bytes, growing its buffer (doubling, from [`FIRST_CHUNK`]) only as
/// bytes arrive and only after taking each growth from `memory`.
async fn read_frame<R: AsyncRead + Unpin>(
    reader: &mut R,
    size: usize,
    memory: &RequestMemory,
) -> Result<(Bytes, Reservation), Stop> {
    let mut frame: Vec<u8> = Vec::new();
    let mut held = Reservation::default();
    while frame.len() < size {
        if frame.len() == frame.capacity() {
            let target = size.min((frame.capacity() * 2).max(FIRST_CHUNK));
            held.merge(memory.reserve(target - frame.capacity()).await);
            frame.reserve_exact(target - frame.len());
        }
        let room = (frame.capacity() - frame.len()).min(size - frame.len());
        match reader.take(room as u64).read_buf(&mut frame).await {
            Ok(0) | Err(_) => return Err(Stop::Closed),
            Ok(_) => {}
        }
    }
    Ok((Bytes::from(frame), held))
}

pub async fn run(
    broker: Arc<Broker>,
    gate: Arc<Gate>,
    conn: Arc<ConnState>,
    stream: TcpStream,
    peer: String,
    listener: String,
    mut shutdown: watch::Receiver<bool>,
) {
    let (mut reader, writer) = stream.into_split();
    let (tx, mut rx) = mpsc::channel::<(BytesMut, OwnedSemaphorePermit)>(WRITE_QUEUE);
    let queued = Arc::new(Semaphore::new(RESPONSE_QUEUE_BYTES));
    let writer_task = tokio::spawn(async move {
        let mut w = BufWriter::with_capacity(256 * 1024, writer);
        while let Some((frame, permit)) = rx.recv().await {
            if w.write_all(&frame).await.is_err() {
                return;
            }
            drop(permit);
            // Coalesce queued responses into one write, then flush.
            while let Ok((more, _permit)) = rx.try_recv() {
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
    let read_timeout = Duration::from_millis(broker.config.request_read_timeout_ms);
    let metrics = &broker.metrics;
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
            _ = conn.evicted.notified() => {
                tracing::info!(%peer, "closing idle connection: max.connections reached and a new connection needs room");
                break;
            }
            _ = shutdown.changed() => break,
        };
        if size < 0 || size as usize > max {
            tracing::warn!(%peer, size, max, "closing connection: request size is negative or larger than socket.request.max.bytes");
            metrics
                .closed_bad_requests
                .with_label_values(&["frame_size"])
                .inc();
            break;
        }
        let read = tokio::select! {
            r = tokio::time::timeout(read_timeout, read_frame(&mut reader, size as usize, &gate.memory)) => match r {
                Ok(r) => r,
                Err(_) => Err(Stop::Timeout),
            },
            _ = conn.evicted.notified() => {
                tracing::info!(%peer, "closing connection with a stalled request: max.connections reached and a new connection needs room");
                break;
            }
            _ = shutdown.changed() => break,
        };
        let (frame, reservation) = match read {
            Ok(f) => f,
            Err(Stop::Closed) => break,
            Err(Stop::Timeout) => {
                tracing::warn!(%peer, size, "closing connection: the request's bytes stopped arriving (request.read.timeout.ms)");
                metrics
                    .closed_bad_requests
                    .with_label_values(&["read_timeout"])
                    .inc();
                break;
            }
        };
        conn.busy();
        let outcome = api::handle(&broker, frame, &peer, &listener, &mut out).await;
        drop(reservation);
        conn.idle(gate.now_ms());
        match outcome {
            Outcome::Respond(bytes) => {
                let want = bytes.len().clamp(1, RESPONSE_QUEUE_BYTES) as u32;
                let Ok(permit) = queued.clone().acquire_many_owned(want).await else {
                    break;
                };
                if tx.send((bytes, permit)).await.is_err() {
                    break;
                }
            }
            Outcome::NoResponse => {}
            Outcome::Close(reason) => {
                tracing::warn!(%peer, "closing connection: {reason}");
                metrics
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

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test]
    async fn frame_buffer_grows_with_the_bytes_that_arrive() {
        let memory = RequestMemory::new(64 << 20);
        let (mut client, mut server) = tokio::io::duplex(1 << 16);
        // A 100 MiB frame of which only 100 KiB ever arrives.
        let sender = tokio::spawn(async move {
            client.write_all(&vec![7u8; 100 * 1024]).await.unwrap();
            client
        });
        let read = tokio::time::timeout(
            Duration::from_millis(200),
            read_frame(&mut server, 100 << 20, &memory),
        )
        .await;
        assert!(read.is_err(), "the frame is incomplete");
        let _client = sender.await.unwrap();
        // The read was dropped with what it held: everything is back in the pool.
        assert_eq!(memory.available(), 64 << 20);
    }

    #[tokio::test]
    async fn frame_is_read_whole_and_its_memory_held_until_dropped() {
        let memory = RequestMemory::new(1 << 20);
        let (mut client, mut server) = tokio::io::duplex(4096);
        let payload: Vec<u8> = (0..300_000u32).map(|i| i as u8).collect();
        let sent = payload.clone();
        tokio::spawn(async move { client.write_all(&sent).await.unwrap() });
        let (frame, held) = read_frame(&mut server, payload.len(), &memory)
            .await
            .unwrap();
        assert_eq!(&frame[..], &payload[..]);
        assert!(held.bytes() >= payload.len());
        assert!(memory.available() <= (1 << 20) - payload.len());
        drop(held);
        assert_eq!(memory.available(), 1 << 20);
    }

    #[tokio::test]
    async fn closed_peer_mid_frame_is_reported() {
        let memory = RequestMemory::new(1 << 20);
        let (mut client, mut server) = tokio::io::duplex(4096);
        client.write_all(b"abc").await.unwrap();
        drop(client);
        assert_eq!(
            read_frame(&mut server, 10, &memory).await.err(),
            Some(Stop::Closed)
        );
    }
}
