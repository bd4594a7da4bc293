//! The pace timeline's row window: which rows are rendered for a scroll offset.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::timeline::{all_rows, row_window, table_window, RowWindow, MARGIN_ROWS, RENDER_ALL_UP_TO};

fn covered(w: &RowWindow, row_px: f64, total: usize) -> bool {
    // The spacers and the rendered rows add up to the whole table's height.
    let rendered = w.rows.len() as f64 * row_px;
    (w.before_px + rendered + w.after_px - total as f64 * row_px).abs() < 1e-9
}

#[test]
fn at_the_top_the_viewport_and_the_margin_below_are_rendered() {
    // 500 px of 50 px rows: rows 0..10 visible, 3 more below.
    let w = row_window(0.0, 500.0, 50.0, 5000, 3);
    assert_eq!(w.rows, 0..13);
    assert_eq!(w.before_px, 0.0);
    assert_eq!(w.after_px, (5000 - 13) as f64 * 50.0);
}

#[test]
fn in_the_middle_a_margin_is_rendered_on_both_sides() {
    // Scrolled to 1,025 px: row 20 is partly visible, row 30 too.
    let w = row_window(1025.0, 500.0, 50.0, 5000, 3);
    assert_eq!(w.rows, 17..34);
    assert_eq!(w.before_px, 17.0 * 50.0);
    assert!(covered(&w, 50.0, 5000));
}

#[test]
fn at_the_bottom_the_window_ends_at_the_last_row() {
    let w = row_window(4990.0 * 50.0, 500.0, 50.0, 5000, 3);
    assert_eq!(w.rows.end, 5000);
    assert_eq!(w.after_px, 0.0);
    assert!(w.rows.contains(&4990));
}

#[test]
fn scrolled_past_the_end_still_renders_the_last_viewport() {
    // A stale offset (the table shrank) or overscroll: the last rows, not an empty window.
    let w = row_window(1e9, 500.0, 50.0, 100, 3);
    assert_eq!(w.rows, 87..100);
    assert!(covered(&w, 50.0, 100));
}

#[test]
fn nonsense_inputs_give_a_window_inside_the_table() {
    for (top, vh, px) in [
        (f64::NAN, 500.0, 50.0),
        (-300.0, 500.0, 50.0),
        (0.0, f64::NAN, 50.0),
        (0.0, 500.0, 0.0),
        (0.0, 500.0, f64::NAN),
        (f64::INFINITY, f64::INFINITY, 50.0),
    ] {
        let w = row_window(top, vh, px, 200, 3);
        assert!(w.rows.start <= w.rows.end && w.rows.end <= 200, "{top} {vh} {px}: {w:?}");
        assert!(w.before_px >= 0.0 && w.after_px >= 0.0);
    }
    // A negative offset is the top.
    assert_eq!(row_window(-300.0, 500.0, 50.0, 5000, 3).rows, 0..13);
}

#[test]
fn an_empty_table_renders_nothing() {
    let w = row_window(0.0, 500.0, 50.0, 0, 3);
    assert_eq!(w, RowWindow { rows: 0..0, before_px: 0.0, after_px: 0.0 });
}

#[test]
fn every_offset_renders_the_rows_it_shows_and_the_spacers_fill_the_rest() {
    let (px, vh, total) = (41.0, 333.0, 1000);
    let mut top = 0.0;
    while top < total as f64 * px {
        let w = row_window(top, vh, px, total, MARGIN_ROWS);
        let first = (top / px).floor() as usize;
        let last = (((top + vh) / px).ceil() as usize).min(total) - 1;
        assert!(w.rows.contains(&first) && w.rows.contains(&last), "at {top}: {w:?}");
        // Tab and ArrowDown from the last visible row find the next one rendered.
        assert!(w.rows.contains(&(last + 1).min(total - 1)));
        assert!(w.rows.len() <= (vh / px).ceil() as usize + 1 + 2 * MARGIN_ROWS);
        assert!(covered(&w, px, total));
        top += 17.0;
    }
}

#[test]
fn printing_and_short_tables_render_every_row() {
    assert_eq!(table_window(2000.0, 500.0, 50.0, 5000, true).rows, 0..5000);
    assert_eq!(table_window(2000.0, 500.0, 50.0, RENDER_ALL_UP_TO, false).rows, 0..RENDER_ALL_UP_TO);
    assert_eq!(table_window(0.0, 500.0, 50.0, RENDER_ALL_UP_TO + 1, false).rows, 0..10 + MARGIN_ROWS);
    assert_eq!(all_rows(50.0, 7), RowWindow { rows: 0..7, before_px: 0.0, after_px: 0.0 });
}
