//! Streaming, bounded decompression of a batch's records section. Records are read as they are
//! decompressed, never as a whole payload, and a reader refuses to produce more than its limit:
//! a zstd frame of RLE blocks that claims 16 GiB stops at the limit with an error instead of
//! filling memory. Decoder state is bounded too (zstd's window, snappy's block sizes).
//!
//! The limit on one batch's decompressed records is [`decompressed_limit`]: 128 times the
//! topic's `max.message.bytes` (128 MiB by default). Memory does not grow with it (records are
//! walked one at a time); it bounds the work one batch can cost. Kafka has no such limit.

use std::io::{self, Read};

/// Compression codecs of the record batch attributes (bits 0-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

impl Codec {
    pub fn from_attributes(code: i16) -> Option<Codec> {
        Some(match code & 0x07 {
            0 => Codec::None,
            1 => Codec::Gzip,
            2 => Codec::Snappy,
            3 => Codec::Lz4,
            4 => Codec::Zstd,
            _ => return None,
        })
    }
}

/// How many times `max.message.bytes` a batch's records may take once decompressed.
pub const DECOMPRESSION_RATIO: usize = 128;
/// The floor of the limit, for topics with a tiny `max.message.bytes`.
const MIN_DECOMPRESSED_LIMIT: usize = 16 << 20;
/// The largest zstd window a batch may ask for (2^24 = 16 MiB, enough for every level up to 19
/// and for what Kafka's and librdkafka's producers write; level 20+ "ultra" frames are refused).
const ZSTD_WINDOW_LOG_MAX: u32 = 24;
/// Snappy expands at most ~32× (a 2-byte copy tag yields 64 bytes); a block that claims more
/// than 64× its size is corrupt, and is refused before its buffer is sized.
const SNAPPY_MAX_RATIO: usize = 64;

/// The most bytes one batch's records may take decompressed, for a topic whose
/// `max.message.bytes` is `max_message_bytes`.
pub fn decompressed_limit(max_message_bytes: i32) -> usize {
    (max_message_bytes.max(0) as usize)
        .saturating_mul(DECOMPRESSION_RATIO)
        .max(MIN_DECOMPRESSED_LIMIT)
}

/// The error a reader returns when its output would pass the limit.
#[derive(Debug)]
pub struct LimitExceeded(pub usize);

impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "decompressed records exceed {} bytes", self.0)
    }
}
impl std::error::Error for LimitExceeded {}

/// Whether an I/O error is a reader's [`LimitExceeded`].
pub fn is_limit_exceeded(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|e| e.is::<LimitExceeded>())
}

/// A reader that fails once more than `limit` bytes have come out of it.
struct Limited<R> {
    inner: R,
    left: usize,
    limit: usize,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Ask for one byte more than allowed, so reaching the limit exactly is not an error.
        let want = buf.len().min(self.left.saturating_add(1));
        let n = self.inner.read(&mut buf[..want])?;
        if n > self.left {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                LimitExceeded(self.limit),
            ));
        }
        self.left -= n;
        Ok(n)
    }
}

/// A reader of the decompressed records section `data`, producing at most `limit` bytes.
pub fn reader<'a>(codec: Codec, data: &'a [u8], limit: usize) -> io::Result<Box<dyn Read + 'a>> {
    let inner: Box<dyn Read + 'a> = match codec {
        Codec::None => Box::new(data),
        Codec::Gzip => Box::new(flate2::read::MultiGzDecoder::new(data)),
        Codec::Snappy => Box::new(SnappyReader::new(data, limit)?),
        Codec::Lz4 => Box::new(lz4::Decoder::new(data)?),
        Codec::Zstd => {
            let mut d = zstd::stream::read::Decoder::with_buffer(data)?;
            d.window_log_max(ZSTD_WINDOW_LOG_MAX)?;
            Box::new(d)
        }
    };
    Ok(Box::new(Limited {
        inner,
        left: limit,
        limit,
    }))
}

/// Snappy as Kafka's producers write it: snappy-java's framing (a 16-byte header, then blocks
/// each prefixed by its compressed length), or one raw snappy block without the header, as
/// snappy-java's reader also accepts. One block is decompressed at a time.
struct SnappyReader<'a> {
    input: &'a [u8],
    framed: bool,
    block: Vec<u8>,
    pos: usize,
    limit: usize,
}

const SNAPPY_MAGIC: &[u8; 8] = b"\x82SNAPPY\x00";
const SNAPPY_HEADER_LEN: usize = 16;

impl<'a> SnappyReader<'a> {
    fn new(input: &'a [u8], limit: usize) -> io::Result<SnappyReader<'a>> {
        let framed = input.len() >= SNAPPY_HEADER_LEN && input.starts_with(SNAPPY_MAGIC);
        Ok(SnappyReader {
            input: if framed {
                &input[SNAPPY_HEADER_LEN..]
            } else {
                input
            },
            framed,
            block: Vec::new(),
            pos: 0,
            limit,
        })
    }

    /// Decompresses the next block into `self.block`; false at the end of the input.
    fn next_block(&mut self) -> io::Result<bool> {
        if self.input.is_empty() {
            return Ok(false);
        }
        let chunk = if self.framed {
            if self.input.len() < 4 {
                return Err(corrupt("truncated snappy block length"));
            }
            let len =
                u32::from_be_bytes([self.input[0], self.input[1], self.input[2], self.input[3]])
                    as usize;
            let rest = &self.input[4..];
            if len > rest.len() {
                return Err(corrupt("snappy block runs past the batch"));
            }
            let (chunk, rest) = rest.split_at(len);
            self.input = rest;
            chunk
        } else {
            std::mem::take(&mut self.input)
        };
        let n = snap::raw::decompress_len(chunk).map_err(|e| corrupt(&e.to_string()))?;
        if n > chunk.len().saturating_mul(SNAPPY_MAX_RATIO).max(64) || n > self.limit {
            return Err(corrupt("snappy block claims more than it can hold"));
        }
        self.block.clear();
        self.block.resize(n, 0);
        snap::raw::Decoder::new()
            .decompress(chunk, &mut self.block)
            .map_err(|e| corrupt(&e.to_string()))?;
        self.pos = 0;
        Ok(true)
    }
}

fn corrupt(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

impl Read for SnappyReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.block.len() {
            if !self.next_block()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.block.len() - self.pos);
        buf[..n].copy_from_slice(&self.block[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(codec: Codec, data: &[u8], limit: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader(codec, data, limit)?.read_to_end(&mut out)?;
        Ok(out)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn every_codec_round_trips_up_to_the_limit() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let snappy_raw = snap::raw::Encoder::new().compress_vec(&data).unwrap();
        let mut snappy_framed = SNAPPY_MAGIC.to_vec();
        snappy_framed.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1]);
        for block in data.chunks(32 * 1024) {
            let c = snap::raw::Encoder::new().compress_vec(block).unwrap();
            snappy_framed.extend_from_slice(&(c.len() as u32).to_be_bytes());
            snappy_framed.extend_from_slice(&c);
        }
        let mut lz4 = lz4::EncoderBuilder::new().build(Vec::new()).unwrap();
        lz4.write_all(&data).unwrap();
        let lz4 = lz4.finish().0;
        let zstd = zstd::encode_all(&data[..], 3).unwrap();
        for (codec, bytes) in [
            (Codec::None, data.clone()),
            (Codec::Gzip, gzip(&data)),
            (Codec::Snappy, snappy_raw),
            (Codec::Snappy, snappy_framed),
            (Codec::Lz4, lz4),
            (Codec::Zstd, zstd),
        ] {
            assert_eq!(
                read_all(codec, &bytes, data.len()).unwrap(),
                data,
                "{codec:?}"
            );
            let e = read_all(codec, &bytes, data.len() - 1).unwrap_err();
            assert!(
                is_limit_exceeded(&e) || codec == Codec::Snappy,
                "{codec:?}: {e}"
            );
        }
    }

    #[test]
    fn a_zstd_bomb_stops_at_the_limit() {
        // 64 MiB of zeros compress to a few KiB of RLE blocks.
        let bomb = zstd::encode_all(std::io::repeat(0).take(64 << 20), 19).unwrap();
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let mut r = reader(Codec::Zstd, &bomb, 1 << 20).unwrap();
        let e = io::copy(&mut r, &mut io::sink()).unwrap_err();
        assert!(is_limit_exceeded(&e), "{e}");
    }

    #[test]
    fn garbage_and_lying_snappy_blocks_are_errors() {
        for codec in [Codec::Gzip, Codec::Snappy, Codec::Lz4, Codec::Zstd] {
            let garbage = b"\x28\xb5\x2f\xfd this is not compressed data at all";
            assert!(read_all(codec, garbage, 1 << 20).is_err(), "{codec:?}");
        }
        // A raw snappy block whose preamble claims 4 GiB.
        let lying = [0xff, 0xff, 0xff, 0xff, 0x0f, 0x00];
        assert!(read_all(Codec::Snappy, &lying, usize::MAX).is_err());
    }

    #[test]
    fn the_limit_scales_with_max_message_bytes() {
        assert_eq!(decompressed_limit(1_048_588), 1_048_588 * 128);
        assert_eq!(decompressed_limit(100), 16 << 20);
        assert_eq!(decompressed_limit(-1), 16 << 20);
    }
}
