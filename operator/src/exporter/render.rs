//! Cluster snapshots → Prometheus text under kafka_exporter's names and labels (pure), so the
//! dashboards and alerts written for kafka_exporter work unchanged. Every series carries
//! `namespace` and `cluster` (the KafkaCluster's).
//!
//! Lag is exact and never negative: the committed offsets are read before the high watermarks
//! (see [`super::collect`]), and a commit past the high watermark counts as no lag. A partition
//! a group has never committed has no `kafka_consumergroup_*` series (kafka_exporter reports
//! lag -1 for it).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{Display, Write};
use std::time::Duration;

use moldau_proto::pb;

use crate::cluster::health;

/// One cluster as one collection saw it.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub brokers: pb::DescribeBrokersResponse,
    pub groups: Vec<pb::ConsumerGroupInfo>,
    /// Read after the groups: every high watermark is at least as new as every commit.
    pub partitions: Vec<pb::PartitionInfo>,
    /// (topic, partition, offset) → timestamp (ms) of the record at that offset.
    pub timestamps: HashMap<(String, i32, i64), i64>,
    /// When the collection started (ms since the epoch): lag in seconds is measured to it.
    pub taken_ms: i64,
}

/// One cluster's collection: its snapshot or why there is none, and how long it took.
#[derive(Debug, Clone)]
pub struct Collected {
    pub namespace: String,
    pub cluster: String,
    pub snapshot: Result<Snapshot, String>,
    pub duration: Duration,
}

/// Where a group's next record is read: its committed offset, or the log start when retention
/// removed the records at the commit.
fn next_read(committed: i64, p: &pb::PartitionInfo) -> i64 {
    committed.max(p.log_start_offset)
}

/// The records a group at `committed` has yet to read (never negative; None when the high
/// watermark is unknown because the partition's leader did not answer).
pub fn lag(committed: i64, p: &pb::PartitionInfo) -> Option<i64> {
    (p.high_watermark >= 0).then(|| (p.high_watermark - committed).max(0))
}

/// The record-timestamp lookups a snapshot's lag in seconds needs: for each partition a group
/// lags on, the record it reads next (each asked once however many groups wait on it).
pub fn timestamp_lookups(
    groups: &[pb::ConsumerGroupInfo],
    partitions: &[pb::PartitionInfo],
) -> Vec<pb::RecordTimestamp> {
    let by_tp = index(partitions);
    let mut wanted: BTreeMap<(&str, i32, i64), ()> = BTreeMap::new();
    for g in groups {
        for o in &g.offsets {
            let Some(p) = by_tp.get(&(o.topic.as_str(), o.partition)) else {
                continue;
            };
            if lag(o.offset, p).unwrap_or(0) > 0 {
                wanted.insert((&o.topic, o.partition, next_read(o.offset, p)), ());
            }
        }
    }
    wanted
        .into_keys()
        .map(|(topic, partition, offset)| pb::RecordTimestamp {
            topic: topic.to_string(),
            partition,
            offset,
            timestamp_ms: -1,
        })
        .collect()
}

fn index(partitions: &[pb::PartitionInfo]) -> HashMap<(&str, i32), &pb::PartitionInfo> {
    partitions
        .iter()
        .map(|p| ((p.topic.as_str(), p.partition), p))
        .collect()
}

/// One metric family (all gauges) written straight to Prometheus text: at 100 000 series a
/// `prometheus::Registry` took ~6 µs a series to fill, gather and encode, this a fraction.
struct Family {
    name: &'static str,
    help: &'static str,
    labels: Vec<&'static str>,
    /// Rendered label set → value; a label set set twice keeps the last value (a duplicate
    /// series would fail the whole scrape).
    series: RefCell<BTreeMap<String, String>>,
}

/// A series of a family, to `set`.
struct Series<'a> {
    family: &'a Family,
    labels: String,
}

impl Family {
    fn new(name: &'static str, help: &'static str, extra: &[&'static str]) -> Family {
        Family {
            name,
            help,
            labels: labels(extra),
            series: RefCell::new(BTreeMap::new()),
        }
    }

    fn with_label_values<S: AsRef<str>>(&self, values: &[S]) -> Series<'_> {
        let mut labels = String::new();
        for (i, (k, v)) in self.labels.iter().zip(values).enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(labels, "{sep}{k}=\"");
            escape_into(&mut labels, v.as_ref());
            labels.push('"');
        }
        Series {
            family: self,
            labels,
        }
    }

    fn write_to(&self, out: &mut String) {
        let series = self.series.borrow();
        if series.is_empty() {
            return;
        }
        let _ = writeln!(out, "# HELP {} {}", self.name, self.help);
        let _ = writeln!(out, "# TYPE {} gauge", self.name);
        for (labels, value) in series.iter() {
            let _ = writeln!(out, "{}{{{labels}}} {value}", self.name);
        }
    }
}

impl Series<'_> {
    fn set(self, value: impl Display) {
        self.family
            .series
            .borrow_mut()
            .insert(self.labels, value.to_string());
    }
}

/// A label value escaped for the text format (backslash, double quote, newline).
fn escape_into(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// The exporter's metric families (rebuilt each collection).
struct Families {
    up: Family,
    collect_seconds: Family,
    brokers: Family,
    broker_info: Family,
    brokers_fenced: Family,
    topic_partitions: Family,
    current_offset: Family,
    oldest_offset: Family,
    leader: Family,
    replicas: Family,
    in_sync: Family,
    leader_is_preferred: Family,
    under_replicated: Family,
    group_offset: Family,
    group_offset_sum: Family,
    group_lag: Family,
    group_lag_sum: Family,
    group_lag_seconds: Family,
    group_members: Family,
    replica_lag_records: Family,
    replica_lag_seconds: Family,
    under_replicated_count: Family,
    offline_count: Family,
    leaders_per_broker: Family,
}

fn labels(extra: &[&'static str]) -> Vec<&'static str> {
    let mut l = vec!["namespace", "cluster"];
    l.extend_from_slice(extra);
    l
}

impl Families {
    fn new() -> Families {
        let tp = &["topic", "partition"];
        let gtp = &["consumergroup", "topic", "partition"];
        let rep = &["topic", "partition", "broker"];
        Families {
            up: Family::new(
                "moldau_exporter_up",
                "1 when the last collection from the cluster's Admin service succeeded",
                &[],
            ),
            collect_seconds: Family::new(
                "moldau_exporter_collect_duration_seconds",
                "Time the last collection from the cluster took",
                &[],
            ),
            brokers: Family::new("kafka_brokers", "Live (unfenced) brokers", &[]),
            broker_info: Family::new(
                "kafka_broker_info",
                "One series per registered broker",
                &["id", "address", "rack"],
            ),
            brokers_fenced: Family::new(
                "moldau_brokers_fenced",
                "Registered brokers that are fenced",
                &[],
            ),
            topic_partitions: Family::new(
                "kafka_topic_partitions",
                "Partitions of the topic",
                &["topic"],
            ),
            current_offset: Family::new(
                "kafka_topic_partition_current_offset",
                "High watermark of the partition",
                tp,
            ),
            oldest_offset: Family::new(
                "kafka_topic_partition_oldest_offset",
                "Log start offset of the partition",
                tp,
            ),
            leader: Family::new(
                "kafka_topic_partition_leader",
                "Broker id of the partition's leader (-1: none)",
                tp,
            ),
            replicas: Family::new(
                "kafka_topic_partition_replicas",
                "Replicas of the partition",
                tp,
            ),
            in_sync: Family::new(
                "kafka_topic_partition_in_sync_replica",
                "In-sync replicas of the partition",
                tp,
            ),
            leader_is_preferred: Family::new(
                "kafka_topic_partition_leader_is_preferred",
                "1 when the partition's leader is its preferred (first) replica",
                tp,
            ),
            under_replicated: Family::new(
                "kafka_topic_partition_under_replicated_partition",
                "1 when the partition has fewer in-sync replicas than replicas",
                tp,
            ),
            group_offset: Family::new(
                "kafka_consumergroup_current_offset",
                "Committed offset of the group on the partition",
                gtp,
            ),
            group_offset_sum: Family::new(
                "kafka_consumergroup_current_offset_sum",
                "Sum of the group's committed offsets over the topic's partitions",
                &["consumergroup", "topic"],
            ),
            group_lag: Family::new(
                "kafka_consumergroup_lag",
                "Records of the partition the group has yet to read (high watermark minus \
                 committed offset, never negative)",
                gtp,
            ),
            group_lag_sum: Family::new(
                "kafka_consumergroup_lag_sum",
                "The group's lag summed over the topic's partitions",
                &["consumergroup", "topic"],
            ),
            group_lag_seconds: Family::new(
                "kafka_consumergroup_lag_seconds",
                "Age of the oldest record of the partition the group has yet to read (0 when \
                 caught up)",
                gtp,
            ),
            group_members: Family::new(
                "kafka_consumergroup_members",
                "Members of the group",
                &["consumergroup"],
            ),
            replica_lag_records: Family::new(
                "moldau_replica_lag_records",
                "Records a follower replica is behind its leader's log end",
                rep,
            ),
            replica_lag_seconds: Family::new(
                "moldau_replica_lag_seconds",
                "Time since a follower replica was last caught up with its leader (0 when caught \
                 up)",
                rep,
            ),
            under_replicated_count: Family::new(
                "moldau_under_replicated_partitions",
                "Partitions with fewer in-sync replicas than replicas",
                &[],
            ),
            offline_count: Family::new(
                "moldau_offline_partitions",
                "Partitions without a live leader",
                &[],
            ),
            leaders_per_broker: Family::new(
                "moldau_partition_leaders",
                "Partitions the broker leads",
                &["broker"],
            ),
        }
    }

    fn write_to(&self, out: &mut String) {
        for f in [
            &self.up,
            &self.collect_seconds,
            &self.brokers,
            &self.broker_info,
            &self.brokers_fenced,
            &self.topic_partitions,
            &self.current_offset,
            &self.oldest_offset,
            &self.leader,
            &self.replicas,
            &self.in_sync,
            &self.leader_is_preferred,
            &self.under_replicated,
            &self.group_offset,
            &self.group_offset_sum,
            &self.group_lag,
            &self.group_lag_sum,
            &self.group_lag_seconds,
            &self.group_members,
            &self.replica_lag_records,
            &self.replica_lag_seconds,
            &self.under_replicated_count,
            &self.offline_count,
            &self.leaders_per_broker,
        ] {
            f.write_to(out);
        }
    }

    fn cluster(&self, ns: &str, cluster: &str, s: &Snapshot) {
        let c = [ns, cluster];
        let with = |extra: &[&str]| -> Vec<String> {
            c.iter()
                .chain(extra.iter())
                .map(|x| x.to_string())
                .collect()
        };
        let facts = health::summarize(&s.brokers, &s.partitions);
        let fenced = facts.brokers.iter().filter(|b| b.fenced).count() as i64;
        self.brokers
            .with_label_values(&c)
            .set(facts.brokers.len() as i64 - fenced);
        self.brokers_fenced.with_label_values(&c).set(fenced);
        for b in &s.brokers.brokers {
            let id = b.id.to_string();
            let address = format!("{}:{}", b.host, b.port);
            self.broker_info
                .with_label_values(&with(&[&id, &address, &b.rack]))
                .set(1);
        }
        for b in &facts.brokers {
            self.leaders_per_broker
                .with_label_values(&with(&[&b.id.to_string()]))
                .set(b.leaders as i64);
        }
        self.under_replicated_count
            .with_label_values(&c)
            .set(facts.under_replicated as i64);
        self.offline_count
            .with_label_values(&c)
            .set(facts.offline as i64);
        let live = |id: i32| s.brokers.brokers.iter().any(|b| b.id == id && !b.fenced);
        let mut per_topic: BTreeMap<&str, i64> = BTreeMap::new();
        for p in &s.partitions {
            *per_topic.entry(&p.topic).or_default() += 1;
            let part = p.partition.to_string();
            let l = with(&[&p.topic, &part]);
            if p.high_watermark >= 0 {
                self.current_offset
                    .with_label_values(&l)
                    .set(p.high_watermark);
                self.oldest_offset
                    .with_label_values(&l)
                    .set(p.log_start_offset);
            }
            let rf = p.replicas.len().saturating_sub(p.adding_replicas.len());
            self.leader.with_label_values(&l).set(p.leader as i64);
            self.replicas.with_label_values(&l).set(rf as i64);
            self.in_sync.with_label_values(&l).set(p.isr.len() as i64);
            self.leader_is_preferred
                .with_label_values(&l)
                .set((p.replicas.first() == Some(&p.leader)) as i64);
            let online = p.leader >= 0 && live(p.leader);
            self.under_replicated
                .with_label_values(&l)
                .set((online && p.isr.len() < rf) as i64);
            for r in p.replica_states.iter().filter(|r| r.broker_id != p.leader) {
                if r.lag_records < 0 {
                    continue;
                }
                let rl = with(&[&p.topic, &part, &r.broker_id.to_string()]);
                self.replica_lag_records
                    .with_label_values(&rl)
                    .set(r.lag_records);
                let seconds = if r.lag_records == 0 {
                    0.0
                } else {
                    r.time_since_caught_up_ms.max(0) as f64 / 1000.0
                };
                self.replica_lag_seconds.with_label_values(&rl).set(seconds);
            }
        }
        for (topic, n) in per_topic {
            self.topic_partitions
                .with_label_values(&with(&[topic]))
                .set(n);
        }
        let by_tp = index(&s.partitions);
        for g in &s.groups {
            self.group_members
                .with_label_values(&with(&[&g.group_id]))
                .set(g.members as i64);
            let mut sums: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
            for o in &g.offsets {
                // Offsets of a partition that no longer exists are not reported.
                let Some(p) = by_tp.get(&(o.topic.as_str(), o.partition)) else {
                    continue;
                };
                let part = o.partition.to_string();
                let l = with(&[&g.group_id, &o.topic, &part]);
                self.group_offset.with_label_values(&l).set(o.offset);
                let sum = sums.entry(&o.topic).or_default();
                sum.0 += o.offset;
                let Some(lag) = lag(o.offset, p) else {
                    continue;
                };
                sum.1 += lag;
                self.group_lag.with_label_values(&l).set(lag);
                let seconds = if lag == 0 {
                    Some(0.0)
                } else {
                    s.timestamps
                        .get(&(o.topic.clone(), o.partition, next_read(o.offset, p)))
                        .filter(|ts| **ts >= 0)
                        .map(|ts| (s.taken_ms - ts).max(0) as f64 / 1000.0)
                };
                if let Some(seconds) = seconds {
                    self.group_lag_seconds.with_label_values(&l).set(seconds);
                }
            }
            for (topic, (offsets, lags)) in sums {
                let l = with(&[&g.group_id, topic]);
                self.group_offset_sum.with_label_values(&l).set(offsets);
                self.group_lag_sum.with_label_values(&l).set(lags);
            }
        }
    }
}

/// The Prometheus text of these collections.
pub fn render(collected: &[Collected]) -> Vec<u8> {
    let f = Families::new();
    for c in collected {
        let l = [c.namespace.as_str(), c.cluster.as_str()];
        f.collect_seconds
            .with_label_values(&l)
            .set(c.duration.as_secs_f64());
        match &c.snapshot {
            Ok(s) => {
                f.up.with_label_values(&l).set(1);
                f.cluster(&c.namespace, &c.cluster, s);
            }
            Err(_) => f.up.with_label_values(&l).set(0),
        }
    }
    let mut out = String::new();
    f.write_to(&mut out);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partition(topic: &str, n: i32, leader: i32, hw: i64) -> pb::PartitionInfo {
        pb::PartitionInfo {
            topic: topic.into(),
            partition: n,
            leader,
            replicas: vec![0, 1, 2],
            isr: vec![0, 1, 2],
            high_watermark: hw,
            log_end_offset: hw,
            log_start_offset: 0,
            ..Default::default()
        }
    }

    fn group(id: &str, offsets: &[(&str, i32, i64)]) -> pb::ConsumerGroupInfo {
        pb::ConsumerGroupInfo {
            group_id: id.into(),
            state: "Empty".into(),
            members: 2,
            offsets: offsets
                .iter()
                .map(|(t, p, o)| pb::GroupOffset {
                    topic: t.to_string(),
                    partition: *p,
                    offset: *o,
                    commit_timestamp_ms: 0,
                })
                .collect(),
            ..Default::default()
        }
    }

    fn brokers() -> pb::DescribeBrokersResponse {
        pb::DescribeBrokersResponse {
            brokers: (0..3)
                .map(|id| pb::BrokerInfo {
                    id,
                    host: format!("b{id}"),
                    port: 9092,
                    fenced: id == 2,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn text(s: Snapshot) -> String {
        String::from_utf8(render(&[Collected {
            namespace: "kafka".into(),
            cluster: "prod".into(),
            snapshot: Ok(s),
            duration: Duration::from_millis(5),
        }]))
        .unwrap()
    }

    /// The value of the one series whose line starts with `name{` and holds every `label`.
    fn value(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
        let found: Vec<f64> = text
            .lines()
            .filter(|l| l.starts_with(&format!("{name}{{")))
            .filter(|l| labels.iter().all(|x| l.contains(x)))
            .filter_map(|l| l.rsplit(' ').next()?.parse().ok())
            .collect();
        assert!(found.len() <= 1, "{name} {labels:?} matches {found:?}");
        found.first().copied()
    }

    #[test]
    fn lag_is_high_watermark_minus_commit_never_negative_and_missing_when_never_committed() {
        let mut p2 = partition("orders", 2, 1, 50);
        p2.log_start_offset = 20;
        let s = Snapshot {
            brokers: brokers(),
            partitions: vec![
                partition("orders", 0, 0, 100),
                partition("orders", 1, 1, 10),
                p2,
                partition("orders", 3, 0, 7),
            ],
            groups: vec![group(
                "billing",
                &[("orders", 0, 40), ("orders", 1, 12), ("orders", 2, 5)],
            )],
            timestamps: [
                (("orders".to_string(), 0, 40), 1_000),
                (("orders".to_string(), 2, 20), 4_000),
            ]
            .into_iter()
            .collect(),
            taken_ms: 11_000,
        };
        let t = text(s);
        let g = r#"consumergroup="billing""#;
        assert_eq!(
            value(&t, "kafka_consumergroup_lag", &[g, r#"partition="0""#]),
            Some(60.0)
        );
        // Committed past the high watermark (read after it): no lag, not -2.
        assert_eq!(
            value(&t, "kafka_consumergroup_lag", &[g, r#"partition="1""#]),
            Some(0.0)
        );
        assert_eq!(
            value(
                &t,
                "kafka_consumergroup_lag_seconds",
                &[g, r#"partition="1""#]
            ),
            Some(0.0)
        );
        // Partition 3 was never committed: no series at all.
        assert_eq!(
            value(&t, "kafka_consumergroup_lag", &[g, r#"partition="3""#]),
            None
        );
        assert_eq!(
            value(
                &t,
                "kafka_consumergroup_current_offset",
                &[g, r#"partition="3""#]
            ),
            None
        );
        assert_eq!(
            value(&t, "kafka_consumergroup_lag_sum", &[g]),
            Some(60.0 + 45.0)
        );
        assert_eq!(
            value(&t, "kafka_consumergroup_current_offset_sum", &[g]),
            Some(57.0)
        );
        // Seconds: the age of the record read next (the log start when retention passed the commit).
        assert_eq!(
            value(
                &t,
                "kafka_consumergroup_lag_seconds",
                &[g, r#"partition="0""#]
            ),
            Some(10.0)
        );
        assert_eq!(
            value(
                &t,
                "kafka_consumergroup_lag_seconds",
                &[g, r#"partition="2""#]
            ),
            Some(7.0)
        );
        assert_eq!(value(&t, "kafka_consumergroup_members", &[g]), Some(2.0));
        assert!(t.contains(r#"namespace="kafka""#) && t.contains(r#"cluster="prod""#));
        assert!(
            !t.lines()
                .any(|l| !l.starts_with('#') && !l.contains(r#"cluster="prod""#))
        );
    }

    #[test]
    fn lookups_ask_once_per_record_and_only_where_a_group_lags() {
        let parts = vec![partition("a", 0, 0, 10), partition("a", 1, 0, 5)];
        let groups = vec![
            group("g1", &[("a", 0, 4), ("a", 1, 5)]),
            group("g2", &[("a", 0, 4), ("gone", 0, 1)]),
        ];
        let l = timestamp_lookups(&groups, &parts);
        assert_eq!(l.len(), 1);
        assert_eq!(
            (l[0].topic.as_str(), l[0].partition, l[0].offset),
            ("a", 0, 4)
        );
    }

    #[test]
    fn partition_and_replica_series() {
        let mut p = partition("orders", 0, 1, 100);
        p.isr = vec![1, 0];
        p.replica_states = vec![
            pb::ReplicaState {
                broker_id: 1,
                log_end_offset: 100,
                lag_records: 0,
                ..Default::default()
            },
            pb::ReplicaState {
                broker_id: 0,
                log_end_offset: 100,
                lag_records: 0,
                time_since_caught_up_ms: 30,
                in_sync: true,
            },
            pb::ReplicaState {
                broker_id: 2,
                log_end_offset: 60,
                lag_records: 40,
                time_since_caught_up_ms: 2500,
                in_sync: false,
            },
        ];
        let mut offline = partition("orders", 1, 2, -1);
        offline.isr = vec![2];
        let t = text(Snapshot {
            brokers: brokers(),
            partitions: vec![p, offline],
            ..Default::default()
        });
        let p0 = r#"partition="0""#;
        assert_eq!(value(&t, "kafka_brokers", &[]), Some(2.0));
        assert_eq!(
            value(&t, "kafka_topic_partitions", &[r#"topic="orders""#]),
            Some(2.0)
        );
        assert_eq!(
            value(&t, "kafka_topic_partition_current_offset", &[p0]),
            Some(100.0)
        );
        assert_eq!(value(&t, "kafka_topic_partition_leader", &[p0]), Some(1.0));
        assert_eq!(
            value(&t, "kafka_topic_partition_leader_is_preferred", &[p0]),
            Some(0.0)
        );
        assert_eq!(
            value(&t, "kafka_topic_partition_in_sync_replica", &[p0]),
            Some(2.0)
        );
        assert_eq!(
            value(
                &t,
                "kafka_topic_partition_under_replicated_partition",
                &[p0]
            ),
            Some(1.0)
        );
        // The leader is not its own follower; the lagging follower lags in records and seconds.
        assert_eq!(
            value(&t, "moldau_replica_lag_records", &[p0, r#"broker="1""#]),
            None
        );
        assert_eq!(
            value(&t, "moldau_replica_lag_records", &[p0, r#"broker="2""#]),
            Some(40.0)
        );
        assert_eq!(
            value(&t, "moldau_replica_lag_seconds", &[p0, r#"broker="2""#]),
            Some(2.5)
        );
        assert_eq!(
            value(&t, "moldau_replica_lag_seconds", &[p0, r#"broker="0""#]),
            Some(0.0)
        );
        // Partition 1's leader (broker 2) is fenced: offline, not under-replicated; its high
        // watermark is unknown, so no offset series.
        assert_eq!(value(&t, "moldau_offline_partitions", &[]), Some(1.0));
        assert_eq!(
            value(&t, "moldau_under_replicated_partitions", &[]),
            Some(1.0)
        );
        let p1 = r#"partition="1""#;
        assert_eq!(
            value(
                &t,
                "kafka_topic_partition_under_replicated_partition",
                &[p1]
            ),
            Some(0.0)
        );
        assert_eq!(
            value(&t, "kafka_topic_partition_current_offset", &[p1]),
            None
        );
        assert_eq!(
            value(&t, "moldau_partition_leaders", &[r#"broker="1""#]),
            Some(1.0)
        );
    }

    #[test]
    fn a_failed_collection_is_down_with_no_stale_series() {
        let t = String::from_utf8(render(&[Collected {
            namespace: "kafka".into(),
            cluster: "prod".into(),
            snapshot: Err("unreachable".into()),
            duration: Duration::from_secs(3),
        }]))
        .unwrap();
        assert_eq!(value(&t, "moldau_exporter_up", &[]), Some(0.0));
        assert_eq!(
            value(&t, "moldau_exporter_collect_duration_seconds", &[]),
            Some(3.0)
        );
        assert!(!t.contains("kafka_brokers{"));
    }

    #[test]
    fn label_values_are_escaped_and_a_series_set_twice_is_written_once() {
        let f = Family::new("x", "help", &["group"]);
        f.with_label_values(&["ns", "c", "a\"b\\c\nd"]).set(1);
        f.with_label_values(&["ns", "c", "plain"]).set(2.5);
        f.with_label_values(&["ns", "c", "plain"]).set(3.5);
        let mut out = String::new();
        f.write_to(&mut out);
        assert_eq!(
            out,
            "# HELP x help\n# TYPE x gauge\n\
             x{namespace=\"ns\",cluster=\"c\",group=\"a\\\"b\\\\c\\nd\"} 1\n\
             x{namespace=\"ns\",cluster=\"c\",group=\"plain\"} 3.5\n"
        );
        let empty = Family::new("y", "help", &[]);
        let mut out = String::new();
        empty.write_to(&mut out);
        assert_eq!(out, "", "a family without series is left out");
    }
}
