//! Probes and lifecycle handlers as the kubelet runs them: `httpGet` (2xx/3xx is success),
//! `tcpSocket` (a connection is success) and `exec` (exit status 0, run inside the container's
//! namespaces), each bounded by `timeoutSeconds`.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::process::{self, Launch};

/// Resolves a probe port (a number, or the name of one of the container's ports).
pub fn port_of(port: &Value, container: &Value) -> Option<u16> {
    match port {
        Value::Number(n) => n.as_u64().and_then(|p| u16::try_from(p).ok()),
        Value::String(s) => s.parse().ok().or_else(|| {
            container
                .get("ports")
                .and_then(Value::as_array)?
                .iter()
                .find(|p| p.get("name").and_then(Value::as_str) == Some(s.as_str()))
                .and_then(|p| p.get("containerPort").and_then(Value::as_u64))
                .and_then(|p| u16::try_from(p).ok())
        }),
        _ => None,
    }
}

/// The outcome of one probe: Ok, or why it failed.
pub type ProbeResult = Result<(), String>;

/// Runs an `httpGet` / `tcpSocket` / `exec` handler (a probe, or a preStop hook) against a
/// container whose pod has address `ip`; `exec_base` is how to run commands in it.
pub async fn run(
    handler: &Value,
    container: &Value,
    ip: &str,
    timeout: Duration,
    exec_base: Option<&Launch>,
) -> ProbeResult {
    if let Some(h) = handler.get("httpGet") {
        let port = h
            .get("port")
            .and_then(|p| port_of(p, container))
            .ok_or("httpGet: no usable port")?;
        let host = h
            .get("host")
            .and_then(Value::as_str)
            .unwrap_or(ip)
            .to_string();
        let path = h
            .get("path")
            .and_then(Value::as_str)
            .unwrap_or("/")
            .to_string();
        let mut headers = String::new();
        for hd in h
            .get("httpHeaders")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(n), Some(v)) = (
                hd.get("name").and_then(Value::as_str),
                hd.get("value").and_then(Value::as_str),
            ) {
                headers.push_str(&format!("{n}: {v}\r\n"));
            }
        }
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\n{headers}Connection: close\r\n\r\n"
        );
        let fut = async {
            let mut s = tokio::net::TcpStream::connect((host.as_str(), port))
                .await
                .map_err(|e| {
                    format!("Get \"http://{host}:{port}{path}\": dial tcp {host}:{port}: {e}")
                })?;
            s.write_all(req.as_bytes())
                .await
                .map_err(|e| e.to_string())?;
            let mut buf = vec![0u8; 512];
            let mut n = 0;
            while n < 12 {
                let k = s.read(&mut buf[n..]).await.map_err(|e| e.to_string())?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            let line = String::from_utf8_lossy(&buf[..n]).to_string();
            let code: u16 = line
                .split_whitespace()
                .nth(1)
                .and_then(|c| c.parse().ok())
                .ok_or_else(|| format!("bad HTTP response: {line:?}"))?;
            if (200..400).contains(&code) {
                Ok(())
            } else {
                Err(format!("HTTP probe failed with statuscode: {code}"))
            }
        };
        return tokio::time::timeout(timeout, fut)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "Get \"http://{host}:{port}{path}\": context deadline exceeded"
                ))
            });
    }
    if let Some(t) = handler.get("tcpSocket") {
        let port = t
            .get("port")
            .and_then(|p| port_of(p, container))
            .ok_or("tcpSocket: no usable port")?;
        let host = t
            .get("host")
            .and_then(Value::as_str)
            .unwrap_or(ip)
            .to_string();
        return match tokio::time::timeout(
            timeout,
            tokio::net::TcpStream::connect((host.as_str(), port)),
        )
        .await
        {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("dial tcp {host}:{port}: {e}")),
            Err(_) => Err(format!("dial tcp {host}:{port}: i/o timeout")),
        };
    }
    if let Some(e) = handler.get("exec") {
        let argv = crate::api::meta::strings(e.get("command"));
        let base = exec_base.ok_or("exec: the container is not running")?;
        let mut l = base.clone();
        l.argv = argv;
        let mut child = process::spawn(&l).map_err(|e| format!("exec failed: {e}"))?;
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            match child.try_wait() {
                Ok(Some(st)) if st.success() => return Ok(()),
                Ok(Some(st)) => return Err(format!("command exited with {st}")),
                Ok(None) if tokio::time::Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("command timed out after {}s", timeout.as_secs()));
                }
                Ok(None) => tokio::time::sleep(Duration::from_millis(20)).await,
                Err(e) => return Err(e.to_string()),
            }
        }
    }
    if handler.get("grpc").is_some() {
        return Err("grpc probes are not supported by kube-standin".into());
    }
    Err("the probe has no handler".into())
}
