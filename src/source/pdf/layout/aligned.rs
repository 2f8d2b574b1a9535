//! Tables without rulings, rebuilt from how their text lines up.

use super::lines::Line;
use super::table::BoxTable;

/// The tables among `lines` (top to bottom, outside ruled tables), and the
/// lines left over.
pub(crate) fn tables(_page: u32, lines: Vec<Line>) -> (Vec<BoxTable>, Vec<Line>) {
    (Vec::new(), lines)
}
