//! Seeded course-pacing data: course 1, a realistic course (6 modules, 40 items, a holiday,
//! a fall-break week, weekends skipped, a hard end date that forces compression), and
//! course 2, a large one (5,000 items, 200 blackouts).

use crate::records::{Course, Pace};
use serde_json::{json, Value};

/// (module, [(title, type, points, duration)]).
type Module = (&'static str, &'static [(&'static str, &'static str, Option<f64>, u64)]);

const PAGE: &str = "WikiPage";
const QUIZ: &str = "Quizzes::Quiz";
const TALK: &str = "DiscussionTopic";
const TASK: &str = "Assignment";

const COURSE_1: [Module; 6] = [
    (
        "Welcome",
        &[
            ("Course overview", PAGE, None, 1),
            ("Introduce yourself", TALK, Some(5.0), 2),
            ("Syllabus quiz", QUIZ, Some(10.0), 1),
            ("Set up your tools", TASK, Some(5.0), 2),
        ],
    ),
    (
        "Foundations",
        &[
            ("Reading: What is data?", PAGE, None, 1),
            ("Quiz: Types of data", QUIZ, Some(10.0), 1),
            ("Discussion: Data in your life", TALK, Some(10.0), 2),
            ("Spreadsheet basics", TASK, Some(20.0), 3),
            ("Reading: Tidy data", PAGE, None, 1),
            ("Lab 1: Cleaning a dataset", TASK, Some(25.0), 4),
            ("Quiz: Foundations review", QUIZ, Some(15.0), 1),
            ("Reflection 1", TALK, Some(5.0), 0),
        ],
    ),
    (
        "Descriptive statistics",
        &[
            ("Reading: Center and spread", PAGE, None, 1),
            ("Video: Visualizing distributions", PAGE, None, 1),
            ("Lab 2: Summary statistics", TASK, Some(25.0), 4),
            ("Quiz: Measures of center", QUIZ, Some(10.0), 1),
            ("Discussion: Misleading charts", TALK, Some(10.0), 2),
            ("Problem set 1", TASK, Some(30.0), 5),
            ("Reading: Correlation", PAGE, None, 1),
            ("Quiz: Correlation", QUIZ, Some(10.0), 1),
        ],
    ),
    (
        "Probability and inference",
        &[
            ("Reading: Probability rules", PAGE, None, 2),
            ("Quiz: Probability", QUIZ, Some(10.0), 1),
            ("Lab 3: Simulation", TASK, Some(25.0), 4),
            ("Reading: Sampling distributions", PAGE, None, 1),
            ("Problem set 2", TASK, Some(30.0), 5),
            ("Discussion: p-values in the news", TALK, Some(10.0), 2),
            ("Quiz: Confidence intervals", QUIZ, Some(15.0), 1),
            ("Midterm exam", QUIZ, Some(100.0), 3),
        ],
    ),
    (
        "Modeling",
        &[
            ("Reading: Linear regression", PAGE, None, 2),
            ("Lab 4: Fitting a line", TASK, Some(25.0), 4),
            ("Quiz: Regression", QUIZ, Some(10.0), 1),
            ("Discussion: Correlation vs. causation", TALK, Some(10.0), 2),
            ("Problem set 3", TASK, Some(30.0), 5),
            ("Reading: Model evaluation", PAGE, None, 1),
            ("Project proposal", TASK, Some(20.0), 3),
        ],
    ),
    (
        "Final project",
        &[
            ("Project check-in", TALK, Some(5.0), 3),
            ("Peer review", TASK, Some(15.0), 3),
            ("Final project report", TASK, Some(100.0), 7),
            ("Final presentation", TASK, Some(50.0), 3),
            ("Course survey", QUIZ, Some(0.0), 1),
        ],
    ),
];

#[allow(clippy::too_many_arguments)]
fn item(
    course: u64,
    pace_id: u64,
    id: u64,
    position: usize,
    title: String,
    ty: &str,
    points: Option<f64>,
    duration: u64,
    published: bool,
) -> Value {
    json!({
        "id": id,
        "duration": duration,
        "course_pace_id": pace_id,
        "root_account_id": 1,
        "module_item_id": 1000 + id,
        "assignment_title": title,
        "assignment_id": if ty == PAGE { Value::Null } else { json!(500 + id) },
        "points_possible": points,
        "assignment_link": format!("/courses/{course}/modules/items/{}", 1000 + id),
        "position": position + 1,
        "module_item_type": ty,
        "published": published,
    })
}

fn pace_json(course: u64, pace_id: u64, start: &str, end: Option<&str>, modules: Vec<Value>) -> Value {
    json!({
        "id": pace_id,
        "course_id": course,
        "course_section_id": null,
        "user_id": null,
        "workflow_state": "active",
        "exclude_weekends": true,
        "selected_days_to_skip": ["sat", "sun"],
        "hard_end_dates": end.is_some(),
        "created_at": "2026-08-01T12:00:00Z",
        "updated_at": "2026-08-20T12:00:00Z",
        "published_at": "2026-08-20T12:00:00Z",
        "root_account_id": 1,
        "start_date": start,
        "start_date_context": "course",
        "end_date": end,
        "end_date_context": if end.is_some() { "hard" } else { "hypothetical" },
        "context_id": course,
        "context_type": "Course",
        "modules": modules,
    })
}

fn blackout(course: u64, id: u64, start: &str, end: &str, title: &str) -> Value {
    json!({"id": id, "context_id": course, "context_type": "Course", "start_date": start, "end_date": end, "event_title": title})
}

pub fn courses() -> Vec<Course> {
    let mut id = 1u64;
    let mut modules = Vec::new();
    for (m, (name, items)) in COURSE_1.iter().enumerate() {
        let items: Vec<Value> = items
            .iter()
            .enumerate()
            .map(|(p, (title, ty, points, duration))| {
                // The survey is still unpublished.
                let v = item(1, 1, id, p, (*title).to_owned(), ty, *points, *duration, *title != "Course survey");
                id += 1;
                v
            })
            .collect();
        modules.push(
            json!({ "id": 10 + m, "name": format!("Module {}: {name}", m + 1), "position": m + 1, "items": items }),
        );
    }
    let realistic = Course {
        id: 1,
        blackouts: vec![
            blackout(1, 1, "2026-09-07", "2026-09-07", "Labor Day"),
            blackout(1, 2, "2026-10-12", "2026-10-16", "Fall break"),
        ],
        paces: vec![Pace::seeded(pace_json(1, 1, "2026-09-01", Some("2026-11-20"), modules))],
    };

    let mut big_modules = Vec::new();
    let mut bid = 100_000u64;
    for m in 0..50 {
        let items: Vec<Value> = (0..100)
            .map(|p| {
                let (ty, noun, points) = [
                    (TASK, "Assignment", Some(20.0)),
                    (QUIZ, "Quiz", Some(10.0)),
                    (TALK, "Discussion", Some(5.0)),
                    (PAGE, "Reading", None),
                ][p % 4];
                let v = item(2, 2, bid, p, format!("Unit {} {noun} {}", m + 1, p + 1), ty, points, bid % 3, true);
                bid += 1;
                v
            })
            .collect();
        big_modules
            .push(json!({ "id": 2000 + m, "name": format!("Unit {}", m + 1), "position": m + 1, "items": items }));
    }
    let blackouts = (0..200u64)
        .map(|k| {
            let day = k * 11;
            blackout(
                2,
                1000 + k,
                &date_plus("2026-01-05", day),
                &date_plus("2026-01-05", day + k % 3),
                &format!("Blackout {}", k + 1),
            )
        })
        .collect();
    let large =
        Course { id: 2, blackouts, paces: vec![Pace::seeded(pace_json(2, 2, "2026-01-05", None, big_modules))] };
    vec![realistic, large]
}

fn date_plus(ymd: &str, days: u64) -> String {
    match lms_widgets::pace::parse_date(ymd) {
        Ok(d) => lms_widgets::pace::format_date(d + time::Duration::days(days as i64)),
        Err(_) => ymd.to_owned(),
    }
}
