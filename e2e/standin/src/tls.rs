//! The API server's HTTPS endpoint for in-cluster clients. Pods reach the API the way they do
//! in a real cluster: `KUBERNETES_SERVICE_HOST`/`PORT` name an HTTPS listener whose certificate
//! is signed by the cluster CA, and that CA is published in every namespace as the
//! `kube-root-ca.crt` ConfigMap, which the service-account volume projects into each pod at
//! `/var/run/secrets/kubernetes.io/serviceaccount/ca.crt` (so kube-rs' `Config::incluster()`
//! and client-go's `rest.InClusterConfig()` work unchanged).

use std::net::IpAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, SanType,
};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The cluster CA and the API server's certificate, made fresh at every start.
pub struct ClusterTls {
    /// PEM of the CA certificate (`ca.crt`).
    pub ca_pem: String,
    pub acceptor: TlsAcceptor,
}

/// A CA and a serving certificate for `ip` and the in-cluster names of the API.
pub fn generate(ip: IpAddr) -> Result<ClusterTls> {
    let ca_key = KeyPair::generate().context("generating the CA key")?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "kube-standin-ca");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key).context("signing the CA")?;

    let key = KeyPair::generate().context("generating the server key")?;
    let mut srv = CertificateParams::new(vec![
        "kubernetes".to_string(),
        "kubernetes.default".into(),
        "kubernetes.default.svc".into(),
        "kubernetes.default.svc.cluster.local".into(),
        "localhost".into(),
    ])?;
    srv.subject_alt_names.push(SanType::IpAddress(ip));
    srv.distinguished_name
        .push(DnType::CommonName, "kube-apiserver");
    srv.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let cert = srv
        .signed_by(&key, &ca_cert, &ca_key)
        .context("signing the API server certificate")?;

    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .context("building the TLS configuration")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(ClusterTls {
        ca_pem: ca_cert.pem(),
        acceptor: TlsAcceptor::from(Arc::new(config)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_a_ca_and_a_serving_certificate() {
        let t = generate("127.0.0.1".parse().unwrap()).unwrap();
        assert!(t.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    }
}
