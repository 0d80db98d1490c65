//! The HTTP face of the API server: routing of `/api`, `/apis`, discovery, OpenAPI, `/version`,
//! the resource verbs with their query parameters, watch streams (chunked JSON lines, with
//! bookmarks and `timeoutSeconds`), Table output for kubectl, and the stand-in's own
//! `/standin/...` endpoints for tests.

use std::collections::HashMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use crate::api::errors::ApiError;
use crate::api::registry::ResourceType;
use crate::api::server::{
    ApiServer, DeleteOptions, FieldValidation, ListOptions, PatchType, ResourceRef, WriteOptions,
};
use crate::api::store::EventType;
use crate::api::table;

pub type Body = BoxBody<Bytes, Infallible>;

/// Extra endpoints under `/standin/` (the kubelet's pod controls, logs) provided by whoever
/// runs the server.
pub trait Admin: Send + Sync {
    /// Handles `method path` with `query`; None when the path is not the admin's.
    fn handle(
        &self,
        method: &str,
        path: &[&str],
        query: &HashMap<String, String>,
    ) -> Option<(u16, Value)>;
    /// `pods/log` text of a container, if the admin runs pods.
    fn pod_log(
        &self,
        _ns: &str,
        _pod: &str,
        _container: Option<&str>,
        _tail: Option<usize>,
    ) -> Option<Result<String, String>> {
        None
    }
}

pub struct HttpOptions {
    /// How often watches that allow bookmarks get one.
    pub bookmark_interval: Duration,
    /// Watches without timeoutSeconds end after this long (Kubernetes: 30-60 min).
    pub default_watch_timeout: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            bookmark_interval: Duration::from_secs(5),
            default_watch_timeout: Duration::from_secs(1800),
        }
    }
}

struct Ctx {
    api: Arc<ApiServer>,
    admin: Option<Arc<dyn Admin>>,
    opts: HttpOptions,
    addr: String,
}

/// Serves the API on `listener` until the task is dropped: plain HTTP, or HTTPS with `tls`.
pub async fn serve(
    api: Arc<ApiServer>,
    listener: TcpListener,
    admin: Option<Arc<dyn Admin>>,
    opts: HttpOptions,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let ctx = Arc::new(Ctx {
        api,
        admin,
        opts,
        addr,
    });
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let ctx = ctx.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => serve_connection(ctx, stream).await,
                // A failed handshake (a client that does not trust the CA) just ends here.
                Some(acceptor) => {
                    if let Ok(s) = acceptor.accept(stream).await {
                        serve_connection(ctx, s).await
                    }
                }
            }
        });
    }
}

async fn serve_connection<S>(ctx: Arc<Ctx>, stream: S)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let io = hyper_util::rt::TokioIo::new(stream);
    let svc = hyper::service::service_fn(move |req| {
        let ctx = ctx.clone();
        async move { Ok::<_, Infallible>(handle(&ctx, req).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, svc)
        .await;
}

fn full(b: impl Into<Bytes>) -> Body {
    Full::new(b.into()).boxed()
}

fn json_response(code: u16, v: &Value, warnings: &[String]) -> Response<Body> {
    let mut r = Response::builder()
        .status(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("Content-Type", "application/json")
        .header("Cache-Control", "no-cache, private");
    for w in warnings {
        r = r.header(
            "Warning",
            format!("299 - {}", serde_json::to_string(w).unwrap_or_default()),
        );
    }
    r.body(full(serde_json::to_vec(v).unwrap_or_default()))
        .unwrap_or_else(|_| Response::new(full("")))
}

fn error_response(e: &ApiError) -> Response<Body> {
    json_response(e.code, &e.status(), &[])
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match std::str::from_utf8(b.get(i + 1..i + 3).unwrap_or_default())
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(x) => {
                        out.push(x);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_query(q: Option<&str>) -> HashMap<String, String> {
    q.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

/// Where a request goes.
#[derive(Debug)]
struct ResourcePath {
    group: String,
    version: String,
    namespace: Option<String>,
    plural: String,
    name: Option<String>,
    sub: Option<String>,
    legacy_watch: bool,
}

fn parse_resource_path(group: &str, version: &str, rest: &[&str]) -> Option<ResourcePath> {
    let (legacy_watch, rest) = match rest.first() {
        Some(&"watch") => (true, &rest[1..]),
        _ => (false, rest),
    };
    let (namespace, rest) = if rest.first() == Some(&"namespaces")
        && rest.len() >= 3
        && !matches!(rest[2], "status" | "finalize")
    {
        (Some(rest[1].to_string()), &rest[2..])
    } else {
        (None, rest)
    };
    let plural = rest.first()?.to_string();
    if rest.len() > 3 {
        return None;
    }
    Some(ResourcePath {
        group: group.into(),
        version: version.into(),
        namespace,
        plural,
        name: rest.get(1).map(|s| s.to_string()),
        sub: rest.get(2).map(|s| s.to_string()),
        legacy_watch,
    })
}

/// What a resource handler needs of a request.
struct Req {
    method: Method,
    query: HashMap<String, String>,
    accept: String,
    content_type: String,
    user_agent: String,
    body: Bytes,
}

fn not_served() -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        "the server could not find the requested resource",
    )
}

async fn handle(ctx: &Ctx, req: Request<Incoming>) -> Response<Body> {
    let path = req.uri().path().to_string();
    let header = |name: &str, default: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(default)
            .to_string()
    };
    let (accept, content_type, user_agent) = (
        header("accept", ""),
        header("content-type", ""),
        header("user-agent", "unknown"),
    );
    let query = parse_query(req.uri().query());
    let method = req.method().clone();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return error_response(&ApiError::bad_request("could not read the request body"));
        }
    };
    let r = Req {
        method,
        query,
        accept,
        content_type,
        user_agent,
        body,
    };
    let (method, query) = (&r.method, &r.query);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    tracing::debug!(%method, %path, "request");
    match segs.as_slice() {
        ["healthz"] | ["readyz"] | ["livez"] => Response::new(full("ok")),
        ["version"] => json_response(
            200,
            &json!({
            "major": "1", "minor": "32", "gitVersion": "v1.32.0-standin", "gitCommit": "standin",
            "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23",
            "compiler": "gc", "platform": "linux/amd64"}),
            &[],
        ),
        ["api"] => json_response(
            200,
            &json!({"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": ctx.addr}]}),
            &[],
        ),
        ["apis"] => json_response(200, &group_list(&ctx.api), &[]),
        ["apis", g] => match group_list(&ctx.api)["groups"]
            .as_array()
            .and_then(|gs| gs.iter().find(|x| x["name"] == *g))
            .cloned()
        {
            Some(mut grp) => {
                grp["kind"] = json!("APIGroup");
                grp["apiVersion"] = json!("v1");
                json_response(200, &grp, &[])
            }
            None => error_response(&not_served()),
        },
        ["api", "v1"] => json_response(200, &resource_list(&ctx.api, "", "v1"), &[]),
        ["apis", g, v] => {
            let l = resource_list(&ctx.api, g, v);
            if l["resources"].as_array().is_some_and(|a| a.is_empty()) {
                error_response(&not_served())
            } else {
                json_response(200, &l, &[])
            }
        }
        ["openapi", "v3"] => json_response(200, &openapi_root(&ctx.api), &[]),
        ["openapi", "v3", "api", "v1"] => json_response(200, &openapi_gv(&ctx.api, "", "v1"), &[]),
        ["openapi", "v3", "apis", g, v] => json_response(200, &openapi_gv(&ctx.api, g, v), &[]),
        ["openapi", "v2"] => error_response(&ApiError::new(
            404,
            "NotFound",
            "the server serves OpenAPI v3 only (/openapi/v3)",
        )),
        ["standin", "stats"] => json_response(200, &json!(ctx.api.stats()), &[]),
        ["standin", "compact"] if method == Method::POST => {
            ctx.api.compact();
            json_response(200, &json!({"compacted": ctx.api.current_rv()}), &[])
        }
        ["standin", rest @ ..] => match ctx
            .admin
            .as_ref()
            .and_then(|a| a.handle(method.as_str(), rest, query))
        {
            Some((code, v)) => json_response(code, &v, &[]),
            None => error_response(&ApiError::new(404, "NotFound", "no such stand-in endpoint")),
        },
        ["api", "v1", rest @ ..] => match parse_resource_path("", "v1", rest) {
            Some(rp) => resource(ctx, &r, rp).await,
            None => error_response(&not_served()),
        },
        ["apis", g, v, rest @ ..] => match parse_resource_path(g, v, rest) {
            Some(rp) => resource(ctx, &r, rp).await,
            None => error_response(&not_served()),
        },
        _ => error_response(&not_served()),
    }
}

fn group_list(api: &ApiServer) -> Value {
    let groups = api.state.lock().registry.groups();
    let list: Vec<Value> = groups
        .iter()
        .map(|(g, vs)| {
            let versions: Vec<Value> = vs
                .iter()
                .map(|v| json!({"groupVersion": format!("{g}/{v}"), "version": v}))
                .collect();
            json!({"name": g, "versions": versions, "preferredVersion": versions[0]})
        })
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": list})
}

const VERBS: [&str; 8] = [
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

fn resource_list(api: &ApiServer, group: &str, version: &str) -> Value {
    let st = api.state.lock();
    let mut resources = Vec::new();
    for t in st
        .registry
        .all()
        .filter(|t| t.group == group && t.serves(version))
    {
        let mut r = json!({"name": t.plural, "singularName": t.singular, "namespaced": t.namespaced,
            "kind": t.kind, "verbs": VERBS, "storageVersionHash": format!("{:x}", hash(&t.group_resource()))});
        if !t.short_names.is_empty() {
            r["shortNames"] = json!(t.short_names);
        }
        if !t.categories.is_empty() {
            r["categories"] = json!(t.categories);
        }
        resources.push(r);
        if t.status_subresource {
            resources.push(
                json!({"name": format!("{}/status", t.plural), "singularName": "",
                "namespaced": t.namespaced, "kind": t.kind, "verbs": ["get", "patch", "update"]}),
            );
        }
        if t.scale.is_some() {
            resources.push(json!({"name": format!("{}/scale", t.plural), "singularName": "",
                "namespaced": t.namespaced, "group": "autoscaling", "version": "v1", "kind": "Scale",
                "verbs": ["get", "patch", "update"]}));
        }
        if t.kind == "Pod" && t.group.is_empty() {
            resources.push(json!({"name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]}));
        }
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources})
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn openapi_root(api: &ApiServer) -> Value {
    let st = api.state.lock();
    let mut paths = serde_json::Map::new();
    let rv = st.rv;
    for t in st.registry.all() {
        for v in &t.versions {
            let key = if t.group.is_empty() {
                format!("api/{v}")
            } else {
                format!("apis/{}/{v}", t.group)
            };
            paths.insert(
                key.clone(),
                json!({"serverRelativeURL": format!("/openapi/v3/{key}?hash={rv:016X}")}),
            );
        }
    }
    json!({"paths": paths})
}

/// An OpenAPI v3 document of one group-version: paths with the query parameters the server
/// supports (kubectl checks `fieldValidation` here before relying on server-side validation)
/// and, for custom resources, their schemas.
fn openapi_gv(api: &ApiServer, group: &str, version: &str) -> Value {
    let st = api.state.lock();
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    let params = json!([
        {"name": "dryRun", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "fieldManager", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true}},
        {"name": "pretty", "in": "query", "schema": {"type": "string", "uniqueItems": true}}
    ]);
    for t in st
        .registry
        .all()
        .filter(|t| t.group == group && t.serves(version))
    {
        let gvk = json!({"group": t.group, "version": version, "kind": t.kind});
        let prefix = if group.is_empty() {
            format!("/api/{version}")
        } else {
            format!("/apis/{group}/{version}")
        };
        let base = if t.namespaced {
            format!("{prefix}/namespaces/{{namespace}}/{}", t.plural)
        } else {
            format!("{prefix}/{}", t.plural)
        };
        let op = |action: &str| {
            json!({"operationId": format!("{action}{}", t.kind), "parameters": params,
            "x-kubernetes-action": action, "x-kubernetes-group-version-kind": gvk,
            "responses": {"200": {"description": "OK"}}})
        };
        paths.insert(
            base.clone(),
            json!({"get": op("list"), "post": op("post"), "delete": op("deletecollection")}),
        );
        paths.insert(format!("{base}/{{name}}"), json!({"get": op("get"), "put": op("put"), "patch": op("patch"), "delete": op("delete")}));
        let schema_name = format!("{}.{}.{}", reverse_group(&t.group), version, t.kind);
        let mut schema = t
            .schema(version)
            .cloned()
            .unwrap_or(json!({"type": "object", "x-kubernetes-preserve-unknown-fields": true}));
        schema["x-kubernetes-group-version-kind"] = json!([gvk]);
        schemas.insert(schema_name, schema);
    }
    json!({"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.0"},
           "paths": paths, "components": {"schemas": schemas}})
}

fn reverse_group(g: &str) -> String {
    if g.is_empty() {
        return "io.k8s.api.core".into();
    }
    g.split('.').rev().collect::<Vec<_>>().join(".")
}

fn list_options(q: &HashMap<String, String>) -> ListOptions {
    ListOptions {
        label_selector: q.get("labelSelector").cloned(),
        field_selector: q.get("fieldSelector").cloned(),
        limit: q.get("limit").and_then(|l| l.parse().ok()),
        continue_token: q.get("continue").cloned(),
        resource_version: q.get("resourceVersion").cloned(),
        resource_version_match: q.get("resourceVersionMatch").cloned(),
    }
}

fn write_options(
    q: &HashMap<String, String>,
    user_agent: &str,
    apply: bool,
) -> Result<WriteOptions, ApiError> {
    let manager = match q.get("fieldManager") {
        Some(m) => m.clone(),
        None if apply => String::new(),
        None => user_agent
            .split('/')
            .next()
            .unwrap_or("unknown")
            .chars()
            .take(128)
            .collect(),
    };
    let field_validation = match q.get("fieldValidation").map(String::as_str) {
        None | Some("") | Some("Warn") => FieldValidation::Warn,
        Some("Strict") => FieldValidation::Strict,
        Some("Ignore") => FieldValidation::Ignore,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "fieldValidation parameter unsupported: {other}: supported values are Ignore, Warn, Strict"
            )));
        }
    };
    Ok(WriteOptions {
        manager,
        dry_run: q.get("dryRun").is_some_and(|d| d == "All"),
        field_validation,
        force: q.get("force").is_some_and(|f| f == "true"),
    })
}

/// DeleteOptions from the body, overridden by query parameters.
fn delete_options(body: &Bytes, q: &HashMap<String, String>) -> DeleteOptions {
    let mut opts = if body.is_empty() {
        DeleteOptions::default()
    } else {
        DeleteOptions::from_json(&serde_json::from_slice(body).unwrap_or(json!({})))
    };
    if let Some(pp) = q.get("propagationPolicy") {
        opts.propagation = Some(pp.clone());
    }
    if let Some(gp) = q.get("gracePeriodSeconds").and_then(|g| g.parse().ok()) {
        opts.grace_period_seconds = Some(gp);
    }
    if q.get("dryRun").is_some_and(|d| d == "All") {
        opts.dry_run = true;
    }
    opts
}

fn wants_table(accept: &str) -> bool {
    accept
        .split(',')
        .next()
        .is_some_and(|first| first.contains("as=Table"))
}

fn parse_body(body: &Bytes, content_type: &str) -> Result<Value, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_request("the request body is empty"));
    }
    if content_type.contains("protobuf") || body.starts_with(b"k8s\0") {
        return Err(ApiError::unsupported_media_type(
            "kube-standin accepts JSON and YAML bodies only, not application/vnd.kubernetes.protobuf (kubectl's typed generators such as `kubectl create configmap` send protobuf; use `kubectl create -f` or `kubectl apply -f`)",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => Ok(v),
        Err(e) if content_type.contains("yaml") => {
            serde_yaml::from_slice::<Value>(body).map_err(|ye| {
                ApiError::bad_request(format!("error decoding YAML: {ye} (as JSON: {e})"))
            })
        }
        Err(e) => Err(ApiError::bad_request(format!(
            "the object provided is unrecognized: {e}"
        ))),
    }
}

async fn resource(ctx: &Ctx, req: &Req, rp: ResourcePath) -> Response<Body> {
    let (method, q, accept, content_type, user_agent, body) = (
        &req.method,
        &req.query,
        req.accept.as_str(),
        req.content_type.as_str(),
        req.user_agent.as_str(),
        &req.body,
    );
    let api = &ctx.api;
    let rt = match api.resolve(&ResourceRef::new(&rp.group, &rp.version, &rp.plural)) {
        Ok(t) => t,
        Err(e) => return error_response(&e),
    };
    let ns = if rt.namespaced {
        rp.namespace.as_deref()
    } else {
        None
    };
    if !rt.namespaced && rp.namespace.is_some() {
        return error_response(&not_served());
    }
    let r = ResourceRef::new(&rp.group, &rp.version, &rp.plural);
    let v = rp.version.as_str();
    let sub = rp.sub.as_deref();
    if let Some(s) = sub
        && !(s == "status" && rt.status_subresource
            || s == "scale" && rt.scale.is_some()
            || s == "log" && rt.kind == "Pod" && rt.group.is_empty())
    {
        return error_response(&not_served());
    }
    let watching = rp.legacy_watch || q.get("watch").is_some_and(|w| w == "true" || w == "1");
    if *method == Method::GET && (watching || rp.name.is_none()) {
        api.count(&format!(
            "{} {}",
            if watching { "watch" } else { "list" },
            rt.group_resource()
        ));
    }
    let result: Result<(u16, Value, Vec<String>), ApiError> = match (method, rp.name.as_deref()) {
        (&Method::GET, _) if watching => {
            return watch(ctx, &rt, &rp, q, accept).await;
        }
        (&Method::GET, None) => api.list(&r, ns, &list_options(q)).map(|l| {
            if wants_table(accept) {
                let items = l["items"].as_array().cloned().unwrap_or_default();
                (
                    200,
                    table::table(
                        &rt,
                        v,
                        &items,
                        l["metadata"].clone(),
                        q.get("includeObject").map_or("Metadata", String::as_str),
                    ),
                    vec![],
                )
            } else {
                (200, l, vec![])
            }
        }),
        (&Method::GET, Some(name)) if sub == Some("log") => {
            return pod_log(ctx, ns.unwrap_or(""), name, q);
        }
        (&Method::GET, Some(name)) if sub == Some("scale") => api
            .get(&r, ns, name)
            .map(|o| (200, scale_of(&rt, &o), vec![])),
        (&Method::GET, Some(name)) => api.get(&r, ns, name).map(|o| {
            if wants_table(accept) {
                (
                    200,
                    table::table(
                        &rt,
                        v,
                        std::slice::from_ref(&o),
                        json!({"resourceVersion": o["metadata"]["resourceVersion"]}),
                        q.get("includeObject").map_or("Metadata", String::as_str),
                    ),
                    vec![],
                )
            } else {
                (200, o, vec![])
            }
        }),
        (&Method::POST, None) => match (
            parse_body(body, content_type),
            write_options(q, user_agent, false),
        ) {
            (Ok(b), Ok(o)) => api
                .create(&r, ns, b, &o)
                .map(|w| (201, w.object, w.warnings)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        (&Method::PUT, Some(name)) if sub == Some("scale") => match (
            parse_body(body, content_type),
            write_options(q, user_agent, false),
        ) {
            (Ok(b), Ok(o)) => set_scale(
                api,
                &rt,
                &rp,
                ns,
                name,
                b.pointer("/spec/replicas").cloned(),
                &o,
            ),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        (&Method::PUT, Some(name)) => match (
            parse_body(body, content_type),
            write_options(q, user_agent, false),
        ) {
            (Ok(b), Ok(o)) => api
                .update(&r, ns, name, b, sub, &o)
                .map(|w| (200, w.object, w.warnings)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        (&Method::PATCH, Some(name)) => {
            let Some(kind) = PatchType::from_content_type(content_type) else {
                return error_response(&ApiError::unsupported_media_type(format!(
                    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {content_type:?})"
                )));
            };
            match (
                parse_body(body, content_type),
                write_options(q, user_agent, kind == PatchType::Apply),
            ) {
                (Ok(b), Ok(o)) if sub == Some("scale") => {
                    let current = api.get(&r, ns, name).map(|x| scale_of(&rt, &x));
                    match current {
                        Ok(mut s) => {
                            let patched = match kind {
                                PatchType::Json => crate::api::patch::json_patch(&mut s, &b)
                                    .map_err(ApiError::bad_request),
                                _ => {
                                    crate::api::patch::merge_patch(&mut s, &b);
                                    Ok(())
                                }
                            };
                            match patched {
                                Ok(()) => set_scale(
                                    api,
                                    &rt,
                                    &rp,
                                    ns,
                                    name,
                                    s.pointer("/spec/replicas").cloned(),
                                    &o,
                                ),
                                Err(e) => Err(e),
                            }
                        }
                        Err(e) => Err(e),
                    }
                }
                (Ok(b), Ok(o)) => api
                    .patch(&r, ns, name, kind, &b, sub, &o)
                    .map(|w| (if w.created { 201 } else { 200 }, w.object, w.warnings)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        (&Method::DELETE, Some(name)) => api
            .delete(&r, ns, name, &delete_options(body, q))
            .map(|(c, o)| (c, o, vec![])),
        (&Method::DELETE, None) => api
            .delete_collection(&r, ns, &list_options(q), &delete_options(body, q))
            .map(|l| (200, l, vec![])),
        _ => Err(ApiError::method_not_allowed(format!(
            "the server does not allow this method on the requested resource ({method})"
        ))),
    };
    match result {
        Ok((code, v, warnings)) => json_response(code, &v, &warnings),
        Err(e) => error_response(&e),
    }
}

fn scale_of(rt: &ResourceType, o: &Value) -> Value {
    let sc = rt.scale.clone().expect("checked before");
    let ptr = |p: &str| format!("/{}", p.trim_start_matches('.').replace('.', "/"));
    let selector = sc
        .label_selector
        .as_deref()
        .and_then(|p| o.pointer(&ptr(p)).cloned())
        .or_else(|| {
            o.pointer("/spec/selector/matchLabels")
                .and_then(Value::as_object)
                .map(|m| {
                    json!(
                        m.iter()
                            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                })
        });
    let mut s = json!({"kind": "Scale", "apiVersion": "autoscaling/v1",
        "metadata": {"name": o["metadata"]["name"], "uid": o["metadata"]["uid"],
                     "resourceVersion": o["metadata"]["resourceVersion"], "creationTimestamp": o["metadata"]["creationTimestamp"]},
        "spec": {"replicas": o.pointer(&ptr(&sc.spec_replicas)).cloned().unwrap_or(json!(0))},
        "status": {"replicas": o.pointer(&ptr(&sc.status_replicas)).cloned().unwrap_or(json!(0))}});
    if let Some(ns) = o.pointer("/metadata/namespace") {
        s["metadata"]["namespace"] = ns.clone();
    }
    if let Some(sel) = selector {
        s["status"]["selector"] = sel;
    }
    s
}

fn set_scale(
    api: &ApiServer,
    rt: &ResourceType,
    rp: &ResourcePath,
    ns: Option<&str>,
    name: &str,
    replicas: Option<Value>,
    o: &WriteOptions,
) -> Result<(u16, Value, Vec<String>), ApiError> {
    let replicas = replicas.ok_or_else(|| ApiError::bad_request("spec.replicas is required"))?;
    let sc = rt.scale.clone().expect("checked before");
    let mut patch = json!({});
    let parts: Vec<&str> = sc
        .spec_replicas
        .trim_start_matches('.')
        .split('.')
        .collect();
    let mut cur = &mut patch;
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            cur[*part] = replicas.clone();
        } else {
            cur[*part] = json!({});
            cur = &mut cur[*part];
        }
    }
    let w = api.patch(
        &ResourceRef::new(&rp.group, &rp.version, &rp.plural),
        ns,
        name,
        PatchType::Merge,
        &patch,
        None,
        o,
    )?;
    Ok((200, scale_of(rt, &w.object), w.warnings))
}

fn pod_log(ctx: &Ctx, ns: &str, name: &str, q: &HashMap<String, String>) -> Response<Body> {
    let tail = q.get("tailLines").and_then(|t| t.parse().ok());
    match ctx
        .admin
        .as_ref()
        .and_then(|a| a.pod_log(ns, name, q.get("container").map(String::as_str), tail))
    {
        Some(Ok(text)) => Response::builder()
            .header("Content-Type", "text/plain")
            .body(full(text))
            .unwrap_or_else(|_| Response::new(full(""))),
        Some(Err(e)) => error_response(&ApiError::bad_request(e)),
        None => error_response(&ApiError::not_found("", "pods", name)),
    }
}

/// A body fed from a channel (watch streams).
struct ChannelBody(mpsc::Receiver<Bytes>);

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|o| o.map(|b| Ok(Frame::data(b))))
    }
}

fn event_line(kind: &str, object: &Value) -> Bytes {
    let mut line = serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap_or_default();
    line.push(b'\n');
    Bytes::from(line)
}

async fn watch(
    ctx: &Ctx,
    rt: &ResourceType,
    rp: &ResourcePath,
    q: &HashMap<String, String>,
    accept: &str,
) -> Response<Body> {
    let mut opts = list_options(q);
    let mut name = rp.name.clone();
    if name.is_none()
        && let Some(fs) = &opts.field_selector
        && let Some(n) = fs.strip_prefix("metadata.name=")
        && !n.contains(',')
    {
        name = Some(n.to_string());
        opts.field_selector = None;
    }
    let send_initial = q.get("sendInitialEvents").is_some_and(|s| s == "true");
    if send_initial && q.get("allowWatchBookmarks").is_none_or(|b| b != "true") {
        return error_response(&ApiError::new(
            422,
            "Invalid",
            "sendInitialEvents is forbidden for watch unless allowWatchBookmarks=true",
        ));
    }
    let ns = if rt.namespaced {
        rp.namespace.as_deref()
    } else {
        None
    };
    let w = match ctx.api.watch(
        &ResourceRef::new(&rp.group, &rp.version, &rp.plural),
        ns,
        name.as_deref(),
        &opts,
        send_initial,
    ) {
        Ok(w) => w,
        Err(e) if e.code == 410 => {
            ctx.api
                .count(&format!("watch-gone {}", rt.group_resource()));
            // As the watch cache does: a 200 whose stream carries one ERROR event.
            let body = event_line("ERROR", &e.status());
            return Response::builder()
                .header("Content-Type", "application/json")
                .body(full(body))
                .unwrap_or_else(|_| Response::new(full("")));
        }
        Err(e) => return error_response(&e),
    };
    let bookmarks = q.get("allowWatchBookmarks").is_some_and(|b| b == "true");
    let timeout = q
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(ctx.opts.default_watch_timeout);
    let as_table = wants_table(accept);
    let table_rt = rt.clone();
    let version = rp.version.clone();
    let render = move |kind: EventType, o: &Value| -> Bytes {
        if as_table {
            let t = table::table(
                &table_rt,
                &version,
                std::slice::from_ref(o),
                json!({"resourceVersion": o["metadata"]["resourceVersion"]}),
                "Object",
            );
            event_line(kind.as_str(), &t)
        } else {
            event_line(kind.as_str(), o)
        }
    };
    let (tx, rx) = mpsc::channel::<Bytes>(256);
    let interval = ctx.opts.bookmark_interval;
    let kind = rt.kind.clone();
    let api_version = rt.api_version(&rp.version);
    let api = ctx.api.clone();
    tokio::spawn(async move {
        let mut w = w;
        for (k, o) in &w.initial {
            if tx.send(render(*k, o)).await.is_err() {
                return;
            }
        }
        let mut last_rv = w.start_rv;
        if w.initial_events_end {
            let bm = json!({"kind": kind, "apiVersion": api_version,
                "metadata": {"resourceVersion": last_rv.to_string(), "annotations": {"k8s.io/initial-events-end": "true"}}});
            if tx.send(event_line("BOOKMARK", &bm)).await.is_err() {
                return;
            }
        }
        let deadline = tokio::time::Instant::now() + timeout;
        let mut tick = tokio::time::interval(interval);
        tick.tick().await;
        loop {
            tokio::select! {
                ev = w.rx.recv() => match ev {
                    Ok(e) => {
                        last_rv = last_rv.max(e.rv);
                        if let Some((k, o)) = w.filter.view(&e)
                            && tx.send(render(k, &o)).await.is_err()
                        {
                            return;
                        }
                    }
                    // A watcher that fell behind is closed; it re-watches from its last rv.
                    Err(_) => return,
                },
                _ = tick.tick(), if bookmarks => {
                    let rv = api.current_rv().max(last_rv);
                    last_rv = rv;
                    let bm = json!({"kind": kind, "apiVersion": api_version, "metadata": {"resourceVersion": rv.to_string()}});
                    if tx.send(event_line("BOOKMARK", &bm)).await.is_err() {
                        return;
                    }
                }
                _ = tokio::time::sleep_until(deadline) => return,
                _ = api.watches_closed() => return,
                _ = tx.closed() => return,
            }
        }
    });
    Response::builder()
        .header("Content-Type", "application/json")
        .header("Transfer-Encoding", "chunked")
        .body(ChannelBody(rx).boxed())
        .unwrap_or_else(|_| Response::new(full("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_paths() {
        let p =
            parse_resource_path("", "v1", &["namespaces", "ns", "pods", "p", "status"]).unwrap();
        assert_eq!(
            (
                p.namespace.as_deref(),
                p.plural.as_str(),
                p.name.as_deref(),
                p.sub.as_deref()
            ),
            (Some("ns"), "pods", Some("p"), Some("status"))
        );
        let p = parse_resource_path("", "v1", &["namespaces", "ns"]).unwrap();
        assert_eq!(
            (p.namespace, p.plural.as_str(), p.name.as_deref()),
            (None, "namespaces", Some("ns"))
        );
        let p = parse_resource_path("", "v1", &["namespaces", "ns", "status"]).unwrap();
        assert_eq!(
            (p.plural.as_str(), p.sub.as_deref()),
            ("namespaces", Some("status"))
        );
        let p = parse_resource_path("apps", "v1", &["statefulsets"]).unwrap();
        assert_eq!((p.namespace, p.name), (None, None));
        assert_eq!(percent_decode("a%3Db%2Cc+d"), "a=b,c d");
    }
}
