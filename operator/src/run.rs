//! `moldau-operator run`: the controllers, and the operator's own metrics endpoint.

use std::sync::Arc;

use futures::StreamExt;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use kube::runtime::reflector::ObjectRef;
use kube::runtime::{Controller, watcher};
use kube::{Api, Client, ResourceExt};

use crate::cluster::desired::Defaults;
use crate::cluster::reconcile::{self, Ctx};
use crate::crd::{KafkaCluster, KafkaTopic};
use crate::exporter::Exporter;
use crate::metrics::Metrics;
use crate::topic::{self, reconcile::TopicCtx};

/// Runs the KafkaCluster and KafkaTopic controllers until SIGINT/SIGTERM.
pub async fn run(
    client: Client,
    defaults: Defaults,
    metrics: Arc<Metrics>,
    exporter: Arc<Exporter>,
    topic_resync: std::time::Duration,
) -> anyhow::Result<()> {
    let topics = run_topics(client.clone(), metrics.clone(), topic_resync);
    let clusters = run_clusters(client, defaults, metrics, exporter);
    tokio::join!(topics, clusters);
    Ok(())
}

async fn run_topics(client: Client, metrics: Arc<Metrics>, resync: std::time::Duration) {
    let ctx = Arc::new(TopicCtx {
        client: client.clone(),
        resync,
    });
    Controller::new(
        Api::<KafkaTopic>::all(client.clone()),
        watcher::Config::default(),
    )
    .shutdown_on_signal()
    .run(
        move |kt, ctx| {
            let m = metrics.clone();
            async move {
                let timer = m.reconcile_started("KafkaTopic");
                let r = topic::reconcile::reconcile(kt, ctx).await;
                m.reconcile_finished("KafkaTopic", timer, r.is_ok());
                r
            }
        },
        topic::reconcile::error_policy,
        ctx,
    )
    .for_each(|r| async move {
        if let Err(e) = r {
            tracing::debug!(error = %e, "reconcile error");
        }
    })
    .await;
}

async fn run_clusters(
    client: Client,
    defaults: Defaults,
    metrics: Arc<Metrics>,
    exporter: Arc<Exporter>,
) {
    let ctx = Arc::new(Ctx {
        client: client.clone(),
        defaults,
        exporter,
        leaders: crate::cluster::leaders::Leaders::new(client.clone(), metrics.clone()),
    });
    let managed = watcher::Config::default().labels("app.kubernetes.io/managed-by=moldau-operator");
    // Pods belong to the StatefulSet, not the KafkaCluster: map them by their instance label.
    let pod_owner = |p: Pod| {
        let ns = p.namespace()?;
        let cluster = p.labels().get("app.kubernetes.io/instance")?.clone();
        Some(ObjectRef::<KafkaCluster>::new(&cluster).within(&ns))
    };
    tracing::info!("moldau-operator running");
    Controller::new(
        Api::<KafkaCluster>::all(client.clone()),
        watcher::Config::default(),
    )
    .owns(Api::<StatefulSet>::all(client.clone()), managed.clone())
    .owns(Api::<ConfigMap>::all(client.clone()), managed.clone())
    .owns(Api::<Service>::all(client.clone()), managed.clone())
    .watches(Api::<Pod>::all(client.clone()), managed, pod_owner)
    .shutdown_on_signal()
    .run(
        move |kc, ctx| {
            let m = metrics.clone();
            async move {
                let timer = m.reconcile_started("KafkaCluster");
                let r = reconcile::reconcile(kc, ctx).await;
                m.reconcile_finished("KafkaCluster", timer, r.is_ok());
                r
            }
        },
        reconcile::error_policy,
        ctx,
    )
    .for_each(|r| async move {
        if let Err(e) = r {
            tracing::debug!(error = %e, "reconcile error");
        }
    })
    .await;
}
