//! What a batch reads, one input at a time: files, directories walked in name
//! order, zip archives (given, found in a directory, or inside another
//! archive), and lists of paths.
//!
//! [`Inputs`] is lazy: it holds one open directory listing or archive per
//! level and reads nothing it has not reached. Files are named, not read (the
//! workers read them, in parallel); members of archives are read here, in
//! memory, never extracted to disk. Every bound is checked before the bytes
//! are read: an entry declaring more than [`Limits::max_input_bytes`] is a
//! failure without being inflated (and one that inflates past what it
//! declared is cut off there), an archive's entries past
//! [`Limits::max_archive_entries`] are one failure, archives nested deeper
//! than [`Limits::max_archive_depth`] are failures, and directory loops
//! through symbolic links are failures, not loops.

use crate::error::{Error, ErrorKind};
use crate::limits::{Limit, Limits};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};

/// One input of a batch, in the order of the walk.
#[derive(Debug)]
pub(crate) struct Unit {
    /// The record's `source.path`: a path, or `archive.zip!/member/path`.
    pub(crate) source: String,
    pub(crate) payload: Payload,
}

#[derive(Debug)]
pub(crate) enum Payload {
    /// A file to read.
    File(PathBuf),
    /// The bytes of an archive member.
    Bytes(Vec<u8>),
    /// Not a report (a spreadsheet inside a directory of reports).
    Skipped(&'static str),
    /// The walk failed here: an unreadable directory, a bad archive, a bound.
    Failed(Error),
}

trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

type Archive = zip::ZipArchive<Box<dyn ReadSeek>>;

/// A level of the walk being read.
enum Frame {
    Dir {
        walk: walkdir::IntoIter,
        root: String,
    },
    Archive {
        archive: Box<Archive>,
        /// The archive's own source, `a.zip` or `a.zip!/b.zip`.
        name: String,
        next: usize,
        depth: usize,
    },
}

/// Where paths come from.
enum Root {
    Path(PathBuf),
    List {
        reader: Box<dyn BufRead + Send>,
        name: String,
        line: u64,
    },
}

/// The inputs of a batch: an iterator of what to read, in a stable order
/// (arguments in order, directories by name, archives in their own order).
pub struct Inputs {
    roots: VecDeque<Root>,
    stack: Vec<Frame>,
    limits: Limits,
    /// When counting, archive members are counted, not read.
    counting: bool,
    /// Members of archives counted, not read.
    counted: u64,
    /// Files never to read (the run's own outputs): (name, canonical dir).
    excluded: Vec<(std::ffi::OsString, PathBuf)>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("roots", &self.roots.len())
            .field("depth", &self.stack.len())
            .finish()
    }
}

impl Inputs {
    /// The files, directories (walked recursively) and zip archives `paths`,
    /// with default [`Limits`].
    pub fn new<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Inputs {
        Inputs {
            roots: paths.into_iter().map(|p| Root::Path(p.into())).collect(),
            stack: Vec::new(),
            limits: Limits::default(),
            counting: false,
            counted: 0,
            excluded: Vec::new(),
        }
    }

    /// Also the paths listed in `reader`, one a line (`--files-from`), read
    /// as the walk reaches them; `name` names the list in errors.
    pub fn files_from(mut self, reader: impl BufRead + Send + 'static, name: &str) -> Inputs {
        self.roots.push_back(Root::List {
            reader: Box::new(reader),
            name: name.to_string(),
            line: 0,
        });
        self
    }

    /// Never read the files `paths` (they need not exist yet): the run's own
    /// outputs, when they are written inside an input directory.
    pub fn excluding(mut self, paths: impl IntoIterator<Item = PathBuf>) -> Inputs {
        for p in paths {
            let (Some(name), Some(dir)) = (p.file_name(), p.parent()) else {
                continue;
            };
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(dir) = dir.canonicalize() {
                self.excluded.push((name.to_owned(), dir));
            }
        }
        self
    }

    fn is_excluded(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        self.excluded.iter().any(|(n, dir)| {
            n == name
                && path
                    .parent()
                    .and_then(|p| p.canonicalize().ok())
                    .is_some_and(|p| &p == dir)
        })
    }

    /// Use `limits` for archive members and nesting (the extractor's).
    pub fn with_limits(mut self, limits: Limits) -> Inputs {
        self.limits = limits;
        self
    }

    /// How many inputs there are, roughly: every file, and every member of an
    /// archive that is not in an archive itself; lists are not read. For a
    /// progress bar.
    pub fn estimate(paths: &[PathBuf], limits: &Limits) -> u64 {
        let mut walk = Inputs::new(paths.iter().cloned()).with_limits(limits.clone());
        walk.counting = true;
        let mut n = 0;
        while walk.next_unit().is_some() {
            n += 1;
        }
        n + walk.counted
    }

    /// The units, as an iterator. A panic while walking (in the zip reader,
    /// say) is a failure of the archive or directory being read, which is
    /// left; the walk goes on with the next.
    pub(crate) fn units(mut self) -> impl Iterator<Item = Unit> + Send {
        std::iter::from_fn(move || {
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.next_unit())) {
                Ok(u) => u,
                Err(payload) => {
                    let source = match self.stack.pop() {
                        Some(Frame::Archive { name, .. }) => name,
                        Some(Frame::Dir { root, .. }) => root,
                        None => String::new(),
                    };
                    let message = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Some(failed(
                        source,
                        Error::new(
                            ErrorKind::Panicked,
                            format!(
                                "zfxxgk panicked walking this input (a bug; please report it): {message}"
                            ),
                        ),
                    ))
                }
            }
        })
    }

    pub(crate) fn next_unit(&mut self) -> Option<Unit> {
        loop {
            if let Some(frame) = self.stack.last_mut() {
                let step = match frame {
                    Frame::Dir { walk, .. } => walk.next().map(|e| self.dir_entry(e)),
                    Frame::Archive { .. } => self.archive_entry(),
                };
                match step {
                    None => {
                        self.stack.pop();
                    }
                    Some(Some(unit)) => return Some(unit),
                    Some(None) => {}
                }
                continue;
            }
            match self.roots.front_mut()? {
                Root::Path(_) => {
                    let Some(Root::Path(p)) = self.roots.pop_front() else {
                        continue;
                    };
                    if let Some(u) = self.root(p) {
                        return Some(u);
                    }
                }
                Root::List { reader, name, line } => {
                    let mut buf = Vec::new();
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) => {
                            self.roots.pop_front();
                        }
                        Ok(_) => {
                            *line += 1;
                            let text = String::from_utf8_lossy(&buf);
                            let path = text.trim_end_matches(['\n', '\r']);
                            if !path.trim().is_empty() {
                                let p = PathBuf::from(path);
                                if let Some(u) = self.root(p) {
                                    return Some(u);
                                }
                            }
                        }
                        Err(e) => {
                            let source = format!("{name}:{line}");
                            self.roots.pop_front();
                            return Some(failed(
                                source,
                                Error::new(ErrorKind::Io, format!("cannot read the list: {e}")),
                            ));
                        }
                    }
                }
            }
        }
    }

    /// A path given as an input (or listed).
    fn root(&mut self, path: PathBuf) -> Option<Unit> {
        let source = path.display().to_string();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                let walk = walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                self.stack.push(Frame::Dir { walk, root: source });
                None
            }
            Ok(_) => self.file(path, source),
            Err(e) => Some(failed(source, Error::io(&path, e))),
        }
    }

    fn dir_entry(&mut self, entry: walkdir::Result<walkdir::DirEntry>) -> Option<Unit> {
        match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if self.is_excluded(e.path()) => None,
            Ok(e) => {
                let path = e.into_path();
                let source = path.display().to_string();
                self.file(path, source)
            }
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                let source = path.display().to_string();
                let message = match e.loop_ancestor() {
                    Some(a) => format!(
                        "a symbolic link loops back to {}; not followed",
                        a.display()
                    ),
                    None => format!(
                        "cannot read: {}",
                        e.io_error().map_or(e.to_string(), |x| x.to_string())
                    ),
                };
                Some(failed(source, Error::new(ErrorKind::Io, message)))
            }
        }
    }

    /// A file: a zip archive is opened (a DOCX or OFD package is a report);
    /// anything else is for a worker to read.
    fn file(&mut self, path: PathBuf, source: String) -> Option<Unit> {
        match is_zip(&path) {
            Ok(true) => {}
            Ok(false) => return Some(unit(source, Payload::File(path))),
            Err(e) => return Some(failed(source, Error::io(&path, e))),
        }
        let opened = File::open(&path)
            .map_err(|e| Error::io(&path, e))
            .and_then(|f| open_archive(Box::new(BufReader::new(f))));
        self.archive(source, opened, 1, Payload::File(path))
    }

    /// An opened (or not) archive at `depth`: a package is `as_report`, an
    /// archive is pushed to be walked (`None`: its members come next).
    fn archive(
        &mut self,
        source: String,
        opened: Result<Archive, Error>,
        depth: usize,
        as_report: Payload,
    ) -> Option<Unit> {
        let archive = match opened {
            Ok(a) => a,
            Err(e) => return Some(failed(source, e)),
        };
        match package(&archive) {
            Some(Package::Report) => return Some(unit(source, as_report)),
            Some(Package::Other(why)) => return Some(unit(source, Payload::Skipped(why))),
            None => {}
        }
        if depth > self.limits.max_archive_depth {
            return Some(failed(
                source,
                Error::limit(
                    Limit::ArchiveDepth,
                    self.limits.max_archive_depth as u64,
                    format_args!("an archive nested {depth} deep"),
                ),
            ));
        }
        if self.counting {
            let members = (0..archive.len())
                .filter(|&i| archive.by_index_data(i).is_ok_and(|e| !e.is_dir()))
                .count() as u64;
            self.counted += members.min(self.limits.max_archive_entries as u64);
            return None;
        }
        self.stack.push(Frame::Archive {
            archive: Box::new(archive),
            name: source,
            next: 0,
            depth,
        });
        // The archive itself is not an input; its members are.
        None
    }

    /// The next member of the archive on top of the stack: `None` when it is
    /// done, `Some(None)` for a directory member.
    fn archive_entry(&mut self) -> Option<Option<Unit>> {
        let max_bytes = self.limits.max_input_bytes;
        let max_entries = self.limits.max_archive_entries;
        let Some(Frame::Archive {
            archive,
            name,
            next,
            depth,
        }) = self.stack.last_mut()
        else {
            return None;
        };
        let i = *next;
        if i >= archive.len() {
            return None;
        }
        *next += 1;
        if i == max_entries {
            *next = archive.len();
            let e = Error::limit(
                Limit::ArchiveEntries,
                max_entries as u64,
                format_args!(
                    "the archive has {} entries; those past the first {max_entries} were not read",
                    archive.len()
                ),
            );
            return Some(Some(failed(name.clone(), e)));
        }
        let (member, is_dir, size) = match archive.by_index_data(i) {
            Ok(e) => (member_name(e.name_raw()), e.is_dir(), e.size()),
            Err(e) => {
                let source = format!("{name}!/#{i}");
                return Some(Some(failed(source, zip_error(e))));
            }
        };
        if is_dir {
            return Some(None);
        }
        let source = format!("{name}!/{member}");
        if size > max_bytes {
            let e = Error::limit(
                Limit::InputBytes,
                max_bytes,
                format_args!("the archive member inflates to {size} bytes"),
            );
            return Some(Some(failed(source, e)));
        }
        let bytes = match archive.by_index(i) {
            Ok(f) => {
                let mut bytes = Vec::with_capacity(size as usize);
                match f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes) {
                    Ok(_) if bytes.len() as u64 > max_bytes => {
                        let e = Error::limit(
                            Limit::InputBytes,
                            max_bytes,
                            "the archive member inflates past its declared size",
                        );
                        return Some(Some(failed(source, e)));
                    }
                    Ok(_) => bytes,
                    Err(e) => {
                        let e = Error::new(
                            ErrorKind::Archive,
                            format!("cannot inflate the archive member: {e}"),
                        );
                        return Some(Some(failed(source, e)));
                    }
                }
            }
            Err(e) => return Some(Some(failed(source, zip_error(e)))),
        };
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            let depth = *depth + 1;
            let opened = open_archive(Box::new(Cursor::new(bytes.clone())));
            return Some(self.archive(source, opened, depth, Payload::Bytes(bytes)));
        }
        Some(Some(unit(source, Payload::Bytes(bytes))))
    }
}

fn unit(source: String, payload: Payload) -> Unit {
    Unit { source, payload }
}

fn failed(source: String, e: Error) -> Unit {
    let e = e.with_path(&source);
    unit(source, Payload::Failed(e))
}

/// Whether the file starts as a zip archive does.
fn is_zip(path: &Path) -> io::Result<bool> {
    let mut magic = [0u8; 4];
    let mut f = File::open(path)?;
    let mut n = 0;
    while n < 4 {
        match f.read(&mut magic[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06"))
}

fn open_archive(reader: Box<dyn ReadSeek>) -> Result<Archive, Error> {
    zip::ZipArchive::new(reader).map_err(zip_error)
}

fn zip_error(e: zip::result::ZipError) -> Error {
    let what = match &e {
        zip::result::ZipError::UnsupportedArchive(_) => "an unsupported zip archive",
        zip::result::ZipError::CompressionMethodNotSupported(_) => {
            "a zip member compressed with a method not read (only stored and deflated)"
        }
        zip::result::ZipError::InvalidPassword => "an encrypted zip archive",
        _ => "a corrupt or cut-off zip archive",
    };
    Error::new(ErrorKind::Archive, format!("{what}: {e}")).with_source(e)
}

/// A member's name: UTF-8, or (as Chinese Windows writes them) GB18030.
fn member_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

enum Package {
    /// A document package (DOCX, OFD): a report to read.
    Report,
    /// Another package (a spreadsheet, a presentation): not a report.
    Other(&'static str),
}

/// What kind of package a zip container is, if it is one rather than an
/// archive of files.
fn package(archive: &Archive) -> Option<Package> {
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") || has("OFD.xml") {
        return Some(Package::Report);
    }
    if has("[Content_Types].xml") {
        if has("xl/workbook.xml") {
            return Some(Package::Other("spreadsheet"));
        }
        if has("ppt/presentation.xml") {
            return Some(Package::Other("presentation"));
        }
        return Some(Package::Other("office-package"));
    }
    if has("mimetype") && has("META-INF/manifest.xml") {
        return Some(Package::Other("office-package"));
    }
    None
}
