//! Pod networking on loopback: every pod gets its own address in a 127.X.0.0/16 block, so
//! pods can listen on the same ports; a hosts file (bind-mounted as the pods' `/etc/hosts`)
//! carries the cluster DNS names — `<hostname>.<subdomain>.<ns>.svc.cluster.local` for pods
//! of headless services, `<service>.<ns>.svc.cluster.local` for services (their ClusterIP, or
//! the ready pods of a headless one) — and a userspace kube-proxy forwards connections to a
//! Service's ClusterIP (also a loopback address) to one of its ready endpoints.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::Mutex;
use serde_json::Value;
use tokio::task::JoinHandle;

use crate::api::meta::str_at;
use crate::api::server::ResourceRef;
use crate::controllers::Client;

/// Hands out pod addresses `<prefix>.<n/256>.<n%256>`.
pub struct IpPool {
    prefix: String,
    used: BTreeSet<u32>,
}

impl IpPool {
    /// `prefix` is the first two octets, e.g. `127.77`.
    pub fn new(prefix: &str) -> IpPool {
        IpPool {
            prefix: prefix.to_string(),
            used: BTreeSet::new(),
        }
    }

    pub fn take(&mut self) -> Option<String> {
        let n = (2..65534u32).find(|n| !self.used.contains(n) && n % 256 != 0 && n % 256 != 255)?;
        self.used.insert(n);
        Some(format!("{}.{}.{}", self.prefix, n / 256, n % 256))
    }

    pub fn give_back(&mut self, ip: &str) {
        if let Some(rest) = ip.strip_prefix(&format!("{}.", self.prefix))
            && let Some((a, b)) = rest.split_once('.')
            && let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>())
        {
            self.used.remove(&(a * 256 + b));
        }
    }

    pub fn mark_used(&mut self, ip: &str) {
        if let Some(rest) = ip.strip_prefix(&format!("{}.", self.prefix))
            && let Some((a, b)) = rest.split_once('.')
            && let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>())
        {
            self.used.insert(a * 256 + b);
        }
    }
}

/// The hosts file contents for the current pods, services and endpoints.
pub fn hosts(pods: &[Value], services: &[Value], endpoints: &[Value]) -> String {
    let mut lines: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |ip: &str, names: Vec<String>| {
        lines.entry(ip.to_string()).or_default().extend(names);
    };
    for p in pods {
        let (Some(ip), Some(ns)) = (str_at(p, "/status/podIP"), str_at(p, "/metadata/namespace"))
        else {
            continue;
        };
        let dashed = ip.replace('.', "-");
        let mut names = vec![format!("{dashed}.{ns}.pod.cluster.local")];
        if let (Some(h), Some(sub)) = (str_at(p, "/spec/hostname"), str_at(p, "/spec/subdomain")) {
            let base = format!("{h}.{sub}.{ns}");
            names.extend([
                format!("{base}.svc.cluster.local"),
                format!("{base}.svc"),
                base,
                format!("{h}.{sub}"),
            ]);
        }
        add(ip, names);
    }
    for s in services {
        let (Some(name), Some(ns)) = (
            str_at(s, "/metadata/name"),
            str_at(s, "/metadata/namespace"),
        ) else {
            continue;
        };
        let names = vec![
            format!("{name}.{ns}.svc.cluster.local"),
            format!("{name}.{ns}.svc"),
            format!("{name}.{ns}"),
        ];
        match str_at(s, "/spec/clusterIP") {
            Some("None") | None => {
                let ep = endpoints.iter().find(|e| {
                    str_at(e, "/metadata/name") == Some(name)
                        && str_at(e, "/metadata/namespace") == Some(ns)
                });
                for sub in ep
                    .and_then(|e| e.get("subsets"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    for a in sub
                        .get("addresses")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(ip) = a.get("ip").and_then(Value::as_str) {
                            add(ip, names.clone());
                        }
                    }
                }
            }
            Some(ip) => add(ip, names),
        }
    }
    let mut out = String::from(
        "# kube-standin cluster DNS\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
    );
    for (ip, names) in lines {
        let list: Vec<&str> = names.iter().map(String::as_str).collect();
        out.push_str(&format!("{ip}\t{}\n", list.join(" ")));
    }
    out
}

/// Rewrites the hosts file in place (same inode, so bind mounts of it see the change).
pub fn write_hosts(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|cur| cur == text) {
        return Ok(());
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// One listening address of the proxy: a ClusterIP and port of a Service.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Frontend {
    addr: SocketAddr,
    namespace: String,
    service: String,
    port_name: Option<String>,
}

/// (namespace, service, port name).
type PortKey = (String, String, Option<String>);

/// The userspace kube-proxy.
pub struct Proxy {
    c: Client,
    listeners: HashMap<Frontend, JoinHandle<()>>,
    /// Current backends per (namespace, service, port name).
    backends: Arc<Mutex<HashMap<PortKey, Vec<SocketAddr>>>>,
    pub hosts_file: PathBuf,
}

impl Proxy {
    pub fn new(c: Client, hosts_file: PathBuf) -> Proxy {
        Proxy {
            c,
            listeners: HashMap::new(),
            backends: Arc::new(Mutex::new(HashMap::new())),
            hosts_file,
        }
    }

    /// Brings listeners, backends and the hosts file up to date.
    pub fn round(&mut self) {
        let services = self.c.list(&ResourceRef::core("services"), None);
        let endpoints = self.c.list(&ResourceRef::core("endpoints"), None);
        let pods = self.c.list(&ResourceRef::core("pods"), None);
        if let Err(e) = write_hosts(&self.hosts_file, &hosts(&pods, &services, &endpoints)) {
            tracing::warn!(error = %e, "writing the hosts file failed");
        }
        let mut want: BTreeSet<Frontend> = BTreeSet::new();
        let mut backends: HashMap<(String, String, Option<String>), Vec<SocketAddr>> =
            HashMap::new();
        for s in &services {
            let (Some(name), Some(ns)) = (
                str_at(s, "/metadata/name"),
                str_at(s, "/metadata/namespace"),
            ) else {
                continue;
            };
            let Some(ip) = str_at(s, "/spec/clusterIP").filter(|ip| ip.starts_with("127.")) else {
                continue;
            };
            let ep = endpoints.iter().find(|e| {
                str_at(e, "/metadata/name") == Some(name)
                    && str_at(e, "/metadata/namespace") == Some(ns)
            });
            for p in s
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(port) = p.get("port").and_then(Value::as_u64) else {
                    continue;
                };
                let port_name = p.get("name").and_then(Value::as_str).map(String::from);
                let mut addrs = vec![(ip.to_string(), port)];
                if let Some(np) = p.get("nodePort").and_then(Value::as_u64) {
                    addrs.push(("127.0.0.1".to_string(), np));
                }
                // A LoadBalancer's ingress addresses (the stand-in's service-lb sets them).
                for ing in s
                    .pointer("/status/loadBalancer/ingress")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(lb) = str_at(ing, "/ip").filter(|ip| ip.starts_with("127.")) {
                        addrs.push((lb.to_string(), port));
                    }
                }
                for (host, port) in addrs {
                    if let Ok(addr) = format!("{host}:{port}").parse() {
                        want.insert(Frontend {
                            addr,
                            namespace: ns.into(),
                            service: name.into(),
                            port_name: port_name.clone(),
                        });
                    }
                }
                let mut list = Vec::new();
                for sub in ep
                    .and_then(|e| e.get("subsets"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let target = sub
                        .get("ports")
                        .and_then(Value::as_array)
                        .and_then(|ps| {
                            ps.iter().find(|x| {
                                x.get("name").and_then(Value::as_str) == port_name.as_deref()
                            })
                        })
                        .and_then(|x| x.get("port").and_then(Value::as_u64));
                    let Some(tp) = target else { continue };
                    for a in sub
                        .get("addresses")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(Ok(addr)) = a
                            .get("ip")
                            .and_then(Value::as_str)
                            .map(|ip| format!("{ip}:{tp}").parse())
                        {
                            list.push(addr);
                        }
                    }
                }
                backends.insert((ns.to_string(), name.to_string(), port_name), list);
            }
        }
        *self.backends.lock() = backends;
        self.listeners.retain(|f, h| {
            let keep = want.contains(f);
            if !keep {
                h.abort();
            }
            keep
        });
        for f in want {
            if self.listeners.contains_key(&f) {
                continue;
            }
            let backends = self.backends.clone();
            let key = (f.namespace.clone(), f.service.clone(), f.port_name.clone());
            let addr = f.addr;
            let h = tokio::spawn(async move {
                let listener = match tokio::net::TcpListener::bind(addr).await {
                    Ok(l) => l,
                    Err(e) => {
                        tracing::warn!(%addr, error = %e, "kube-proxy cannot listen");
                        return;
                    }
                };
                let mut next = 0usize;
                while let Ok((mut inbound, _)) = listener.accept().await {
                    let targets = backends.lock().get(&key).cloned().unwrap_or_default();
                    if targets.is_empty() {
                        continue; // no ready endpoint: the connection is refused (closed)
                    }
                    let target = targets[next % targets.len()];
                    next += 1;
                    tokio::spawn(async move {
                        if let Ok(mut out) = tokio::net::TcpStream::connect(target).await {
                            let _ = inbound.set_nodelay(true);
                            let _ = out.set_nodelay(true);
                            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                        }
                    });
                }
            });
            self.listeners.insert(f, h);
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        for h in self.listeners.values() {
            h.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pool_and_hosts() {
        let mut p = IpPool::new("127.77");
        let a = p.take().unwrap();
        let b = p.take().unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("127.77.0.2", "127.77.0.3"));
        p.give_back(&a);
        assert_eq!(p.take().unwrap(), "127.77.0.2");
        let pods = vec![
            json!({"metadata": {"namespace": "ns"}, "spec": {"hostname": "k-0", "subdomain": "k"},
                               "status": {"podIP": "127.77.0.2"}}),
        ];
        let svcs = vec![
            json!({"metadata": {"name": "k", "namespace": "ns"}, "spec": {"clusterIP": "None"}}),
            json!({"metadata": {"name": "boot", "namespace": "ns"}, "spec": {"clusterIP": "127.96.0.5"}}),
        ];
        let eps = vec![
            json!({"metadata": {"name": "k", "namespace": "ns"}, "subsets": [{"addresses": [{"ip": "127.77.0.2"}]}]}),
        ];
        let h = hosts(&pods, &svcs, &eps);
        assert!(h.contains("k-0.k.ns.svc.cluster.local"), "{h}");
        assert!(h.contains("k.ns.svc.cluster.local"));
        assert!(
            h.contains("127.96.0.5\tboot.ns boot.ns.svc boot.ns.svc.cluster.local"),
            "{h}"
        );
    }
}
