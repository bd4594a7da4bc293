//! The pace timeline's pure decisions around editing and publishing: captions, the
//! publish body, what blocks a publish, stored drafts, and two teachers publishing one pace
//! (issue 12 §1: lost updates, edits lost around publish).
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::timeline::*;

fn pace(updated_at: &str, weekends: bool, end: Option<&str>, items: &[(u32, u32)]) -> CoursePace {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|(id, d)| serde_json::json!({"id": id, "duration": d, "module_item_id": 100 + id, "assignment_title": format!("Item {id}")}))
        .collect();
    let v = serde_json::json!({"course_pace": {"id": 1, "updated_at": updated_at, "exclude_weekends": weekends,
        "start_date": "2026-09-01", "start_date_context": "course", "end_date": end, "end_date_context": if end.is_some() { "hard" } else { "hypothetical" },
        "modules": [{"id": 1, "name": "M", "position": 1, "items": items}]}, "progress": null});
    serde_json::from_value::<PaceEnvelope>(v).unwrap().course_pace
}

fn draft(durations: &[(&str, u32)]) -> Draft {
    let mut d = Draft::default();
    for (k, v) in durations {
        d.durations.insert((*k).to_owned(), *v);
    }
    d
}

mod captions {
    use super::*;

    #[test]
    fn start_and_end_captions_follow_canvas_by_context() {
        let starts = [
            (Some("user"), "Student enrollment date"),
            (Some("section"), "Determined by section start date"),
            (Some("course"), "Determined by course start date"),
            (Some("term"), "Determined by course start date"),
            (Some("hypothetical"), "Today's date"),
            (None, "Today's date"),
        ];
        for (ctx, want) in starts {
            assert_eq!(start_caption(ctx), want, "{ctx:?}");
        }
        let ends = [
            (Some("hard"), "Required end date"),
            (Some("section"), "Determined by section end date"),
            (Some("course"), "Determined by course end date"),
            (Some("term"), "Determined by course end date"),
            (Some("user"), "Determined by course pace"),
            (None, "Determined by course pace"),
        ];
        for (ctx, want) in ends {
            assert_eq!(end_caption(ctx), want, "{ctx:?}");
        }
    }

    #[test]
    fn a_hypothetical_end_shows_the_plans_last_due_date_and_a_compressed_plan_says_where_it_would_end() {
        let open = pace("t", true, None, &[(1, 2), (2, 3)]);
        let plan = plan_view(&open, &Draft::default(), &[], None).unwrap();
        let h = header_stats(&open, &plan);
        assert_eq!(h.end, plan.plan_end);
        assert_eq!(
            (h.assignments, h.end_caption, h.compressed_from.as_deref()),
            (2, "Determined by course pace", None)
        );

        let hard = pace("t", true, Some("2026-09-03"), &[(1, 5), (2, 5)]);
        let plan = plan_view(&hard, &Draft::default(), &[], None).unwrap();
        let h = header_stats(&hard, &plan);
        assert_eq!(h.end.as_deref(), Some("2026-09-03"));
        assert_eq!(h.compressed_from, plan.projected_end);
        assert!(compressed_note("Sep 15", "Sep 3").contains("would end Sep 15, after the required Sep 3"));
    }

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(changes_summary(1), "1 unpublished change");
        assert_eq!(changes_summary(0), "0 unpublished changes");
        assert_eq!(offer_summary(2), "You have 2 unsaved changes from an earlier visit.");
    }

    #[test]
    fn changes_are_described_with_item_titles() {
        let title = |k: &str| format!("Essay {k}");
        assert_eq!(describe(&Change::Duration("7".into(), 2, 5), title), "Essay 7: 2 → 5 days");
        assert_eq!(describe(&Change::SkippedDays(vec![]), title), "No weekdays skipped");
        assert_eq!(describe(&Change::EndDate(None), title), "End date removed");
    }
}

mod settings {
    use super::*;

    #[test]
    fn skipped_days_stay_in_week_order_without_repeats() {
        let mut s = Settings::default();
        s.apply(SettingsEdit::SkipDay("sun".into(), true));
        s.apply(SettingsEdit::SkipDay("mon".into(), true));
        s.apply(SettingsEdit::SkipDay("sun".into(), true));
        assert_eq!(s.selected_days_to_skip, ["mon", "sun"]);
        s.apply(SettingsEdit::SkipDay("mon".into(), false));
        assert_eq!(s.selected_days_to_skip, ["sun"]);
        s.apply(SettingsEdit::EndDate(" ".into()));
        assert_eq!(s.end_date, None, "an empty date input removes the end date");
        s.apply(SettingsEdit::EndDate("2027-01-31".into()));
        assert_eq!(s.end_date.as_deref(), Some("2027-01-31"));
    }
}

mod links {
    use super::*;

    #[test]
    fn links_open_in_place_unless_the_host_asks() {
        assert_eq!(LinkTarget::default().target(), None, "no target=_top by default");
        assert_eq!(LinkTarget::parse("").unwrap(), LinkTarget::SameFrame);
        assert_eq!(LinkTarget::parse("_TOP").unwrap().target(), Some("_top"));
        let blank = LinkTarget::parse("_blank").unwrap();
        assert_eq!((blank.target(), blank.rel()), (Some("_blank"), Some("noopener noreferrer")));
        assert!(LinkTarget::parse("javascript:alert(1)").unwrap_err().to_string().contains("not one of"));
    }

    #[test]
    fn loaded_items_are_titled_by_their_draft_key() {
        // Links are checked by the rows that show them (tests/web_pace.rs,
        // `item_links_are_only_http_or_relative_and_open_in_place`).
        let p = pace("t", true, None, &[(1, 1), (2, 1), (3, 1)]);
        let env = PaceEnvelope { course_pace: p, progress: None };
        let l = Loaded::new(env, vec![]);
        assert_eq!(l.title("2"), "Item 2");
        assert_eq!(l.title("nope"), "Item nope");
    }
}

mod publishing {
    use super::*;

    #[test]
    fn only_changed_settings_and_items_are_sent() {
        let p = pace("t", true, Some("2026-12-18"), &[(1, 2), (2, 3), (3, 4)]);
        let mut d = draft(&[("2", 5)]);
        let body = serde_json::to_value(changes_body(&p, &d)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"course_pace": {"course_pace_module_items_attributes": [{"id": "2", "duration": 5, "module_item_id": "102"}]}}),
            "no settings, one item"
        );
        d.set_settings(&p.settings(), Settings { exclude_weekends: false, ..p.settings() });
        let body = serde_json::to_value(changes_body(&p, &d)).unwrap();
        assert_eq!(body["course_pace"]["exclude_weekends"], false);
        assert!(body["course_pace"].get("end_date").is_none(), "an unchanged end date is not sent");

        let open = pace("t", true, None, &[(1, 2)]);
        let mut d = Draft::default();
        d.set_settings(&open.settings(), Settings { end_date: Some("2027-01-08".into()), ..open.settings() });
        let body = serde_json::to_value(changes_body(&open, &d)).unwrap();
        assert_eq!(body["course_pace"]["end_date"], "2027-01-08");
        assert_eq!(body["course_pace"]["hard_end_dates"], true, "a new end date becomes the required one");
    }

    #[test]
    fn the_publish_progress_is_followed_by_id_through_the_widgets_own_base() {
        let p: lms_widgets::model::CanvasProgress = serde_json::from_str(
            r#"{"id":"77","workflow_state":"queued","url":"https://canvas.example.edu/api/v1/progress/77"}"#,
        )
        .unwrap();
        assert_eq!(progress_path(&p).as_deref(), Some("/api/v1/progress/77"), "relative: goes through a tool's proxy");
        let odd: lms_widgets::model::CanvasProgress =
            serde_json::from_str(r#"{"id":"../x","workflow_state":"queued","url":"/elsewhere/progress/1"}"#).unwrap();
        assert_eq!(progress_path(&odd).as_deref(), Some("/elsewhere/progress/1"), "never a path built from a bad id");
    }

    #[test]
    fn publish_is_refused_for_plan_errors_not_only_typing_errors() {
        let p = pace("t", true, None, &[(1, 2)]);
        let ok = draft(&[("1", 3)]);
        let plan = plan_view(&p, &ok, &[], None);
        assert_eq!(publish_blocker(0, Some(&plan), &ok), None);
        assert_eq!(publish_blocker(1, Some(&plan), &ok).as_deref(), Some("Fix the highlighted durations first."));
        assert!(publish_blocker(0, Some(&plan), &Draft::default()).unwrap().contains("no changes"));

        let mut every_day = ok.clone();
        let all: Vec<String> = WEEKDAYS.iter().map(|(c, _)| (*c).to_owned()).collect();
        every_day.set_settings(&p.settings(), Settings { selected_days_to_skip: all, ..p.settings() });
        let plan = plan_view(&p, &every_day, &[], None);
        assert!(publish_blocker(0, Some(&plan), &every_day).unwrap().contains("Every day of the week is skipped"));

        let mut early = ok.clone();
        early.set_settings(&p.settings(), Settings { end_date: Some("2026-08-01".into()), ..p.settings() });
        let plan = plan_view(&p, &early, &[], None);
        assert!(publish_blocker(0, Some(&plan), &early).unwrap().contains("End date cannot be before start date"));

        let absurd = draft(&[("1", 4_000_000)]);
        assert!(publish_blocker(0, Some(&Ok(plan_view(&p, &ok, &[], None).unwrap())), &absurd)
            .unwrap()
            .contains("at most 3650"));
    }

    #[test]
    fn a_failed_step_says_the_changes_are_kept_and_what_to_do() {
        let throttled = lms_widgets::Error::Throttled { retry_after_ms: None };
        let check = publish_fault(PublishStep::Check, &throttled);
        assert!(check.contains("did not start") && check.contains("try again in a moment"), "{check}");
        assert!(!check.contains("retrying"), "nothing retries a publish by itself: {check}");
        let follow = publish_fault(PublishStep::Follow, &lms_widgets::Error::NotFound);
        assert!(follow.contains("may still finish") && follow.ends_with("Your changes are kept."), "{follow}");
        assert!(publish_fault(PublishStep::Send, &lms_widgets::Error::Server { status: 502 })
            .starts_with("Publishing failed"));
    }

    #[test]
    fn inputs_lock_for_every_phase_but_idle() {
        assert!(!PublishPhase::Idle.is_busy());
        assert!(PublishPhase::Checking.is_busy());
        assert!(PublishPhase::Sending.is_busy());
        assert!(PublishPhase::Following("/api/v1/progress/1".into()).is_busy());
    }

    #[test]
    fn after_a_publish_only_what_was_sent_leaves_the_draft() {
        let sent = draft(&[("1", 3), ("2", 4)]);
        let mut now = sent.clone();
        now.durations.insert("2".into(), 9); // changed again meanwhile
        now.durations.insert("3".into(), 1); // new meanwhile
        let left = now.without_sent(&sent);
        assert_eq!(left, draft(&[("2", 9), ("3", 1)]));
    }
}

mod stored_drafts {
    use super::*;

    #[test]
    fn drafts_are_keyed_by_canvas_host_user_course_and_pace() {
        let a = draft_key("https://a.instructure.com", Some("5"), "1", "2");
        assert_ne!(a, draft_key("https://b.instructure.com", Some("5"), "1", "2"), "another Canvas");
        assert_ne!(a, draft_key("https://a.instructure.com", Some("6"), "1", "2"), "another teacher");
        assert_ne!(a, draft_key("https://a.instructure.com", Some("5"), "1", "3"), "another pace");
        assert_eq!(draft_key("https://a", None, "1", "2"), draft_key("https://a", Some(" "), "1", "2"));
    }

    #[test]
    fn a_stored_draft_with_impossible_values_is_refused_with_the_reason() {
        let cases = [
            (r#"{"durations":{"1":4000000}}"#, "at most 3650"),
            (r#"{"durations":{"":1}}"#, "item \"\""),
            (r#"{"settings":{"exclude_weekends":true,"selected_days_to_skip":["caturday"]}}"#, "not a day of the week"),
            (r#"{"settings":{"exclude_weekends":true,"end_date":"2026-02-30"}}"#, "the end date"),
        ];
        for (json, want) in cases {
            let d: Draft = serde_json::from_str(json).unwrap();
            let err = d.validate().unwrap_err();
            assert!(err.contains(want), "{json}: {err}");
        }
        assert!(
            serde_json::from_str::<Draft>(r#"{"durations":{"1":-1}}"#).is_err(),
            "a negative duration does not parse"
        );
        assert_eq!(draft(&[("1", 3650)]).validate(), Ok(()));
    }

    #[test]
    fn restoring_keeps_what_was_typed_before_the_answer() {
        let published = Settings { exclude_weekends: true, selected_days_to_skip: vec![], end_date: None };
        let stored = draft(&[("1", 4), ("2", 5)]);
        let typed = draft(&[("2", 7)]);
        assert_eq!(stored.clone().with_edits(&typed, &published), draft(&[("1", 4), ("2", 7)]));

        let mut stored = stored;
        stored.set_settings(&published, Settings { end_date: Some("2027-01-08".into()), ..published.clone() });
        let mut typed = Draft::default();
        typed.set_settings(&published, Settings { exclude_weekends: false, ..published.clone() });
        let merged = stored.with_edits(&typed, &published).settings.unwrap();
        assert_eq!(
            (merged.exclude_weekends, merged.end_date.as_deref()),
            (false, Some("2027-01-08")),
            "field by field"
        );
    }

    #[test]
    fn storage_notices_say_what_happened() {
        assert!(StorageNotice::SaveFailed.message().contains("will be lost if you leave or reload"));
        assert!(StorageNotice::Corrupt("it is not JSON".into())
            .message()
            .contains("(it is not JSON) and were removed"));
    }
}

mod two_teachers {
    use super::*;

    #[test]
    fn the_same_updated_at_is_no_conflict() {
        let base = pace("2026-08-20T12:00:00Z", true, None, &[(1, 2)]);
        assert_eq!(detect(&base, &base.clone(), &draft(&[("1", 5)])), None);
    }

    #[test]
    fn two_saves_in_the_same_second_are_still_told_apart() {
        let base = pace("2026-08-20T12:00:00Z", true, None, &[(1, 2)]);
        let same_second = pace("2026-08-20T12:00:00Z", true, None, &[(1, 4)]);
        assert_eq!(detect(&base, &same_second, &Draft::default()).unwrap().changes.len(), 1);
    }

    #[test]
    fn a_newer_time_stamp_with_the_same_content_is_no_conflict() {
        let base = pace("2026-08-20T12:00:00Z", true, None, &[(1, 2)]);
        let touched = pace("2026-08-21T09:00:00Z", true, None, &[(1, 2)]);
        assert_eq!(detect(&base, &touched, &draft(&[("1", 5)])), None);
    }

    #[test]
    fn their_changes_are_listed_and_collisions_marked() {
        let base = pace("t1", true, None, &[(1, 2), (2, 3), (3, 4)]);
        let theirs = pace("t2", false, None, &[(1, 6), (2, 9), (3, 4)]);
        let mine = draft(&[("2", 5), ("3", 1)]);
        let c = detect(&base, &theirs, &mine).expect("a conflict");
        assert_eq!(c.updated_at.as_deref(), Some("t2"));
        assert_eq!(
            c.changes,
            vec![
                TheirChange { theirs: Change::ExcludeWeekends(false), mine: None },
                TheirChange { theirs: Change::Duration("1".into(), 2, 6), mine: None },
                TheirChange {
                    theirs: Change::Duration("2".into(), 3, 9),
                    mine: Some(Change::Duration("2".into(), 3, 5))
                },
            ]
        );
        assert_eq!(c.overlaps(), 1);
        let lines = conflict_lines(&c, |k| format!("Item {k}"));
        assert_eq!(lines[2], ("Item 2: 3 → 9 days (yours: 5 days)".to_owned(), true));
        assert!(conflict_question(1).starts_with("1 of them changes what you changed too"));
    }

    #[test]
    fn the_same_value_on_both_sides_is_not_a_collision() {
        let base = pace("t1", true, None, &[(1, 2)]);
        let theirs = pace("t2", true, None, &[(1, 5)]);
        let c = detect(&base, &theirs, &draft(&[("1", 5)])).unwrap();
        assert_eq!(c.overlaps(), 0);
    }

    #[test]
    fn items_gained_and_lost_are_counted() {
        let base = pace("t1", true, None, &[(1, 2), (2, 2)]);
        let theirs = pace("t2", true, None, &[(1, 2), (3, 2), (4, 2)]);
        let c = detect(&base, &theirs, &Draft::default()).unwrap();
        assert_eq!((c.items_added, c.items_removed), (2, 1));
        assert!(conflict_lines(&c, |k| k.to_owned())[1].0.contains("1 item removed"));
    }

    #[test]
    fn keep_mine_keeps_every_edit_of_mine_and_their_other_changes() {
        let base = pace("t1", true, None, &[(1, 2), (2, 3), (3, 4)]);
        let theirs = pace("t2", true, Some("2027-01-15"), &[(1, 6), (2, 9), (3, 4)]);
        let mut mine = draft(&[("2", 5), ("3", 1)]);
        mine.set_settings(&base.settings(), Settings { exclude_weekends: false, ..base.settings() });
        let d = rebase(&mine, &base, &theirs, Resolution::KeepMine);
        assert_eq!(d.durations, draft(&[("2", 5), ("3", 1)]).durations);
        let s = d.settings.clone().unwrap();
        assert!(!s.exclude_weekends, "my setting");
        assert_eq!(s.end_date.as_deref(), Some("2027-01-15"), "their end date survives");
        // What goes out: only my fields, against their pace.
        let body = serde_json::to_value(changes_body(&theirs, &d)).unwrap();
        assert!(body["course_pace"].get("end_date").is_none(), "their end date is not overwritten");
        assert_eq!(body["course_pace"]["course_pace_module_items_attributes"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn take_theirs_drops_only_my_colliding_edits() {
        let base = pace("t1", true, None, &[(1, 2), (2, 3), (3, 4)]);
        let theirs = pace("t2", true, Some("2027-01-15"), &[(1, 6), (2, 9), (3, 4)]);
        let mut mine = draft(&[("2", 5), ("3", 1)]);
        mine.set_settings(&base.settings(), Settings { end_date: Some("2026-12-01".into()), ..base.settings() });
        let d = rebase(&mine, &base, &theirs, Resolution::TakeTheirs);
        assert_eq!(d.durations, draft(&[("3", 1)]).durations, "item 2 collided: theirs wins");
        assert_eq!(d.settings, None, "the end date collided: theirs wins");
    }

    #[test]
    fn reload_drops_everything_and_vanished_items_drop_their_edits() {
        let base = pace("t1", true, None, &[(1, 2), (2, 3)]);
        let theirs = pace("t2", true, None, &[(1, 2)]);
        let mine = draft(&[("1", 7), ("2", 5)]);
        assert_eq!(rebase(&mine, &base, &theirs, Resolution::Reload), Draft::default());
        assert_eq!(rebase(&mine, &base, &theirs, Resolution::KeepMine).durations, draft(&[("1", 7)]).durations);
    }
}
