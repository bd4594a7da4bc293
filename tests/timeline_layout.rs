//! The pace timeline's axis layout.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::timeline::{bars_path, layout, runs_path, weeks_path, Bar, Shade, ShadedRun};
use time::{Date, Month, Weekday};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap()
}

fn weekends(date: Date) -> Option<Shade> {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday).then_some(Shade::Skipped)
}

#[test]
fn axis_starts_on_the_monday_before_the_plan_start_and_covers_whole_weeks() {
    // 2026-01-07 is a Wednesday.
    let a = layout(d(2026, 1, 7), &[Some(d(2026, 1, 9))], None, None, 4000, |_| None);
    assert_eq!(a.origin, d(2026, 1, 5));
    assert_eq!(a.days % 7, 0);
    assert!(a.days >= 7 + 5, "the last due day plus a week of air is shown");
    assert_eq!(a.weeks[0], (0, d(2026, 1, 5)));
    assert_eq!(a.weeks[1], (7, d(2026, 1, 12)));
}

#[test]
fn weekend_runs_are_merged() {
    let a = layout(d(2026, 1, 5), &[Some(d(2026, 1, 16))], None, None, 4000, weekends);
    assert_eq!(a.shaded[0], ShadedRun { start: 5, len: 2, kind: Shade::Skipped });
    assert_eq!(a.shaded[1], ShadedRun { start: 12, len: 2, kind: Shade::Skipped });
}

#[test]
fn bars_run_from_the_day_after_the_previous_due_date_through_their_own() {
    let dues = [Some(d(2026, 1, 6)), Some(d(2026, 1, 6)), Some(d(2026, 1, 9)), None];
    let a = layout(d(2026, 1, 5), &dues, None, None, 4000, |_| None);
    assert_eq!(a.bars[0], Some(Bar { start: 0, end: 1 }));
    assert_eq!(a.bars[1], Some(Bar { start: 1, end: 1 }), "a zero-day item is a one-day mark on its predecessor's day");
    assert_eq!(a.bars[2], Some(Bar { start: 2, end: 4 }));
    assert_eq!(a.bars[3], None);
}

#[test]
fn today_and_end_markers_only_when_on_the_axis() {
    let a = layout(d(2026, 1, 5), &[Some(d(2026, 1, 9))], Some(d(2026, 1, 20)), Some(d(2025, 12, 1)), 4000, |_| None);
    assert_eq!(a.today, None);
    assert_eq!(a.end, Some(15));
    assert!(a.days > 15, "the axis reaches the end date even past the last due date");
}

#[test]
fn a_runaway_plan_is_capped() {
    let a = layout(d(2026, 1, 5), &[Some(d(2040, 1, 1))], None, None, 700, |_| None);
    assert_eq!(a.days, 700);
    assert_eq!(a.bars[0], Some(Bar { start: 0, end: 699 }));
}

mod draft {
    use lms_widgets::timeline::{parse_duration, Change, Draft, Settings};

    #[test]
    fn typed_durations_accept_only_whole_days_from_zero_to_ten_years() {
        let cases: &[(&str, Result<u32, &str>)] = &[
            ("0", Ok(0)),
            (" 5 ", Ok(5)),
            ("", Ok(0)),
            ("3650", Ok(3650)),
            ("3651", Err("more than 10 years")),
            ("-1", Err("cannot be negative")),
            ("2.5", Err("not a whole number")),
            ("abc", Err("not a whole number")),
            ("1e3", Err("not a whole number")),
            ("99999999999999999999", Err("more than 10 years")),
        ];
        for (input, want) in cases {
            match (parse_duration(input), want) {
                (Ok(v), Ok(w)) => assert_eq!(v, *w, "{input:?}"),
                (Err(m), Err(w)) => assert!(m.contains(w), "{input:?}: {m}"),
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn editing_back_to_the_published_value_removes_the_change() {
        let mut d = Draft::default();
        d.set_duration("7", 2, 5);
        assert_eq!(d.duration("7", 2), 5);
        assert!(!d.is_empty());
        d.set_duration("7", 2, 2);
        assert!(d.is_empty());
    }

    #[test]
    fn changes_list_settings_first_then_items_in_order() {
        let published = Settings { exclude_weekends: true, selected_days_to_skip: vec![], end_date: None };
        let mut d = Draft::default();
        d.set_duration("b", 1, 3);
        d.set_duration("a", 1, 0);
        d.set_settings(&published, Settings { exclude_weekends: false, ..published.clone() });
        assert_eq!(
            d.changes(&published, [("a", 1), ("b", 1)]),
            vec![
                Change::ExcludeWeekends(false),
                Change::Duration("a".into(), 1, 0),
                Change::Duration("b".into(), 1, 3)
            ]
        );
    }

    #[test]
    fn a_draft_survives_a_json_round_trip_and_reconciles_with_a_newer_pace() {
        let published = Settings::default();
        let mut d = Draft { saved_at: 1.0e12, ..Draft::default() };
        d.set_duration("1", 1, 4);
        d.set_duration("2", 1, 2);
        d.set_duration("gone", 1, 9);
        let json = serde_json::to_string(&d).unwrap();
        let mut back: Draft = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        // The pace was published elsewhere with item 2 = 2; "gone" was removed.
        back.reconcile(
            |id| match id {
                "1" => Some(1),
                "2" => Some(2),
                _ => None,
            },
            &published,
        );
        assert_eq!(back.durations.len(), 1);
        assert_eq!(back.duration("1", 1), 4);
    }
}

mod json {
    use lms_widgets::timeline::{publish_body, BlackoutList, Draft, PaceEnvelope};

    #[test]
    fn blackout_lists_come_wrapped_or_bare() {
        let wrapped: BlackoutList = serde_json::from_str(
            r#"{"blackout_dates":[{"start_date":"2026-10-12","end_date":"2026-10-16","event_title":"Fall break"}]}"#,
        )
        .unwrap();
        let bare: BlackoutList =
            serde_json::from_str(r#"[{"start_date":"2026-10-12","end_date":"2026-10-16"}]"#).unwrap();
        assert_eq!(wrapped.into_vec()[0].event_title, "Fall break");
        assert_eq!(bare.into_vec()[0].end_date, "2026-10-16");
        assert!(serde_json::from_str::<BlackoutList>(r#"{"dates":[]}"#).is_err());
    }

    #[test]
    fn a_canvas_pace_parses_and_publishes_with_the_draft_applied() {
        let env: PaceEnvelope = serde_json::from_str(
            r#"{"course_pace":{"id":"5","exclude_weekends":null,"start_date":"2026-09-01","end_date":null,"end_date_context":"hypothetical",
                "modules":[{"id":1,"name":"M","position":1,"items":[{"id":"9","duration":2,"module_item_id":"90","assignment_title":"A"},
                                                                      {"id":null,"duration":0,"module_item_id":91}]}]},"progress":null}"#,
        )
        .unwrap();
        let pace = env.course_pace;
        assert!(!pace.exclude_weekends, "null is false");
        let mut d = Draft::default();
        d.set_duration("9", 2, 4);
        let body = serde_json::to_value(publish_body(&pace, &d)).unwrap();
        let items = &body["course_pace"]["course_pace_module_items_attributes"];
        assert_eq!(items[0], serde_json::json!({"id": "9", "duration": 4, "module_item_id": "90"}));
        assert_eq!(items[1], serde_json::json!({"duration": 0, "module_item_id": "91"}), "a scaffold item sends no id");
        assert!(
            serde_json::from_str::<PaceEnvelope>(
                r#"{"course_pace":{"modules":[{"id":1,"items":[{"duration":1.5,"module_item_id":1}]}]}}"#
            )
            .is_err(),
            "fractional durations are rejected"
        );
    }
}

mod plan {
    use lms_widgets::timeline::{plan_view, BlackoutDate, Draft, PaceEnvelope, Row};

    fn pace(modules: &str, end: &str) -> lms_widgets::timeline::CoursePace {
        let text = format!(
            r#"{{"course_pace":{{"id":1,"exclude_weekends":true,"start_date":"2022-04-01","end_date":{end},"modules":{modules}}}}}"#
        );
        serde_json::from_str::<PaceEnvelope>(&text).unwrap().course_pace
    }

    fn blackout(title: &str, start: &str, end: &str) -> BlackoutDate {
        serde_json::from_value(serde_json::json!({"event_title": title, "start_date": start, "end_date": end})).unwrap()
    }

    #[test]
    fn blackouts_between_modules_go_to_the_latter_module_as_canvas_does() {
        // Two modules of two one-week items from Fri 2022-04-01, weekends skipped: due
        // 04-08, 04-15 | 04-22, 04-29. A blackout on 04-18..04-19 (after module 1's last due
        // date) opens module 2; Canvas's older by-date rule put it at the end of module 1.
        let p = pace(
            r#"[{"id":1,"items":[{"id":1,"duration":5,"module_item_id":11},{"id":2,"duration":5,"module_item_id":12}]},
                {"id":2,"items":[{"id":3,"duration":5,"module_item_id":13},{"id":4,"duration":5,"module_item_id":14}]}]"#,
            r#""2022-05-31""#,
        );
        let holiday = blackout("Spring break", "2022-04-18", "2022-04-19");
        let before_start = blackout("Old", "2022-03-01", "2022-03-02");
        let view = plan_view(&p, &Draft::default(), &[before_start, holiday], None).unwrap();
        assert_eq!(
            (0..4).filter_map(|i| view.due(i)).collect::<Vec<_>>(),
            ["2022-04-08", "2022-04-15", "2022-04-26", "2022-05-03"]
        );
        assert_eq!(view.rows, [vec![Row::Item(0), Row::Item(1)], vec![Row::Blackout(1), Row::Item(2), Row::Item(3)]]);
        assert!(!view.compressed);
        // 2022-04-01 … 2022-05-03 inclusive: 33 calendar days.
        assert_eq!((view.weeks, view.days), (4, 5));
    }

    #[test]
    fn a_hard_end_date_compresses_and_a_draft_moves_the_dates() {
        let p = pace(
            r#"[{"id":1,"items":[{"id":1,"duration":10,"module_item_id":11},{"id":2,"duration":10,"module_item_id":12}]}]"#,
            r#""2022-04-15""#,
        );
        let view = plan_view(&p, &Draft::default(), &[], None).unwrap();
        assert!(view.compressed, "20 school days do not fit in two weeks");
        assert_eq!(view.due(1).as_deref(), Some("2022-04-15"), "ends on the end date");
        assert_eq!(view.due(2), None, "two items");
        assert_eq!((view.weeks, view.days), (2, 1), "time to complete stops at the end date");

        let mut draft = Draft::default();
        draft.set_duration("1", 10, 1);
        draft.set_duration("2", 10, 1);
        let edited = plan_view(&p, &draft, &[], None).unwrap();
        assert!(!edited.compressed);
        assert_eq!([edited.due(0), edited.due(1)], [Some("2022-04-04".to_owned()), Some("2022-04-05".to_owned())]);
    }

    #[test]
    fn an_end_before_the_start_is_a_sentence_not_a_panic() {
        let p = pace(r#"[{"id":1,"items":[{"id":1,"duration":1,"module_item_id":11}]}]"#, r#""2022-03-01""#);
        let err = plan_view(&p, &Draft::default(), &[], None).unwrap_err();
        assert_eq!(err, lms_widgets::Error::Pace(lms_widgets::PaceError::EndBeforeStart));
        assert_eq!(err.to_string(), "End date cannot be before start date.");
    }
}

#[test]
fn bars_path_draws_one_rectangle_per_bar_in_row_order() {
    let bars = [Some(Bar { start: 0, end: 1 }), None, Some(Bar { start: 3, end: 3 })];
    // 12 px a day, 10 px a row, rows from y = 22: bar k at y = 22 + 10k + 2, 7 px high,
    // from 1 px after its first day to 1 px before the end of its last.
    assert_eq!(bars_path(&bars, 12, 10, 22), "M1 24h22v7h-22zM37 44h10v7h-10z");
    assert_eq!(bars_path(&[], 12, 10, 22), "");
    assert_eq!(bars_path(&[None, None], 12, 10, 22), "");
}

#[test]
fn bars_path_of_a_layout_has_a_rectangle_per_dated_item() {
    let dues = [Some(d(2026, 1, 6)), None, Some(d(2026, 1, 9)), Some(d(2026, 1, 9))];
    let a = layout(d(2026, 1, 5), &dues, None, None, 4000, |_| None);
    let path = bars_path(&a.bars, 12, 10, 22);
    assert_eq!(path.matches('M').count(), 3, "{path}");
    assert_eq!(path.matches('z').count(), 3, "{path}");
}

#[test]
fn runs_path_draws_one_rectangle_per_run_of_its_kind() {
    let runs = [
        ShadedRun { start: 5, len: 2, kind: Shade::Skipped },
        ShadedRun { start: 8, len: 1, kind: Shade::Blackout },
        ShadedRun { start: 12, len: 2, kind: Shade::Skipped },
    ];
    // 12 px a day, from y = 22 for 30 px.
    assert_eq!(runs_path(&runs, Shade::Skipped, 12, 22, 30), "M60 22h24v30h-24zM144 22h24v30h-24z");
    assert_eq!(runs_path(&runs, Shade::Blackout, 12, 22, 30), "M96 22h12v30h-12z");
    assert_eq!(runs_path(&[], Shade::Skipped, 12, 22, 30), "");
}

#[test]
fn an_end_a_week_later_adds_one_weekend_and_one_week_line_and_keeps_the_rest() {
    // What an edit that moves the plan's end does to the drawing: the paths grow by the new
    // week's shapes; the shapes already there are unchanged (so is their text).
    let short = layout(d(2026, 1, 5), &[Some(d(2026, 1, 16))], None, None, 4000, weekends);
    let long = layout(d(2026, 1, 5), &[Some(d(2026, 1, 23))], None, None, 4000, weekends);
    let (s, l) =
        (runs_path(&short.shaded, Shade::Skipped, 12, 22, 10), runs_path(&long.shaded, Shade::Skipped, 12, 22, 10));
    assert!(l.starts_with(&s), "{s} / {l}");
    assert_eq!(l.matches('M').count(), s.matches('M').count() + 1);
    let (s, l) = (weeks_path(&short.weeks, 12, 50), weeks_path(&long.weeks, 12, 50));
    assert_eq!(s, "M0 0v50M84 0v50M168 0v50");
    assert_eq!(l, format!("{s}M252 0v50"));
}
