//! JSON Lines that a batch wrote, read back as the items they were: the
//! input of the reduce step of a map-reduce (`zfxxgk convert --records`).

use super::{Item, Outcome};
use crate::error::{Error, ErrorKind};
use crate::limits::Limit;
use crate::record::Report;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The items of the JSON Lines file `path`, lazily; series lines are dropped.
pub(super) fn read(path: impl AsRef<Path>) -> Box<dyn Iterator<Item = Item> + Send> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            let item = Item {
                outcome: Outcome::Failed(Error::io(path, e)),
                source: name,
            };
            return Box::new(std::iter::once(item));
        }
    };
    let lines = BufReader::with_capacity(1 << 16, file).lines();
    Box::new(lines.enumerate().filter_map(move |(i, line)| {
        let at = format!("{name}:{}", i + 1);
        let failed = |message: String| Item {
            outcome: Outcome::Failed(Error::new(ErrorKind::Decode, message).with_path(&at)),
            source: at.clone(),
        };
        let line = match line {
            Ok(l) if l.trim().is_empty() => return None,
            Ok(l) => l,
            Err(e) => return Some(failed(format!("cannot read: {e}"))),
        };
        Some(match parse(&line) {
            Ok(Some(item)) => item,
            Ok(None) => return None,
            Err(e) => failed(format!("not a line zfxxgk convert wrote: {e}")),
        })
    }))
}

/// One line: `None` for a series line.
fn parse(line: &str) -> serde_json::Result<Option<Item>> {
    let v: serde_json::Value = serde_json::from_str(line)?;
    if v.get("series").is_some() {
        return Ok(None);
    }
    let path = v["source"]["path"].as_str().unwrap_or_default().to_string();
    let text = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_string();
    let outcome = if let Some(e) = v.get("error") {
        let message = text(&e["message"]);
        let kind = kind_of(e["kind"].as_str().unwrap_or_default(), &message);
        Outcome::Failed(Error::new(kind, message).with_path(&path))
    } else if let Some(why) = v.get("skipped") {
        Outcome::Skipped(reason(why.as_str().unwrap_or_default()))
    } else if v.get("duplicate").is_some() {
        Outcome::Duplicate {
            sha256: text(&v["source"]["sha256"]),
        }
    } else {
        Outcome::Report(Box::new(serde_json::from_value::<Report>(v)?))
    };
    Ok(Some(Item {
        source: path,
        outcome,
    }))
}

/// The kind a failure line names (`ErrorKind::as_str`), with the bound a
/// limit message names.
fn kind_of(kind: &str, message: &str) -> ErrorKind {
    match kind {
        "unsupported-format" => ErrorKind::UnsupportedFormat,
        "decode" => ErrorKind::Decode,
        "not-a-report" => ErrorKind::NotAReport,
        "bad-archive" => ErrorKind::Archive,
        "panic" => ErrorKind::Panicked,
        "too-large" | "limit-exceeded" => {
            let limit = Limit::ALL
                .iter()
                .copied()
                .find(|l| message.contains(&format!("Limits::{})", l.name())))
                .unwrap_or(Limit::InputBytes);
            let max = message
                .split("the limit of ")
                .nth(1)
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            ErrorKind::LimitExceeded { limit, max }
        }
        _ => ErrorKind::Io,
    }
}

/// The skip reasons a batch writes.
fn reason(why: &str) -> &'static str {
    const REASONS: &[&str] = &[
        "image",
        "font",
        "media",
        "script",
        "stylesheet",
        "spreadsheet",
        "presentation",
        "office-package",
    ];
    REASONS
        .iter()
        .copied()
        .find(|r| *r == why)
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_kinds_read_back() {
        let e = Error::limit(Limit::ArchiveDepth, 2, "nested");
        assert_eq!(kind_of(e.kind().as_str(), e.message()), e.kind());
        for k in [
            ErrorKind::Io,
            ErrorKind::NotAReport,
            ErrorKind::Archive,
            ErrorKind::Panicked,
            ErrorKind::UnsupportedFormat,
        ] {
            assert_eq!(kind_of(k.as_str(), ""), k);
        }
        assert!(parse(r#"{"series":{}}"#).unwrap().is_none());
        let it = parse(r#"{"source":{"path":"a.png"},"skipped":"image"}"#)
            .unwrap()
            .unwrap();
        assert!(matches!(it.outcome, Outcome::Skipped("image")));
    }
}
