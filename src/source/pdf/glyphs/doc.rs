//! Opening the file with lopdf, walking the page tree, and bounded access to
//! objects and streams.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

use super::error::{NoteSink, PdfError, PdfNote};
use super::limits::{Budget, PdfLimits, exceeded};

/// Parses the file, decrypting it when the user password is empty.
pub(crate) fn open(
    bytes: &[u8],
    limits: &PdfLimits,
    notes: &mut NoteSink,
) -> Result<Document, PdfError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_input_bytes {
        return Err(exceeded("max_input_bytes", limits.max_input_bytes));
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    // lopdf is not ours: a panic inside it on a hostile file must not take
    // the caller down.
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    }));
    let doc = match loaded {
        Err(_) => {
            return Err(PdfError::Damaged(
                "the PDF object parser failed (panic)".into(),
            ));
        }
        Ok(Err(lopdf::Error::InvalidPassword)) => return Err(PdfError::Encrypted),
        Ok(Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }))) => {
            return Err(exceeded("max_stream_bytes", limits.max_stream_bytes));
        }
        Ok(Err(e)) => return Err(PdfError::Damaged(e.to_string())),
        Ok(Ok(doc)) => doc,
    };
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    if doc.was_encrypted() {
        notes.push(PdfNote::Decrypted);
    }
    if let Some(how) = doc.xref_recovery {
        notes.repaired(format!("cross-reference table: {how:?}"));
    }
    Ok(doc)
}

/// Bounded, panic-free views of a loaded document's objects.
#[derive(Clone, Copy)]
pub(crate) struct Doc<'d> {
    pub(crate) inner: &'d Document,
    max_depth: u64,
}

static NULL: Object = Object::Null;

impl<'d> Doc<'d> {
    pub(crate) fn new(inner: &'d Document, limits: &PdfLimits) -> Doc<'d> {
        Doc {
            inner,
            max_depth: limits.max_object_depth,
        }
    }

    /// Follows references; a missing object, a cycle or a chain longer than
    /// `max_object_depth` reads as `null`.
    pub(crate) fn resolve(&self, mut obj: &'d Object) -> &'d Object {
        let mut depth = 0u64;
        while let Object::Reference(id) = obj {
            depth += 1;
            if depth > self.max_depth {
                return &NULL;
            }
            match self.inner.objects.get(id) {
                Some(o) => obj = o,
                None => return &NULL,
            }
        }
        obj
    }

    /// The object a reference points to, with its id when it is one.
    pub(crate) fn resolve_with_id(&self, obj: &'d Object) -> (&'d Object, Option<ObjectId>) {
        let id = match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        (self.resolve(obj), id)
    }

    /// A dictionary entry, resolved; `None` for absent or `null`.
    pub(crate) fn get(&self, dict: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
        let o = self.resolve(dict.get(key).ok()?);
        if matches!(o, Object::Null) {
            None
        } else {
            Some(o)
        }
    }

    /// A dictionary-valued entry (a stream's dictionary counts).
    pub(crate) fn get_dict(&self, dict: &'d Dictionary, key: &[u8]) -> Option<&'d Dictionary> {
        as_dict(self.get(dict, key)?)
    }

    /// A number-valued entry.
    pub(crate) fn get_num(&self, dict: &'d Dictionary, key: &[u8]) -> Option<f64> {
        self.num(self.get(dict, key)?)
    }

    /// A name-valued entry.
    pub(crate) fn get_name(&self, dict: &'d Dictionary, key: &[u8]) -> Option<&'d [u8]> {
        match self.get(dict, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// An array-valued entry.
    pub(crate) fn get_array(&self, dict: &'d Dictionary, key: &[u8]) -> Option<&'d [Object]> {
        match self.get(dict, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A number (integer or real), resolved; non-finite reads as `None`.
    pub(crate) fn num(&self, obj: &'d Object) -> Option<f64> {
        match self.resolve(obj) {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
            _ => None,
        }
    }

    /// An array of numbers (non-numbers read as 0).
    pub(crate) fn nums(&self, arr: &'d [Object]) -> Vec<f64> {
        arr.iter().map(|o| self.num(o).unwrap_or(0.0)).collect()
    }

    /// Decodes a stream within the budget. `Ok(None)` when its filters
    /// cannot be decoded (the caller notes it); an error when a size limit
    /// is hit.
    pub(crate) fn decode(
        &self,
        stream: &Stream,
        budget: &mut Budget,
    ) -> Result<Option<Vec<u8>>, PdfError> {
        let (allow, limit, max) = budget.stream_allowance();
        let allow = usize::try_from(allow).unwrap_or(usize::MAX);
        let res = catch_unwind(AssertUnwindSafe(|| {
            stream.decompressed_content_with_limit(allow)
        }));
        match res {
            Ok(Ok(data)) => {
                budget.add_decompressed(u64::try_from(data.len()).unwrap_or(u64::MAX))?;
                Ok(Some(data))
            }
            Ok(Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }))) => {
                Err(exceeded(limit, max))
            }
            Ok(Err(_)) | Err(_) => Ok(None),
        }
    }
}

/// A dictionary, or the dictionary of a stream.
pub(crate) fn as_dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// One page found in the page tree, with its inherited attributes.
#[derive(Debug, Clone)]
pub(crate) struct PageInfo<'d> {
    pub(crate) number: u32,
    pub(crate) dict: &'d Dictionary,
    pub(crate) resources: Option<&'d Dictionary>,
    pub(crate) media_box: Option<[f64; 4]>,
    pub(crate) crop_box: Option<[f64; 4]>,
    pub(crate) rotate: i64,
}

#[derive(Clone, Copy, Default)]
struct Inherited<'d> {
    resources: Option<&'d Dictionary>,
    media_box: Option<[f64; 4]>,
    crop_box: Option<[f64; 4]>,
    rotate: Option<i64>,
}

impl<'d> Inherited<'d> {
    fn merge(mut self, doc: &Doc<'d>, dict: &'d Dictionary) -> Inherited<'d> {
        if let Some(r) = doc.get_dict(dict, b"Resources") {
            self.resources = Some(r);
        }
        if let Some(b) = page_box(doc, dict, b"MediaBox") {
            self.media_box = Some(b);
        }
        if let Some(b) = page_box(doc, dict, b"CropBox") {
            self.crop_box = Some(b);
        }
        if let Some(r) = doc.get_num(dict, b"Rotate") {
            self.rotate = Some(r as i64);
        }
        self
    }
}

fn page_box(doc: &Doc<'_>, dict: &Dictionary, key: &[u8]) -> Option<[f64; 4]> {
    let arr = doc.get_array(dict, key)?;
    let v = doc.nums(arr);
    match v.as_slice() {
        [a, b, c, d] => Some([*a, *b, *c, *d]),
        _ => None,
    }
}

struct Frame<'d> {
    kids: &'d [Object],
    next: usize,
    inherited: Inherited<'d>,
}

/// Walks the page tree top-down (so `/Parent` is never followed and a
/// `/Parent` loop is harmless), in document order. A node seen twice is
/// skipped with a note; depth beyond `max_object_depth` and more than
/// `max_pages` pages are errors. When the tree yields no page, every
/// `/Type /Page` object is taken in object order (noted as a repair).
pub(crate) fn collect_pages<'d>(
    doc: &Doc<'d>,
    limits: &PdfLimits,
    notes: &mut NoteSink,
) -> Result<Vec<PageInfo<'d>>, PdfError> {
    let mut pages = Vec::new();
    let root = doc
        .inner
        .trailer
        .get(b"Root")
        .ok()
        .map(|r| doc.resolve(r))
        .and_then(as_dict)
        .and_then(|cat| cat.get(b"Pages").ok());
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<Frame<'d>> = Vec::new();
    if let Some(root) = root {
        let (node, id) = doc.resolve_with_id(root);
        if let Some(id) = id {
            visited.insert(id);
        }
        if let Some(dict) = as_dict(node) {
            let inherited = Inherited::default().merge(doc, dict);
            let kids = doc.get_array(dict, b"Kids").unwrap_or_default();
            stack.push(Frame {
                kids,
                next: 0,
                inherited,
            });
        }
    }
    while let Some(top) = stack.last_mut() {
        let Some(kid) = top.kids.get(top.next) else {
            stack.pop();
            continue;
        };
        top.next += 1;
        let inherited = top.inherited;
        let (node, id) = doc.resolve_with_id(kid);
        if let Some(id) = id
            && !visited.insert(id)
        {
            notes.repaired(format!(
                "page tree: object {} {} R reached twice (cycle), skipped",
                id.0, id.1
            ));
            continue;
        }
        let Some(dict) = as_dict(node) else {
            notes.repaired("page tree: a kid that is not a dictionary was skipped");
            continue;
        };
        let inherited = inherited.merge(doc, dict);
        let kind = doc.get_name(dict, b"Type");
        let is_node = kind == Some(b"Pages") || (kind.is_none() && dict.has(b"Kids"));
        if is_node {
            if u64::try_from(stack.len()).unwrap_or(u64::MAX) >= limits.max_object_depth {
                return Err(exceeded("max_object_depth", limits.max_object_depth));
            }
            let kids = doc.get_array(dict, b"Kids").unwrap_or_default();
            stack.push(Frame {
                kids,
                next: 0,
                inherited,
            });
        } else {
            push_page(&mut pages, dict, inherited, limits)?;
        }
    }
    if pages.is_empty() {
        for obj in doc.inner.objects.values() {
            if let Some(dict) = as_dict(obj)
                && doc.get_name(dict, b"Type") == Some(b"Page")
            {
                let inherited = Inherited::default().merge(doc, dict);
                push_page(&mut pages, dict, inherited, limits)?;
            }
        }
        if !pages.is_empty() {
            notes.repaired("page tree unreadable: pages taken in object order");
        }
    }
    Ok(pages)
}

fn push_page<'d>(
    pages: &mut Vec<PageInfo<'d>>,
    dict: &'d Dictionary,
    inh: Inherited<'d>,
    limits: &PdfLimits,
) -> Result<(), PdfError> {
    if u64::try_from(pages.len()).unwrap_or(u64::MAX) >= limits.max_pages {
        return Err(exceeded("max_pages", limits.max_pages));
    }
    let number = u32::try_from(pages.len() + 1).unwrap_or(u32::MAX);
    pages.push(PageInfo {
        number,
        dict,
        resources: inh.resources,
        media_box: inh.media_box,
        crop_box: inh.crop_box,
        rotate: inh.rotate.unwrap_or(0),
    });
    Ok(())
}
