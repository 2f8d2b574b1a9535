//! Tokenizers for the PDF syntax this layer reads itself.

pub(crate) mod content;
