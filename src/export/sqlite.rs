//! SQLite: the embedded store of a batch, which a run can resume.
//!
//! Tables (see [`SCHEMA`]):
//!
//! - `reports`: one row per distinct file, identified by its `sha256`
//!   (unique) and numbered `id` in input order (what the other tables refer
//!   to, so that a store of thousands of reports stays compact), with the
//!   first path it was seen at (`source`), `format`, `encoding`, `title`,
//!   `organ`, `organ_key` (the record's, [`crate::record::normalise_organ`]),
//!   `year`, `published`, `template`, and its `errors` and `warnings`;
//! - `sources`: every path each report was seen at (identical files are one
//!   report);
//! - `report_values`: one row per field of a report — `field` is the path of
//!   `fields-*.tsv`, `value` an integer for counts, the exact digits as text
//!   for amounts, `NULL` when blank; `raw` (the cell as printed), `line`,
//!   `page`, `start`, `end`, `exact`, `part` and `bbox` (JSON) say where it
//!   was printed;
//! - `findings`: every finding, `report` and `seq` its key, with `rule`,
//!   `severity`, `message`, `message_zh`, `quote` (a narrative finding's
//!   sentence), `fields` (the cells' paths), `expected`,
//!   `actual`, `line`/`page` of the first cell, `cells` (JSON); a series
//!   finding is filed under the year-N report with `previous` the N−1
//!   report;
//! - `failures`: one row per input that failed (`source`, `kind`,
//!   `message`); `skipped`: one per input passed over (`source`, `reason`).
//!
//! Rows are written in transactions of a few hundred inputs (WAL journal):
//! a run killed at any point leaves every input of the committed
//! transactions whole, and [`Sqlite::open`] with
//! [`crate::batch::Converter::resume`] goes on from there; the result is the
//! same rows as a run that was never stopped. Indexes (organ, year, field,
//! rule) are built when the run finishes.

use super::Sink;
use crate::batch::Known;
use crate::check::series::{SeriesEntry, SeriesFinding, parse_value, series_of_entries};
use crate::error::Error;
use crate::record::{CellRef, FieldValue, Finding, Format, Location, Report, organ_aliases};
use crate::schema::{FieldId, RuleId, Severity, Template, TemplateId};
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// The tables, as created.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS reports (
  id        INTEGER PRIMARY KEY,
  sha256    TEXT NOT NULL UNIQUE,
  source    TEXT NOT NULL,
  format    TEXT NOT NULL,
  encoding  TEXT,
  title     TEXT,
  organ     TEXT,
  organ_key TEXT,
  year      INTEGER,
  published TEXT,
  template  TEXT NOT NULL,
  errors    INTEGER NOT NULL,
  warnings  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
  path   TEXT PRIMARY KEY,
  report INTEGER NOT NULL REFERENCES reports(id)
);
CREATE TABLE IF NOT EXISTS report_values (
  report INTEGER NOT NULL REFERENCES reports(id),
  field  TEXT NOT NULL,
  value,
  raw    TEXT,
  line   INTEGER,
  page   INTEGER,
  start  INTEGER,
  end    INTEGER,
  exact  INTEGER,
  part   TEXT,
  bbox   TEXT,
  PRIMARY KEY (report, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
  report   INTEGER NOT NULL REFERENCES reports(id),
  seq      INTEGER NOT NULL,
  rule     TEXT NOT NULL,
  severity TEXT NOT NULL,
  message  TEXT NOT NULL,
  message_zh TEXT,
  quote    TEXT,
  fields   TEXT NOT NULL,
  expected,
  actual,
  line     INTEGER,
  page     INTEGER,
  cells    TEXT NOT NULL,
  previous INTEGER REFERENCES reports(id),
  PRIMARY KEY (report, seq)
);
CREATE TABLE IF NOT EXISTS failures (
  source  TEXT PRIMARY KEY,
  kind    TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (
  source TEXT PRIMARY KEY,
  reason TEXT NOT NULL
);
";

/// The indexes, built when a run finishes.
pub const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS reports_organ ON reports(organ_key, year);
CREATE INDEX IF NOT EXISTS reports_year ON reports(year);
CREATE INDEX IF NOT EXISTS sources_report ON sources(report);
CREATE INDEX IF NOT EXISTS values_field ON report_values(field, value);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule, severity);
CREATE INDEX IF NOT EXISTS findings_previous ON findings(previous);
";

/// Series findings are numbered from here in their report.
const SERIES_SEQ: i64 = 1_000_000;

fn db_error(e: rusqlite::Error) -> io::Error {
    io::Error::other(format!("SQLite: {e}"))
}

/// The SQLite store of a batch (see the module).
#[derive(Debug)]
pub struct Sqlite {
    conn: Connection,
    in_tx: bool,
    pending: usize,
    since: Instant,
    commit_every: usize,
}

impl Sqlite {
    /// A new store at `path`, replacing any file there.
    pub fn create(path: impl AsRef<Path>) -> io::Result<Sqlite> {
        let path = path.as_ref();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Sqlite::open(path)
    }

    /// The store at `path`, created if there is none: what a resumed run
    /// writes to.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Sqlite> {
        let conn = Connection::open(path).map_err(db_error)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;",
        )
        .map_err(db_error)?;
        conn.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(Sqlite {
            conn,
            in_tx: false,
            pending: 0,
            since: Instant::now(),
            commit_every: 256,
        })
    }

    /// Commit after every `n` inputs (and at least every two seconds).
    pub fn commit_every(mut self, n: usize) -> Sqlite {
        self.commit_every = n.max(1);
        self
    }

    /// The connection, to query the store.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The reports already stored, for [`crate::batch::Converter::resume`].
    pub fn known(&self) -> io::Result<Known> {
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, errors, warnings FROM reports")
            .map_err(db_error)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            })
            .map_err(db_error)?;
        let mut known = Known::new();
        for row in rows {
            let (sha, e, w) = row.map_err(db_error)?;
            if let Some(key) = crate::batch::unhex(&sha) {
                known.insert(key, (e, w));
            }
        }
        Ok(known)
    }

    fn begin(&mut self) -> io::Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN").map_err(db_error)?;
            self.in_tx = true;
            self.since = Instant::now();
        }
        Ok(())
    }

    /// One input written: commit when the transaction is big or old enough.
    fn done(&mut self) -> io::Result<()> {
        self.pending += 1;
        if self.pending >= self.commit_every || self.since.elapsed() > Duration::from_secs(2) {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        if self.in_tx {
            self.conn.execute_batch("COMMIT").map_err(db_error)?;
            self.in_tx = false;
        }
        self.pending = 0;
        Ok(())
    }

    fn insert_finding(
        &self,
        report: i64,
        seq: i64,
        f: &Finding,
        previous: Option<i64>,
        cells: &[CellRef],
    ) -> io::Result<()> {
        let fields: Vec<&str> = f.cells.iter().map(|c| c.field.path()).collect();
        let at: Option<&Location> = f
            .location
            .as_ref()
            .or_else(|| f.cells.first().map(|c| &c.location));
        let cells = serde_json::to_string(cells).map_err(io::Error::other)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT OR REPLACE INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .map_err(db_error)?;
        stmt.execute(params![
            report,
            seq,
            f.rule.as_str(),
            f.severity.as_str(),
            f.message,
            (!f.message_zh.is_empty()).then_some(f.message_zh.as_str()),
            f.quote,
            fields.join(" "),
            f.expected.as_ref().map(value),
            f.actual.as_ref().map(value),
            at.and_then(|l| l.line),
            at.and_then(|l| l.page),
            cells,
            previous,
        ])
        .map_err(db_error)?;
        Ok(())
    }

    /// Run the series rules on one organ's reports and store their findings.
    fn series_of_group(
        &self,
        group: &[StoredReport],
        counts: &mut BTreeMap<(RuleId, Severity), u64>,
    ) -> io::Result<()> {
        let years: std::collections::BTreeSet<i32> = group.iter().map(|r| r.year).collect();
        if !years.iter().any(|y| years.contains(&(y + 1))) {
            return Ok(());
        }
        let entries = self.entries(group)?;
        let mut seq: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        for f in series_of_entries(&entries) {
            let n = seq.entry(f.current.sha256.clone()).or_default();
            self.insert_series(&f, SERIES_SEQ + *n)?;
            *n += 1;
            *counts
                .entry((f.finding.rule, f.finding.severity))
                .or_default() += 1;
        }
        Ok(())
    }

    fn insert_series(&self, s: &SeriesFinding, seq: i64) -> io::Result<()> {
        let mut cells = s.finding.cells.clone();
        cells.extend(s.previous_cells.iter().cloned());
        let (current, previous) = (self.id(&s.current.sha256)?, self.id(&s.previous.sha256)?);
        self.insert_finding(current, seq, &s.finding, Some(previous), &cells)
    }

    /// The id of the report with `sha256`.
    fn id(&self, sha256: &str) -> io::Result<i64> {
        self.conn
            .prepare_cached("SELECT id FROM reports WHERE sha256 = ?1")
            .and_then(|mut s| s.query_row([sha256], |r| r.get(0)))
            .map_err(db_error)
    }

    /// The series entries of one organ's reports.
    fn entries(&self, rows: &[StoredReport]) -> io::Result<Vec<SeriesEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT field, value FROM report_values WHERE report = ?1")
            .map_err(db_error)?;
        let mut out = Vec::new();
        for r in rows {
            let order = Template::get(r.template).fields();
            let mut fields: Vec<(usize, FieldId, FieldValue)> = stmt
                .query_map([r.id], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, Value>(1)?))
                })
                .map_err(db_error)?
                .filter_map(|row| {
                    let (path, v) = row.ok()?;
                    let id = FieldId::parse(&path)?;
                    let at = order.iter().position(|f| f.id == id)?;
                    let text = match v {
                        Value::Integer(i) => i.to_string(),
                        Value::Real(x) => x.to_string(),
                        Value::Text(t) => t,
                        _ => String::new(),
                    };
                    Some((at, id, parse_value(id, &text)))
                })
                .collect();
            fields.sort_by_key(|f| f.0);
            if let Some(e) = SeriesEntry::from_fields(
                Some(r.source.clone()),
                r.sha256.clone(),
                r.format,
                &r.organ_key,
                r.year,
                r.template,
                fields.into_iter().map(|(_, id, v)| (Some(id), v)),
            ) {
                out.push(e);
            }
        }
        Ok(out)
    }
}

/// A report as the series step reads it back.
struct StoredReport {
    id: i64,
    sha256: String,
    source: String,
    format: Format,
    organ_key: String,
    /// The organ the series rules group it under: `organ_key`, or the
    /// longer key it is an alias of ([`organ_aliases`]).
    group: String,
    year: i32,
    template: TemplateId,
}

/// A value as stored: an integer for whole numbers, the exact digits as text
/// for amounts, text for text, `NULL` for blank.
fn value(v: &FieldValue) -> Value {
    match v {
        FieldValue::Null => Value::Null,
        FieldValue::Count(n) => {
            i64::try_from(*n).map_or_else(|_| Value::Text(n.to_string()), Value::Integer)
        }
        FieldValue::Signed(n) => Value::Integer(*n),
        other => Value::Text(other.to_string()),
    }
}

fn format_of(name: &str) -> Format {
    match name {
        "html" => Format::Html,
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "ofd" => Format::Ofd,
        _ => Format::Text,
    }
}

impl Sink for Sqlite {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        self.begin()?;
        let sha = report.source.sha256.as_str();
        let source = report.source.path.as_deref().unwrap_or_default();
        let organ_key = report.grouping_key();
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO reports (sha256, source, format, encoding, title, organ,
                 organ_key, year, published, template, errors, warnings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    sha,
                    source,
                    report.source.format.as_str(),
                    report.source.encoding,
                    report.title,
                    report.organ,
                    organ_key,
                    report.year,
                    report.published,
                    report.template.as_str(),
                    report.count(Severity::Error) as i64,
                    report.count(Severity::Warning) as i64,
                ])
            })
            .map_err(db_error)?;
        let id = if inserted == 1 {
            self.conn.last_insert_rowid()
        } else {
            self.id(sha)?
        };
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO sources VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![source, id]))
            .map_err(db_error)?;
        self.conn
            .prepare_cached("DELETE FROM failures WHERE source = ?1")
            .and_then(|mut s| s.execute([source]))
            .map_err(db_error)?;
        if inserted == 1 {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "INSERT OR REPLACE INTO report_values
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(db_error)?;
            for f in Template::get(report.template).fields() {
                let (path, Some(v)) = (f.path, report.field(f.id)) else {
                    continue;
                };
                let origin = report.origin(f.id);
                let l = origin.map(|o| &o.location);
                let bbox = l
                    .and_then(|l| l.bbox)
                    .map(|b| format!("[{},{},{},{}]", b[0], b[1], b[2], b[3]));
                stmt.execute(params![
                    id,
                    path,
                    value(&v),
                    origin.map(|o| o.raw.as_str()),
                    l.and_then(|l| l.line),
                    l.and_then(|l| l.page),
                    l.and_then(|l| l.start).map(|n| n as i64),
                    l.and_then(|l| l.end).map(|n| n as i64),
                    l.map(|l| l.exact),
                    l.and_then(|l| l.part.as_deref()),
                    bbox,
                ])
                .map_err(db_error)?;
            }
            for (seq, f) in report.findings.iter().enumerate() {
                self.insert_finding(id, seq as i64, f, None, &f.cells)?;
            }
        }
        self.done()
    }

    fn failure(&mut self, source: &str, error: &Error) -> io::Result<()> {
        self.begin()?;
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO failures VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![source, error.kind().as_str(), error.message()]))
            .map_err(db_error)?;
        self.done()
    }

    fn skipped(&mut self, source: &str, why: &str) -> io::Result<()> {
        self.begin()?;
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO skipped VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![source, why]))
            .map_err(db_error)?;
        self.done()
    }

    fn seen_at(&mut self, sha256: &str, path: &str) -> io::Result<()> {
        self.begin()?;
        let id = self.id(sha256)?;
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO sources VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![path, id]))
            .map_err(db_error)?;
        self.done()
    }

    fn series(&mut self, s: &SeriesFinding) -> io::Result<()> {
        self.begin()?;
        let current = self.id(&s.current.sha256)?;
        let seq: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM findings WHERE report = ?1 AND seq >= ?2",
                params![current, SERIES_SEQ],
                |r| r.get(0),
            )
            .map_err(db_error)?;
        self.insert_series(s, SERIES_SEQ + seq)?;
        self.done()
    }

    fn runs_series(&self) -> bool {
        true
    }

    fn run_series(&mut self) -> io::Result<BTreeMap<(RuleId, Severity), u64>> {
        self.commit()?;
        self.begin()?;
        self.conn
            .execute("DELETE FROM findings WHERE seq >= ?1", [SERIES_SEQ])
            .map_err(db_error)?;
        let mut counts = BTreeMap::new();
        // Keys printed without the parent divisions another key has in front
        // (`洪泽区政府`, `淮安市洪泽区政府`) are one organ: a temporary table
        // maps each such key to the longer one, and reports are grouped by it.
        let keys: Vec<String> = self
            .conn
            .prepare(
                "SELECT DISTINCT organ_key FROM reports
                 WHERE organ_key IS NOT NULL AND organ_key <> '' AND year IS NOT NULL",
            )
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(db_error)?;
        self.conn
            .execute_batch(
                "DROP TABLE IF EXISTS temp.organ_alias;
                 CREATE TEMP TABLE organ_alias(key TEXT PRIMARY KEY, organ TEXT NOT NULL);",
            )
            .map_err(db_error)?;
        {
            let mut insert = self
                .conn
                .prepare("INSERT INTO temp.organ_alias(key, organ) VALUES (?1, ?2)")
                .map_err(db_error)?;
            for (key, organ) in organ_aliases(keys.iter().map(String::as_str)) {
                insert.execute([key, organ]).map_err(db_error)?;
            }
        }
        // One organ at a time, streaming: only an organ's reports are in
        // memory, and only organs with reports of consecutive years have
        // their values read.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.id, r.sha256, r.source, r.format, r.organ_key,
                        COALESCE(a.organ, r.organ_key) AS grouped, r.year, r.template
                 FROM reports r LEFT JOIN temp.organ_alias a ON a.key = r.organ_key
                 WHERE r.organ_key IS NOT NULL AND r.organ_key <> '' AND r.year IS NOT NULL
                 ORDER BY grouped, r.year, r.id",
            )
            .map_err(db_error)?;
        let mut rows = stmt
            .query_map([], |r| {
                Ok(StoredReport {
                    id: r.get(0)?,
                    sha256: r.get(1)?,
                    source: r.get(2)?,
                    format: format_of(&r.get::<_, String>(3)?),
                    organ_key: r.get(4)?,
                    group: r.get(5)?,
                    year: r.get(6)?,
                    template: if r.get::<_, String>(7)? == "2019" {
                        TemplateId::V2019
                    } else {
                        TemplateId::V2021
                    },
                })
            })
            .map_err(db_error)?;
        let mut group: Vec<StoredReport> = Vec::new();
        loop {
            let next = rows.next().transpose().map_err(db_error)?;
            let boundary = match (&next, group.first()) {
                (Some(n), Some(g)) => n.group != g.group,
                (None, _) => true,
                (Some(_), None) => false,
            };
            if boundary && !group.is_empty() {
                self.series_of_group(&group, &mut counts)?;
                group.clear();
            }
            match next {
                Some(n) => group.push(n),
                None => break,
            }
        }
        drop(rows);
        drop(stmt);
        Ok(counts)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.commit()?;
        // Sorting the index entries is the one step left to do after the
        // last report: let SQLite's sorter use every core for it.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.conn
            .execute_batch(&format!("PRAGMA threads = {cores};"))
            .map_err(db_error)?;
        self.conn.execute_batch(INDEXES).map_err(db_error)?;
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(db_error)?;
        Ok(())
    }
}
