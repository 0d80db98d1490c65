//! Scaling, as a pure function: scale-up just grows the StatefulSet; scale-down first moves
//! every partition replica off the brokers being removed (the highest ordinals), waits for the
//! moves to finish, and only then shrinks the StatefulSet. It is refused (ScaleDownBlocked)
//! when the remaining brokers cannot hold a topic's replication factor.

use std::collections::BTreeMap;

/// A partition as the Admin service describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionView {
    pub topic: String,
    pub partition: i32,
    pub replicas: Vec<i32>,
    /// A reassignment is in progress.
    pub reassigning: bool,
    /// -1: none.
    pub leader: i32,
    pub isr: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaleStep {
    /// Run this many brokers (the StatefulSet's replicas).
    Run(i32),
    /// Move these partitions to these replica lists first (brokers stay at `keep`).
    Move {
        keep: i32,
        moves: Vec<(String, i32, Vec<i32>)>,
    },
    /// Moves are in progress; keep `keep` brokers meanwhile.
    WaitMoves { keep: i32, remaining: usize },
    /// Refused: why (the user must change the spec).
    Blocked { keep: i32, why: String },
}

/// The next scaling step from `current` brokers (the StatefulSet now) to `target` (the spec).
pub fn plan(current: i32, target: i32, partitions: &[PartitionView]) -> ScaleStep {
    if target >= current {
        return ScaleStep::Run(target);
    }
    let removed = |b: i32| b >= target;
    for p in partitions {
        if p.replicas.len() as i32 > target {
            return ScaleStep::Blocked {
                keep: current,
                why: format!(
                    "topic {} has replication factor {} but only {target} broker(s) would remain; lower its replication factor first or keep at least {} brokers",
                    p.topic,
                    p.replicas.len(),
                    p.replicas.len()
                ),
            };
        }
    }
    let affected: Vec<&PartitionView> = partitions
        .iter()
        .filter(|p| p.replicas.iter().any(|b| removed(*b)))
        .collect();
    if affected.is_empty() {
        return ScaleStep::Run(target);
    }
    if affected.iter().any(|p| p.reassigning) {
        return ScaleStep::WaitMoves {
            keep: current,
            remaining: affected.len(),
        };
    }
    // Replicas per remaining broker, to place each moved replica on the least loaded one.
    let mut load: BTreeMap<i32, usize> = (0..target).map(|b| (b, 0)).collect();
    for p in partitions {
        for b in &p.replicas {
            if let Some(n) = load.get_mut(b) {
                *n += 1;
            }
        }
    }
    let mut moves = Vec::new();
    for p in affected {
        let mut replicas: Vec<i32> = Vec::with_capacity(p.replicas.len());
        for b in &p.replicas {
            if !removed(*b) {
                replicas.push(*b);
                continue;
            }
            let Some((&to, _)) = load
                .iter()
                .filter(|(c, _)| !p.replicas.contains(c) && !replicas.contains(c))
                .min_by_key(|(c, n)| (**n, **c))
            else {
                return ScaleStep::Blocked {
                    keep: current,
                    why: format!(
                        "no broker left to hold a replica of {}-{}",
                        p.topic, p.partition
                    ),
                };
            };
            *load.get_mut(&to).expect("a remaining broker") += 1;
            replicas.push(to);
        }
        moves.push((p.topic.clone(), p.partition, replicas));
    }
    ScaleStep::Move {
        keep: current,
        moves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(topic: &str, partition: i32, replicas: &[i32]) -> PartitionView {
        PartitionView {
            topic: topic.into(),
            partition,
            replicas: replicas.to_vec(),
            reassigning: false,
            leader: replicas[0],
            isr: replicas.to_vec(),
        }
    }

    #[test]
    fn scale_up_and_empty_scale_down_are_immediate() {
        assert_eq!(plan(3, 4, &[p("t", 0, &[0, 1, 2])]), ScaleStep::Run(4));
        assert_eq!(plan(4, 3, &[p("t", 0, &[0, 1, 2])]), ScaleStep::Run(3));
    }

    #[test]
    fn scale_down_moves_replicas_off_the_removed_brokers_first() {
        let parts = [
            p("t", 0, &[3, 0, 1]),
            p("t", 1, &[0, 1, 2]),
            p("t", 2, &[1, 2, 3]),
        ];
        match plan(4, 3, &parts) {
            ScaleStep::Move { keep, moves } => {
                assert_eq!(keep, 4);
                assert_eq!(moves.len(), 2);
                for (_, _, replicas) in &moves {
                    assert!(replicas.iter().all(|b| *b < 3), "{replicas:?}");
                    let mut d = replicas.clone();
                    d.sort();
                    d.dedup();
                    assert_eq!(d.len(), 3, "no broker twice");
                }
                // Replica order (and so the preferred leader) is kept where possible.
                assert_eq!(moves[0].2[1..], [0, 1]);
            }
            other => panic!("{other:?}"),
        }
        let mut moving = parts.to_vec();
        moving[0].reassigning = true;
        assert_eq!(
            plan(4, 3, &moving),
            ScaleStep::WaitMoves {
                keep: 4,
                remaining: 2
            }
        );
    }

    #[test]
    fn below_a_replication_factor_is_blocked() {
        match plan(3, 2, &[p("orders", 0, &[0, 1, 2])]) {
            ScaleStep::Blocked { keep, why } => {
                assert_eq!(keep, 3);
                assert!(
                    why.contains("orders") && why.contains("replication factor 3"),
                    "{why}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
