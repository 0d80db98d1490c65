//! The quorum as Kafka's DescribeQuorum shows it: leader, epoch, high watermark, and each
//! voter's and observer's log end offset with the times the leader last heard from it and
//! last saw it caught up. Offsets are Raft log indexes + 1 (Kafka's "next offset").

use std::collections::BTreeMap;

use openraft::{BasicNode, RaftMetrics};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use super::NodeId;

/// One replica of the metadata log, as the leader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaView {
    pub replica_id: i32,
    /// -1: not known (no append acknowledged yet).
    pub log_end_offset: i64,
    /// Wall-clock ms of the last append (or heartbeat) it acknowledged; -1: never.
    pub last_fetch_timestamp: i64,
    /// Wall-clock ms when it last held every entry the leader had; -1: never.
    pub last_caught_up_timestamp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumView {
    pub leader_id: i32,
    pub leader_epoch: i32,
    pub high_watermark: i64,
    pub voters: Vec<ReplicaView>,
    pub observers: Vec<ReplicaView>,
}

/// What the leader's Raft network heard back from each follower: the time of its last
/// acknowledged AppendEntries and the last index it acknowledged.
#[derive(Debug, Default)]
pub struct ReplicaAcks {
    acks: Mutex<BTreeMap<NodeId, Ack>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ack {
    pub at_ms: i64,
    pub index: Option<u64>,
    /// The last ack at which the follower held the leader's whole log (kept by `view`).
    pub caught_up_ms: Option<i64>,
}

impl ReplicaAcks {
    pub fn record(&self, target: NodeId, at_ms: i64, index: Option<u64>) {
        let mut acks = self.acks.lock();
        let a = acks.entry(target).or_default();
        a.at_ms = at_ms;
        a.index = index.max(a.index);
    }

    fn snapshot(&self) -> BTreeMap<NodeId, Ack> {
        self.acks.lock().clone()
    }

    fn set_caught_up(&self, target: NodeId, at_ms: i64) {
        if let Some(a) = self.acks.lock().get_mut(&target) {
            a.caught_up_ms = Some(at_ms.max(a.caught_up_ms.unwrap_or(-1)));
        }
    }

    /// The view from this node's metrics, if it is the leader; updates the caught-up times.
    pub fn view(&self, m: &RaftMetrics<NodeId, BasicNode>, now_ms: i64) -> Option<QuorumView> {
        let view = quorum_view(m, &self.snapshot(), now_ms)?;
        for r in view.voters.iter().chain(&view.observers) {
            if r.last_caught_up_timestamp >= 0 && r.replica_id as NodeId != m.id {
                self.set_caught_up(r.replica_id as NodeId, r.last_caught_up_timestamp);
            }
        }
        Some(view)
    }
}

/// The leader's view of the quorum (None on a node that is not the leader). A follower is
/// caught up when its matched index is the leader's last index; its caught-up time is then
/// its last ack, else the last time it was seen caught up.
pub fn quorum_view(
    m: &RaftMetrics<NodeId, BasicNode>,
    acks: &BTreeMap<NodeId, Ack>,
    now_ms: i64,
) -> Option<QuorumView> {
    if m.current_leader != Some(m.id) {
        return None;
    }
    let replication = m.replication.as_ref()?;
    let leader_end = m.last_log_index.map_or(0, |i| i as i64 + 1);
    let replica = |id: NodeId| -> ReplicaView {
        if id == m.id {
            return ReplicaView {
                replica_id: id as i32,
                log_end_offset: leader_end,
                last_fetch_timestamp: now_ms,
                last_caught_up_timestamp: now_ms,
            };
        }
        let matched = replication.get(&id).copied().flatten().map(|l| l.index);
        let ack = acks.get(&id).copied().unwrap_or(Ack {
            at_ms: -1,
            index: None,
            caught_up_ms: None,
        });
        let end = matched.max(ack.index);
        let caught_up = if end.is_some_and(|e| e as i64 + 1 >= leader_end) && ack.at_ms >= 0 {
            ack.at_ms
        } else {
            ack.caught_up_ms.unwrap_or(-1)
        };
        ReplicaView {
            replica_id: id as i32,
            log_end_offset: end.map_or(-1, |e| e as i64 + 1),
            last_fetch_timestamp: ack.at_ms,
            last_caught_up_timestamp: caught_up,
        }
    };
    let membership = m.membership_config.membership();
    Some(QuorumView {
        leader_id: m.id as i32,
        leader_epoch: m.current_term as i32,
        high_watermark: m.last_applied.map_or(0, |l| l.index as i64 + 1),
        voters: membership.voter_ids().map(replica).collect(),
        observers: membership.learner_ids().map(replica).collect(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use openraft::{CommittedLeaderId, LogId, Membership, ServerState, StoredMembership, Vote};

    use super::*;

    fn log_id(index: u64) -> LogId<NodeId> {
        LogId::new(CommittedLeaderId::new(3, 1), index)
    }

    fn metrics(
        leader: NodeId,
        matched: &[(NodeId, Option<u64>)],
    ) -> RaftMetrics<NodeId, BasicNode> {
        let voters = BTreeSet::from([1, 2, 3]);
        let nodes: BTreeMap<NodeId, BasicNode> = [1, 2, 3, 4]
            .into_iter()
            .map(|i| (i, BasicNode::new(format!("h{i}:9093"))))
            .collect();
        let membership = Membership::new(vec![voters], nodes);
        let mut m = RaftMetrics::new_initial(1);
        m.current_term = 3;
        m.vote = Vote::new_committed(3, 1);
        m.state = ServerState::Leader;
        m.current_leader = Some(leader);
        m.last_log_index = Some(99);
        m.last_applied = Some(log_id(97));
        m.membership_config = Arc::new(StoredMembership::new(Some(log_id(0)), membership));
        m.replication = Some(matched.iter().map(|(id, i)| (*id, i.map(log_id))).collect());
        m
    }

    #[test]
    fn leader_reports_voters_observers_and_offsets() {
        let m = metrics(1, &[(2, Some(99)), (3, Some(50)), (4, None)]);
        let acks = BTreeMap::from([
            (
                2,
                Ack {
                    at_ms: 1000,
                    index: Some(99),
                    caught_up_ms: None,
                },
            ),
            (
                3,
                Ack {
                    at_ms: 900,
                    index: Some(50),
                    caught_up_ms: Some(400),
                },
            ),
        ]);
        let v = quorum_view(&m, &acks, 1234).unwrap();
        assert_eq!((v.leader_id, v.leader_epoch, v.high_watermark), (1, 3, 98));
        let by_id: BTreeMap<i32, &ReplicaView> =
            v.voters.iter().map(|r| (r.replica_id, r)).collect();
        assert_eq!(by_id[&1].log_end_offset, 100);
        assert_eq!(by_id[&1].last_caught_up_timestamp, 1234);
        // Caught up: its last ack is its caught-up time.
        assert_eq!(
            (
                by_id[&2].log_end_offset,
                by_id[&2].last_fetch_timestamp,
                by_id[&2].last_caught_up_timestamp
            ),
            (100, 1000, 1000)
        );
        // Behind: the last time it was seen caught up.
        assert_eq!(
            (
                by_id[&3].log_end_offset,
                by_id[&3].last_fetch_timestamp,
                by_id[&3].last_caught_up_timestamp
            ),
            (51, 900, 400)
        );
        // A learner that never acknowledged anything.
        assert_eq!(
            v.observers,
            vec![ReplicaView {
                replica_id: 4,
                log_end_offset: -1,
                last_fetch_timestamp: -1,
                last_caught_up_timestamp: -1
            }]
        );
    }

    #[test]
    fn only_the_leader_has_a_view() {
        let mut m = metrics(2, &[]);
        m.replication = None;
        assert_eq!(quorum_view(&m, &BTreeMap::new(), 1), None);
    }

    #[test]
    fn caught_up_times_are_remembered_when_a_follower_falls_behind() {
        let acks = ReplicaAcks::default();
        acks.record(3, 500, Some(99));
        let m = metrics(1, &[(2, Some(99)), (3, Some(99))]);
        acks.view(&m, 600).unwrap();
        acks.record(3, 700, Some(99));
        let mut m = metrics(1, &[(2, Some(120)), (3, Some(99))]);
        m.last_log_index = Some(120);
        let v = acks.view(&m, 800).unwrap();
        let r3 = v.voters.iter().find(|r| r.replica_id == 3).unwrap();
        assert_eq!(
            (r3.last_fetch_timestamp, r3.last_caught_up_timestamp),
            (700, 500)
        );
    }
}
