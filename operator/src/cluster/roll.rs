//! The next safe step of a rolling restart, as a pure function of what the operator sees.
//!
//! Rules (what Strimzi's users learned the hard way):
//! - one broker at a time; the next only when every broker is Ready (Ready means registered,
//!   active and back in every ISR it belongs to) and nothing is under-replicated;
//! - a broker that is already down (not Ready) and still on the old configuration is restarted
//!   first, without waiting for the health gate — restarting it cannot make things worse and
//!   may be what fixes it; a roll never deadlocks on a pod that another failure took down;
//! - the active controller goes last;
//! - a broker that does not come back within the per-pod timeout stops the roll, and the
//!   status says which one and for how long, instead of looping.

use super::reconcile::PodView;

/// What the operator knows when it decides.
#[derive(Debug, Clone)]
pub struct RollInput<'a> {
    pub replicas: i32,
    pub target_hash: &'a str,
    pub pods: &'a [PodView],
    /// Ordinal of the active controller, when known.
    pub active_controller: Option<i32>,
    /// Under-replicated partitions the brokers report (None: unknown).
    pub under_replicated: Option<u64>,
    /// The pod restarted last and how many seconds ago, while it is not back yet.
    pub in_flight: Option<(&'a str, i64)>,
    pub pod_timeout_secs: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Every broker runs the target configuration.
    Done,
    /// Nothing to do now; why.
    Wait(String),
    /// Delete this pod (the StatefulSet recreates it with the new configuration).
    Restart { pod: String, why: String },
    /// The restarted pod has not come back in time: the roll stops here.
    TimedOut { pod: String, waited_secs: i64 },
}

pub fn plan(input: &RollInput<'_>) -> Step {
    let stale: Vec<&PodView> = input
        .pods
        .iter()
        .filter(|p| p.config_hash.as_deref() != Some(input.target_hash))
        .collect();
    if let Some((pod, secs)) = input.in_flight {
        let back = input.pods.iter().any(|p| {
            p.name == pod
                && p.ready
                && !p.terminating
                && p.config_hash.as_deref() == Some(input.target_hash)
        });
        if !back {
            if secs > input.pod_timeout_secs {
                return Step::TimedOut {
                    pod: pod.to_string(),
                    waited_secs: secs,
                };
            }
            return Step::Wait(format!(
                "{pod} to come back Ready with the new configuration"
            ));
        }
    }
    if let Some(p) = input.pods.iter().find(|p| p.terminating) {
        return Step::Wait(format!("{} to terminate", p.name));
    }
    if stale.is_empty() {
        return if (input.pods.len() as i32) < input.replicas {
            Step::Wait("the StatefulSet to create the missing broker pods".into())
        } else {
            Step::Done
        };
    }
    // Down already: restart it now, whatever the rest looks like.
    if let Some(p) = stale.iter().find(|p| !p.ready) {
        return Step::Restart {
            pod: p.name.clone(),
            why: format!("{} is not Ready and still on the old configuration", p.name),
        };
    }
    if (input.pods.len() as i32) < input.replicas {
        return Step::Wait("the StatefulSet to create the missing broker pods".into());
    }
    if let Some(p) = input.pods.iter().find(|p| !p.ready) {
        return Step::Wait(format!("{} to be Ready", p.name));
    }
    match input.under_replicated {
        Some(0) => {}
        Some(n) => return Step::Wait(format!("{n} under-replicated partition(s) to catch up")),
        None => return Step::Wait("the brokers' replication state".into()),
    }
    // Highest ordinal first, the active controller last.
    let mut order = stale.clone();
    order.sort_by_key(|p| {
        (
            Some(p.ordinal) == input.active_controller,
            std::cmp::Reverse(p.ordinal),
        )
    });
    let next = order[0];
    Step::Restart {
        pod: next.name.clone(),
        why: if Some(next.ordinal) == input.active_controller {
            format!(
                "{} (the active controller, last) runs an old configuration",
                next.name
            )
        } else {
            format!("{} runs an old configuration", next.name)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(ordinal: i32, ready: bool, hash: &str) -> PodView {
        PodView {
            name: format!("c-broker-{ordinal}"),
            uid: None,
            ordinal,
            ready,
            terminating: false,
            config_hash: Some(hash.into()),
            broker_exited: false,
        }
    }

    fn input<'a>(pods: &'a [PodView], controller: Option<i32>) -> RollInput<'a> {
        RollInput {
            replicas: pods.len() as i32,
            target_hash: "new",
            pods,
            active_controller: controller,
            under_replicated: Some(0),
            in_flight: None,
            pod_timeout_secs: 600,
        }
    }

    fn restarted(s: Step) -> String {
        match s {
            Step::Restart { pod, .. } => pod,
            other => panic!("expected a restart, got {other:?}"),
        }
    }

    #[test]
    fn one_at_a_time_controller_last() {
        let pods = vec![
            pod(0, true, "old"),
            pod(1, true, "old"),
            pod(2, true, "old"),
        ];
        assert_eq!(restarted(plan(&input(&pods, Some(2)))), "c-broker-1");
        let pods = vec![
            pod(0, true, "old"),
            pod(1, true, "new"),
            pod(2, true, "old"),
        ];
        assert_eq!(restarted(plan(&input(&pods, Some(2)))), "c-broker-0");
        let pods = vec![
            pod(0, true, "new"),
            pod(1, true, "new"),
            pod(2, true, "old"),
        ];
        assert_eq!(
            restarted(plan(&input(&pods, Some(2)))),
            "c-broker-2",
            "the controller at last"
        );
        let pods = vec![
            pod(0, true, "new"),
            pod(1, true, "new"),
            pod(2, true, "new"),
        ];
        assert_eq!(plan(&input(&pods, Some(2))), Step::Done);
    }

    #[test]
    fn waits_for_the_restarted_broker_and_for_replication() {
        let pods = vec![
            pod(0, true, "old"),
            pod(1, false, "new"),
            pod(2, true, "old"),
        ];
        let mut i = input(&pods, Some(0));
        i.in_flight = Some(("c-broker-1", 30));
        assert!(matches!(plan(&i), Step::Wait(w) if w.contains("c-broker-1")));
        let pods = vec![
            pod(0, true, "old"),
            pod(1, true, "new"),
            pod(2, true, "old"),
        ];
        let mut i = input(&pods, Some(0));
        i.in_flight = Some(("c-broker-1", 30));
        i.under_replicated = Some(4);
        assert!(matches!(plan(&i), Step::Wait(w) if w.contains("4 under-replicated")));
        i.under_replicated = Some(0);
        assert_eq!(restarted(plan(&i)), "c-broker-2");
    }

    #[test]
    fn another_pod_dying_mid_roll_is_restarted_first_not_waited_for() {
        // broker-1 was restarted and is back; broker-0 (old config) just crashed.
        let pods = vec![
            pod(0, false, "old"),
            pod(1, true, "new"),
            pod(2, true, "old"),
        ];
        assert_eq!(restarted(plan(&input(&pods, Some(2)))), "c-broker-0");
        // A crashed pod that already runs the new config is waited for (the StatefulSet and
        // the kubelet bring it back), not restarted again.
        let pods = vec![
            pod(0, true, "old"),
            pod(1, false, "new"),
            pod(2, true, "old"),
        ];
        assert!(matches!(plan(&input(&pods, Some(2))), Step::Wait(w) if w.contains("c-broker-1")));
        // A missing pod: the StatefulSet recreates it; the roll waits.
        let pods = vec![pod(0, true, "old"), pod(2, true, "old")];
        let mut i = input(&pods, Some(2));
        i.replicas = 3;
        assert!(matches!(plan(&i), Step::Wait(w) if w.contains("missing")));
    }

    #[test]
    fn a_pod_that_does_not_come_back_stops_the_roll() {
        let pods = vec![
            pod(0, true, "old"),
            pod(1, false, "new"),
            pod(2, true, "old"),
        ];
        let mut i = input(&pods, Some(0));
        i.in_flight = Some(("c-broker-1", 601));
        assert_eq!(
            plan(&i),
            Step::TimedOut {
                pod: "c-broker-1".into(),
                waited_secs: 601
            }
        );
    }

    #[test]
    fn unknown_replication_state_is_not_assumed_healthy() {
        let pods = vec![
            pod(0, true, "old"),
            pod(1, true, "old"),
            pod(2, true, "old"),
        ];
        let mut i = input(&pods, None);
        i.under_replicated = None;
        assert!(matches!(plan(&i), Step::Wait(_)));
    }
}
