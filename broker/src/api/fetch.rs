//! Fetch: serves stored batches up to the high watermark, long-polling until `min_bytes` are
//! available or `max_wait_ms` passes. Sessionless (session id 0), as Kafka allows.

use std::time::Duration;

use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::fetch_response::{FetchableTopicResponse, PartitionData};
use kafka_protocol::messages::{FetchRequest, FetchResponse};
use tokio::time::Instant;

use super::RequestContext;
use crate::broker::Broker;
use crate::log::TopicPartition;
use crate::log::batch::BatchHeader;

/// Longest long-poll we honour, whatever the client asks.
const MAX_WAIT_CAP: Duration = Duration::from_secs(60);

pub async fn handle(broker: &Broker, ctx: &RequestContext, req: FetchRequest) -> FetchResponse {
    let wait = Duration::from_millis(req.max_wait_ms.max(0) as u64).min(MAX_WAIT_CAP);
    let deadline = Instant::now() + wait;
    let min_bytes = req.min_bytes.max(0) as usize;
    loop {
        // Register for wake-ups before reading, so an append in between is not missed.
        let notified = broker.replicas.data_arrived();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let (resp, bytes, errors) = read_all(broker, ctx, &req);
        if bytes >= min_bytes.max(1)
            || errors
            || Instant::now() >= deadline
            || (min_bytes == 0 && wait.is_zero())
        {
            return resp;
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

fn read_all(
    broker: &Broker,
    ctx: &RequestContext,
    req: &FetchRequest,
) -> (FetchResponse, usize, bool) {
    // The broker's fetch.max.bytes caps every response (at least one batch is still returned).
    let max_bytes = if req.max_bytes <= 0 {
        usize::MAX
    } else {
        req.max_bytes as usize
    }
    .min(broker.config.fetch_max_bytes);
    let mut total = 0usize;
    let mut errors = false;
    let read_committed = req.isolation_level == 1;
    let mut topics = Vec::with_capacity(req.topics.len());
    for t in &req.topics {
        let name = t.topic.0.to_string();
        let mut partitions = Vec::with_capacity(t.partitions.len());
        for p in &t.partitions {
            let tp = TopicPartition::new(name.clone(), p.partition);
            let limit =
                (p.partition_max_bytes.max(0) as usize).min(max_bytes.saturating_sub(total));
            let mut data = PartitionData::default()
                .with_partition_index(p.partition)
                .with_aborted_transactions(read_committed.then(Vec::new));
            let replica_id = if ctx.version >= 15 {
                req.replica_state.replica_id.0
            } else {
                req.replica_id.0
            };
            let read = if replica_id >= 0 {
                broker.replicas.read_for_follower(
                    &tp,
                    replica_id,
                    p.fetch_offset,
                    limit,
                    p.current_leader_epoch,
                )
            } else {
                broker.replicas.read(
                    &tp,
                    p.fetch_offset,
                    limit,
                    total == 0,
                    p.current_leader_epoch,
                )
            };
            match read {
                Ok(fd) => {
                    if let Some(records) = &fd.records {
                        total += records.len();
                        count_records(broker, &tp, records);
                    }
                    data = data
                        .with_high_watermark(fd.high_watermark)
                        .with_last_stable_offset(fd.high_watermark)
                        .with_log_start_offset(fd.log_start_offset)
                        .with_records(Some(fd.records.unwrap_or_default()));
                }
                Err(e) => {
                    errors = true;
                    super::count_error(broker, ctx, e.code());
                    if e.error != ResponseError::OffsetOutOfRange {
                        tracing::debug!(%tp, error = %e, "fetch error");
                    }
                    // Consumers get Kafka's error partition: no offsets, no records.
                    // Followers (moldau's fetchers) get the leader's
                    // high watermark and log start, which they restart from when they fell
                    // behind it (Kafka's followers ask ListOffsets instead).
                    let (hw, ls) = if replica_id >= 0 {
                        broker
                            .replicas
                            .partition(&tp)
                            .map(|p| (p.high_watermark(), p.log().lock().log_start_offset()))
                            .unwrap_or((-1, -1))
                    } else {
                        (-1, -1)
                    };
                    data = data
                        .with_records(Some(Default::default()))
                        .with_error_code(e.code())
                        .with_high_watermark(hw)
                        .with_last_stable_offset(hw)
                        .with_log_start_offset(ls);
                }
            }
            partitions.push(data);
        }
        topics.push(
            FetchableTopicResponse::default()
                .with_topic(t.topic.clone())
                .with_topic_id(t.topic_id)
                .with_partitions(partitions),
        );
    }
    (
        FetchResponse::default()
            .with_session_id(0)
            .with_responses(topics),
        total,
        errors,
    )
}

fn count_records(broker: &Broker, tp: &TopicPartition, records: &[u8]) {
    let mut pos = 0;
    let mut n = 0u64;
    while let Ok(h) = BatchHeader::parse(&records[pos..]) {
        n += h.records_count.max(0) as u64;
        pos += h.total_size();
        if pos >= records.len() {
            break;
        }
    }
    broker
        .metrics
        .records_out
        .with_label_values(&[&tp.topic])
        .inc_by(n);
}
