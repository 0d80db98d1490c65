//! Broker configuration: Kafka's property names and defaults, read from a properties file and
//! `--override KEY=VALUE` pairs. Unknown keys and invalid values stop start-up with the key named.

pub mod def;
pub mod dynamic;
pub mod topic;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use def::{ConfigKey, ConfigType as T, Validator::*, Values};
pub use topic::LogConfig;

const I64_MAX: &str = "9223372036854775807";

/// Every broker key moldau reads.
pub const BROKER_CONFIGS: &[ConfigKey] = &[
    ConfigKey::new(
        "node.id",
        T::Int,
        Some("1"),
        AtLeast(0),
        "This broker's id.",
    ),
    ConfigKey::new("broker.id", T::Int, None, AtLeast(0), "Alias of node.id."),
    ConfigKey::new(
        "listeners",
        T::List,
        Some("PLAINTEXT://127.0.0.1:9092"),
        Any,
        "Addresses the broker listens on, NAME://HOST:PORT.",
    ),
    ConfigKey::new(
        "advertised.listeners",
        T::List,
        None,
        Any,
        "Addresses given to clients in Metadata; defaults to listeners.",
    ),
    ConfigKey::new(
        "log.dirs",
        T::List,
        None,
        Any,
        "Where partition logs are kept; defaults to log.dir.",
    ),
    ConfigKey::new(
        "log.dir",
        T::String,
        Some("./data"),
        Any,
        "Data directory when log.dirs is unset.",
    ),
    ConfigKey::new(
        "num.partitions",
        T::Int,
        Some("1"),
        AtLeast(1),
        "Partitions of auto-created topics.",
    ),
    ConfigKey::new(
        "default.replication.factor",
        T::Int,
        Some("1"),
        AtLeast(1),
        "Replication factor of auto-created topics.",
    ),
    ConfigKey::new(
        "min.insync.replicas",
        T::Int,
        Some("1"),
        AtLeast(1),
        "Default min.insync.replicas of topics.",
    ),
    ConfigKey::new(
        "auto.create.topics.enable",
        T::Boolean,
        Some("true"),
        Any,
        "Create unknown topics on Metadata and Produce.",
    ),
    ConfigKey::new(
        "delete.topic.enable",
        T::Boolean,
        Some("true"),
        Any,
        "Allow DeleteTopics.",
    ),
    ConfigKey::new(
        "log.retention.hours",
        T::Int,
        Some("168"),
        AtLeast(-1),
        "Retention in hours.",
    ),
    ConfigKey::new(
        "log.retention.minutes",
        T::Int,
        None,
        AtLeast(-1),
        "Retention in minutes (wins over hours).",
    ),
    ConfigKey::new(
        "log.retention.ms",
        T::Long,
        None,
        AtLeast(-1),
        "Retention in ms (wins over minutes).",
    ),
    ConfigKey::new(
        "log.retention.bytes",
        T::Long,
        Some("-1"),
        AtLeast(-1),
        "Retention by size per partition.",
    ),
    ConfigKey::new(
        "log.segment.bytes",
        T::Int,
        Some("1073741824"),
        AtLeast(14),
        "Segment size.",
    ),
    ConfigKey::new(
        "log.roll.hours",
        T::Int,
        Some("168"),
        AtLeast(1),
        "Segment age at which it is rolled, in hours.",
    ),
    ConfigKey::new(
        "log.roll.ms",
        T::Long,
        None,
        AtLeast(1),
        "Segment age at which it is rolled, in ms.",
    ),
    ConfigKey::new(
        "log.retention.check.interval.ms",
        T::Long,
        Some("300000"),
        AtLeast(1),
        "How often retention runs.",
    ),
    ConfigKey::new(
        "log.index.interval.bytes",
        T::Int,
        Some("4096"),
        AtLeast(0),
        "Bytes between offset index entries.",
    ),
    ConfigKey::new(
        "log.index.size.max.bytes",
        T::Int,
        Some("10485760"),
        AtLeast(8),
        "Largest offset index of a segment.",
    ),
    ConfigKey::new(
        "log.flush.interval.messages",
        T::Long,
        Some(I64_MAX),
        AtLeast(1),
        "Fsync after this many messages.",
    ),
    ConfigKey::new(
        "log.flush.interval.ms",
        T::Long,
        None,
        AtLeast(0),
        "Fsync when unflushed data is this old.",
    ),
    ConfigKey::new(
        "log.flush.scheduler.interval.ms",
        T::Long,
        Some(I64_MAX),
        AtLeast(0),
        "Default of log.flush.interval.ms.",
    ),
    ConfigKey::new(
        "log.flush.offset.checkpoint.interval.ms",
        T::Int,
        Some("60000"),
        AtLeast(0),
        "How often the recovery point is checkpointed.",
    ),
    ConfigKey::new(
        "log.cleanup.policy",
        T::List,
        Some("delete"),
        ListOf(&["delete", "compact"]),
        "Default cleanup.policy.",
    ),
    ConfigKey::new(
        "log.cleaner.enable",
        T::Boolean,
        Some("true"),
        Any,
        "Run compaction.",
    ),
    ConfigKey::new(
        "log.cleaner.backoff.ms",
        T::Long,
        Some("15000"),
        AtLeast(0),
        "Sleep between compaction passes.",
    ),
    ConfigKey::new(
        "log.cleaner.min.cleanable.ratio",
        T::Double,
        Some("0.5"),
        Between(0.0, 1.0),
        "Default min.cleanable.dirty.ratio.",
    ),
    ConfigKey::new(
        "log.cleaner.delete.retention.ms",
        T::Long,
        Some("86400000"),
        AtLeast(0),
        "Default delete.retention.ms.",
    ),
    ConfigKey::new(
        "log.cleaner.min.compaction.lag.ms",
        T::Long,
        Some("0"),
        AtLeast(0),
        "Default min.compaction.lag.ms.",
    ),
    ConfigKey::new(
        "log.cleaner.max.compaction.lag.ms",
        T::Long,
        Some(I64_MAX),
        AtLeast(1),
        "Default max.compaction.lag.ms.",
    ),
    ConfigKey::new(
        "log.segment.delete.delay.ms",
        T::Long,
        Some("60000"),
        AtLeast(0),
        "Default file.delete.delay.ms.",
    ),
    ConfigKey::new(
        "log.message.timestamp.type",
        T::String,
        Some("CreateTime"),
        OneOf(&["CreateTime", "LogAppendTime"]),
        "Default message.timestamp.type.",
    ),
    ConfigKey::new(
        "log.message.timestamp.before.max.ms",
        T::Long,
        Some(I64_MAX),
        AtLeast(0),
        "Default message.timestamp.before.max.ms.",
    ),
    ConfigKey::new(
        "log.message.timestamp.after.max.ms",
        T::Long,
        Some("3600000"),
        AtLeast(0),
        "Default message.timestamp.after.max.ms.",
    ),
    ConfigKey::new(
        "compression.type",
        T::String,
        Some("producer"),
        OneOf(&["producer"]),
        "Default compression.type.",
    ),
    ConfigKey::new(
        "unclean.leader.election.enable",
        T::Boolean,
        Some("false"),
        Any,
        "Default unclean.leader.election.enable.",
    ),
    ConfigKey::new(
        "message.max.bytes",
        T::Int,
        Some("1048588"),
        AtLeast(0),
        "Default max.message.bytes.",
    ),
    ConfigKey::new(
        "fetch.max.bytes",
        T::Int,
        Some("4194304"),
        AtLeast(1024),
        "Most bytes one fetch response carries (at least one batch is always returned). Kafka's default is 55 MiB; moldau's 4 MiB keeps clients from allocating huge receive buffers, which measured ~1.6x faster 8-partition consumption.",
    ),
    ConfigKey::new(
        "socket.request.max.bytes",
        T::Int,
        Some("104857600"),
        AtLeast(1),
        "Largest request frame accepted.",
    ),
    ConfigKey::new(
        "max.partitions.per.request",
        T::Long,
        Some("100000"),
        AtLeast(1),
        "Most partitions one CreateTopics or CreatePartitions request may create (moldau; Kafka caps one operation at 10000 records).",
    ),
    ConfigKey::new(
        "max.replicas.per.request",
        T::Long,
        Some("300000"),
        AtLeast(1),
        "Most replicas (partitions x replication factor) one CreateTopics or CreatePartitions request may create (moldau).",
    ),
    ConfigKey::new(
        "connections.max.idle.ms",
        T::Long,
        Some("600000"),
        AtLeast(1),
        "Idle connections are closed after this.",
    ),
    ConfigKey::new(
        "max.connections",
        T::Int,
        Some("2147483647"),
        AtLeast(1),
        "Most client connections across all listeners; at the limit a new connection closes the least recently active idle connection of the source holding the most, or is refused. Never more than the file-descriptor limit leaves room for.",
    ),
    ConfigKey::new(
        "max.connections.per.ip",
        T::Int,
        Some("2147483647"),
        AtLeast(0),
        "Most client connections from one source address; more are closed at once.",
    ),
    ConfigKey::new(
        "max.connections.per.ip.overrides",
        T::String,
        Some(""),
        Any,
        "Per-address (or host name) limits overriding max.connections.per.ip: host:count,...",
    ),
    ConfigKey::new(
        "queued.max.request.bytes",
        T::Long,
        Some("536870912"),
        AtLeast(-1),
        "Bytes of request frames read and not yet handled, across the broker; at the limit connections stop reading (-1: no limit; never below socket.request.max.bytes). Kafka's default is -1.",
    ),
    ConfigKey::new(
        "request.read.timeout.ms",
        T::Long,
        Some("30000"),
        AtLeast(1),
        "A request whose bytes have not all arrived this long after its size prefix closes its connection (moldau).",
    ),
    ConfigKey::new(
        "offsets.topic.num.partitions",
        T::Int,
        Some("50"),
        AtLeast(1),
        "Partitions of __consumer_offsets.",
    ),
    ConfigKey::new(
        "offsets.topic.replication.factor",
        T::Int,
        Some("3"),
        AtLeast(1),
        "Replication factor of __consumer_offsets (capped at the broker count).",
    ),
    ConfigKey::new(
        "offsets.topic.segment.bytes",
        T::Int,
        Some("104857600"),
        AtLeast(1),
        "Segment size of __consumer_offsets.",
    ),
    ConfigKey::new(
        "offsets.retention.minutes",
        T::Int,
        Some("10080"),
        AtLeast(1),
        "Committed offsets of empty groups expire after this.",
    ),
    ConfigKey::new(
        "offsets.retention.check.interval.ms",
        T::Long,
        Some("600000"),
        AtLeast(1),
        "How often expired offsets are removed.",
    ),
    ConfigKey::new(
        "offset.metadata.max.bytes",
        T::Int,
        Some("4096"),
        AtLeast(0),
        "Largest metadata string of a committed offset.",
    ),
    ConfigKey::new(
        "group.initial.rebalance.delay.ms",
        T::Int,
        Some("3000"),
        AtLeast(0),
        "Wait for more members before the first rebalance of an empty group.",
    ),
    ConfigKey::new(
        "group.min.session.timeout.ms",
        T::Int,
        Some("6000"),
        AtLeast(0),
        "Smallest session timeout a member may ask for.",
    ),
    ConfigKey::new(
        "group.max.session.timeout.ms",
        T::Int,
        Some("1800000"),
        AtLeast(0),
        "Largest session timeout a member may ask for.",
    ),
    ConfigKey::new(
        "group.max.size",
        T::Int,
        Some("2147483647"),
        AtLeast(1),
        "Most members in one group.",
    ),
    ConfigKey::new(
        "transaction.max.timeout.ms",
        T::Int,
        Some("900000"),
        AtLeast(1),
        "Largest transaction timeout InitProducerId accepts.",
    ),
    ConfigKey::new(
        "producer.id.expiration.ms",
        T::Int,
        Some("86400000"),
        AtLeast(1),
        "Idle producer ids are forgotten after this.",
    ),
    ConfigKey::new(
        "offsets.commit.timeout.ms",
        T::Int,
        Some("5000"),
        AtLeast(1),
        "How long an offset commit waits for the offsets partition's in-sync replicas.",
    ),
    ConfigKey::new(
        "process.roles",
        T::List,
        Some("broker,controller"),
        Any,
        "KRaft roles of this node: broker and controller (combined mode). Unset: broker,controller when controller.quorum.voters lists this node (or is empty), else broker.",
    ),
    ConfigKey::new(
        "controller.quorum.voters",
        T::List,
        Some(""),
        Any,
        "The metadata quorum: id@host:port of every controller (empty: this node alone).",
    ),
    ConfigKey::new(
        "controller.listener.names",
        T::List,
        Some("CONTROLLER"),
        Any,
        "Listeners that serve the control plane (gRPC) instead of Kafka clients.",
    ),
    ConfigKey::new(
        "listener.security.protocol.map",
        T::List,
        Some("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Any,
        "Listener name to security protocol (only PLAINTEXT is supported).",
    ),
    ConfigKey::new(
        "inter.broker.listener.name",
        T::String,
        None,
        Any,
        "Listener other brokers use to replicate (default: the first client listener).",
    ),
    ConfigKey::new(
        "controller.quorum.election.timeout.ms",
        T::Int,
        Some("1000"),
        AtLeast(10),
        "Raft election timeout (randomised up to twice this).",
    ),
    ConfigKey::new(
        "controller.quorum.request.timeout.ms",
        T::Int,
        Some("2000"),
        AtLeast(10),
        "Timeout of a request to the quorum or the active controller.",
    ),
    ConfigKey::new(
        "broker.session.timeout.ms",
        T::Int,
        Some("9000"),
        AtLeast(10),
        "A broker that has not heartbeated for this long is fenced.",
    ),
    ConfigKey::new(
        "broker.heartbeat.interval.ms",
        T::Int,
        Some("2000"),
        AtLeast(10),
        "How often a broker heartbeats to the active controller.",
    ),
    ConfigKey::new(
        "replica.lag.time.max.ms",
        T::Long,
        Some("30000"),
        AtLeast(1),
        "A follower not caught up for this long leaves the ISR.",
    ),
    ConfigKey::new(
        "replica.fetch.max.bytes",
        T::Int,
        Some("1048576"),
        AtLeast(0),
        "Bytes a follower fetches per partition per request.",
    ),
    ConfigKey::new(
        "replica.fetch.response.max.bytes",
        T::Int,
        Some("10485760"),
        AtLeast(0),
        "Bytes a follower fetches per request.",
    ),
    ConfigKey::new(
        "replica.fetch.wait.max.ms",
        T::Int,
        Some("500"),
        AtLeast(0),
        "How long a follower's fetch waits at the leader for new data.",
    ),
    ConfigKey::new(
        "replica.fetch.backoff.ms",
        T::Int,
        Some("1000"),
        AtLeast(0),
        "Pause after a failed follower fetch.",
    ),
    ConfigKey::new(
        "replica.high.watermark.checkpoint.interval.ms",
        T::Long,
        Some("5000"),
        AtLeast(1),
        "How often high watermarks are written to replication-offset-checkpoint.",
    ),
    ConfigKey::new(
        "auto.leader.rebalance.enable",
        T::Boolean,
        Some("true"),
        Any,
        "Move leadership back to preferred replicas in the background.",
    ),
    ConfigKey::new(
        "leader.imbalance.check.interval.seconds",
        T::Long,
        Some("300"),
        AtLeast(1),
        "How often the controller checks leader balance.",
    ),
    ConfigKey::new(
        "leader.imbalance.per.broker.percentage",
        T::Int,
        Some("10"),
        AtLeast(0),
        "Imbalance (percent of a broker's preferred partitions it does not lead) that triggers a rebalance.",
    ),
    ConfigKey::new(
        "broker.rack",
        T::String,
        None,
        Any,
        "Rack of this broker, for rack-aware replica placement.",
    ),
    ConfigKey::new(
        "controlled.shutdown.enable",
        T::Boolean,
        Some("true"),
        Any,
        "On SIGTERM, move leadership away before stopping.",
    ),
    ConfigKey::new(
        "controlled.shutdown.timeout.ms",
        T::Long,
        Some("30000"),
        AtLeast(0),
        "moldau: how long a controlled shutdown waits for leadership to move.",
    ),
    ConfigKey::new(
        "metrics.listener",
        T::String,
        Some(""),
        Any,
        "moldau: HOST:PORT of the Prometheus /metrics endpoint (empty: off).",
    ),
];

/// Keys of Kafka's sample server.properties that have no meaning in moldau: accepted with a
/// warning so an existing file works, never silently honoured.
const IGNORED_KAFKA_KEYS: &[&str] = &[
    "num.network.threads",
    "num.io.threads",
    "socket.send.buffer.bytes",
    "socket.receive.buffer.bytes",
    "num.recovery.threads.per.data.dir",
    "num.replica.fetchers",
    // One request per connection is handled at a time (Kafka mutes a connection while its
    // request is in flight too) and request memory is bounded by queued.max.request.bytes.
    "queued.max.requests",
    "log.preallocate",
    "log.cleaner.threads",
    "transaction.state.log.replication.factor",
    "transaction.state.log.min.isr",
    "share.coordinator.state.topic.replication.factor",
    "share.coordinator.state.topic.min.isr",
];

/// Parses `controller.quorum.voters`: `id@host:port,...`.
fn parse_voters(value: &str) -> Result<BTreeMap<i32, String>, ConfigError> {
    let mut out = BTreeMap::new();
    for v in def::split_list(value) {
        let bad = |why: &str| {
            ConfigError::Invalid(format!(
                "invalid entry {v:?} in controller.quorum.voters: {why} (expected id@host:port)"
            ))
        };
        let (id, addr) = v.split_once('@').ok_or_else(|| bad("missing '@'"))?;
        let id: i32 = id
            .trim()
            .parse()
            .map_err(|_| bad("the id is not a number"))?;
        let (host, port) = addr.rsplit_once(':').ok_or_else(|| bad("missing :port"))?;
        if host.is_empty() {
            return Err(bad("missing host"));
        }
        port.parse::<u16>()
            .map_err(|_| bad("the port is not a number"))?;
        if out.insert(id, addr.to_string()).is_some() {
            return Err(bad("the id appears twice"));
        }
    }
    Ok(out)
}

/// Parses `max.connections.per.ip.overrides`: `host:count,...`, each host an address or a name
/// (resolved now; every address it resolves to gets the limit).
fn parse_ip_overrides(
    value: &str,
) -> Result<std::collections::HashMap<std::net::IpAddr, usize>, ConfigError> {
    use std::net::ToSocketAddrs;
    let mut out = std::collections::HashMap::new();
    for e in def::split_list(value) {
        let bad = |why: String| {
            ConfigError::Invalid(format!(
                "invalid entry {e:?} in max.connections.per.ip.overrides: {why} (expected host:count)"
            ))
        };
        let (host, count) = e
            .rsplit_once(':')
            .ok_or_else(|| bad("missing :count".into()))?;
        let count: usize = count
            .trim()
            .parse()
            .map_err(|_| bad("the count is not a number".into()))?;
        let host = host.trim().trim_start_matches('[').trim_end_matches(']');
        let ips: Vec<std::net::IpAddr> = match host.parse() {
            Ok(ip) => vec![ip],
            Err(_) => (host, 0)
                .to_socket_addrs()
                .map_err(|err| bad(format!("cannot resolve {host:?}: {err}")))?
                .map(|a| a.ip())
                .collect(),
        };
        for ip in ips {
            out.insert(crate::server::limits::canonical(ip), count);
        }
    }
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown configuration key {0:?}")]
    UnknownKey(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A listener: name, host, port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    pub name: String,
    pub host: String,
    pub port: u16,
}

impl Listener {
    fn parse(key: &str, spec: &str) -> Result<Listener, ConfigError> {
        let bad =
            |why: &str| ConfigError::Invalid(format!("invalid value {spec:?} for {key}: {why}"));
        let (name, rest) = spec
            .split_once("://")
            .ok_or_else(|| bad("expected NAME://HOST:PORT"))?;
        let (host, port) = rest.rsplit_once(':').ok_or_else(|| bad("missing :PORT"))?;
        let port = port
            .parse::<u16>()
            .map_err(|_| bad("port must be 0-65535"))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        Ok(Listener {
            name: name.to_string(),
            host: host.to_string(),
            port,
        })
    }

    pub fn bind_addr(&self) -> String {
        let host = if self.host.is_empty() {
            "0.0.0.0"
        } else {
            &self.host
        };
        if host.contains(':') {
            format!("[{host}]:{}", self.port)
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

/// The validated broker configuration.
#[derive(Debug, Clone)]
pub struct BrokerConfig {
    /// Explicitly set keys and values, as given.
    raw: BTreeMap<String, String>,
    pub node_id: i32,
    pub listeners: Vec<Listener>,
    pub advertised_listeners: Vec<Listener>,
    pub log_dirs: Vec<PathBuf>,
    pub num_partitions: i32,
    pub default_replication_factor: i32,
    pub auto_create_topics: bool,
    pub delete_topic_enable: bool,
    pub retention_check_interval_ms: u64,
    pub recovery_checkpoint_interval_ms: u64,
    pub cleaner_enable: bool,
    pub cleaner_backoff_ms: u64,
    pub socket_request_max_bytes: usize,
    pub fetch_max_bytes: usize,
    pub connections_max_idle_ms: u64,
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    pub max_connections_per_ip_overrides: std::collections::HashMap<std::net::IpAddr, usize>,
    pub queued_max_request_bytes: usize,
    pub request_read_timeout_ms: u64,
    pub max_partitions_per_request: i64,
    pub max_replicas_per_request: i64,
    pub offsets_topic_num_partitions: i32,
    pub offsets_topic_replication_factor: i32,
    pub offsets_topic_segment_bytes: i32,
    pub offsets_retention_ms: i64,
    pub offsets_retention_check_interval_ms: u64,
    pub offset_metadata_max_bytes: usize,
    pub group_initial_rebalance_delay_ms: u64,
    pub group_min_session_timeout_ms: i32,
    pub group_max_session_timeout_ms: i32,
    pub group_max_size: usize,
    pub transaction_max_timeout_ms: i32,
    pub producer_id_expiration_ms: i64,
    pub metrics_listener: Option<SocketAddr>,
    /// Listeners serving the control plane (gRPC), taken out of `listeners`.
    pub controller_listeners: Vec<Listener>,
    /// process.roles includes controller: a voter of the metadata quorum.
    pub is_voter: bool,
    pub offsets_commit_timeout_ms: u64,
    pub inter_broker_listener: String,
    pub voters: BTreeMap<i32, String>,
    pub controller_election_timeout_ms: u64,
    pub controller_request_timeout_ms: u64,
    pub broker_session_timeout_ms: u64,
    pub broker_heartbeat_interval_ms: u64,
    pub replica_lag_time_max_ms: u64,
    pub replica_fetch_max_bytes: i32,
    pub replica_fetch_response_max_bytes: i32,
    pub replica_fetch_wait_max_ms: i32,
    pub replica_fetch_backoff_ms: u64,
    pub hw_checkpoint_interval_ms: u64,
    pub min_insync_replicas: i32,
    pub unclean_leader_election: bool,
    pub auto_leader_rebalance: bool,
    pub leader_imbalance_check_interval_s: u64,
    pub leader_imbalance_per_broker_percentage: i32,
    pub broker_rack: Option<String>,
    pub controlled_shutdown: bool,
    pub controlled_shutdown_timeout_ms: u64,
}

fn key_def(name: &str) -> Option<&'static ConfigKey> {
    BROKER_CONFIGS.iter().find(|k| k.name == name)
}

impl BrokerConfig {
    /// The single-node development defaults.
    pub fn default_config() -> BrokerConfig {
        // The defaults are valid by construction; an empty map cannot fail validation.
        match BrokerConfig::from_map(BTreeMap::new()) {
            Ok(c) => c,
            Err(e) => unreachable!("built-in defaults are invalid: {e}"),
        }
    }

    /// Loads the `--config FILE`s in order (a later file's keys win) and applies
    /// `--override KEY=VALUE` pairs on top.
    pub fn load(files: &[PathBuf], overrides: &[String]) -> Result<BrokerConfig, ConfigError> {
        let mut map = BTreeMap::new();
        for path in files {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            map.extend(parse_properties(&text));
        }
        for o in overrides {
            let (k, v) = o.split_once('=').ok_or_else(|| {
                ConfigError::Invalid(format!("--override {o:?} must have the form KEY=VALUE"))
            })?;
            map.insert(k.trim().to_string(), v.trim().to_string());
        }
        BrokerConfig::from_map(map)
    }

    pub fn from_map(mut map: BTreeMap<String, String>) -> Result<BrokerConfig, ConfigError> {
        for key in IGNORED_KAFKA_KEYS {
            if map.remove(*key).is_some() {
                tracing::warn!(key, "configuration key has no effect in moldau; ignored");
            }
        }
        for (k, v) in &map {
            let def = key_def(k).ok_or_else(|| ConfigError::UnknownKey(k.clone()))?;
            def.validate(v).map_err(ConfigError::Invalid)?;
        }
        let v = Values {
            defs: BROKER_CONFIGS,
            map: &map,
        };
        let req_i = |k: &str| v.int(k).unwrap_or_default();
        let req_l = |k: &str| v.long(k).unwrap_or_default();
        let listeners = def::split_list(&v.string("listeners").unwrap_or_default())
            .iter()
            .map(|s| Listener::parse("listeners", s))
            .collect::<Result<Vec<_>, _>>()?;
        if listeners.is_empty() {
            return Err(ConfigError::Invalid(
                "listeners must name at least one listener".into(),
            ));
        }
        let controller_names =
            def::split_list(&v.string("controller.listener.names").unwrap_or_default());
        let protocols: BTreeMap<String, String> = def::split_list(
            &v.string("listener.security.protocol.map")
                .unwrap_or_default(),
        )
        .iter()
        .map(|e| match e.split_once(':') {
            Some((n, p)) => Ok((n.to_string(), p.to_string())),
            None => Err(ConfigError::Invalid(format!(
                "invalid value {e:?} in listener.security.protocol.map: expected NAME:PROTOCOL"
            ))),
        })
        .collect::<Result<_, _>>()?;
        for l in &listeners {
            match protocols.get(&l.name).map(String::as_str) {
                Some("PLAINTEXT") => {}
                None if l.name == "PLAINTEXT" => {}
                Some(other) => {
                    return Err(ConfigError::Invalid(format!(
                        "listener {:?} uses security protocol {other}; moldau supports only PLAINTEXT (listener.security.protocol.map)",
                        l.name
                    )));
                }
                None => {
                    return Err(ConfigError::Invalid(format!(
                        "listener {:?} has no entry in listener.security.protocol.map",
                        l.name
                    )));
                }
            }
        }
        let (controller_listeners, listeners): (Vec<Listener>, Vec<Listener>) = listeners
            .into_iter()
            .partition(|l| controller_names.contains(&l.name));
        if listeners.is_empty() {
            return Err(ConfigError::Invalid(
                "listeners must name at least one listener for Kafka clients (besides controller.listener.names)".into(),
            ));
        }
        // Unset, process.roles follows controller.quorum.voters: a node they list is a
        // controller too (combined mode), any other a broker only. One pod template can then
        // serve every broker of a cluster (voters and the brokers past them).
        let roles_given = v.is_set("process.roles");
        let listed_as_voter = {
            let id = v
                .int("broker.id")
                .filter(|_| v.is_set("broker.id"))
                .unwrap_or(req_i("node.id"));
            let voters = parse_voters(&v.string("controller.quorum.voters").unwrap_or_default())?;
            voters.is_empty() || voters.contains_key(&id)
        };
        let roles = if roles_given || listed_as_voter {
            def::split_list(&v.string("process.roles").unwrap_or_default())
        } else {
            vec!["broker".to_string()]
        };
        if let Some(r) = roles.iter().find(|r| *r != "broker" && *r != "controller") {
            return Err(ConfigError::Invalid(format!(
                "invalid value {r:?} in process.roles: allowed roles are broker and controller"
            )));
        }
        if !roles.iter().any(|r| r == "broker") {
            return Err(ConfigError::Invalid(
                "process.roles: controller-only nodes are not supported; every node is a broker (process.roles=broker,controller or broker)".into(),
            ));
        }
        let is_voter = roles.iter().any(|r| r == "controller");
        let advertised_listeners = match v.raw("advertised.listeners") {
            Some(s) => def::split_list(&s)
                .iter()
                .map(|s| Listener::parse("advertised.listeners", s))
                .collect::<Result<Vec<_>, _>>()?,
            None => listeners.clone(),
        };
        for a in &advertised_listeners {
            if a.host.is_empty() || a.host == "0.0.0.0" || a.host == "::" {
                return Err(ConfigError::Invalid(format!(
                    "advertised.listeners: {:?} has no routable host (clients cannot connect to {:?}); set advertised.listeners to an address clients reach",
                    a.name, a.host
                )));
            }
            if !listeners.iter().any(|l| l.name == a.name) {
                return Err(ConfigError::Invalid(format!(
                    "advertised.listeners names listener {:?}, which is not in listeners",
                    a.name
                )));
            }
        }
        let log_dirs: Vec<PathBuf> = match v.raw("log.dirs") {
            Some(s) => def::split_list(&s).into_iter().map(PathBuf::from).collect(),
            None => vec![PathBuf::from(
                v.string("log.dir").unwrap_or_else(|| "./data".into()),
            )],
        };
        if log_dirs.len() != 1 {
            return Err(ConfigError::Invalid(
                "log.dirs: moldau keeps all partitions in one directory; give exactly one".into(),
            ));
        }
        let metrics_listener = match v.string("metrics.listener").filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(s.parse::<SocketAddr>().map_err(|_| {
                ConfigError::Invalid(format!("invalid value {s:?} for metrics.listener: expected HOST:PORT with a numeric host"))
            })?),
        };
        let node_id = v
            .int("broker.id")
            .filter(|_| v.is_set("broker.id"))
            .unwrap_or(req_i("node.id"));
        let voters = parse_voters(&v.string("controller.quorum.voters").unwrap_or_default())?;
        if !is_voter && voters.is_empty() {
            return Err(ConfigError::Invalid(
                "process.roles=broker needs controller.quorum.voters: the controllers this broker gets its metadata from".into(),
            ));
        }
        if !voters.is_empty() {
            if is_voter && !voters.contains_key(&node_id) {
                return Err(ConfigError::Invalid(format!(
                    "controller.quorum.voters does not list this node (node.id={node_id}), but process.roles includes controller"
                )));
            }
            if !is_voter && voters.contains_key(&node_id) {
                return Err(ConfigError::Invalid(format!(
                    "controller.quorum.voters lists this node (node.id={node_id}), but process.roles has no controller"
                )));
            }
            // A broker-only node also needs a controller listener: the active controller
            // pushes the metadata log to it (it is a Raft learner).
            if controller_listeners.is_empty() {
                return Err(ConfigError::Invalid(
                    "controller.quorum.voters is set but listeners has no controller listener (one named in controller.listener.names, e.g. CONTROLLER://HOST:9093)".into(),
                ));
            }
        }
        let inter_broker_listener = v
            .string("inter.broker.listener.name")
            .unwrap_or_else(|| listeners[0].name.clone());
        if !advertised_listeners
            .iter()
            .any(|l| l.name == inter_broker_listener)
        {
            return Err(ConfigError::Invalid(format!(
                "inter.broker.listener.name {inter_broker_listener:?} is not an advertised client listener"
            )));
        }
        let min_session = req_i("group.min.session.timeout.ms");
        let max_session = req_i("group.max.session.timeout.ms");
        if min_session > max_session {
            return Err(ConfigError::Invalid(
                "group.min.session.timeout.ms must not exceed group.max.session.timeout.ms".into(),
            ));
        }
        let cfg = BrokerConfig {
            node_id,
            listeners,
            advertised_listeners,
            log_dirs,
            num_partitions: req_i("num.partitions"),
            default_replication_factor: req_i("default.replication.factor"),
            auto_create_topics: v.boolean("auto.create.topics.enable").unwrap_or(true),
            delete_topic_enable: v.boolean("delete.topic.enable").unwrap_or(true),
            retention_check_interval_ms: req_l("log.retention.check.interval.ms") as u64,
            recovery_checkpoint_interval_ms: req_i("log.flush.offset.checkpoint.interval.ms")
                as u64,
            cleaner_enable: v.boolean("log.cleaner.enable").unwrap_or(true),
            cleaner_backoff_ms: req_l("log.cleaner.backoff.ms") as u64,
            socket_request_max_bytes: req_i("socket.request.max.bytes") as usize,
            fetch_max_bytes: req_i("fetch.max.bytes") as usize,
            connections_max_idle_ms: req_l("connections.max.idle.ms") as u64,
            max_connections: req_i("max.connections") as usize,
            max_connections_per_ip: req_i("max.connections.per.ip") as usize,
            max_connections_per_ip_overrides: parse_ip_overrides(
                &v.string("max.connections.per.ip.overrides")
                    .unwrap_or_default(),
            )?,
            queued_max_request_bytes: match req_l("queued.max.request.bytes") {
                -1 => usize::MAX,
                n => (n as usize).max(req_i("socket.request.max.bytes") as usize),
            },
            request_read_timeout_ms: req_l("request.read.timeout.ms") as u64,
            max_partitions_per_request: req_l("max.partitions.per.request"),
            max_replicas_per_request: req_l("max.replicas.per.request"),
            offsets_topic_num_partitions: req_i("offsets.topic.num.partitions"),
            offsets_topic_replication_factor: req_i("offsets.topic.replication.factor"),
            offsets_topic_segment_bytes: req_i("offsets.topic.segment.bytes"),
            offsets_retention_ms: req_i("offsets.retention.minutes") as i64 * 60_000,
            offsets_retention_check_interval_ms: req_l("offsets.retention.check.interval.ms")
                as u64,
            offset_metadata_max_bytes: req_i("offset.metadata.max.bytes") as usize,
            group_initial_rebalance_delay_ms: req_i("group.initial.rebalance.delay.ms") as u64,
            group_min_session_timeout_ms: min_session,
            group_max_session_timeout_ms: max_session,
            group_max_size: req_i("group.max.size") as usize,
            transaction_max_timeout_ms: req_i("transaction.max.timeout.ms"),
            producer_id_expiration_ms: req_i("producer.id.expiration.ms") as i64,
            metrics_listener,
            controller_listeners,
            is_voter,
            offsets_commit_timeout_ms: req_i("offsets.commit.timeout.ms") as u64,
            inter_broker_listener,
            voters,
            controller_election_timeout_ms: req_i("controller.quorum.election.timeout.ms") as u64,
            controller_request_timeout_ms: req_i("controller.quorum.request.timeout.ms") as u64,
            broker_session_timeout_ms: req_i("broker.session.timeout.ms") as u64,
            broker_heartbeat_interval_ms: req_i("broker.heartbeat.interval.ms") as u64,
            replica_lag_time_max_ms: req_l("replica.lag.time.max.ms") as u64,
            replica_fetch_max_bytes: req_i("replica.fetch.max.bytes"),
            replica_fetch_response_max_bytes: req_i("replica.fetch.response.max.bytes"),
            replica_fetch_wait_max_ms: req_i("replica.fetch.wait.max.ms"),
            replica_fetch_backoff_ms: req_i("replica.fetch.backoff.ms") as u64,
            hw_checkpoint_interval_ms: req_l("replica.high.watermark.checkpoint.interval.ms")
                as u64,
            min_insync_replicas: req_i("min.insync.replicas"),
            unclean_leader_election: v.boolean("unclean.leader.election.enable").unwrap_or(false),
            auto_leader_rebalance: v.boolean("auto.leader.rebalance.enable").unwrap_or(true),
            leader_imbalance_check_interval_s: req_l("leader.imbalance.check.interval.seconds")
                as u64,
            leader_imbalance_per_broker_percentage: req_i("leader.imbalance.per.broker.percentage"),
            broker_rack: v.string("broker.rack").filter(|r| !r.is_empty()),
            controlled_shutdown: v.boolean("controlled.shutdown.enable").unwrap_or(true),
            controlled_shutdown_timeout_ms: req_l("controlled.shutdown.timeout.ms") as u64,
            raw: map,
        };
        Ok(cfg)
    }

    /// Voter id → controller address; this node alone when none are configured.
    pub fn quorum_voters(&self) -> BTreeMap<i32, String> {
        if self.voters.is_empty() {
            let addr = self
                .controller_listeners
                .first()
                .map(|l| l.bind_addr())
                .unwrap_or_else(|| "127.0.0.1:0".into());
            BTreeMap::from([(self.node_id, addr)])
        } else {
            self.voters.clone()
        }
    }

    /// The IP this node's control-plane connections leave from (its controller listener's).
    pub fn controller_bind_ip(&self) -> Option<std::net::IpAddr> {
        self.controller_listeners
            .first()
            .and_then(|l| l.host.parse::<std::net::IpAddr>().ok())
            .filter(|ip| !ip.is_unspecified())
    }

    /// The IP this node's replica fetchers connect from (its inter-broker listener's).
    pub fn inter_broker_bind_ip(&self) -> Option<std::net::IpAddr> {
        self.listeners
            .iter()
            .find(|l| l.name == self.inter_broker_listener)
            .and_then(|l| l.host.parse::<std::net::IpAddr>().ok())
            .filter(|ip| !ip.is_unspecified())
    }

    /// The data directory.
    pub fn log_dir(&self) -> &Path {
        &self.log_dirs[0]
    }

    /// Whether the user set this key.
    pub fn is_explicit(&self, key: &str) -> bool {
        match key {
            "log.retention.ms" => [
                "log.retention.ms",
                "log.retention.minutes",
                "log.retention.hours",
            ]
            .iter()
            .any(|k| self.raw.contains_key(*k)),
            "log.roll.ms" => ["log.roll.ms", "log.roll.hours"]
                .iter()
                .any(|k| self.raw.contains_key(*k)),
            "log.flush.interval.ms" => ["log.flush.interval.ms", "log.flush.scheduler.interval.ms"]
                .iter()
                .any(|k| self.raw.contains_key(*k)),
            _ => self.raw.contains_key(key),
        }
    }

    /// The value of `key` as given in server.properties or --override, if it was.
    pub fn explicit_value(&self, key: &str) -> Option<String> {
        self.raw.get(key).cloned()
    }

    /// The broker-level default of a topic config, resolving Kafka's unit fallbacks
    /// (log.retention.ms > minutes > hours, log.roll.ms > hours).
    pub fn topic_default(&self, broker_key: &str) -> Option<String> {
        let v = Values {
            defs: BROKER_CONFIGS,
            map: &self.raw,
        };
        match broker_key {
            "log.retention.ms" => {
                let ms = v
                    .long("log.retention.ms")
                    .or_else(|| v.long("log.retention.minutes").map(|m| m * 60_000))
                    .unwrap_or_else(|| v.long("log.retention.hours").unwrap_or(168) * 3_600_000);
                Some((if ms < 0 { -1 } else { ms }).to_string())
            }
            "log.roll.ms" => Some(
                v.long("log.roll.ms")
                    .unwrap_or_else(|| v.long("log.roll.hours").unwrap_or(168) * 3_600_000)
                    .to_string(),
            ),
            "log.flush.interval.ms" => v
                .long("log.flush.interval.ms")
                .or_else(|| v.long("log.flush.scheduler.interval.ms"))
                .map(|x| x.to_string()),
            other => v.raw(other),
        }
    }

    /// Every broker key with its effective value and whether it was set explicitly
    /// (DescribeConfigs on the broker resource).
    pub fn describe(&self) -> Vec<(&'static ConfigKey, Option<String>, bool)> {
        let v = Values {
            defs: BROKER_CONFIGS,
            map: &self.raw,
        };
        BROKER_CONFIGS
            .iter()
            .map(|k| (k, v.raw(k.name), self.raw.contains_key(k.name)))
            .collect()
    }

    /// The log config of a topic with these overrides, over the cluster-wide dynamic defaults
    /// (`cluster`, from the metadata image) and this broker's static values.
    pub fn log_config(
        &self,
        cluster: &BTreeMap<String, String>,
        overrides: &BTreeMap<String, String>,
    ) -> LogConfig {
        LogConfig::for_topic(self, cluster, overrides)
    }
}

/// Parses Java properties text: `key=value` or `key: value`, `#`/`!` comments, `\` continuations.
pub fn parse_properties(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if pending.is_empty() && (trimmed.starts_with('#') || trimmed.starts_with('!')) {
            continue;
        }
        if let Some(stripped) = trimmed.strip_suffix('\\') {
            pending.push_str(stripped);
            continue;
        }
        pending.push_str(trimmed);
        let entry = std::mem::take(&mut pending);
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let split = entry.find(['=', ':']).unwrap_or(entry.len());
        let (k, v) = entry.split_at(split);
        let v = v.get(1..).unwrap_or("");
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> Result<BrokerConfig, ConfigError> {
        BrokerConfig::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_are_a_single_node_on_localhost() {
        let c = BrokerConfig::default_config();
        assert_eq!(c.listeners[0].bind_addr(), "127.0.0.1:9092");
        assert_eq!(c.log_dir(), Path::new("./data"));
        assert_eq!(c.node_id, 1);
        assert_eq!(
            c.topic_default("log.retention.ms").as_deref(),
            Some("604800000")
        );
    }

    #[test]
    fn connection_limits_parse_as_kafka_writes_them() {
        let c = cfg(&[
            ("max.connections", "1000"),
            ("max.connections.per.ip", "10"),
            (
                "max.connections.per.ip.overrides",
                "127.0.0.2:50, localhost:7,[::1]:3",
            ),
            ("queued.max.request.bytes", "1024"),
        ])
        .unwrap();
        assert_eq!(c.max_connections, 1000);
        assert_eq!(c.max_connections_per_ip, 10);
        let o = &c.max_connections_per_ip_overrides;
        assert_eq!(o.get(&"127.0.0.2".parse().unwrap()), Some(&50));
        assert_eq!(o.get(&"127.0.0.1".parse().unwrap()), Some(&7));
        // localhost resolves to ::1 too; the explicit entry wins or agrees.
        assert!(o.contains_key(&"::1".parse().unwrap()));
        // Never below the largest frame, or a large request could never be read.
        assert_eq!(c.queued_max_request_bytes, c.socket_request_max_bytes);
        assert_eq!(
            cfg(&[("queued.max.request.bytes", "-1")])
                .unwrap()
                .queued_max_request_bytes,
            usize::MAX
        );
        for bad in ["nohost", "127.0.0.1:many", "no.such.host.invalid:3"] {
            assert!(
                cfg(&[("max.connections.per.ip.overrides", bad)]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn process_roles_follow_the_voters_when_unset() {
        let voters = "0@b-0:9093,1@b-1:9093,2@b-2:9093";
        let node = |id: &str| {
            cfg(&[
                ("node.id", id),
                ("controller.quorum.voters", voters),
                (
                    "listeners",
                    "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                ),
                ("controller.listener.names", "CONTROLLER"),
            ])
        };
        assert!(
            node("1").unwrap().is_voter,
            "a listed node is a controller too"
        );
        assert!(
            !node("3").unwrap().is_voter,
            "a node past the voters is a broker only"
        );
        // Given explicitly, process.roles is checked against the voters as before.
        let e = cfg(&[
            ("node.id", "3"),
            ("process.roles", "broker,controller"),
            ("controller.quorum.voters", voters),
            (
                "listeners",
                "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
            ),
            ("controller.listener.names", "CONTROLLER"),
        ])
        .unwrap_err()
        .to_string();
        assert!(e.contains("does not list this node"), "{e}");
    }

    #[test]
    fn unknown_key_and_bad_value_name_the_key() {
        let e = cfg(&[("log.retention.hourz", "1")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("log.retention.hourz"), "{e}");
        let e = cfg(&[("num.partitions", "zero")]).unwrap_err().to_string();
        assert!(e.contains("num.partitions"), "{e}");
        let e = cfg(&[("listeners", "PLAINTEXT://x")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("listeners"), "{e}");
    }

    #[test]
    fn wildcard_listener_needs_a_routable_advertised_address() {
        let e = cfg(&[("listeners", "PLAINTEXT://0.0.0.0:9092")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("advertised.listeners"), "{e}");
        let c = cfg(&[
            ("listeners", "PLAINTEXT://0.0.0.0:9092"),
            ("advertised.listeners", "PLAINTEXT://broker-0.example:9092"),
        ])
        .unwrap();
        assert_eq!(c.listeners[0].bind_addr(), "0.0.0.0:9092");
        assert_eq!(c.advertised_listeners[0].host, "broker-0.example");
    }

    #[test]
    fn retention_units_fall_back_like_kafka() {
        let c = cfg(&[("log.retention.minutes", "2")]).unwrap();
        assert_eq!(
            c.topic_default("log.retention.ms").as_deref(),
            Some("120000")
        );
        let c = cfg(&[("log.retention.minutes", "2"), ("log.retention.ms", "7")]).unwrap();
        assert_eq!(c.topic_default("log.retention.ms").as_deref(), Some("7"));
        assert!(c.is_explicit("log.retention.ms"));
    }

    #[test]
    fn properties_file_syntax() {
        let p = parse_properties(
            "# c\nnode.id=3\nlisteners : PLAINTEXT://127.0.0.1:1\\\n\nlog.dirs=/x\n! bang\n",
        );
        assert_eq!(p.get("node.id").map(String::as_str), Some("3"));
        assert_eq!(
            p.get("listeners").map(String::as_str),
            Some("PLAINTEXT://127.0.0.1:1")
        );
        assert_eq!(p.get("log.dirs").map(String::as_str), Some("/x"));
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn later_config_files_and_overrides_win() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("server.properties");
        let pod = dir.path().join("pod.properties");
        std::fs::write(&shared, "broker.rack=a\nnum.partitions=4\n").unwrap();
        std::fs::write(&pod, "broker.rack=zone-2\n").unwrap();
        let c = BrokerConfig::load(&[shared.clone(), pod.clone()], &["num.partitions=6".into()])
            .unwrap();
        assert_eq!(c.broker_rack.as_deref(), Some("zone-2"));
        assert_eq!(c.num_partitions, 6);
        let missing = dir.path().join("absent.properties");
        let e = BrokerConfig::load(&[shared, missing], &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("absent.properties"), "{e}");
    }
}
