//! What a KafkaTopic needs next, as a pure function of its spec and what the cluster has: the
//! topic diff. The reconcile only fetches the inputs and carries the decision out.

use std::collections::{BTreeMap, BTreeSet};

use crate::crd::KafkaTopic;
use kube::ResourceExt;

/// The topic as the cluster has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: String,
    pub partitions: i32,
    pub replication_factor: i32,
    /// Overrides only.
    pub configs: BTreeMap<String, String>,
}

/// One partition's replicas (for replication-factor changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionReplicas {
    pub partition: i32,
    pub replicas: Vec<i32>,
    /// A reassignment is in progress.
    pub moving: bool,
}

/// Everything the decision reads.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    pub existing: Option<&'a Existing>,
    /// Brokers that are registered and not fenced.
    pub live_brokers: &'a [i32],
    /// The topic id this KafkaTopic created or adopted before (status.topicId).
    pub owned_id: Option<&'a str>,
    /// The cluster's default.replication.factor, for a spec that names none.
    pub default_replication_factor: i32,
}

/// The next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Create {
        partitions: i32,
        replication_factor: i32,
        configs: BTreeMap<String, String>,
    },
    /// Changes to an existing topic, in this order.
    Update(Vec<Change>),
    /// Nothing to do.
    InSync,
    /// Refused: a Stalled condition with this reason.
    Refuse {
        reason: &'static str,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Grow to this many partitions.
    Partitions(i32),
    /// Set exactly these overrides (keys left out return to the default).
    Configs(BTreeMap<String, String>),
    /// Move to this many replicas per partition (a reassignment).
    ReplicationFactor(i32),
}

/// The topic's name in Kafka.
pub fn topic_name(kt: &KafkaTopic) -> String {
    kt.spec.topic_name.clone().unwrap_or_else(|| kt.name_any())
}

fn refuse(reason: &'static str, message: String) -> Decision {
    Decision::Refuse { reason, message }
}

pub fn decide(kt: &KafkaTopic, i: &Inputs<'_>) -> Decision {
    let spec = &kt.spec;
    let name = topic_name(kt);
    let want_configs = spec.config.clone().unwrap_or_default();
    let rf = spec
        .replication_factor
        .unwrap_or(i.default_replication_factor);
    if spec.partitions < 1 {
        return refuse(
            "InvalidPartitions",
            format!("spec.partitions {} must be at least 1", spec.partitions),
        );
    }
    if rf < 1 {
        return refuse(
            "InvalidReplicationFactor",
            format!("spec.replicationFactor {rf} must be at least 1"),
        );
    }
    let live = i.live_brokers.len() as i32;
    let rf_changes = i.existing.is_none_or(|e| e.replication_factor != rf);
    if rf > live && rf_changes {
        return refuse(
            "InvalidReplicationFactor",
            format!(
                "spec.replicationFactor {rf} is more than the {live} live broker(s) of cluster {}",
                spec.cluster_ref
            ),
        );
    }
    let Some(e) = i.existing else {
        return Decision::Create {
            partitions: spec.partitions,
            replication_factor: rf,
            configs: want_configs,
        };
    };
    // A topic this object did not create is taken over only when it already matches.
    if i.owned_id != Some(e.id.as_str()) {
        let mut diffs = Vec::new();
        if e.partitions != spec.partitions {
            diffs.push(format!(
                "{} partitions (spec: {})",
                e.partitions, spec.partitions
            ));
        }
        if spec
            .replication_factor
            .is_some_and(|r| r != e.replication_factor)
        {
            diffs.push(format!(
                "replication factor {} (spec: {rf})",
                e.replication_factor
            ));
        }
        if !diffs.is_empty() {
            return refuse(
                "TopicMismatch",
                format!(
                    "topic {name:?} already exists with {}; make the spec match it to adopt it",
                    diffs.join(" and ")
                ),
            );
        }
    }
    if spec.partitions < e.partitions {
        return refuse(
            "NotSupported",
            format!(
                "topic {name:?} has {} partitions; partitions cannot be removed (spec.partitions {})",
                e.partitions, spec.partitions
            ),
        );
    }
    let mut changes = Vec::new();
    if spec.partitions > e.partitions {
        changes.push(Change::Partitions(spec.partitions));
    }
    if e.configs != want_configs {
        changes.push(Change::Configs(want_configs));
    }
    if spec.replication_factor.is_some() && e.replication_factor != rf {
        changes.push(Change::ReplicationFactor(rf));
    }
    if changes.is_empty() {
        Decision::InSync
    } else {
        Decision::Update(changes)
    }
}

/// Who manages a topic among the KafkaTopics naming it: (manages it already, creation time,
/// uid) of one of them.
pub type Claim = (bool, String, String);

/// Among the KafkaTopics naming the same topic of the same cluster, the one that manages it:
/// the one already managing it, else the oldest (then the smallest uid; creation times have
/// one-second resolution).
pub fn owns_topic(me: &Claim, others: &[Claim]) -> bool {
    let rank = |c: &Claim| (!c.0, c.1.clone(), c.2.clone());
    others.iter().all(|o| rank(me) < rank(o))
}

/// New replica lists giving every partition `rf` replicas, with as few moves as possible:
/// growing keeps the current replicas (the leader stays preferred) and adds the live brokers
/// holding the fewest replicas of this topic; shrinking drops replicas from the end.
pub fn reassign_for_rf(
    partitions: &[PartitionReplicas],
    rf: i32,
    live_brokers: &[i32],
) -> Vec<(i32, Vec<i32>)> {
    let rf = rf.max(1) as usize;
    let mut load: BTreeMap<i32, usize> = live_brokers.iter().map(|b| (*b, 0)).collect();
    for p in partitions {
        for r in &p.replicas {
            if let Some(n) = load.get_mut(r) {
                *n += 1;
            }
        }
    }
    let mut out = Vec::new();
    for p in partitions {
        let mut replicas = p.replicas.clone();
        if replicas.len() == rf {
            continue;
        }
        if replicas.len() > rf {
            for r in replicas.drain(rf..) {
                if let Some(n) = load.get_mut(&r) {
                    *n -= 1;
                }
            }
        } else {
            let have: BTreeSet<i32> = replicas.iter().copied().collect();
            let mut candidates: Vec<(usize, i32)> = load
                .iter()
                .filter(|(b, _)| !have.contains(b))
                .map(|(b, n)| (*n, *b))
                .collect();
            candidates.sort();
            for (_, b) in candidates.into_iter().take(rf - replicas.len()) {
                replicas.push(b);
                *load.entry(b).or_default() += 1;
            }
        }
        out.push((p.partition, replicas));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crd::KafkaTopicSpec;

    fn topic(yaml: &str) -> KafkaTopic {
        let spec: KafkaTopicSpec = serde_yaml::from_str(yaml).unwrap();
        KafkaTopic::new("orders", spec)
    }

    fn existing(partitions: i32, rf: i32, configs: &[(&str, &str)]) -> Existing {
        Existing {
            id: "id-1".into(),
            partitions,
            replication_factor: rf,
            configs: configs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn inputs<'a>(e: Option<&'a Existing>, owned: Option<&'a str>) -> Inputs<'a> {
        Inputs {
            existing: e,
            live_brokers: &[0, 1, 2],
            owned_id: owned,
            default_replication_factor: 3,
        }
    }

    #[test]
    fn a_missing_topic_is_created_with_the_spec_or_the_cluster_default() {
        let kt = topic("clusterRef: c\npartitions: 6\nconfig: {retention.ms: '1000'}\n");
        assert_eq!(
            decide(&kt, &inputs(None, None)),
            Decision::Create {
                partitions: 6,
                replication_factor: 3,
                configs: BTreeMap::from([("retention.ms".into(), "1000".into())]),
            }
        );
        assert_eq!(topic_name(&kt), "orders");
        let named = topic("clusterRef: c\ntopicName: orders.v2\npartitions: 1\n");
        assert_eq!(topic_name(&named), "orders.v2");
    }

    #[test]
    fn growth_and_config_changes_are_applied_in_order() {
        let kt = topic("clusterRef: c\npartitions: 6\nconfig: {retention.ms: '1000'}\n");
        let e = existing(
            3,
            3,
            &[("retention.ms", "5"), ("cleanup.policy", "compact")],
        );
        assert_eq!(
            decide(&kt, &inputs(Some(&e), Some("id-1"))),
            Decision::Update(vec![
                Change::Partitions(6),
                Change::Configs(BTreeMap::from([("retention.ms".into(), "1000".into())])),
            ])
        );
        let same = existing(6, 3, &[("retention.ms", "1000")]);
        assert_eq!(
            decide(&kt, &inputs(Some(&same), Some("id-1"))),
            Decision::InSync
        );
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let kt = topic("clusterRef: c\npartitions: 2\n");
        let more = existing(4, 3, &[]);
        match decide(&kt, &inputs(Some(&more), Some("id-1"))) {
            Decision::Refuse { reason, message } => {
                assert_eq!(reason, "NotSupported");
                assert!(message.contains("has 4 partitions"), "{message}");
            }
            d => panic!("{d:?}"),
        }
        let big = topic("clusterRef: c\npartitions: 1\nreplicationFactor: 4\n");
        match decide(&big, &inputs(None, None)) {
            Decision::Refuse { reason, message } => {
                assert_eq!(reason, "InvalidReplicationFactor");
                assert!(message.contains("3 live broker(s)"), "{message}");
            }
            d => panic!("{d:?}"),
        }
        // A topic someone else made is adopted only when it matches.
        let foreign = existing(3, 3, &[]);
        let kt3 = topic("clusterRef: c\npartitions: 3\nconfig: {retention.ms: '9'}\n");
        assert_eq!(
            decide(&kt3, &inputs(Some(&foreign), None)),
            Decision::Update(vec![Change::Configs(BTreeMap::from([(
                "retention.ms".into(),
                "9".into()
            )]))])
        );
        match decide(&kt, &inputs(Some(&foreign), None)) {
            Decision::Refuse { reason, message } => {
                assert_eq!(reason, "TopicMismatch");
                assert!(message.contains("3 partitions (spec: 2)"), "{message}");
            }
            d => panic!("{d:?}"),
        }
    }

    #[test]
    fn replication_factor_changes_move_as_little_as_possible() {
        let kt = topic("clusterRef: c\npartitions: 2\nreplicationFactor: 3\n");
        let e = existing(2, 1, &[]);
        assert_eq!(
            decide(&kt, &inputs(Some(&e), Some("id-1"))),
            Decision::Update(vec![Change::ReplicationFactor(3)])
        );
        let parts = vec![
            PartitionReplicas {
                partition: 0,
                replicas: vec![1],
                moving: false,
            },
            PartitionReplicas {
                partition: 1,
                replicas: vec![2],
                moving: false,
            },
        ];
        let grown = reassign_for_rf(&parts, 2, &[0, 1, 2]);
        // The current replica stays first (preferred leader); the least-loaded broker joins.
        assert_eq!(grown, vec![(0, vec![1, 0]), (1, vec![2, 0])]);
        let full = reassign_for_rf(&parts, 3, &[0, 1, 2]);
        assert!(
            full.iter()
                .all(|(_, r)| r.len() == 3 && r.iter().collect::<BTreeSet<_>>().len() == 3)
        );
        let shrunk = reassign_for_rf(
            &[PartitionReplicas {
                partition: 0,
                replicas: vec![2, 0, 1],
                moving: false,
            }],
            1,
            &[0, 1, 2],
        );
        assert_eq!(shrunk, vec![(0, vec![2])]);
        assert!(
            reassign_for_rf(&parts, 1, &[0, 1, 2]).is_empty(),
            "no move when done"
        );
    }

    #[test]
    fn the_oldest_object_owns_a_topic() {
        let claim = |m: bool, t: &str, u: &str| (m, t.to_string(), u.to_string());
        let me = claim(false, "2026-01-01T00:00:00Z", "b");
        assert!(owns_topic(&me, &[]));
        assert!(owns_topic(
            &me,
            &[claim(false, "2026-01-02T00:00:00Z", "a")]
        ));
        assert!(!owns_topic(
            &me,
            &[claim(false, "2025-12-31T00:00:00Z", "z")]
        ));
        // Same second: the uid decides, the same way on every reconcile.
        assert!(!owns_topic(
            &me,
            &[claim(false, "2026-01-01T00:00:00Z", "a")]
        ));
        // The one already managing the topic keeps it.
        assert!(!owns_topic(
            &me,
            &[claim(true, "2026-01-01T00:00:00Z", "c")]
        ));
        assert!(owns_topic(&claim(true, "2026-01-01T00:00:00Z", "c"), &[me]));
    }
}
