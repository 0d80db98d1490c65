//! What the brokers' Admin service says about a cluster, summarised (pure): the active
//! controller, the cluster id, each broker's leaderships and replicas, and the partitions that
//! are under-replicated or offline. The roll's health gate, the scale-down planner and the
//! status (Degraded, the per-broker table) all read this one snapshot.

use moldau_proto::pb;

use super::scale::PartitionView;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrokerFact {
    pub id: i32,
    pub rack: Option<String>,
    pub fenced: bool,
    /// In a controlled shutdown.
    pub shutting_down: bool,
    /// Changes each time the broker process starts.
    pub incarnation: String,
    pub leaders: i32,
    pub partitions: i32,
}

/// One snapshot of the cluster, from one Admin service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterFacts {
    pub active_controller: Option<i32>,
    pub cluster_id: Option<String>,
    pub brokers: Vec<BrokerFact>,
    pub partitions: Vec<PartitionView>,
    /// Partitions with fewer in-sync replicas than their replication factor.
    pub under_replicated: u64,
    /// Partitions without a live leader.
    pub offline: u64,
    /// Up to a few under-replicated or offline partitions by name, for messages.
    pub examples: Vec<String>,
}

/// Summarises DescribeBrokers and DescribePartitions.
pub fn summarize(
    brokers: &pb::DescribeBrokersResponse,
    partitions: &[pb::PartitionInfo],
) -> ClusterFacts {
    let live = |id: i32| brokers.brokers.iter().any(|b| b.id == id && !b.fenced);
    let mut facts = ClusterFacts {
        active_controller: (brokers.controller_id >= 0).then_some(brokers.controller_id),
        cluster_id: (!brokers.cluster_id.is_empty()).then(|| brokers.cluster_id.clone()),
        ..Default::default()
    };
    let mut ids: Vec<i32> = brokers.brokers.iter().map(|b| b.id).collect();
    ids.sort_unstable();
    for p in partitions {
        // During a reassignment the replica list holds the targets being added too; the
        // replication factor is what remains once they are in.
        let rf = p.replicas.len().saturating_sub(p.adding_replicas.len());
        let offline = p.leader < 0 || !live(p.leader);
        let under = !offline && p.isr.len() < rf;
        if offline {
            facts.offline += 1;
        }
        if under {
            facts.under_replicated += 1;
        }
        if (offline || under) && facts.examples.len() < 3 {
            facts.examples.push(format!("{}-{}", p.topic, p.partition));
        }
        facts.partitions.push(PartitionView {
            topic: p.topic.clone(),
            partition: p.partition,
            replicas: p.replicas.clone(),
            reassigning: !p.adding_replicas.is_empty() || !p.removing_replicas.is_empty(),
            leader: p.leader,
            isr: p.isr.clone(),
        });
    }
    facts.brokers = ids
        .into_iter()
        .filter_map(|id| brokers.brokers.iter().find(|b| b.id == id))
        .map(|b| BrokerFact {
            id: b.id,
            rack: (!b.rack.is_empty()).then(|| b.rack.clone()),
            fenced: b.fenced,
            shutting_down: b.shutting_down,
            incarnation: b.incarnation_id.clone(),
            leaders: partitions.iter().filter(|p| p.leader == b.id).count() as i32,
            partitions: partitions
                .iter()
                .filter(|p| p.replicas.contains(&b.id))
                .count() as i32,
        })
        .collect();
    facts
}

/// The Degraded condition's status, reason and message (None: not known).
pub fn degraded(facts: Option<&ClusterFacts>) -> (Option<bool>, &'static str, String) {
    let Some(f) = facts else {
        return (
            None,
            "AdminUnreachable",
            "no Ready broker's Admin service answered".into(),
        );
    };
    let fenced: Vec<String> = f
        .brokers
        .iter()
        .filter(|b| b.fenced)
        .map(|b| b.id.to_string())
        .collect();
    let examples = if f.examples.is_empty() {
        String::new()
    } else {
        format!(" (e.g. {})", f.examples.join(", "))
    };
    if f.offline > 0 {
        (
            Some(true),
            "OfflinePartitions",
            format!(
                "{} offline and {} under-replicated partition(s){examples}",
                f.offline, f.under_replicated
            ),
        )
    } else if f.under_replicated > 0 {
        (
            Some(true),
            "UnderReplicatedPartitions",
            format!(
                "{} under-replicated partition(s){examples}",
                f.under_replicated
            ),
        )
    } else if !fenced.is_empty() {
        (
            Some(true),
            "BrokersFenced",
            format!("fenced broker(s): {}", fenced.join(", ")),
        )
    } else {
        (
            Some(false),
            "AllInSync",
            format!(
                "{} partition(s), every one led and fully in sync",
                f.partitions.len()
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broker(id: i32, fenced: bool) -> pb::BrokerInfo {
        pb::BrokerInfo {
            id,
            rack: if id == 0 {
                "zone-a".into()
            } else {
                String::new()
            },
            fenced,
            ..Default::default()
        }
    }

    fn part(
        p: i32,
        leader: i32,
        replicas: &[i32],
        isr: &[i32],
        adding: &[i32],
    ) -> pb::PartitionInfo {
        pb::PartitionInfo {
            topic: "t".into(),
            partition: p,
            leader,
            replicas: replicas.to_vec(),
            isr: isr.to_vec(),
            adding_replicas: adding.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn counts_leaders_replicas_urp_and_offline() {
        let brokers = pb::DescribeBrokersResponse {
            brokers: vec![broker(2, true), broker(0, false), broker(1, false)],
            controller_id: 1,
            cluster_id: "abc".into(),
            ..Default::default()
        };
        let parts = vec![
            part(0, 0, &[0, 1, 2], &[0, 1, 2], &[]),
            part(1, 1, &[1, 2, 0], &[1, 0], &[]),
            // Its leader is fenced: offline, not also under-replicated.
            part(2, 2, &[2, 0, 1], &[2], &[]),
            part(3, -1, &[0, 1, 2], &[0], &[]),
            // Moving to 3 from 0: three replicas listed, two of them the target set.
            part(4, 0, &[0, 1, 3], &[0, 1], &[3]),
        ];
        let f = summarize(&brokers, &parts);
        assert_eq!(f.active_controller, Some(1));
        assert_eq!(f.cluster_id.as_deref(), Some("abc"));
        assert_eq!(f.offline, 2);
        assert_eq!(f.under_replicated, 1);
        assert_eq!(f.examples, vec!["t-1", "t-2", "t-3"]);
        let ids: Vec<i32> = f.brokers.iter().map(|b| b.id).collect();
        assert_eq!(ids, vec![0, 1, 2], "sorted by id");
        assert_eq!(
            f.brokers.iter().map(|b| b.leaders).collect::<Vec<_>>(),
            vec![2, 1, 1]
        );
        assert_eq!(
            f.brokers.iter().map(|b| b.partitions).collect::<Vec<_>>(),
            vec![5, 5, 4]
        );
        assert_eq!(f.brokers[0].rack.as_deref(), Some("zone-a"));
        assert!(f.partitions[4].reassigning);
        let (on, reason, message) = degraded(Some(&f));
        assert_eq!((on, reason), (Some(true), "OfflinePartitions"));
        assert!(
            message.starts_with("2 offline and 1 under-replicated"),
            "{message}"
        );
    }

    #[test]
    fn degraded_reasons() {
        assert_eq!(degraded(None).0, None);
        let brokers = pb::DescribeBrokersResponse {
            brokers: vec![broker(0, false), broker(1, false)],
            controller_id: -1,
            ..Default::default()
        };
        let healthy = summarize(&brokers, &[part(0, 0, &[0, 1], &[0, 1], &[])]);
        assert_eq!(healthy.active_controller, None);
        assert_eq!(healthy.cluster_id, None);
        assert_eq!(degraded(Some(&healthy)).0, Some(false));
        let urp = summarize(&brokers, &[part(0, 0, &[0, 1], &[0], &[])]);
        assert_eq!(degraded(Some(&urp)).1, "UnderReplicatedPartitions");
        let fenced = pb::DescribeBrokersResponse {
            brokers: vec![broker(0, false), broker(1, true)],
            ..Default::default()
        };
        let f = summarize(&fenced, &[]);
        let (on, reason, message) = degraded(Some(&f));
        assert_eq!((on, reason), (Some(true), "BrokersFenced"));
        assert_eq!(message, "fenced broker(s): 1");
    }
}
