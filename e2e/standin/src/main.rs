//! `kube-standin serve --listen 127.0.0.1:PORT --kubeconfig FILE --data-dir DIR
//! [--image NAME=PATH]...`: serves the Kubernetes API emulation, runs the cluster's
//! controllers and the process kubelet, and writes a kubeconfig for kubectl and kube-rs.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kube-standin",
    about = "A Kubernetes stand-in for end-to-end tests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, run controllers and the kubelet until SIGINT/SIGTERM.
    Serve(kube_standin::ServeArgs),
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the runtime")?;
            rt.block_on(kube_standin::serve(args))
        }
    }
}
