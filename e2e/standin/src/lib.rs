//! kube-standin: a Kubernetes stand-in for moldau's end-to-end tests.
//!
//! - [`api`]: an API server emulation (discovery, CRUD, watch, patches and server-side apply,
//!   CRD schemas with CEL rules, finalizers, the status subresource) faithful to the documented
//!   Kubernetes semantics, so that kube-rs and kubectl behave against it as against a cluster;
//! - [`http`]: its HTTP endpoint;
//! - [`controllers`]: the controllers a cluster runs (garbage collector, namespaces,
//!   StatefulSets, Service endpoints, volume binding);
//! - [`kubelet`]: runs pods as local processes, each with its own loopback address.

pub mod api;
pub mod http;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};

/// `kube-standin serve` arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Where the API listens (HTTP, loopback).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: String,
    /// Where to write a kubeconfig for kubectl and kube-rs.
    #[arg(long)]
    pub kubeconfig: PathBuf,
    /// Pod volumes, container logs and the hosts file live here.
    #[arg(long)]
    pub data_dir: PathBuf,
    /// Pod images: NAME=PATH runs the local binary PATH for containers whose image is NAME
    /// (or ends in /NAME, with any tag). Repeatable.
    #[arg(long = "image", value_name = "NAME=PATH")]
    pub images: Vec<String>,
    /// Watch events kept for watches that resume (older ones get 410 Gone).
    #[arg(long, default_value_t = 10000)]
    pub history: usize,
}

/// Writes a kubeconfig pointing at `server`.
pub fn write_kubeconfig(path: &std::path::Path, server: &str) -> Result<()> {
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n    server: {server}\ncontexts:\n- name: standin\n  context:\n    cluster: standin\n    user: standin\n    namespace: default\ncurrent-context: standin\nusers:\n- name: standin\n  user: {{}}\n"
    );
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Runs the stand-in until SIGINT or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<()> {
    std::fs::create_dir_all(&args.data_dir)
        .with_context(|| format!("creating {}", args.data_dir.display()))?;
    let api = api::ApiServer::new(args.history);
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let server = format!("http://{addr}");
    write_kubeconfig(&args.kubeconfig, &server)?;
    tracing::info!(%server, kubeconfig = %args.kubeconfig.display(), "kube-standin serving");
    let http = tokio::spawn(http::serve(
        api.clone(),
        listener,
        None,
        http::HttpOptions::default(),
    ));
    let _keep: Arc<api::ApiServer> = api;
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    tracing::info!("kube-standin stopping");
    http.abort();
    Ok(())
}
