//! Leader rebalancing (pure): which partitions should change leader so that leaderships are
//! spread evenly over the live brokers, moving as few as possible and only to in-sync
//! replicas. First every partition led by a broker that is not live (or by none) gets the
//! least-loaded live in-sync replica; then, while some broker leads two or more partitions more
//! than another that could take one of them, one leadership moves from the busiest broker to
//! the least busy eligible one.
//!
//! Around the planner: which brokers to fence when their pods die ([`to_fence`]), and whether
//! to spread leaderships over the live brokers or to give them back to the preferred replicas
//! once every broker is back and in sync ([`leader_step`]).

use std::collections::BTreeMap;

use super::scale::PartitionView;

/// One partition as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    pub topic: String,
    pub partition: i32,
    /// -1: no leader.
    pub leader: i32,
    pub isr: Vec<i32>,
}

/// A leadership move: (topic, partition, new leader).
pub type Move = (String, i32, i32);

pub fn plan(partitions: &[Partition], live: &[i32]) -> Vec<Move> {
    let mut leader: Vec<i32> = partitions.iter().map(|p| p.leader).collect();
    let mut count: BTreeMap<i32, usize> = live.iter().map(|b| (*b, 0)).collect();
    for l in &leader {
        if let Some(c) = count.get_mut(l) {
            *c += 1;
        }
    }
    let eligible = |p: &Partition| -> Vec<i32> {
        p.isr.iter().copied().filter(|b| live.contains(b)).collect()
    };
    let mut moved: BTreeMap<usize, i32> = BTreeMap::new();
    // 1. Leaders that are gone.
    for (i, p) in partitions.iter().enumerate() {
        if count.contains_key(&leader[i]) {
            continue;
        }
        let Some(best) = eligible(p).into_iter().min_by_key(|b| (count[b], *b)) else {
            continue;
        };
        leader[i] = best;
        *count.entry(best).or_default() += 1;
        moved.insert(i, best);
    }
    // 2. Even out: each step lowers the spread between the busiest and the receiving broker.
    loop {
        let mut best: Option<(usize, i32, usize)> = None; // (partition, to, gain)
        for (i, p) in partitions.iter().enumerate() {
            let from = leader[i];
            let Some(&nf) = count.get(&from) else {
                continue;
            };
            for to in eligible(p) {
                let nt = count[&to];
                if to == from || nf < nt + 2 {
                    continue;
                }
                let gain = nf - nt;
                // Prefer the largest gain, then partitions not moved yet, then stable order.
                let better = match best {
                    None => true,
                    Some((bi, bt, bg)) => {
                        (gain, !moved.contains_key(&i), std::cmp::Reverse((i, to)))
                            > (bg, !moved.contains_key(&bi), std::cmp::Reverse((bi, bt)))
                    }
                };
                if better {
                    best = Some((i, to, gain));
                }
            }
        }
        let Some((i, to, _)) = best else { break };
        if let Some(c) = count.get_mut(&leader[i]) {
            *c -= 1;
        }
        *count.entry(to).or_default() += 1;
        leader[i] = to;
        moved.insert(i, to);
    }
    moved
        .into_iter()
        .filter(|(i, to)| partitions[*i].leader != *to)
        .map(|(i, to)| (partitions[i].topic.clone(), partitions[i].partition, to))
        .collect()
}

/// A broker as the leadership step sees it: its pod and what the quorum says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerView {
    pub id: i32,
    /// Its pod exists, is not terminating and is Ready (the broker is registered, unfenced and
    /// in every ISR it belongs to).
    pub pod_ready: bool,
    pub fenced: bool,
    pub shutting_down: bool,
    /// The broker process's incarnation (changes at each start).
    pub incarnation: String,
    /// No broker process runs in its pod (the container exited or waits to restart).
    pub exited: bool,
}

impl BrokerView {
    /// May lead: Ready pod, active in the quorum.
    pub fn live(&self) -> bool {
        self.pod_ready && !self.fenced && !self.shutting_down
    }
}

/// What the operator remembers of a cluster's brokers between reconciles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// The last incarnation of each broker seen live.
    pub ready: BTreeMap<i32, String>,
    /// The incarnations the operator has fenced.
    pub fenced: BTreeMap<i32, String>,
}

/// The brokers to fence now, unless the quorum already fenced them or they are in a controlled
/// shutdown: a broker whose process no longer runs in its pod, and a broker whose incarnation
/// was seen live and whose pod has since been deleted or stopped being Ready. A process that
/// has just (re)started and has not been Ready yet is left alone (it is catching up), and each
/// incarnation is fenced at most once. Updates `memory` with the brokers seen live.
pub fn to_fence(brokers: &[BrokerView], memory: &mut Memory) -> Vec<i32> {
    let mut out = Vec::new();
    for b in brokers {
        if b.live() {
            memory.ready.insert(b.id, b.incarnation.clone());
            memory.fenced.remove(&b.id);
            continue;
        }
        let was_live = memory.ready.get(&b.id) == Some(&b.incarnation);
        let done = memory.fenced.get(&b.id) == Some(&b.incarnation);
        if !b.pod_ready && !b.fenced && !b.shutting_down && (was_live || b.exited) && !done {
            out.push(b.id);
        }
    }
    out
}

/// The leadership change to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaderStep {
    Nothing,
    /// Some broker holding replicas is not live: spread the leaderships over the live ones.
    Rebalance(Vec<Move>),
    /// Every broker holding replicas is live: give these partitions back to their preferred
    /// leader (the first replica), which is in sync.
    RestorePreferred(Vec<(String, i32)>),
}

/// Decides the leadership step from the partitions (as the Admin snapshot has them) and the
/// brokers that may lead.
pub fn leader_step(partitions: &[PartitionView], live: &[i32]) -> LeaderStep {
    let all_live = partitions
        .iter()
        .flat_map(|p| &p.replicas)
        .all(|b| live.contains(b));
    if all_live {
        let back: Vec<(String, i32)> = partitions
            .iter()
            .filter(|p| !p.reassigning)
            .filter_map(|p| {
                let preferred = *p.replicas.first()?;
                (p.leader != preferred && p.isr.contains(&preferred))
                    .then(|| (p.topic.clone(), p.partition))
            })
            .collect();
        return if back.is_empty() {
            LeaderStep::Nothing
        } else {
            LeaderStep::RestorePreferred(back)
        };
    }
    let parts: Vec<Partition> = partitions
        .iter()
        .map(|p| Partition {
            topic: p.topic.clone(),
            partition: p.partition,
            leader: p.leader,
            isr: p.isr.clone(),
        })
        .collect();
    let moves = plan(&parts, live);
    if moves.is_empty() {
        LeaderStep::Nothing
    } else {
        LeaderStep::Rebalance(moves)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn part(i: i32, leader: i32, isr: &[i32]) -> Partition {
        Partition {
            topic: "t".into(),
            partition: i,
            leader,
            isr: isr.to_vec(),
        }
    }

    fn counts(parts: &[Partition], moves: &[Move], live: &[i32]) -> BTreeMap<i32, usize> {
        let mut c: BTreeMap<i32, usize> = live.iter().map(|b| (*b, 0)).collect();
        for p in parts {
            let l = moves
                .iter()
                .find(|m| m.1 == p.partition)
                .map(|m| m.2)
                .unwrap_or(p.leader);
            *c.entry(l).or_default() += 1;
        }
        c
    }

    fn broker(id: i32, pod_ready: bool, fenced: bool, inc: &str) -> BrokerView {
        BrokerView {
            id,
            pod_ready,
            fenced,
            shutting_down: false,
            incarnation: inc.into(),
            exited: false,
        }
    }

    #[test]
    fn a_broker_seen_live_is_fenced_once_when_its_pod_dies_and_a_restart_is_left_alone() {
        let mut m = Memory::default();
        // Starting up, never Ready: not fenced.
        assert!(to_fence(&[broker(0, false, false, "a")], &mut m).is_empty());
        assert!(to_fence(&[broker(0, true, false, "a")], &mut m).is_empty());
        // The pod stops being Ready: fenced, once.
        assert_eq!(to_fence(&[broker(0, false, false, "a")], &mut m), vec![0]);
        m.fenced.insert(0, "a".into());
        assert!(to_fence(&[broker(0, false, false, "a")], &mut m).is_empty());
        // Already fenced by the quorum, or shutting down: nothing to do.
        let mut m2 = Memory::default();
        to_fence(&[broker(1, true, false, "x")], &mut m2);
        assert!(to_fence(&[broker(1, false, true, "x")], &mut m2).is_empty());
        let down = BrokerView {
            shutting_down: true,
            ..broker(1, false, false, "x")
        };
        assert!(to_fence(&[down], &mut m2).is_empty());
        // A new incarnation catching up (not Ready yet) is not fenced.
        assert!(to_fence(&[broker(0, false, false, "b")], &mut m).is_empty());
        assert!(to_fence(&[broker(0, true, false, "b")], &mut m).is_empty());
        assert!(m.fenced.is_empty(), "a live broker clears its fence memory");
        // A process that died before it was ever seen Ready is fenced all the same.
        let dead = BrokerView {
            exited: true,
            ..broker(2, false, false, "c")
        };
        assert_eq!(to_fence(&[dead], &mut Memory::default()), vec![2]);
    }

    fn placed(i: i32, leader: i32, replicas: &[i32], isr: &[i32]) -> PartitionView {
        PartitionView {
            topic: "t".into(),
            partition: i,
            replicas: replicas.to_vec(),
            reassigning: false,
            leader,
            isr: isr.to_vec(),
        }
    }

    #[test]
    fn leader_step_rebalances_while_a_broker_is_down_and_restores_preferred_after() {
        let ps = vec![
            placed(0, 1, &[0, 1, 2], &[1, 2]),
            placed(1, 1, &[1, 2, 0], &[1, 2]),
            placed(2, 1, &[2, 0, 1], &[1, 2]),
            placed(3, 1, &[0, 2, 1], &[1, 2]),
        ];
        match leader_step(&ps, &[1, 2]) {
            LeaderStep::Rebalance(m) => assert_eq!(m.len(), 2, "{m:?}"),
            other => panic!("{other:?}"),
        }
        // Broker 0 back but not yet in the ISRs: only broker 2's partition goes back.
        assert_eq!(
            leader_step(&ps, &[0, 1, 2]),
            LeaderStep::RestorePreferred(vec![("t".into(), 2)])
        );
        let back: Vec<PartitionView> = ps
            .iter()
            .map(|p| PartitionView {
                isr: vec![0, 1, 2],
                ..p.clone()
            })
            .collect();
        assert_eq!(
            leader_step(&back, &[0, 1, 2]),
            LeaderStep::RestorePreferred(vec![("t".into(), 0), ("t".into(), 2), ("t".into(), 3)])
        );
    }

    #[test]
    fn a_dead_brokers_leaderships_spread_over_the_others() {
        let parts: Vec<Partition> = (0..6).map(|i| part(i, i % 3, &[0, 1, 2])).collect();
        let moves = plan(&parts, &[0, 1]);
        assert_eq!(
            moves.len(),
            2,
            "only broker 2's two partitions move: {moves:?}"
        );
        assert!(moves.iter().all(|m| m.2 != 2));
        let c = counts(&parts, &moves, &[0, 1]);
        assert_eq!((c[&0], c[&1]), (3, 3));
    }

    #[test]
    fn balanced_means_no_move_and_isr_limits_are_kept() {
        let parts: Vec<Partition> = (0..6).map(|i| part(i, i % 3, &[0, 1, 2])).collect();
        assert!(plan(&parts, &[0, 1, 2]).is_empty());
        // Every partition led by 0 with ISR {0}: nothing can move.
        let stuck: Vec<Partition> = (0..4).map(|i| part(i, 0, &[0])).collect();
        assert!(plan(&stuck, &[0, 1]).is_empty());
    }

    fn arb() -> impl Strategy<Value = (Vec<Partition>, Vec<i32>)> {
        (2usize..6).prop_flat_map(|n| {
            let brokers: Vec<i32> = (0..n as i32).collect();
            let part = (
                proptest::sample::subsequence(brokers.clone(), 1..=n),
                any::<prop::sample::Index>(),
            );
            (
                proptest::collection::vec(part, 1..40),
                proptest::sample::subsequence(brokers, 1..=n),
            )
                .prop_map(|(ps, live)| {
                    let parts = ps
                        .into_iter()
                        .enumerate()
                        .map(|(i, (isr, idx))| Partition {
                            topic: "t".into(),
                            partition: i as i32,
                            leader: isr[idx.index(isr.len())],
                            isr,
                        })
                        .collect();
                    (parts, live)
                })
        })
    }

    proptest! {
        #[test]
        fn only_live_in_sync_replicas_lead((parts, live) in arb()) {
            for (_, p, to) in plan(&parts, &live) {
                let part = &parts[p as usize];
                prop_assert!(part.isr.contains(&to) && live.contains(&to));
                prop_assert_ne!(part.leader, to);
            }
        }

        #[test]
        fn the_balance_bound_holds_when_every_isr_is_full((parts, live) in arb()) {
            let top = parts.iter().flat_map(|p| &p.isr).chain(&live).max().copied().unwrap_or(0);
            let all: Vec<i32> = (0..=top).collect();
            let full: Vec<Partition> = parts.into_iter().map(|p| Partition { isr: all.clone(), ..p }).collect();
            let moves = plan(&full, &live);
            let c = counts(&full, &moves, &live);
            let live_counts: Vec<usize> = live.iter().map(|b| c[b]).collect();
            let (max, min) = (live_counts.iter().max().unwrap(), live_counts.iter().min().unwrap());
            prop_assert!(max - min <= 1, "counts {c:?} after {moves:?}");
            prop_assert!(c.keys().all(|b| live.contains(b)), "no dead leader left: {c:?}");
            // Few moves: each partition at most once, and not more than the excess over the mean.
            let mean = full.len() / live.len();
            let before = counts(&full, &[], &live);
            let excess: usize = before.iter().map(|(b, n)| if live.contains(b) { n.saturating_sub(mean + 1) } else { *n }).sum();
            prop_assert!(moves.len() <= excess + live.len(), "{} moves, excess {excess}", moves.len());
        }

        #[test]
        fn no_move_when_already_balanced((parts, live) in arb()) {
            let moves = plan(&parts, &live);
            let after: Vec<Partition> = parts.iter().map(|p| {
                let l = moves.iter().find(|m| m.1 == p.partition).map(|m| m.2).unwrap_or(p.leader);
                Partition { leader: l, ..p.clone() }
            }).collect();
            prop_assert!(plan(&after, &live).is_empty(), "a second plan moves again");
        }
    }
}
