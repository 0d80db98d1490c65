//! Kafka's checkpoint file format: a version line, a count line, then one entry per line.
//! Written to a temporary file, fsynced and renamed, so a crash leaves the old or the new file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

pub const VERSION: u32 = 0;

/// Writes `lines` as a checkpoint file atomically and durably.
pub fn write(path: &Path, lines: &[String]) -> io::Result<()> {
    write_with(path, lines, true)
}

/// Writes `lines` as a checkpoint file atomically (a crash leaves the old or the new file);
/// with `sync` also durably (fsync of the file before the rename and of the directory after).
/// Without, the file may be lost or empty after a crash; its reader must be able to rebuild it.
pub fn write_with(path: &Path, lines: &[String], sync: bool) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp)?;
    let mut text = format!("{VERSION}\n{}\n", lines.len());
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    f.write_all(text.as_bytes())?;
    if !sync {
        return fs::rename(&tmp, path);
    }
    f.sync_all()?;
    fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent()
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads a checkpoint file's entry lines; `Ok(None)` when the file does not exist.
pub fn read(path: &Path) -> io::Result<Option<Vec<String>>> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let bad = |why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {why}", path.display()),
        )
    };
    let mut lines = text.lines();
    let version: u32 = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| bad("missing version"))?;
    if version != VERSION {
        return Err(bad("unknown checkpoint version"));
    }
    let count: usize = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| bad("missing count"))?;
    let entries: Vec<String> = lines
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if entries.len() != count {
        return Err(bad("entry count does not match"));
    }
    Ok(Some(entries))
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cp");
        assert!(super::read(&p).unwrap().is_none());
        super::write(&p, &["a 0 5".into(), "b 1 7".into()]).unwrap();
        assert_eq!(super::read(&p).unwrap().unwrap(), vec!["a 0 5", "b 1 7"]);
        std::fs::write(&p, "0\n3\nx\n").unwrap();
        assert!(super::read(&p).is_err());
    }
}
