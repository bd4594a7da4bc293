//! Which rows of a long table to render: those in the scroll viewport plus a margin on each
//! side, the rest stood in for by two spacers of the same height. Rows have one height.

use std::ops::Range;

/// Rows rendered beyond each edge of the viewport: enough that Tab and the arrow keys always
/// find the next row in the DOM (focusing it scrolls it into view, which moves the window).
pub const MARGIN_ROWS: usize = 12;

/// Tables with at most this many rows render all of them: the saving would not pay for
/// the scroll box's bookkeeping, and find-in-page then sees every row.
pub const RENDER_ALL_UP_TO: usize = 150;

/// The rows to render and the heights that stand in for the others.
#[derive(Clone, Debug, PartialEq)]
pub struct RowWindow {
    /// Rows to render, by index into the table's rows.
    pub rows: Range<usize>,
    /// Height of the space above the first rendered row, px.
    pub before_px: f64,
    /// Height of the space below the last rendered row, px.
    pub after_px: f64,
}

/// The window for a scroll offset `scroll_top` and a viewport `viewport_px` tall over
/// `total` rows of `row_px` each, with `margin` rows beyond each edge. Offsets outside
/// the table (overscroll, a stale offset after the table shrank) and nonsense inputs (NaN,
/// negative, a zero row height) clamp to a window that is still inside the table.
pub fn row_window(scroll_top: f64, viewport_px: f64, row_px: f64, total: usize, margin: usize) -> RowWindow {
    let row_px = if row_px.is_finite() && row_px >= 1.0 { row_px } else { 1.0 };
    let top = if scroll_top.is_finite() { scroll_top.max(0.0) } else { 0.0 };
    let height = if viewport_px.is_finite() { viewport_px.max(0.0) } else { 0.0 };
    // Float to index: `as` saturates, so a huge offset becomes usize::MAX and clamps below.
    let first_visible = ((top / row_px).floor() as usize).min(total);
    let end_visible = (((top + height) / row_px).ceil() as usize).min(total).max(first_visible);
    let start = first_visible.saturating_sub(margin);
    let end = end_visible.saturating_add(margin).min(total);
    // Keep at least one viewport's worth of rows when scrolled past the end.
    let start = start.min(end.saturating_sub((height / row_px).ceil() as usize + margin));
    window_of(start..end, row_px, total)
}

/// Every row rendered (printing, or a table short enough to render whole).
pub fn all_rows(row_px: f64, total: usize) -> RowWindow {
    window_of(0..total, row_px, total)
}

fn window_of(rows: Range<usize>, row_px: f64, total: usize) -> RowWindow {
    let before_px = rows.start as f64 * row_px;
    let after_px = (total - rows.end) as f64 * row_px;
    RowWindow { rows, before_px, after_px }
}

/// The window the table renders: all rows when printing or when the table is short,
/// otherwise [`row_window`] with [`MARGIN_ROWS`].
pub fn table_window(scroll_top: f64, viewport_px: f64, row_px: f64, total: usize, printing: bool) -> RowWindow {
    if printing || total <= RENDER_ALL_UP_TO {
        all_rows(row_px, total)
    } else {
        row_window(scroll_top, viewport_px, row_px, total, MARGIN_ROWS)
    }
}
