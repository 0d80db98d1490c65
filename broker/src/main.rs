//! `moldau-broker [--config FILE]... [--override KEY=VALUE]...`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use moldau_broker::broker::Broker;
use moldau_broker::config::BrokerConfig;
use moldau_broker::{controller, metrics, server};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::watch;

/// A Kafka-compatible broker. With no arguments: a single node on 127.0.0.1:9092 with its
/// data under ./data.
#[derive(Parser, Debug)]
#[command(name = "moldau-broker", version)]
struct Args {
    /// A Kafka server.properties file (repeatable: a later file's keys win over an earlier
    /// one's, e.g. a per-pod file written by an init container over the shared one).
    #[arg(long, value_name = "FILE")]
    config: Vec<PathBuf>,
    /// Sets one property, over the file (repeatable), e.g. --override log.dirs=/var/lib/moldau.
    #[arg(long = "override", value_name = "KEY=VALUE")]
    overrides: Vec<String>,
}

/// Keeps large buffers (fetch responses of tens of MB) in the heap for reuse instead of
/// mapping and unmapping them for every response: glibc otherwise serves allocations above
/// 32 MiB with mmap, and each response then pays page faults for its whole size.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only adjusts glibc's allocator parameters; it is called once, before any
    // other thread exists, with valid parameter numbers and values.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() -> ExitCode {
    tune_allocator();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let args = Args::parse();
    let config = match BrokerConfig::load(&args.config, &args.overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("moldau-broker: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("moldau-broker: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Before any log is opened: segments and sockets share this limit.
    let nofile = server::limits::raise_nofile_limit();
    match runtime.block_on(run(config, nofile)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("moldau-broker: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: BrokerConfig, nofile: usize) -> anyhow::Result<()> {
    let metrics_addr = config.metrics_listener;
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let broker = Broker::open(config).await?;
    // The control plane comes up first: the other voters need it to form the quorum.
    let (plane_tx, plane_rx) = watch::channel(false);
    let plane = match broker.config.controller_listeners.first() {
        Some(l) => {
            let addr = l.bind_addr();
            let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| {
                anyhow::anyhow!("cannot listen on {addr} (listener {}): {e}", l.name)
            })?;
            tracing::info!(listener = %l.name, address = %listener.local_addr()?, "serving the control plane (gRPC)");
            let admin = controller::admin::AdminService {
                controller: broker.controller.clone(),
                progress: broker.replicas.clone(),
                groups: broker.groups.clone(),
            };
            let mut rx = plane_rx.clone();
            Some(tokio::spawn(controller::rpc::serve(
                broker.controller.clone(),
                controller::rpc::pb::admin_server::AdminServer::new(admin),
                listener,
                async move {
                    let _ = rx.wait_for(|stop| *stop).await;
                },
            )))
        }
        None => None,
    };
    tokio::select! {
        r = broker.register() => r?,
        _ = term.recv() => {
            tracing::info!("SIGTERM before the broker registered: stopping");
            broker.shutdown().await?;
            return Ok(());
        }
        _ = int.recv() => {
            tracing::info!("SIGINT before the broker registered: stopping");
            broker.shutdown().await?;
            return Ok(());
        }
    }
    let listeners = server::bind(&broker).await?;
    if let Some(addr) = metrics_addr {
        let l = metrics::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on metrics.listener {addr}: {e}"))?;
        tracing::info!(address = %addr, "serving Prometheus metrics at /metrics");
        let b = broker.clone();
        tokio::spawn(metrics::serve(
            broker.metrics.clone(),
            l,
            std::sync::Arc::new(move || b.readiness()),
        ));
    }
    broker.start_background_tasks();
    let (stop_tx, stop_rx) = watch::channel(false);
    let gate = std::sync::Arc::new(server::limits::Gate::from_config(&broker.config, nofile));
    tracing::info!(
        nofile,
        ceiling = gate.ceiling(),
        "client connections limited by max.connections and the descriptor limit"
    );
    let mut servers = Vec::new();
    for (name, l) in listeners {
        servers.push(tokio::spawn(server::serve(
            broker.clone(),
            gate.clone(),
            l,
            name,
            stop_rx.clone(),
        )));
    }
    tracing::info!(
        node_id = broker.config.node_id,
        cluster_id = broker.cluster_id(),
        "broker started"
    );
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
        _ = int.recv() => tracing::info!("SIGINT: shutting down"),
    }
    // Leadership moves away while clients are still served, so they follow it.
    broker.controlled_shutdown().await;
    let _ = stop_tx.send(true);
    for s in servers {
        let _ = s.await;
    }
    broker.shutdown().await?;
    let _ = plane_tx.send(true);
    if let Some(p) = plane {
        let _ = p.await;
    }
    Ok(())
}
