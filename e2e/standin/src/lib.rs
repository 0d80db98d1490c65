//! kube-standin: a Kubernetes stand-in for moldau's end-to-end tests.
//!
//! - [`api`]: an API server emulation (discovery, CRUD, watch, patches and server-side apply,
//!   CRD schemas with CEL rules, finalizers, the status subresource) faithful to the documented
//!   Kubernetes semantics, so that kube-rs and kubectl behave against it as against a cluster;
//! - [`http`]: its HTTP endpoint, and [`tls`] the HTTPS one pods use (in-cluster config);
//! - [`controllers`]: the controllers a cluster runs (garbage collector, namespaces,
//!   StatefulSets, Service endpoints, volume binding);
//! - [`kubelet`]: runs pods as local processes, each with its own loopback address.

pub mod api;
pub mod controllers;
pub mod http;
pub mod kubelet;
pub mod tls;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};

/// `kube-standin serve` arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Where the API listens (HTTP, loopback).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: String,
    /// Where the HTTPS endpoint for pods listens (`KUBERNETES_SERVICE_HOST`/`PORT`; default:
    /// the host of --listen, any port). Its CA is each namespace's `kube-root-ca.crt`.
    #[arg(long)]
    pub tls_listen: Option<String>,
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
    /// Number of nodes (standin-0, ...; zones zone-0..2 round robin).
    #[arg(long, default_value_t = 1)]
    pub nodes: usize,
    /// First two octets of pod addresses (loopback).
    #[arg(long, default_value = "127.77")]
    pub pod_network: String,
    /// First two octets of Service ClusterIPs (loopback, served by the built-in kube-proxy).
    #[arg(long, default_value = "127.96")]
    pub service_network: String,
    /// First two octets of LoadBalancer ingress addresses (loopback; the last two are the
    /// Service's ClusterIP's).
    #[arg(long, default_value = "127.98")]
    pub lb_network: String,
    /// First CrashLoopBackOff delay in milliseconds (doubles up to 5 minutes).
    #[arg(long, default_value_t = 10000)]
    pub backoff_base_ms: u64,
    /// Seconds between watch bookmarks.
    #[arg(long, default_value_t = 5)]
    pub bookmark_interval_secs: u64,
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

/// A running stand-in: the API, its address, the kubelet, and the tasks behind them.
pub struct Standin {
    pub api: Arc<api::ApiServer>,
    pub addr: std::net::SocketAddr,
    /// The HTTPS endpoint pods reach the API on.
    pub tls_addr: std::net::SocketAddr,
    pub kubelet: Arc<kubelet::Kubelet>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Standin {
    /// Starts the API server, the controllers, the kubelet and the kube-proxy.
    pub async fn start(args: &ServeArgs) -> Result<Standin> {
        std::fs::create_dir_all(&args.data_dir)
            .with_context(|| format!("creating {}", args.data_dir.display()))?;
        let data_dir = args.data_dir.canonicalize()?;
        let images =
            kubelet::KubeletOptions::parse_images(&args.images).map_err(anyhow::Error::msg)?;
        let api = api::ApiServer::with_service_network(args.history, &args.service_network);
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let addr = listener.local_addr()?;
        let tls_listen = args
            .tls_listen
            .clone()
            .unwrap_or_else(|| format!("{}:0", addr.ip()));
        let tls_listener = tokio::net::TcpListener::bind(&tls_listen)
            .await
            .with_context(|| format!("listening on {tls_listen}"))?;
        let tls_addr = tls_listener.local_addr()?;
        let cluster_tls = tls::generate(tls_addr.ip())?;
        let mut tasks = controllers::start(
            api.clone(),
            data_dir.clone(),
            args.nodes,
            cluster_tls.ca_pem.clone(),
            args.lb_network.clone(),
        );
        let kubelet = kubelet::Kubelet::new(
            controllers::Client::new(api.clone(), "kubelet"),
            kubelet::KubeletOptions {
                data_dir: data_dir.clone(),
                images,
                pod_network: args.pod_network.clone(),
                backoff_base: std::time::Duration::from_millis(args.backoff_base_ms),
                api_addr: tls_addr.to_string(),
            },
        );
        let k = kubelet.clone();
        tasks.push(controllers::spawn_loop(
            api.clone(),
            std::time::Duration::from_millis(200),
            move || k.round(),
        ));
        let mut proxy = kubelet::network::Proxy::new(
            controllers::Client::new(api.clone(), "kube-proxy"),
            kubelet.hosts_file().to_path_buf(),
        );
        tasks.push(controllers::spawn_loop(
            api.clone(),
            std::time::Duration::from_millis(500),
            move || proxy.round(),
        ));
        let admin: Arc<dyn http::Admin> = kubelet.clone();
        let opts = || http::HttpOptions {
            bookmark_interval: std::time::Duration::from_secs(args.bookmark_interval_secs.max(1)),
            ..Default::default()
        };
        tasks.push(tokio::spawn(http::serve(
            api.clone(),
            listener,
            Some(admin.clone()),
            opts(),
            None,
        )));
        tasks.push(tokio::spawn(http::serve(
            api.clone(),
            tls_listener,
            Some(admin),
            opts(),
            Some(cluster_tls.acceptor),
        )));
        Ok(Standin {
            api,
            addr,
            tls_addr,
            kubelet,
            tasks,
        })
    }

    /// Stops everything; every container process is killed.
    pub fn stop(self) {
        self.kubelet.shutdown();
        for t in self.tasks {
            t.abort();
        }
    }
}

/// Runs the stand-in until SIGINT or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<()> {
    let s = Standin::start(&args).await?;
    let server = format!("http://{}", s.addr);
    write_kubeconfig(&args.kubeconfig, &server)?;
    tracing::info!(%server, in_cluster = %format!("https://{}", s.tls_addr), kubeconfig = %args.kubeconfig.display(), "kube-standin serving");
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    tracing::info!("kube-standin stopping");
    s.stop();
    Ok(())
}
