//! Status conditions in the kstatus vocabulary that GitOps tools read: `Ready`,
//! `Reconciling` and `Stalled`, each with observedGeneration, reason and message, plus domain
//! conditions. `lastTransitionTime` changes only when a condition's status does.

use crate::crd::Condition;

/// The three kstatus conditions for an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything as specified.
    Ready { message: String },
    /// Converging: not there yet, nothing wrong.
    Progressing { reason: String, message: String },
    /// Cannot converge until the user changes something.
    Stalled { reason: String, message: String },
}

fn cond(kind: &str, ok: bool, reason: &str, message: &str, generation: Option<i64>) -> Condition {
    cond3(kind, Some(ok), reason, message, generation)
}

fn cond3(
    kind: &str,
    ok: Option<bool>,
    reason: &str,
    message: &str,
    generation: Option<i64>,
) -> Condition {
    Condition {
        kind: kind.into(),
        status: match ok {
            Some(true) => "True",
            Some(false) => "False",
            None => "Unknown",
        }
        .into(),
        reason: reason.into(),
        message: message.into(),
        observed_generation: generation,
        last_transition_time: None,
    }
}

/// Ready / Reconciling / Stalled for `outcome`.
pub fn kstatus(outcome: &Outcome, generation: Option<i64>) -> Vec<Condition> {
    match outcome {
        Outcome::Ready { message } => vec![
            cond("Ready", true, "Ready", message, generation),
            cond("Reconciling", false, "Ready", "", generation),
            cond("Stalled", false, "Ready", "", generation),
        ],
        Outcome::Progressing { reason, message } => vec![
            cond("Ready", false, reason, message, generation),
            cond("Reconciling", true, reason, message, generation),
            cond("Stalled", false, reason, "", generation),
        ],
        Outcome::Stalled { reason, message } => vec![
            cond("Ready", false, reason, message, generation),
            cond("Reconciling", false, reason, "", generation),
            cond("Stalled", true, reason, message, generation),
        ],
    }
}

/// A domain condition (Degraded, RollingRestart, ScaleDownBlocked, ...).
pub fn domain(
    kind: &str,
    on: bool,
    reason: &str,
    message: &str,
    generation: Option<i64>,
) -> Condition {
    cond(kind, on, reason, message, generation)
}

/// A domain condition whose status may be unknown (`None`: "Unknown").
pub fn domain_maybe(
    kind: &str,
    on: Option<bool>,
    reason: &str,
    message: &str,
    generation: Option<i64>,
) -> Condition {
    cond3(kind, on, reason, message, generation)
}

/// The new condition list: `next`, with each condition's lastTransitionTime kept from
/// `previous` when its status did not change, and `now` otherwise.
pub fn merge(previous: &[Condition], next: Vec<Condition>, now: &str) -> Vec<Condition> {
    next.into_iter()
        .map(|mut c| {
            let before = previous.iter().find(|p| p.kind == c.kind);
            c.last_transition_time = match before {
                Some(p) if p.status == c.status => {
                    p.last_transition_time.clone().or_else(|| Some(now.into()))
                }
                _ => Some(now.into()),
            };
            c
        })
        .collect()
}

pub fn now() -> String {
    k8s_openapi::jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kstatus_shapes_and_transition_times() {
        let p = kstatus(
            &Outcome::Progressing {
                reason: "Creating".into(),
                message: "1 of 3 brokers ready".into(),
            },
            Some(2),
        );
        let status =
            |cs: &[Condition], k: &str| cs.iter().find(|c| c.kind == k).unwrap().status.clone();
        assert_eq!(
            (
                status(&p, "Ready"),
                status(&p, "Reconciling"),
                status(&p, "Stalled")
            ),
            ("False".into(), "True".into(), "False".into())
        );
        assert!(p.iter().all(|c| c.observed_generation == Some(2)));
        let first = merge(&[], p, "t1");
        let again = merge(
            &first,
            kstatus(
                &Outcome::Progressing {
                    reason: "Creating".into(),
                    message: "2 of 3".into(),
                },
                Some(2),
            ),
            "t2",
        );
        assert!(
            again
                .iter()
                .all(|c| c.last_transition_time.as_deref() == Some("t1")),
            "no status change, no transition"
        );
        let ready = merge(
            &again,
            kstatus(
                &Outcome::Ready {
                    message: "3 brokers".into(),
                },
                Some(2),
            ),
            "t3",
        );
        let t = |cs: &[Condition], k: &str| {
            cs.iter()
                .find(|c| c.kind == k)
                .unwrap()
                .last_transition_time
                .clone()
                .unwrap()
        };
        assert_eq!(t(&ready, "Ready"), "t3");
        assert_eq!(t(&ready, "Stalled"), "t1", "Stalled stayed False");
        let s = kstatus(
            &Outcome::Stalled {
                reason: "ManagedConfigKey".into(),
                message: "remove spec.config.node.id".into(),
            },
            Some(3),
        );
        assert_eq!(status(&s, "Stalled"), "True");
        assert_eq!(s[0].message, "remove spec.config.node.id");
    }
}
