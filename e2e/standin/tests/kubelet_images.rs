//! The process kubelet's image binaries, driven by kube-rs like the conformance tests in
//! kube_rs.rs. An image's binary is a host path, and the pod's volumes must not hide it: the
//! broker's pods mount an emptyDir at /tmp, and a checkout under /tmp holds the broker binary.
//! A container whose program cannot be started is reported as a kubelet reports it (terminated,
//! reason StartError, exit code 128), with the error in its log. Volume mounts need mount
//! namespaces, so these tests run as root only (they pass trivially otherwise, saying so).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Client;
use kube::api::{Api, LogParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube_standin::{ServeArgs, Standin};
use serde_json::json;

struct Cluster {
    standin: Option<Standin>,
    client: Client,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(s) = self.standin.take() {
            s.stop();
        }
    }
}

/// A stand-in with its data under `dir`/data, running `images` (NAME=PATH).
async fn cluster(dir: &Path, images: Vec<String>) -> Cluster {
    let args = ServeArgs {
        listen: "127.0.0.1:0".into(),
        tls_listen: None,
        kubeconfig: dir.join("kubeconfig"),
        data_dir: dir.join("data"),
        images,
        history: 10000,
        nodes: 1,
        pod_network: "127.79".into(),
        service_network: "127.95".into(),
        lb_network: "127.93".into(),
        backoff_base_ms: 1000,
        bookmark_interval_secs: 1,
    };
    let standin = Standin::start(&args).await.expect("stand-in starts");
    kube_standin::write_kubeconfig(&args.kubeconfig, &format!("http://{}", standin.addr))
        .expect("kubeconfig");
    let kc = Kubeconfig::read_from(&args.kubeconfig).expect("read kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .expect("config");
    let client = Client::try_from(config).expect("client");
    Cluster {
        standin: Some(standin),
        client,
    }
}

fn can_mount() -> bool {
    let ok = kube_standin::kubelet::process::can_isolate();
    if !ok {
        eprintln!("skipped: volume mounts need kube-standin to run as root");
    }
    ok
}

/// Waits for the pod to finish (phase Succeeded or Failed) and returns it.
async fn finished(pods: &Api<Pod>, name: &str) -> Pod {
    for _ in 0..300 {
        let p = pods.get(name).await.expect("get pod");
        let phase = p.status.as_ref().and_then(|s| s.phase.clone());
        if matches!(phase.as_deref(), Some("Succeeded" | "Failed")) {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let p = pods.get(name).await.expect("get pod");
    panic!("pod {name} did not finish: {:?}", p.status);
}

async fn log(pods: &Api<Pod>, pod: &str, container: &str) -> String {
    pods.logs(
        pod,
        &LogParams {
            container: Some(container.into()),
            ..LogParams::default()
        },
    )
    .await
    .expect("logs")
}

/// An emptyDir mounted over the directory holding the image binaries (and the stand-in's own
/// data directory): both an ELF binary and a `#!` script still run, inside the mount, which
/// shows the directory empty.
#[tokio::test]
async fn image_binary_runs_under_a_volume_mounted_over_its_directory() {
    if !can_mount() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let top = dir.path().canonicalize().expect("canonical tempdir");
    let img = top.join("img");
    std::fs::create_dir_all(&img).unwrap();
    // An ELF binary: a copy of the host's shell.
    std::fs::copy("/bin/sh", img.join("elf")).expect("copy /bin/sh");
    // A script, whose interpreter opens the script by path.
    std::fs::write(
        img.join("script"),
        "#!/bin/sh\necho \"script ran with $1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(img.join("script"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = cluster(
        &top,
        vec![
            format!("elf={}", img.join("elf").display()),
            format!("script={}", img.join("script").display()),
        ],
    )
    .await;
    let pods: Api<Pod> = Api::namespaced(c.client.clone(), "default");
    let cover = json!([{"name": "cover", "mountPath": top.display().to_string()}]);
    let pod = serde_json::from_value(json!({"metadata": {"name": "covered"}, "spec": {
    "restartPolicy": "Never",
    "volumes": [{"name": "cover", "emptyDir": {}}],
    "containers": [
        {"name": "elf", "image": "elf", "volumeMounts": cover,
         "args": ["-c", format!("echo elf ran; echo entries: $(ls -A {} | wc -l)", top.display())]},
        {"name": "script", "image": "script", "volumeMounts": cover, "args": ["a"]},
    ]}}))
    .unwrap();
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let p = finished(&pods, "covered").await;
    let elf = log(&pods, "covered", "elf").await;
    let script = log(&pods, "covered", "script").await;
    assert_eq!(
        p.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Succeeded"),
        "{:?}\nelf log: {elf}\nscript log: {script}",
        p.status
    );
    assert!(elf.contains("elf ran"), "elf log: {elf:?}");
    // The container saw the emptyDir, not the directory holding the binary.
    assert!(elf.contains("entries: 0"), "elf log: {elf:?}");
    assert!(
        script.contains("script ran with a"),
        "script log: {script:?}"
    );
}

/// A program that cannot be executed: the container terminates with reason StartError and
/// exit code 128, the pod (restartPolicy Never) fails, and the error is in the log.
#[tokio::test]
async fn failed_exec_is_reported_as_start_error() {
    if !can_mount() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let top = dir.path().canonicalize().expect("canonical tempdir");
    let img = top.join("img");
    std::fs::create_dir_all(&img).unwrap();
    // Not executable (no x bit, no #!), so exec fails with EACCES even for root.
    std::fs::write(img.join("broken"), "not a program\n").unwrap();
    std::fs::set_permissions(img.join("broken"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let c = cluster(
        &top,
        vec![format!("broken={}", img.join("broken").display())],
    )
    .await;
    let pods: Api<Pod> = Api::namespaced(c.client.clone(), "default");
    let pod = serde_json::from_value(json!({"metadata": {"name": "broken"}, "spec": {
        "restartPolicy": "Never",
        "containers": [{"name": "main", "image": "broken"}]}}))
    .unwrap();
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let p = finished(&pods, "broken").await;
    let status = p.status.expect("status");
    assert_eq!(status.phase.as_deref(), Some("Failed"));
    let cs = &status.container_statuses.expect("container statuses")[0];
    let t = cs
        .state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .unwrap_or_else(|| panic!("terminated: {cs:?}"));
    assert_eq!(t.reason.as_deref(), Some("StartError"), "{t:?}");
    assert_eq!(t.exit_code, 128, "{t:?}");
    let message = t.message.clone().unwrap_or_default();
    assert!(message.contains("broken"), "{message:?}");
    let text = log(&pods, "broken", "main").await;
    assert!(
        text.contains("failed to start container \"main\"") && text.contains("ermission denied"),
        "log: {text:?}"
    );
}
