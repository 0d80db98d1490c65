//! `moldau-operator crd`: prints every CRD as YAML.

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
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Crd => print!("{}", moldau_operator::crd::to_yaml()?),
    }
    Ok(())
}
