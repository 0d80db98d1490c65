//! `moldau-operator run`: runs the controllers.
//! `moldau-operator crd`: prints every CRD as YAML.
//! `moldau-operator broker-init --output FILE ...`: the broker pods' init container (rack and
//! external address from the pod's node and Service).
//! `moldau-operator render -f CLUSTER.yaml`: prints the objects the operator creates for a
//! KafkaCluster, without a cluster.

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "moldau-operator", about = "Kubernetes operator for moldau")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the controllers (in-cluster config, or KUBECONFIG).
    Run {
        /// Where to serve the operator's Prometheus metrics (`/metrics`).
        #[arg(long, value_name = "HOST:PORT")]
        metrics_listen: Option<std::net::SocketAddr>,
        /// The broker image of KafkaClusters that name none.
        #[arg(long, default_value = moldau_operator::DEFAULT_BROKER_IMAGE)]
        broker_image: String,
        /// Reconcile only while holding the `moldau-operator` Lease in $POD_NAMESPACE (for
        /// more than one replica).
        #[arg(long)]
        leader_election: bool,
        /// The image of the broker pods' init container (this operator's image).
        #[arg(long, default_value = moldau_operator::DEFAULT_OPERATOR_IMAGE)]
        init_image: String,
        /// The ClusterRole bound to broker pods that need to read their Node (rack awareness,
        /// NodePort listeners).
        #[arg(long, default_value = moldau_operator::DEFAULT_BROKER_CLUSTER_ROLE)]
        broker_cluster_role: String,
        /// Seconds between comparisons of a Ready KafkaTopic with its topic (out-of-band
        /// changes are reverted then).
        #[arg(long, default_value_t = 60)]
        topic_resync_seconds: u64,
        /// Seconds between collections of the clusters' lag and partition metrics (served at
        /// `/metrics` as collected; a scrape never waits for the brokers).
        #[arg(long, default_value_t = 15)]
        exporter_interval_seconds: u64,
    },
    /// Init container of broker pods: writes the per-pod properties (rack, external address).
    BrokerInit(moldau_operator::broker_init::BrokerInitArgs),
    /// Print the CustomResourceDefinitions as YAML.
    Crd,
    /// Print the objects the operator would create for a KafkaCluster manifest.
    Render {
        /// The KafkaCluster manifest (YAML).
        #[arg(short = 'f', long)]
        file: std::path::PathBuf,
        /// The broker image when the manifest names none.
        #[arg(long, default_value = moldau_operator::DEFAULT_BROKER_IMAGE)]
        image: String,
    },
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Run {
            metrics_listen,
            broker_image,
            leader_election,
            init_image,
            broker_cluster_role,
            topic_resync_seconds,
            exporter_interval_seconds,
        } => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            rt.block_on(async move {
                let client = kube::Client::try_default()
                    .await
                    .map_err(|e| anyhow::anyhow!("connecting to the Kubernetes API: {e}"))?;
                let metrics = std::sync::Arc::new(moldau_operator::metrics::Metrics::new());
                let exporter = moldau_operator::exporter::Exporter::new(
                    std::time::Duration::from_secs(exporter_interval_seconds.max(1)),
                );
                if let Some(addr) = metrics_listen {
                    let listener = moldau_operator::metrics::bind(addr).await?;
                    let m = metrics.clone();
                    let x = exporter.clone();
                    tokio::spawn(async move {
                        if let Err(e) = moldau_operator::metrics::serve(m, x, listener).await {
                            tracing::error!("{e}");
                        }
                    });
                }
                if leader_election {
                    let ns = std::env::var("POD_NAMESPACE").unwrap_or_else(|_| "default".into());
                    let me = std::env::var("POD_NAME")
                        .unwrap_or_else(|_| format!("moldau-operator-{}", std::process::id()));
                    moldau_operator::leader::lead(client.clone(), &ns, "moldau-operator", &me)
                        .await?;
                }
                let defaults = moldau_operator::cluster::desired::Defaults {
                    image: broker_image,
                    init_image,
                    broker_cluster_role,
                };
                let resync = std::time::Duration::from_secs(topic_resync_seconds.max(1));
                // Collection starts with leadership: the reconciles name the clusters to ask.
                tokio::spawn(exporter.clone().run());
                moldau_operator::run::run(client, defaults, metrics, exporter, resync).await
            })?;
        }
        Command::BrokerInit(args) => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(moldau_operator::broker_init::run(args))?;
        }
        Command::Crd => print!("{}", moldau_operator::crd::to_yaml()?),
        Command::Render { file, image } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", file.display()))?;
            let kc: moldau_operator::crd::KafkaCluster = serde_yaml::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a KafkaCluster: {e}", file.display()))?;
            let d = moldau_operator::cluster::desired::desired(
                &kc,
                &moldau_operator::cluster::desired::Defaults::with_image(image),
                None,
            )?;
            for o in d.objects() {
                print!("---\n{}", serde_yaml::to_string(o)?);
            }
        }
    }
    Ok(())
}
