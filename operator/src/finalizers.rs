//! Finalizers on the operator's custom resources.

use kube::api::{Api, Patch, PatchParams};
use kube::{Resource, ResourceExt};
use serde_json::json;

/// Sets `obj`'s finalizers: a merge patch guarded by its resourceVersion, so a concurrent
/// change (another finalizer added or removed) is a conflict, never lost.
pub async fn set<K>(api: &Api<K>, obj: &K, finalizers: Vec<String>) -> Result<(), kube::Error>
where
    K: Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let patch = json!({"metadata": {"finalizers": finalizers,
                                    "resourceVersion": obj.meta().resource_version}});
    api.patch(
        &obj.name_any(),
        &PatchParams::default(),
        &Patch::Merge(&patch),
    )
    .await?;
    Ok(())
}
