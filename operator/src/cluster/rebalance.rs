//! Leader rebalancing (pure): which partitions should change leader so that leaderships are
//! spread evenly over the live brokers, moving as few as possible and only to in-sync
//! replicas. First every partition led by a broker that is not live (or by none) gets the
//! least-loaded live in-sync replica; then, while some broker leads two or more partitions more
//! than another that could take one of them, one leadership moves from the busiest broker to
//! the least busy eligible one.

use std::collections::BTreeMap;

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
