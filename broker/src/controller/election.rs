//! Leader election and ISR changes, planned against the metadata image. Pure functions: each
//! takes the image and returns the partition records the active controller commits.

use std::collections::BTreeMap;

use kafka_protocol::error::ResponseError;
use uuid::Uuid;

use super::records::{BrokerState, MetadataRecord, PartitionRegistration};
use super::{ApiError, MetadataImage};

/// A partition change: (topic id, partition, new registration).
pub type Change = (Uuid, i32, PartitionRegistration);

pub fn to_records(changes: Vec<Change>) -> Vec<MetadataRecord> {
    changes
        .into_iter()
        .map(
            |(topic_id, partition, registration)| MetadataRecord::Partition {
                topic_id,
                partition,
                registration,
            },
        )
        .collect()
}

/// Picks a leader among `candidates` (in replica order) that can lead: active, and among
/// those the one leading the fewest partitions so leadership stays even. Ties go to the
/// earlier replica (the preferred one first).
fn pick_leader(candidates: &[i32], image: &MetadataImage, counts: &BTreeMap<i32, usize>) -> i32 {
    candidates
        .iter()
        .copied()
        .filter(|b| image.broker_state(*b) == Some(BrokerState::Active))
        .min_by_key(|b| counts.get(b).copied().unwrap_or(0))
        .unwrap_or(-1)
}

/// Moves leadership off `broker` and removes it from every ISR (it was fenced, restarted with
/// a new incarnation, or is shutting down). The last in-sync replica stays in the ISR with no
/// leader, so a returning broker that holds the only copy is not forgotten.
pub fn remove_broker(
    image: &MetadataImage,
    broker: i32,
    unclean: &dyn Fn(&str) -> bool,
) -> Vec<Change> {
    let mut counts = image.leader_counts();
    let mut out = Vec::new();
    for t in image.topics.values() {
        for (p, reg) in &t.partitions {
            if !reg.isr.contains(&broker) && reg.leader != broker {
                continue;
            }
            let mut next = reg.clone();
            if reg.isr.len() > 1 {
                next.isr.retain(|b| *b != broker);
            }
            if reg.leader == broker {
                let candidates: Vec<i32> = reg
                    .replicas
                    .iter()
                    .copied()
                    .filter(|b| next.isr.contains(b) && *b != broker)
                    .collect();
                let mut leader = pick_leader(&candidates, image, &counts);
                if leader == -1 && unclean(&t.name) {
                    let live: Vec<i32> = reg
                        .replicas
                        .iter()
                        .copied()
                        .filter(|b| *b != broker)
                        .collect();
                    leader = pick_leader(&live, image, &counts);
                    if leader != -1 {
                        next.isr = vec![leader];
                    }
                }
                if let Some(c) = counts.get_mut(&broker) {
                    *c = c.saturating_sub(1);
                }
                if leader != -1 {
                    *counts.entry(leader).or_default() += 1;
                }
                next.leader = leader;
                next.leader_epoch += 1;
            }
            if next != *reg {
                next.partition_epoch += 1;
                out.push((t.id, *p, next));
            }
        }
    }
    out
}

/// Elects leaders for partitions that have none, from their in-sync replicas that are active
/// (after a broker came back).
pub fn elect_offline(image: &MetadataImage) -> Vec<Change> {
    let mut counts = image.leader_counts();
    let mut out = Vec::new();
    for t in image.topics.values() {
        for (p, reg) in &t.partitions {
            if reg.leader != -1 {
                continue;
            }
            let candidates: Vec<i32> = reg
                .replicas
                .iter()
                .copied()
                .filter(|b| reg.isr.contains(b))
                .collect();
            let leader = pick_leader(&candidates, image, &counts);
            if leader != -1 {
                *counts.entry(leader).or_default() += 1;
                let mut next = reg.clone();
                next.leader = leader;
                next.leader_epoch += 1;
                next.partition_epoch += 1;
                out.push((t.id, *p, next));
            }
        }
    }
    out
}

/// Preferred-replica election for one partition: the first replica leads if it is in sync
/// and active.
pub fn elect_preferred(
    image: &MetadataImage,
    reg: &PartitionRegistration,
) -> Result<PartitionRegistration, ApiError> {
    let Some(&preferred) = reg.replicas.first() else {
        return Err(ApiError::new(
            ResponseError::PreferredLeaderNotAvailable,
            "partition has no replicas",
        ));
    };
    if reg.leader == preferred {
        return Err(ApiError::new(
            ResponseError::ElectionNotNeeded,
            format!("broker {preferred} already leads"),
        ));
    }
    if !reg.isr.contains(&preferred) || image.broker_state(preferred) != Some(BrokerState::Active) {
        return Err(ApiError::new(
            ResponseError::PreferredLeaderNotAvailable,
            format!(
                "preferred leader {preferred} is not an active in-sync replica (ISR {:?})",
                reg.isr
            ),
        ));
    }
    let mut next = reg.clone();
    next.leader = preferred;
    next.leader_epoch += 1;
    next.partition_epoch += 1;
    Ok(next)
}

/// Designated election: `target` leads if it is an active in-sync replica (the operator's
/// leader rebalancing picks it).
pub fn elect_designated(
    image: &MetadataImage,
    reg: &PartitionRegistration,
    target: i32,
) -> Result<PartitionRegistration, ApiError> {
    if reg.leader == target {
        return Err(ApiError::new(
            ResponseError::ElectionNotNeeded,
            format!("broker {target} already leads"),
        ));
    }
    if !reg.isr.contains(&target) || image.broker_state(target) != Some(BrokerState::Active) {
        return Err(ApiError::new(
            ResponseError::EligibleLeadersNotAvailable,
            format!(
                "broker {target} is not an active in-sync replica (ISR {:?})",
                reg.isr
            ),
        ));
    }
    let mut next = reg.clone();
    next.leader = target;
    next.leader_epoch += 1;
    next.partition_epoch += 1;
    Ok(next)
}

/// Unclean-type election (Kafka's ElectionType.UNCLEAN): only for a partition without a
/// leader; an active in-sync replica if there is one, otherwise any active replica.
pub fn elect_unclean(
    image: &MetadataImage,
    reg: &PartitionRegistration,
) -> Result<PartitionRegistration, ApiError> {
    if reg.leader != -1 {
        return Err(ApiError::new(
            ResponseError::ElectionNotNeeded,
            format!("broker {} leads", reg.leader),
        ));
    }
    let counts = image.leader_counts();
    let in_sync: Vec<i32> = reg
        .replicas
        .iter()
        .copied()
        .filter(|b| reg.isr.contains(b))
        .collect();
    let mut next = reg.clone();
    let mut leader = pick_leader(&in_sync, image, &counts);
    if leader == -1 {
        leader = pick_leader(&reg.replicas, image, &counts);
        next.isr = vec![leader];
    }
    if leader == -1 {
        return Err(ApiError::new(
            ResponseError::EligibleLeadersNotAvailable,
            "no replica is alive",
        ));
    }
    next.leader = leader;
    next.leader_epoch += 1;
    next.partition_epoch += 1;
    Ok(next)
}

/// Partitions whose preferred leader should take over again (auto.leader.rebalance.enable):
/// for each broker whose share of not-led preferred partitions exceeds `percentage`, the
/// preferred elections that are possible now.
pub fn rebalance(image: &MetadataImage, percentage: i32) -> Vec<Change> {
    let mut preferred: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for t in image.topics.values() {
        for reg in t.partitions.values() {
            if let Some(&b) = reg.replicas.first() {
                let e = preferred.entry(b).or_default();
                e.0 += 1;
                if reg.leader != b {
                    e.1 += 1;
                }
            }
        }
    }
    let imbalanced: Vec<i32> = preferred
        .iter()
        .filter(|(_, (total, off))| {
            *off > 0 && (*off * 100) > (*total * percentage.max(0) as usize)
        })
        .map(|(b, _)| *b)
        .collect();
    let mut out = Vec::new();
    for t in image.topics.values() {
        for (p, reg) in &t.partitions {
            if reg.replicas.first().is_some_and(|b| imbalanced.contains(b))
                && let Ok(next) = elect_preferred(image, reg)
            {
                out.push((t.id, *p, next));
            }
        }
    }
    out
}

/// AlterPartition from a leader: checks that it still leads at the epochs it saw and that new
/// ISR members are eligible, and returns the new registration.
pub fn alter_isr(
    image: &MetadataImage,
    reg: &PartitionRegistration,
    leader: i32,
    leader_epoch: i32,
    partition_epoch: i32,
    isr: &[i32],
) -> Result<PartitionRegistration, ApiError> {
    if reg.leader != leader || reg.leader_epoch != leader_epoch {
        return Err(ApiError::new(
            ResponseError::FencedLeaderEpoch,
            format!(
                "broker {leader} at epoch {leader_epoch} no longer leads (leader {} epoch {})",
                reg.leader, reg.leader_epoch
            ),
        ));
    }
    if reg.partition_epoch != partition_epoch {
        return Err(ApiError::new(
            ResponseError::InvalidUpdateVersion,
            format!(
                "partition epoch {partition_epoch} is stale (now {})",
                reg.partition_epoch
            ),
        ));
    }
    if !isr.contains(&leader) {
        return Err(ApiError::new(
            ResponseError::InvalidRequest,
            "the ISR must contain the leader",
        ));
    }
    for b in isr {
        if !reg.replicas.contains(b) {
            return Err(ApiError::new(
                ResponseError::InvalidRequest,
                format!("broker {b} is not a replica"),
            ));
        }
        if !reg.isr.contains(b) && image.broker_state(*b) != Some(BrokerState::Active) {
            return Err(ApiError::new(
                ResponseError::IneligibleReplica,
                format!("broker {b} is fenced or shutting down and cannot join the ISR"),
            ));
        }
    }
    let mut next = reg.clone();
    next.isr = reg
        .replicas
        .iter()
        .copied()
        .filter(|b| isr.contains(b))
        .collect();
    next.partition_epoch += 1;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::records::BrokerRegistration;

    fn image(brokers: &[i32], parts: &[(&[i32], i32)]) -> MetadataImage {
        let mut img = MetadataImage::new();
        for b in brokers {
            img.apply(
                &MetadataRecord::RegisterBroker(BrokerRegistration {
                    node_id: *b,
                    host: "h".into(),
                    port: 1,
                    rack: None,
                    incarnation_id: Uuid::nil(),
                    controller_address: None,
                    listeners: Default::default(),
                }),
                0,
            );
        }
        let id = Uuid::new_v4();
        img.apply(
            &MetadataRecord::Topic {
                name: "t".into(),
                topic_id: id,
            },
            0,
        );
        for (i, (replicas, leader)) in parts.iter().enumerate() {
            let mut reg = PartitionRegistration::new(replicas.to_vec());
            reg.leader = *leader;
            img.apply(
                &MetadataRecord::Partition {
                    topic_id: id,
                    partition: i as i32,
                    registration: reg,
                },
                0,
            );
        }
        img
    }

    /// Gives partition 0 of "t" this ISR and fences `fenced`.
    fn shrink_and_fence(img: &mut MetadataImage, isr: Vec<i32>, fenced: i32) {
        let t = img.topic("t").unwrap().id;
        let mut reg = img.partition("t", 0).unwrap().clone();
        reg.isr = isr;
        let partition = MetadataRecord::Partition {
            topic_id: t,
            partition: 0,
            registration: reg,
        };
        img.apply(&partition, 0);
        set_state(img, fenced, BrokerState::Fenced);
    }

    fn set_state(img: &mut MetadataImage, node_id: i32, state: BrokerState) {
        img.apply(&MetadataRecord::BrokerState { node_id, state }, 0);
    }

    fn apply(img: &mut MetadataImage, changes: Vec<Change>) {
        for r in to_records(changes) {
            img.apply(&r, 0);
        }
    }

    #[test]
    fn fencing_moves_leaders_evenly_and_shrinks_isrs() {
        let mut img = image(
            &[1, 2, 3],
            &[
                (&[1, 2, 3], 1),
                (&[1, 3, 2], 1),
                (&[2, 3, 1], 2),
                (&[3, 1, 2], 3),
            ],
        );
        img.apply(
            &MetadataRecord::BrokerState {
                node_id: 1,
                state: BrokerState::Fenced,
            },
            0,
        );
        let changes = remove_broker(&img, 1, &|_| false);
        apply(&mut img, changes);
        let counts = img.leader_counts();
        assert_eq!(counts.get(&1), Some(&0));
        assert_eq!(counts.get(&2), Some(&2));
        assert_eq!(counts.get(&3), Some(&2));
        for p in img.topic("t").unwrap().partitions.values() {
            assert!(!p.isr.contains(&1));
            assert!(p.isr.contains(&p.leader));
            assert!(p.partition_epoch >= 1);
        }
    }

    #[test]
    fn last_in_sync_replica_stays_and_leads_again_when_back() {
        let mut img = image(&[1, 2], &[(&[1, 2], 1)]);
        shrink_and_fence(&mut img, vec![1], 1);
        let changes = remove_broker(&img, 1, &|_| false);
        apply(&mut img, changes);
        let p = img.partition("t", 0).unwrap();
        assert_eq!(
            (p.leader, p.isr.clone()),
            (-1, vec![1]),
            "no unclean election by default"
        );
        img.apply(
            &MetadataRecord::BrokerState {
                node_id: 1,
                state: BrokerState::Active,
            },
            0,
        );
        let changes = elect_offline(&img);
        apply(&mut img, changes);
        assert_eq!(img.partition("t", 0).unwrap().leader, 1);
    }

    #[test]
    fn unclean_election_only_when_enabled() {
        let mut img = image(&[1, 2], &[(&[1, 2], 1)]);
        shrink_and_fence(&mut img, vec![1], 1);
        let changes = remove_broker(&img, 1, &|_| true);
        apply(&mut img, changes);
        let p = img.partition("t", 0).unwrap();
        assert_eq!((p.leader, p.isr.clone()), (2, vec![2]));
    }

    #[test]
    fn preferred_election_and_rebalance() {
        let img = image(&[1, 2], &[(&[1, 2], 2), (&[2, 1], 2)]);
        let reg = img.partition("t", 0).unwrap();
        assert_eq!(elect_preferred(&img, reg).unwrap().leader, 1);
        let reg1 = img.partition("t", 1).unwrap();
        assert_eq!(
            elect_preferred(&img, reg1).unwrap_err().error,
            ResponseError::ElectionNotNeeded
        );
        let moves = rebalance(&img, 10);
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].2.leader, 1);
        let balanced = image(&[1, 2], &[(&[1, 2], 1), (&[2, 1], 2)]);
        assert!(rebalance(&balanced, 10).is_empty(), "no move when balanced");
    }

    #[test]
    fn designated_election_needs_an_active_in_sync_target() {
        let mut img = image(&[1, 2, 3], &[(&[1, 2, 3], 1)]);
        let reg = img.partition("t", 0).unwrap().clone();
        let next = elect_designated(&img, &reg, 3).unwrap();
        assert_eq!((next.leader, next.leader_epoch), (3, reg.leader_epoch + 1));
        assert_eq!(
            elect_designated(&img, &reg, 1).unwrap_err().error,
            ResponseError::ElectionNotNeeded
        );
        assert_eq!(
            elect_designated(&img, &reg, 7).unwrap_err().error,
            ResponseError::EligibleLeadersNotAvailable,
            "not a replica"
        );
        set_state(&mut img, 2, BrokerState::Fenced);
        assert_eq!(
            elect_designated(&img, &reg, 2).unwrap_err().error,
            ResponseError::EligibleLeadersNotAvailable,
            "fenced"
        );
    }

    #[test]
    fn alter_isr_checks_epochs_and_eligibility() {
        let mut img = image(&[1, 2, 3], &[(&[1, 2, 3], 1)]);
        let reg = img.partition("t", 0).unwrap().clone();
        let shrunk = alter_isr(&img, &reg, 1, 0, 0, &[1, 2]).unwrap();
        assert_eq!(shrunk.isr, vec![1, 2]);
        assert_eq!(shrunk.partition_epoch, 1);
        assert_eq!(
            alter_isr(&img, &reg, 2, 0, 0, &[2]).unwrap_err().error,
            ResponseError::FencedLeaderEpoch
        );
        assert_eq!(
            alter_isr(&img, &shrunk, 1, 0, 0, &[1]).unwrap_err().error,
            ResponseError::InvalidUpdateVersion
        );
        img.apply(
            &MetadataRecord::BrokerState {
                node_id: 3,
                state: BrokerState::Fenced,
            },
            0,
        );
        assert_eq!(
            alter_isr(&img, &shrunk, 1, 0, 1, &[1, 2, 3])
                .unwrap_err()
                .error,
            ResponseError::IneligibleReplica
        );
    }
}

/// Starts (or, with `None`, cancels) a reassignment of one partition to `target` replicas.
/// The new replicas join first (`adding_replicas`); `complete_reassignments` switches to the
/// target once they are all in sync.
pub fn plan_reassignment(
    image: &MetadataImage,
    reg: &PartitionRegistration,
    target: Option<&[i32]>,
) -> Result<PartitionRegistration, ApiError> {
    let original: Vec<i32> = reg
        .replicas
        .iter()
        .copied()
        .filter(|b| !reg.adding_replicas.contains(b))
        .collect();
    let mut next = reg.clone();
    match target {
        None => {
            if reg.adding_replicas.is_empty() && reg.removing_replicas.is_empty() {
                return Err(ApiError::new(
                    ResponseError::NoReassignmentInProgress,
                    "no reassignment is in progress for this partition",
                ));
            }
            next.replicas = original;
            next.isr.retain(|b| next.replicas.contains(b));
            next.adding_replicas.clear();
            next.removing_replicas.clear();
        }
        Some(target) => {
            let mut seen = target.to_vec();
            seen.sort_unstable();
            seen.dedup();
            if target.is_empty() || seen.len() != target.len() {
                return Err(ApiError::new(
                    ResponseError::InvalidReplicaAssignment,
                    "the target replica list must be non-empty without duplicates",
                ));
            }
            if let Some(b) = target.iter().find(|b| !image.brokers.contains_key(b)) {
                return Err(ApiError::new(
                    ResponseError::InvalidReplicaAssignment,
                    format!("broker {b} is not registered"),
                ));
            }
            let adding: Vec<i32> = target
                .iter()
                .copied()
                .filter(|b| !original.contains(b))
                .collect();
            let removing: Vec<i32> = original
                .iter()
                .copied()
                .filter(|b| !target.contains(b))
                .collect();
            next.replicas = target.to_vec();
            next.replicas.extend(removing.iter().copied());
            next.isr.retain(|b| next.replicas.contains(b));
            next.adding_replicas = adding;
            next.removing_replicas = removing;
        }
    }
    next.partition_epoch += 1;
    Ok(finish_if_in_sync(image, next))
}

/// A reassignment whose new replicas are all in sync switches to the target replicas; the
/// leader moves if it was being removed.
fn finish_if_in_sync(
    image: &MetadataImage,
    mut reg: PartitionRegistration,
) -> PartitionRegistration {
    if !reg.adding_replicas.iter().all(|b| reg.isr.contains(b)) {
        return reg;
    }
    if reg.adding_replicas.is_empty() && reg.removing_replicas.is_empty() {
        return reg;
    }
    let removing = std::mem::take(&mut reg.removing_replicas);
    reg.adding_replicas.clear();
    reg.replicas.retain(|b| !removing.contains(b));
    let isr: Vec<i32> = reg
        .isr
        .iter()
        .copied()
        .filter(|b| !removing.contains(b))
        .collect();
    if !isr.is_empty() {
        reg.isr = isr;
    }
    if removing.contains(&reg.leader) || reg.leader == -1 {
        let candidates: Vec<i32> = reg
            .replicas
            .iter()
            .copied()
            .filter(|b| reg.isr.contains(b))
            .collect();
        reg.leader = pick_leader(&candidates, image, &image.leader_counts());
        reg.leader_epoch += 1;
    }
    reg
}

/// Reassignments whose new replicas have all joined the ISR, completed.
pub fn complete_reassignments(image: &MetadataImage) -> Vec<Change> {
    let mut out = Vec::new();
    for t in image.topics.values() {
        for (p, reg) in &t.partitions {
            if reg.adding_replicas.is_empty() && reg.removing_replicas.is_empty() {
                continue;
            }
            let next = finish_if_in_sync(image, reg.clone());
            if next != *reg {
                let mut next = next;
                next.partition_epoch += 1;
                out.push((t.id, *p, next));
            }
        }
    }
    out
}

#[cfg(test)]
mod reassignment_tests {
    use super::*;
    use crate::controller::records::BrokerRegistration;

    #[test]
    fn reassignment_adds_then_switches_when_in_sync() {
        let mut img = MetadataImage::new();
        for b in [1, 2, 3, 4] {
            img.apply(
                &MetadataRecord::RegisterBroker(BrokerRegistration {
                    node_id: b,
                    host: "h".into(),
                    port: 1,
                    rack: None,
                    incarnation_id: Uuid::nil(),
                    controller_address: None,
                    listeners: Default::default(),
                }),
                0,
            );
        }
        let reg = PartitionRegistration::new(vec![1, 2]);
        let started = plan_reassignment(&img, &reg, Some(&[3, 4])).unwrap();
        assert_eq!(started.replicas, vec![3, 4, 1, 2]);
        assert_eq!(
            (
                started.adding_replicas.clone(),
                started.removing_replicas.clone()
            ),
            (vec![3, 4], vec![1, 2])
        );
        assert_eq!(
            started.leader, 1,
            "the old leader leads until the new replicas are in sync"
        );
        let topic_id = Uuid::new_v4();
        img.apply(
            &MetadataRecord::Topic {
                name: "t".into(),
                topic_id,
            },
            0,
        );
        let mut caught_up = started.clone();
        caught_up.isr = vec![1, 2, 3, 4];
        img.apply(
            &MetadataRecord::Partition {
                topic_id,
                partition: 0,
                registration: caught_up,
            },
            0,
        );
        let done = complete_reassignments(&img);
        assert_eq!(done.len(), 1);
        let r = &done[0].2;
        assert_eq!(
            (r.replicas.clone(), r.isr.clone()),
            (vec![3, 4], vec![3, 4])
        );
        assert!(r.leader == 3 || r.leader == 4);
        assert!(r.adding_replicas.is_empty() && r.removing_replicas.is_empty());
        let cancelled = plan_reassignment(&img, &started, None).unwrap();
        assert_eq!(cancelled.replicas, vec![1, 2]);
        assert!(plan_reassignment(&img, &reg, Some(&[9])).is_err());
    }
}
