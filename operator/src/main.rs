//! `moldau-operator crd`: prints every CRD as YAML.
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
    match Cli::parse().command {
        Command::Crd => print!("{}", moldau_operator::crd::to_yaml()?),
        Command::Render { file, image } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", file.display()))?;
            let kc: moldau_operator::crd::KafkaCluster = serde_yaml::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a KafkaCluster: {e}", file.display()))?;
            let d = moldau_operator::cluster::desired::desired(
                &kc,
                &moldau_operator::cluster::desired::Defaults { image },
                None,
            )?;
            for o in d.objects() {
                print!("---\n{}", serde_yaml::to_string(o)?);
            }
        }
    }
    Ok(())
}
