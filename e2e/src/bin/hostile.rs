//! Hostile requests against a running broker, for the hostile-input tests.
//!
//! `hostile lengths HOST:PORT` asks the broker which API versions it advertises (ApiVersions,
//! as a client would), then for every advertised API key and version synthesises valid
//! requests from the message layouts and sends, one connection each, a copy with one length or
//! count field at a time set to the largest value its width holds (i16::MAX, i32::MAX,
//! 0xFFFFFFFF as a varint) — every array, string and bytes length in the body, and the header's
//! client id. Each such connection must be closed by the broker without an answer. Prints a
//! JSON summary; exits 1 if any lie was answered or left hanging.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::{ApiKey, ApiVersionsRequest, ApiVersionsResponse, RequestHeader};
use kafka_protocol::protocol::{Encodable, StrBytes};
use moldau_broker::protocol::{self, schema::has_version, synth};

fn frame(key: i16, version: i16, correlation: i32, body: &[u8]) -> Result<Vec<u8>> {
    let api = ApiKey::try_from(key).map_err(|_| anyhow::anyhow!("unknown API key {key}"))?;
    let header = RequestHeader::default()
        .with_request_api_key(key)
        .with_request_api_version(version)
        .with_correlation_id(correlation)
        .with_client_id(Some(StrBytes::from_static_str("hostile")));
    let mut buf = BytesMut::new();
    buf.put_i32(0);
    header.encode(&mut buf, api.request_header_version(version))?;
    buf.put_slice(body);
    let len = (buf.len() - 4) as i32;
    buf[0..4].copy_from_slice(&len.to_be_bytes());
    Ok(buf.to_vec())
}

fn connect(addr: &str) -> Result<TcpStream> {
    let s = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    Ok(s)
}

/// The advertised (key, min, max) of the broker at `addr`.
fn advertised(addr: &str) -> Result<Vec<(i16, i16, i16)>> {
    let mut s = connect(addr)?;
    let mut body = BytesMut::new();
    ApiVersionsRequest::default().encode(&mut body, 0)?;
    s.write_all(&frame(ApiKey::ApiVersions as i16, 0, 1, &body)?)?;
    let mut len = [0u8; 4];
    s.read_exact(&mut len)?;
    let mut resp = vec![0u8; i32::from_be_bytes(len).clamp(0, 1 << 20) as usize];
    s.read_exact(&mut resp)?;
    let mut buf = Bytes::from(resp).slice(4..); // correlation id
    let r: ApiVersionsResponse = protocol::decode(&mut buf, 0)?;
    Ok(r.api_keys
        .iter()
        .map(|k| (k.api_key, k.min_version, k.max_version))
        .collect())
}

/// What the broker did with one lying request.
enum Verdict {
    Closed,
    Answered,
    Hung,
}

fn send_lie(addr: &str, frame: &[u8]) -> Result<Verdict> {
    let mut s = connect(addr)?;
    // The broker may close before it has read everything; a reset then is a close too.
    if s.write_all(frame).is_err() {
        return Ok(Verdict::Closed);
    }
    let mut b = [0u8; 1];
    Ok(match s.read(&mut b) {
        Ok(0) => Verdict::Closed,
        Ok(_) => Verdict::Answered,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            Verdict::Hung
        }
        Err(_) => Verdict::Closed,
    })
}

fn lengths(addr: &str) -> Result<bool> {
    let mut rng = synth::Rng::new(0x6d6f6c64);
    let (mut sent, mut closed, mut apis, mut versions) = (0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for (key, min, max) in advertised(addr)? {
        let Ok(api) = ApiKey::try_from(key) else {
            continue;
        };
        let Some(message) = protocol::request(&format!("{api:?}")) else {
            bail!("no layout for {api:?}");
        };
        apis += 1;
        for version in min..=max {
            // Produce v0-2 are advertised but outside the crate's types (refused as Kafka 4).
            if !has_version(message.schema.versions, version) {
                continue;
            }
            versions += 1;
            let mut lies: Vec<(String, Vec<u8>)> = Vec::new();
            for fill in [1u8, 3] {
                let s = synth::synthesise(message.schema, version, &mut rng, fill);
                for site in &s.lengths {
                    let body = synth::with_length(&s.bytes, site, u32::MAX);
                    lies.push((site.field.clone(), frame(key, version, 7, &body)?));
                }
                if fill == 1 {
                    // The header's client id (an i16 length right after the correlation id).
                    let mut f = frame(key, version, 7, &s.bytes)?;
                    f[12..14].copy_from_slice(&i16::MAX.to_be_bytes());
                    lies.push(("RequestHeader.client_id".into(), f));
                }
            }
            for (field, f) in lies {
                sent += 1;
                match send_lie(addr, &f)? {
                    Verdict::Closed => closed += 1,
                    Verdict::Answered => {
                        failures.push(format!("{api:?} v{version} {field}: answered"))
                    }
                    Verdict::Hung => failures.push(format!(
                        "{api:?} v{version} {field}: not closed within 10 s"
                    )),
                }
            }
        }
    }
    println!(
        "{{\"apis\": {apis}, \"versions\": {versions}, \"requests\": {sent}, \"closed\": {closed}, \"failures\": {:?}}}",
        failures
    );
    Ok(failures.is_empty() && sent > 0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("lengths") if args.len() == 3 => lengths(&args[2]),
        _ => {
            eprintln!("usage: hostile lengths HOST:PORT");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("hostile: {e:#}");
            ExitCode::from(2)
        }
    }
}
