//! Leader election with a `coordination.k8s.io/v1` Lease, for operators run with more than one
//! replica: one holds the Lease and reconciles, the others wait to take over when it stops
//! renewing. Every write carries the Lease's resourceVersion, so two candidates can never both
//! win; a leader that fails to renew in time exits (and is restarted as a candidate) rather
//! than risk acting alongside a new leader.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime;
use k8s_openapi::jiff::Timestamp;
use kube::Client;
use kube::api::{Api, ObjectMeta, PostParams};

pub const LEASE_DURATION: Duration = Duration::from_secs(15);
const RENEW_EVERY: Duration = Duration::from_secs(5);
const RETRY_EVERY: Duration = Duration::from_secs(2);

/// What to do with the Lease as it is now (pure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nobody holds it: create it.
    Create,
    /// We hold it, or its holder stopped renewing: take or renew it.
    Take,
    /// Someone else holds it.
    Wait,
}

pub fn decide(lease: Option<&Lease>, me: &str, now: Timestamp) -> Decision {
    let Some(lease) = lease else {
        return Decision::Create;
    };
    let spec = lease.spec.clone().unwrap_or_default();
    if spec.holder_identity.as_deref() == Some(me)
        || spec.holder_identity.as_deref().is_none_or(str::is_empty)
    {
        return Decision::Take;
    }
    let duration = spec
        .lease_duration_seconds
        .unwrap_or(LEASE_DURATION.as_secs() as i32) as i64;
    match spec.renew_time.as_ref() {
        Some(t) if now.as_second() - t.0.as_second() < duration => Decision::Wait,
        _ => Decision::Take,
    }
}

fn lease(name: &str, me: &str, previous: Option<&Lease>, now: Timestamp) -> Lease {
    let prev = previous.and_then(|l| l.spec.clone()).unwrap_or_default();
    // A new holder of an existing Lease is a transition; creating one is not.
    let changed_hands = previous.is_some() && prev.holder_identity.as_deref() != Some(me);
    Lease {
        metadata: ObjectMeta {
            name: Some(name.into()),
            resource_version: previous.and_then(|l| l.metadata.resource_version.clone()),
            ..Default::default()
        },
        spec: Some(LeaseSpec {
            holder_identity: Some(me.into()),
            lease_duration_seconds: Some(LEASE_DURATION.as_secs() as i32),
            acquire_time: if changed_hands || previous.is_none() {
                Some(MicroTime(now))
            } else {
                prev.acquire_time.clone()
            },
            renew_time: Some(MicroTime(now)),
            lease_transitions: Some(prev.lease_transitions.unwrap_or(0) + changed_hands as i32),
            ..Default::default()
        }),
    }
}

/// One attempt to become (or stay) the leader; true when we hold the Lease afterwards.
async fn attempt(api: &Api<Lease>, name: &str, me: &str) -> Result<bool, kube::Error> {
    let current = api.get_opt(name).await?;
    let now = Timestamp::now();
    match decide(current.as_ref(), me, now) {
        Decision::Wait => Ok(false),
        Decision::Create => match api
            .create(&PostParams::default(), &lease(name, me, None, now))
            .await
        {
            Ok(_) => Ok(true),
            Err(kube::Error::Api(e)) if e.code == 409 => Ok(false),
            Err(e) => Err(e),
        },
        Decision::Take => match api
            .replace(
                name,
                &PostParams::default(),
                &lease(name, me, current.as_ref(), now),
            )
            .await
        {
            Ok(_) => Ok(true),
            Err(kube::Error::Api(e)) if e.code == 409 => Ok(false),
            Err(e) => Err(e),
        },
    }
}

/// Waits until this process holds the Lease, then keeps renewing it in the background; the
/// process exits if it cannot renew within the lease duration.
pub async fn lead(client: Client, namespace: &str, name: &str, me: &str) -> anyhow::Result<()> {
    let api: Api<Lease> = Api::namespaced(client, namespace);
    tracing::info!(lease = %name, %namespace, identity = %me, "waiting to become the leader");
    loop {
        match attempt(&api, name, me).await {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "leader election attempt failed"),
        }
        tokio::time::sleep(RETRY_EVERY).await;
    }
    tracing::info!(lease = %name, identity = %me, "became the leader");
    let (name, me) = (name.to_string(), me.to_string());
    tokio::spawn(async move {
        let mut last_renewed = tokio::time::Instant::now();
        loop {
            tokio::time::sleep(RENEW_EVERY).await;
            match attempt(&api, &name, &me).await {
                Ok(true) => last_renewed = tokio::time::Instant::now(),
                Ok(false) => {
                    tracing::error!("lost the leader lease to another replica; exiting");
                    std::process::exit(1);
                }
                Err(e) => tracing::warn!(error = %e, "renewing the leader lease failed"),
            }
            if last_renewed.elapsed() >= LEASE_DURATION {
                tracing::error!("could not renew the leader lease in time; exiting");
                std::process::exit(1);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held_by(who: &str, renewed: Timestamp) -> Lease {
        lease("l", who, None, renewed)
    }

    #[test]
    fn decisions() {
        let now = Timestamp::now();
        assert_eq!(decide(None, "a", now), Decision::Create);
        assert_eq!(
            decide(Some(&held_by("a", now)), "a", now),
            Decision::Take,
            "renew our own"
        );
        assert_eq!(
            decide(Some(&held_by("b", now)), "a", now),
            Decision::Wait,
            "b renews in time"
        );
        let stale = now - k8s_openapi::jiff::SignedDuration::from_secs(20);
        assert_eq!(
            decide(Some(&held_by("b", stale)), "a", now),
            Decision::Take,
            "b stopped renewing"
        );
        let taken = lease("l", "a", Some(&held_by("b", stale)), now);
        assert_eq!(taken.spec.unwrap().lease_transitions, Some(1));
    }
}
