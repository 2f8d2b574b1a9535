//! Bounds on the work and memory one document may take ([`PdfLimits`]) and
//! the running counters that enforce them.

use super::error::PdfError;

/// Bounds on what one call of [`read_pages`](super::read_pages) may do.
///
/// PDFs come from the web and are untrusted: every structure that a file can
/// make large or deep is bounded here, and hitting a bound returns
/// [`PdfError::LimitExceeded`] naming the field. The defaults are far above
/// any real annual report (a few pages, a few thousand glyphs) and low enough
/// that a hostile file fails fast with bounded memory.
///
/// Start from the default and change what you need:
/// `PdfLimits { max_pages: 50, ..PdfLimits::default() }`. zfxxgk sets them
/// from its [`crate::Limits`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PdfLimits {
    /// Largest input accepted, in bytes (default 256 MiB).
    pub max_input_bytes: u64,
    /// Largest size any one stream may decompress to, in bytes (default
    /// 64 MiB). Applies to object streams while loading and to content, font,
    /// CMap and Form streams while reading; a flate bomb stops at this many
    /// bytes.
    pub max_stream_bytes: u64,
    /// Largest total of decompressed content, font, CMap and Form streams
    /// read for one document, in bytes (default 512 MiB).
    pub max_total_decompressed_bytes: u64,
    /// Most pages read (default 10 000).
    pub max_pages: u64,
    /// Most content-stream operators executed in the whole document,
    /// counting every run of a Form XObject (default 50 million).
    pub max_operations: u64,
    /// Most glyphs emitted in the whole document (default 10 million).
    pub max_glyphs: u64,
    /// Most path-construction operators (`m`, `l`, `c`, `v`, `y`, `re`,
    /// `h`) in the whole document, curves included (default 20 million).
    pub max_paths: u64,
    /// Deepest nesting of Form XObjects drawn inside each other (default 16).
    pub max_xobject_depth: u64,
    /// Deepest nesting of the graphics state stack (`q` without `Q`) at
    /// any moment (default 1024).
    pub max_stack_depth: u64,
    /// Deepest object structure followed (default 64): the depth of the page
    /// tree (deeper is this error) and chains of references to references
    /// (a longer chain reads as a missing object). The page tree is walked
    /// top-down, so `/Parent` is never followed; a page-tree node reached
    /// twice (a cycle) is skipped with a [`PdfNote::Repaired`] note.
    ///
    /// [`PdfNote::Repaired`]: super::PdfNote::Repaired
    pub max_object_depth: u64,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            max_input_bytes: 256 << 20,
            max_stream_bytes: 64 << 20,
            max_total_decompressed_bytes: 512 << 20,
            max_pages: 10_000,
            max_operations: 50_000_000,
            max_glyphs: 10_000_000,
            max_paths: 20_000_000,
            max_xobject_depth: 16,
            max_stack_depth: 1024,
            max_object_depth: 64,
        }
    }
}

/// Builds the error for a tripped limit.
pub(crate) fn exceeded(limit: &'static str, max: u64) -> PdfError {
    PdfError::LimitExceeded { limit, max }
}

/// Running totals of one document against its [`PdfLimits`].
#[derive(Debug)]
pub(crate) struct Budget {
    pub(crate) limits: PdfLimits,
    decompressed: u64,
    operations: u64,
    glyphs: u64,
    paths: u64,
}

impl Budget {
    pub(crate) fn new(limits: &PdfLimits) -> Self {
        Budget {
            limits: limits.clone(),
            decompressed: 0,
            operations: 0,
            glyphs: 0,
            paths: 0,
        }
    }

    /// How many bytes the next stream may decompress to, and which limit
    /// binds: the per-stream one or what is left of the total.
    pub(crate) fn stream_allowance(&self) -> (u64, &'static str, u64) {
        let left = self
            .limits
            .max_total_decompressed_bytes
            .saturating_sub(self.decompressed);
        if left < self.limits.max_stream_bytes {
            (
                left,
                "max_total_decompressed_bytes",
                self.limits.max_total_decompressed_bytes,
            )
        } else {
            (
                self.limits.max_stream_bytes,
                "max_stream_bytes",
                self.limits.max_stream_bytes,
            )
        }
    }

    /// Accounts for a decompressed stream of `n` bytes.
    pub(crate) fn add_decompressed(&mut self, n: u64) -> Result<(), PdfError> {
        self.decompressed = self.decompressed.saturating_add(n);
        if self.decompressed > self.limits.max_total_decompressed_bytes {
            return Err(exceeded(
                "max_total_decompressed_bytes",
                self.limits.max_total_decompressed_bytes,
            ));
        }
        Ok(())
    }

    /// Accounts for one content-stream operator.
    #[inline]
    pub(crate) fn operation(&mut self) -> Result<(), PdfError> {
        self.operations += 1;
        if self.operations > self.limits.max_operations {
            return Err(exceeded("max_operations", self.limits.max_operations));
        }
        Ok(())
    }

    /// Accounts for one emitted glyph.
    #[inline]
    pub(crate) fn glyph(&mut self) -> Result<(), PdfError> {
        self.glyphs += 1;
        if self.glyphs > self.limits.max_glyphs {
            return Err(exceeded("max_glyphs", self.limits.max_glyphs));
        }
        Ok(())
    }

    /// Accounts for one path-construction operator.
    #[inline]
    pub(crate) fn path(&mut self) -> Result<(), PdfError> {
        self.paths += 1;
        if self.paths > self.limits.max_paths {
            return Err(exceeded("max_paths", self.limits.max_paths));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_trip_after_the_maximum() {
        let limits = PdfLimits {
            max_glyphs: 2,
            ..PdfLimits::default()
        };
        let mut b = Budget::new(&limits);
        assert!(b.glyph().is_ok());
        assert!(b.glyph().is_ok());
        assert_eq!(b.glyph(), Err(exceeded("max_glyphs", 2)));
    }

    #[test]
    fn total_decompression_binds_when_smaller() {
        let limits = PdfLimits {
            max_stream_bytes: 100,
            max_total_decompressed_bytes: 150,
            ..PdfLimits::default()
        };
        let mut b = Budget::new(&limits);
        assert_eq!(b.stream_allowance().0, 100);
        b.add_decompressed(100).unwrap();
        assert_eq!(
            b.stream_allowance(),
            (50, "max_total_decompressed_bytes", 150)
        );
        assert!(b.add_decompressed(51).is_err());
    }
}
