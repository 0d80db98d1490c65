//! Produce v0-2: advertised so that librdkafka before 2.11 enables compression, but refused
//! with UNSUPPORTED_VERSION for every partition, as Kafka 4 does. The crate's generated
//! Produce types start at v3 (and its primitive codecs are private), so this one legacy body
//! is walked here: only topic names and partition indexes are read, records are skipped.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use kafka_protocol::error::ResponseError;

use super::{Outcome, RequestContext};
use crate::broker::Broker;

fn need(buf: &Bytes, n: usize) -> Result<(), String> {
    if buf.remaining() < n {
        Err("truncated request".into())
    } else {
        Ok(())
    }
}

fn read_string(buf: &mut Bytes) -> Result<String, String> {
    need(buf, 2)?;
    let len = buf.get_i16();
    if len < 0 {
        return Err("null topic name".into());
    }
    need(buf, len as usize)?;
    String::from_utf8(buf.split_to(len as usize).to_vec())
        .map_err(|_| "topic name is not UTF-8".into())
}

/// acks and the (topic, partitions) the request names.
type Parsed = (i16, Vec<(String, Vec<i32>)>);

pub(crate) fn parse(buf: &mut Bytes) -> Result<Parsed, String> {
    need(buf, 10)?;
    let acks = buf.get_i16();
    let _timeout = buf.get_i32();
    let topics = buf.get_i32();
    let mut out = Vec::new();
    for _ in 0..topics.max(0) {
        let name = read_string(buf)?;
        need(buf, 4)?;
        let count = buf.get_i32();
        let mut parts = Vec::new();
        for _ in 0..count.max(0) {
            need(buf, 8)?;
            parts.push(buf.get_i32());
            let len = buf.get_i32();
            if len > 0 {
                need(buf, len as usize)?;
                buf.advance(len as usize);
            }
        }
        out.push((name, parts));
    }
    Ok((acks, out))
}

pub fn handle(broker: &Broker, ctx: &RequestContext, buf: &mut Bytes) -> Outcome {
    let (acks, topics) = match parse(buf) {
        Ok(t) => t,
        Err(e) => return Outcome::Close(format!("cannot decode Produce v{}: {e}", ctx.version)),
    };
    super::count_error(broker, ctx, ResponseError::UnsupportedVersion.code());
    if acks == 0 {
        return Outcome::Close(format!("Produce v{} is not supported", ctx.version));
    }
    let code = ResponseError::UnsupportedVersion.code();
    let mut frame = BytesMut::new();
    frame.put_i32(0);
    frame.put_i32(ctx.correlation_id);
    frame.put_i32(topics.len() as i32);
    for (name, parts) in &topics {
        frame.put_i16(name.len() as i16);
        frame.put_slice(name.as_bytes());
        frame.put_i32(parts.len() as i32);
        for p in parts {
            frame.put_i32(*p);
            frame.put_i16(code);
            frame.put_i64(-1);
            if ctx.version >= 2 {
                frame.put_i64(-1);
            }
        }
    }
    if ctx.version >= 1 {
        frame.put_i32(0);
    }
    let len = (frame.len() - 4) as i32;
    frame[0..4].copy_from_slice(&len.to_be_bytes());
    Outcome::Respond(frame)
}
