//! Follower fetchers: one task per source broker, replicating many partitions with ordinary
//! Kafka Fetch requests that carry this broker's replica id. Before fetching from a new
//! leader (epoch), a partition truncates whatever diverged, using OffsetForLeaderEpoch.

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use kafka_protocol::error::ResponseError;
use kafka_protocol::messages::fetch_request::{FetchPartition, FetchTopic};
use kafka_protocol::messages::offset_for_leader_epoch_request::{
    OffsetForLeaderPartition, OffsetForLeaderTopic,
};
use kafka_protocol::messages::{
    ApiKey, BrokerId, FetchRequest, FetchResponse, OffsetForLeaderEpochRequest,
    OffsetForLeaderEpochResponse, RequestHeader, ResponseHeader, TopicName,
};
use kafka_protocol::protocol::{Decodable, Encodable, HeaderVersion, StrBytes};

use crate::protocol::{self, Bounded};
use parking_lot::Mutex;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Notify;

use super::{Partition, ReplicaManager};
use crate::config::BrokerConfig;
use crate::log::TopicPartition;

const FETCH_VERSION: i16 = 12;
const EPOCH_VERSION: i16 = 4;

/// A partition this broker follows.
struct Fetching {
    partition: Arc<Partition>,
    leader_epoch: i32,
    /// Truncation against the leader is still to be done for this epoch.
    needs_truncation: bool,
}

struct Fetcher {
    partitions: Mutex<HashMap<TopicPartition, Fetching>>,
    wake: Notify,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

pub struct FetcherManager {
    config: Arc<BrokerConfig>,
    fetchers: Mutex<HashMap<i32, Arc<Fetcher>>>,
    replicas: Mutex<Weak<ReplicaManager>>,
}

impl FetcherManager {
    pub fn new(config: Arc<BrokerConfig>) -> FetcherManager {
        FetcherManager {
            config,
            fetchers: Mutex::new(HashMap::new()),
            replicas: Mutex::new(Weak::new()),
        }
    }

    pub fn attach(&self, replicas: &Arc<ReplicaManager>) {
        *self.replicas.lock() = Arc::downgrade(replicas);
    }

    pub fn contains(&self, tp: &TopicPartition) -> bool {
        self.fetchers
            .lock()
            .values()
            .any(|f| f.partitions.lock().contains_key(tp))
    }

    /// Follows `partition` from `leader` at `leader_epoch` (moving it from another fetcher).
    pub fn add(&self, partition: Arc<Partition>, leader: i32, leader_epoch: i32) {
        let tp = partition.tp.clone();
        self.remove(&tp);
        let mut fetchers = self.fetchers.lock();
        let fetcher = fetchers
            .entry(leader)
            .or_insert_with(|| {
                Arc::new(Fetcher {
                    partitions: Mutex::new(HashMap::new()),
                    wake: Notify::new(),
                    task: Mutex::new(None),
                })
            })
            .clone();
        fetcher.partitions.lock().insert(
            tp,
            Fetching {
                partition,
                leader_epoch,
                needs_truncation: true,
            },
        );
        fetcher.wake.notify_one();
        let mut task = fetcher.task.lock();
        if task.is_none() {
            let replicas = self.replicas.lock().clone();
            let config = self.config.clone();
            let f = fetcher.clone();
            *task = Some(tokio::spawn(run(f, leader, config, replicas)));
        }
    }

    pub fn remove(&self, tp: &TopicPartition) {
        for f in self.fetchers.lock().values() {
            f.partitions.lock().remove(tp);
        }
    }

    pub fn shutdown(&self) {
        for f in self.fetchers.lock().drain() {
            if let Some(t) = f.1.task.lock().take() {
                t.abort();
            }
        }
    }
}

/// A connection to the leader.
struct Link {
    stream: TcpStream,
    correlation: i32,
    client_id: StrBytes,
}

impl Link {
    async fn connect(addr: &str, config: &BrokerConfig) -> std::io::Result<Link> {
        let target = tokio::net::lookup_host(addr)
            .await?
            .next()
            .ok_or_else(|| std::io::Error::other(format!("cannot resolve {addr}")))?;
        let socket = if target.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        if let Some(ip) = config.inter_broker_bind_ip()
            && ip.is_ipv4() == target.is_ipv4()
        {
            socket.bind(std::net::SocketAddr::new(ip, 0))?;
        }
        let timeout = Duration::from_millis(config.controller_request_timeout_ms.max(1000));
        let stream = tokio::time::timeout(timeout, socket.connect(target))
            .await
            .map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out")
            })??;
        stream.set_nodelay(true)?;
        Ok(Link {
            stream,
            correlation: 0,
            client_id: StrBytes::from_string(format!("moldau-replica-{}", config.node_id)),
        })
    }

    async fn send<Req, Resp>(
        &mut self,
        key: ApiKey,
        version: i16,
        req: &Req,
        timeout: Duration,
    ) -> std::io::Result<Resp>
    where
        Req: Encodable + HeaderVersion,
        Resp: Decodable + Bounded + HeaderVersion,
    {
        self.correlation = self.correlation.wrapping_add(1);
        let header = RequestHeader::default()
            .with_request_api_key(key as i16)
            .with_request_api_version(version)
            .with_correlation_id(self.correlation)
            .with_client_id(Some(self.client_id.clone()));
        let mut buf = BytesMut::new();
        buf.put_i32(0);
        header
            .encode(&mut buf, Req::header_version(version))
            .and_then(|_| req.encode(&mut buf, version))
            .map_err(|e| std::io::Error::other(format!("encoding {key:?}: {e}")))?;
        let len = (buf.len() - 4) as i32;
        buf[0..4].copy_from_slice(&len.to_be_bytes());
        let exchange = async {
            self.stream.write_all(&buf).await?;
            let size = self.stream.read_i32().await?;
            if !(0..=256 << 20).contains(&size) {
                return Err(std::io::Error::other(format!("bad response size {size}")));
            }
            // Grown as bytes arrive, not reserved from what the peer declares.
            let mut body = Vec::new();
            (&mut self.stream)
                .take(size as u64)
                .read_to_end(&mut body)
                .await?;
            if body.len() != size as usize {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            Ok(Bytes::from(body))
        };
        let mut body = tokio::time::timeout(timeout, exchange)
            .await
            .map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::TimedOut, "request timed out")
            })??;
        let header = protocol::decode::<ResponseHeader>(&mut body, Resp::header_version(version))
            .map_err(|e| std::io::Error::other(format!("decoding {key:?} header: {e}")))?;
        if header.correlation_id != self.correlation {
            return Err(std::io::Error::other("response out of order"));
        }
        let resp = protocol::decode::<Resp>(&mut body, version)
            .map_err(|e| std::io::Error::other(format!("decoding {key:?}: {e}")))?;
        let _ = body.remaining();
        Ok(resp)
    }
}

fn leader_address(replicas: &ReplicaManager, leader: i32) -> Option<String> {
    let image = replicas.controller()?.image();
    let b = image.brokers.get(&leader)?;
    Some(if b.host.contains(':') {
        format!("[{}]:{}", b.host, b.port)
    } else {
        format!("{}:{}", b.host, b.port)
    })
}

async fn run(
    fetcher: Arc<Fetcher>,
    leader: i32,
    config: Arc<BrokerConfig>,
    replicas: Weak<ReplicaManager>,
) {
    let backoff = Duration::from_millis(config.replica_fetch_backoff_ms.clamp(50, 10_000));
    let mut link: Option<Link> = None;
    loop {
        let Some(rm) = replicas.upgrade() else { return };
        if fetcher.partitions.lock().is_empty() {
            drop(rm);
            link = None;
            fetcher.wake.notified().await;
            continue;
        }
        if link.is_none() {
            let Some(addr) = leader_address(&rm, leader) else {
                drop(rm);
                tokio::time::sleep(backoff).await;
                continue;
            };
            match Link::connect(&addr, &config).await {
                Ok(l) => link = Some(l),
                Err(e) => {
                    tracing::debug!(leader, %addr, error = %e, "cannot reach leader");
                    drop(rm);
                    tokio::time::sleep(backoff).await;
                    continue;
                }
            }
        }
        let Some(l) = link.as_mut() else { continue };
        let result = match truncate_pending(&fetcher, &rm, l, &config).await {
            Ok(()) => fetch_once(&fetcher, &rm, l, &config).await,
            Err(e) => Err(e),
        };
        drop(rm);
        if let Err(e) = result {
            tracing::debug!(leader, error = %e, "replica fetch failed; reconnecting");
            link = None;
            tokio::time::sleep(backoff).await;
        }
    }
}

/// OffsetForLeaderEpoch for partitions that just started following this leader, then
/// truncation to the point where this log and the leader's agree.
async fn truncate_pending(
    fetcher: &Fetcher,
    rm: &ReplicaManager,
    link: &mut Link,
    config: &BrokerConfig,
) -> std::io::Result<()> {
    let pending: Vec<(TopicPartition, Arc<Partition>, i32)> = fetcher
        .partitions
        .lock()
        .iter()
        .filter(|(_, f)| f.needs_truncation)
        .map(|(tp, f)| (tp.clone(), f.partition.clone(), f.leader_epoch))
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    let mut by_topic: HashMap<String, Vec<OffsetForLeaderPartition>> = HashMap::new();
    for (tp, p, epoch) in &pending {
        let latest = p.log.lock().leader_epochs().latest_epoch().unwrap_or(-1);
        by_topic.entry(tp.topic.clone()).or_default().push(
            OffsetForLeaderPartition::default()
                .with_partition(tp.partition)
                .with_current_leader_epoch(*epoch)
                .with_leader_epoch(latest),
        );
    }
    let req = OffsetForLeaderEpochRequest::default()
        .with_replica_id(BrokerId(config.node_id))
        .with_topics(
            by_topic
                .into_iter()
                .map(|(t, parts)| {
                    OffsetForLeaderTopic::default()
                        .with_topic(TopicName(StrBytes::from_string(t)))
                        .with_partitions(parts)
                })
                .collect(),
        );
    let timeout = Duration::from_millis(config.controller_request_timeout_ms.max(1000) * 5);
    let resp: OffsetForLeaderEpochResponse = link
        .send(ApiKey::OffsetForLeaderEpoch, EPOCH_VERSION, &req, timeout)
        .await?;
    for t in resp.topics {
        for r in t.partitions {
            let tp = TopicPartition::new(t.topic.0.to_string(), r.partition);
            let Some((_, p, epoch)) = pending.iter().find(|(x, _, _)| *x == tp) else {
                continue;
            };
            if r.error_code != 0 {
                tracing::debug!(%tp, error = r.error_code, "leader epoch lookup refused; retrying");
                continue;
            }
            let target = {
                let mut log = p.log.lock();
                let leo = log.log_end_offset();
                let target = if r.end_offset < 0 || r.leader_epoch < 0 {
                    // The leader knows nothing of our epochs: keep what is below our high
                    // watermark, which the old ISR had confirmed.
                    p.high_watermark().min(leo)
                } else {
                    // Where our own copy of that epoch ends (unknown: trust the leader's).
                    let (_, ours) = log.leader_epochs().end_offset_for(r.leader_epoch, leo);
                    let ours = if ours < 0 { leo } else { ours };
                    r.end_offset.min(ours).min(leo)
                }
                .max(log.log_start_offset());
                if target < leo {
                    if let Err(e) = log.truncate_to(target) {
                        tracing::error!(%tp, error = %e, "truncation failed");
                        continue;
                    }
                    tracing::info!(%tp, from = leo, to = target, leader_epoch = epoch, "truncated diverging log suffix");
                }
                target
            };
            let hw = p.high_watermark().min(target);
            p.high_watermark
                .store(hw, std::sync::atomic::Ordering::Release);
            if let Some(f) = fetcher.partitions.lock().get_mut(&tp)
                && f.leader_epoch == *epoch
            {
                f.needs_truncation = false;
            }
        }
    }
    let _ = rm;
    Ok(())
}

/// One Fetch round trip for every partition ready to fetch.
async fn fetch_once(
    fetcher: &Fetcher,
    rm: &ReplicaManager,
    link: &mut Link,
    config: &BrokerConfig,
) -> std::io::Result<()> {
    let ready: Vec<(TopicPartition, Arc<Partition>, i32)> = fetcher
        .partitions
        .lock()
        .iter()
        .filter(|(_, f)| !f.needs_truncation)
        .map(|(tp, f)| (tp.clone(), f.partition.clone(), f.leader_epoch))
        .collect();
    if ready.is_empty() {
        tokio::time::sleep(Duration::from_millis(100)).await;
        return Ok(());
    }
    let mut by_topic: HashMap<(String, uuid::Uuid), Vec<FetchPartition>> = HashMap::new();
    for (tp, p, epoch) in &ready {
        let (leo, start) = {
            let log = p.log.lock();
            (log.log_end_offset(), log.log_start_offset())
        };
        by_topic
            .entry((tp.topic.clone(), p.topic_id))
            .or_default()
            .push(
                FetchPartition::default()
                    .with_partition(tp.partition)
                    .with_current_leader_epoch(*epoch)
                    .with_fetch_offset(leo)
                    .with_log_start_offset(start)
                    .with_partition_max_bytes(config.replica_fetch_max_bytes),
            );
    }
    let req = FetchRequest::default()
        .with_replica_id(BrokerId(config.node_id))
        .with_max_wait_ms(config.replica_fetch_wait_max_ms)
        .with_min_bytes(1)
        .with_max_bytes(config.replica_fetch_response_max_bytes)
        .with_session_epoch(-1)
        .with_topics(
            by_topic
                .into_iter()
                .map(|((t, _), parts)| {
                    FetchTopic::default()
                        .with_topic(TopicName(StrBytes::from_string(t)))
                        .with_partitions(parts)
                })
                .collect(),
        );
    let timeout = Duration::from_millis(
        config.replica_fetch_wait_max_ms.max(0) as u64
            + config.controller_request_timeout_ms.max(1000) * 5,
    );
    let resp: FetchResponse = link
        .send(ApiKey::Fetch, FETCH_VERSION, &req, timeout)
        .await?;
    for t in resp.responses {
        for d in t.partitions {
            let tp = TopicPartition::new(t.topic.0.to_string(), d.partition_index);
            let Some((_, p, epoch)) = ready.iter().find(|(x, _, _)| *x == tp) else {
                continue;
            };
            // The partition may have moved on (new leader) while the fetch was out.
            let current = fetcher
                .partitions
                .lock()
                .get(&tp)
                .is_some_and(|f| f.leader_epoch == *epoch && !f.needs_truncation);
            if !current {
                continue;
            }
            match ResponseError::try_from_code(d.error_code) {
                None => {
                    let records = d.records.unwrap_or_default();
                    if let Err(e) = rm.append_as_follower(p, &records, d.high_watermark) {
                        tracing::error!(%tp, error = %e, "appending replicated records failed");
                    }
                }
                Some(ResponseError::OffsetOutOfRange) => {
                    let leo = p.log.lock().log_end_offset();
                    if leo < d.log_start_offset {
                        tracing::info!(%tp, leo, leader_log_start = d.log_start_offset, "follower is behind the leader's log start; starting over there");
                        if let Err(e) = p.log.lock().truncate_fully_and_start_at(d.log_start_offset)
                        {
                            tracing::error!(%tp, error = %e, "resetting the log failed");
                        }
                    } else if let Some(f) = fetcher.partitions.lock().get_mut(&tp) {
                        f.needs_truncation = true;
                    }
                }
                Some(e) => {
                    // NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, ...: wait for the
                    // metadata to say who leads now.
                    tracing::debug!(%tp, error = ?e, "leader refused the fetch");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }
    Ok(())
}
