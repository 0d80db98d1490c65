//! Replica placement: which brokers hold each partition, leaders spread round-robin.

use kafka_protocol::error::ResponseError;

use super::ApiError;

/// Assigns `rf` replicas to each of `count` partitions numbered from `first_partition`, the
/// first replica (the preferred leader) rotating over the brokers so leaders spread evenly.
pub fn assign_replicas(
    brokers: &[i32],
    count: i32,
    rf: i32,
    first_partition: i32,
) -> Vec<Vec<i32>> {
    let n = brokers.len().max(1);
    (0..count)
        .map(|i| {
            let p = (first_partition + i) as usize;
            (0..rf as usize)
                .map(|r| brokers[(p + r + (p / n) * (r.min(1))) % n])
                .collect::<Vec<i32>>()
        })
        .map(|mut replicas| {
            // The shift above can repeat a broker when rf == n; fall back to a plain rotation.
            let mut seen = std::collections::HashSet::new();
            if !replicas.iter().all(|b| seen.insert(*b)) {
                let start = brokers.iter().position(|b| *b == replicas[0]).unwrap_or(0);
                replicas = (0..replicas.len())
                    .map(|r| brokers[(start + r) % n])
                    .collect();
            }
            replicas
        })
        .collect()
}

/// Orders brokers so that racks alternate (Kafka's rack-aware placement): a0, b0, c0, a1, b1,
/// ... Round-robin over this list puts consecutive replicas of a partition on different
/// racks. Brokers without a rack form one rack of their own.
pub fn rack_alternated(brokers: &[(i32, Option<String>)]) -> Vec<i32> {
    let mut by_rack: std::collections::BTreeMap<Option<&str>, Vec<i32>> = Default::default();
    for (id, rack) in brokers {
        by_rack.entry(rack.as_deref()).or_default().push(*id);
    }
    for ids in by_rack.values_mut() {
        ids.sort_unstable();
    }
    let longest = by_rack.values().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::with_capacity(brokers.len());
    for i in 0..longest {
        for ids in by_rack.values() {
            if let Some(id) = ids.get(i) {
                out.push(*id);
            }
        }
    }
    out
}

/// Rack-aware placement: round-robin over the rack-alternating order, then each follower
/// whose rack the partition already uses is swapped for the next broker (in that order) on an
/// unused rack, while one remains.
pub fn assign_replicas_rack_aware(
    brokers: &[(i32, Option<String>)],
    count: i32,
    rf: i32,
    first_partition: i32,
) -> Vec<Vec<i32>> {
    let order = rack_alternated(brokers);
    let rack = |b: i32| brokers.iter().find(|x| x.0 == b).and_then(|x| x.1.clone());
    let racks: std::collections::BTreeSet<Option<String>> =
        brokers.iter().map(|b| b.1.clone()).collect();
    let mut out = assign_replicas(&order, count, rf, first_partition);
    for replicas in &mut out {
        for r in 1..replicas.len() {
            let used: Vec<Option<String>> = replicas[..r].iter().map(|b| rack(*b)).collect();
            if !used.contains(&rack(replicas[r])) || used.len() >= racks.len() {
                continue;
            }
            let start = order.iter().position(|b| *b == replicas[r]).unwrap_or(0);
            let pick = (1..order.len())
                .map(|i| order[(start + i) % order.len()])
                .find(|b| !replicas.contains(b) && !used.contains(&rack(*b)));
            if let Some(b) = pick {
                replicas[r] = b;
            }
        }
    }
    out
}

/// Checks explicit assignments: non-empty, no duplicate replicas, known brokers, one length.
pub fn check_assignment(lists: &[Vec<i32>], brokers: &[i32]) -> Result<(), ApiError> {
    let bad = |m: String| Err(ApiError::new(ResponseError::InvalidReplicaAssignment, m));
    let Some(first) = lists.first() else {
        return bad("no assignment given".into());
    };
    for (i, l) in lists.iter().enumerate() {
        if l.is_empty() {
            return bad(format!("partition {i} has no replicas"));
        }
        if l.len() != first.len() {
            return bad("every partition must have the same number of replicas".into());
        }
        let mut s = l.clone();
        s.sort_unstable();
        s.dedup();
        if s.len() != l.len() {
            return bad(format!("partition {i} lists a broker twice"));
        }
        if let Some(b) = l.iter().find(|b| !brokers.contains(b)) {
            return bad(format!("broker {b} is not registered"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_rotate_and_replicas_are_distinct() {
        let a = assign_replicas(&[1, 2, 3], 6, 3, 0);
        let leaders: Vec<i32> = a.iter().map(|r| r[0]).collect();
        for b in [1, 2, 3] {
            assert_eq!(leaders.iter().filter(|l| **l == b).count(), 2);
        }
        for r in &a {
            let mut s = r.clone();
            s.sort();
            s.dedup();
            assert_eq!(s.len(), 3);
        }
        assert_eq!(
            assign_replicas(&[1], 3, 1, 0),
            vec![vec![1], vec![1], vec![1]]
        );
        assert!(check_assignment(&[vec![1, 1]], &[1, 2]).is_err());
        assert!(check_assignment(&[vec![9]], &[1]).is_err());
        assert!(check_assignment(&[vec![1], vec![1]], &[1]).is_ok());
    }

    #[test]
    fn racks_alternate() {
        let brokers = [
            (1, Some("a".to_string())),
            (2, Some("a".to_string())),
            (3, Some("b".to_string())),
            (4, Some("b".to_string())),
        ];
        let order = rack_alternated(&brokers);
        assert_eq!(order, vec![1, 3, 2, 4]);
        for r in assign_replicas_rack_aware(&brokers, 8, 2, 0) {
            let rack = |b: i32| brokers.iter().find(|x| x.0 == b).unwrap().1.clone();
            assert_ne!(rack(r[0]), rack(r[1]), "{r:?} shares a rack");
        }
    }
}
