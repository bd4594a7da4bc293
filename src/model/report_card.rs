//! What the report card shows, decided here rather than in its `view!` so it is tested
//! natively: its button, status line, CSS classes, alerts and announcements.

use super::{CourseReport, ReportPhase, ReportStatus};

/// The card's one button: what it does and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAction {
    /// No button (the options cannot be used).
    None,
    /// Repeat the failed request.
    Retry(&'static str),
    /// Create a report.
    Create(&'static str),
}

/// The button for a phase and the shown report's status: "Check again" after following
/// failed, "Try again" after another request failed or the report ended in error,
/// "Create new report" after a finished one, else "Create report".
pub fn report_action(phase: &ReportPhase, status: Option<&ReportStatus>) -> ReportAction {
    match phase {
        ReportPhase::Invalid => ReportAction::None,
        ReportPhase::Fault(super::ReportOp::Follow) => ReportAction::Retry("Check again"),
        ReportPhase::Fault(_) => ReportAction::Retry("Try again"),
        ReportPhase::Finished if status == Some(&ReportStatus::Error) => ReportAction::Create("Try again"),
        ReportPhase::Finished => ReportAction::Create("Create new report"),
        _ => ReportAction::Create("Create report"),
    }
}

/// Whether "Create report" may be pressed: nothing runs, the options are usable and the id
/// lists parse.
pub fn can_create_report(phase: &ReportPhase, parameters_ok: bool) -> bool {
    !phase.is_busy() && *phase != ReportPhase::Invalid && parameters_ok
}

/// The card's classes: `lmsw-report--<phase>`, plus `lmsw-report--<status>` once a report
/// is shown (an unknown status is `unknown`, so Canvas cannot invent class names).
pub fn card_class(phase: &ReportPhase, status: Option<&ReportStatus>) -> String {
    let mut c = format!("lmsw-report lmsw-report--{}", phase.as_str());
    if let Some(s) = status {
        let s = match s {
            ReportStatus::Unknown(_) => "unknown",
            s => s.as_str(),
        };
        c.push_str(" lmsw-report--");
        c.push_str(s);
    }
    c
}

/// The line under the title: what the card is doing, else the report's status.
pub fn report_status(phase: &ReportPhase, status: Option<&ReportStatus>) -> Option<String> {
    match phase {
        ReportPhase::Checking => Some("Checking for your last report…".to_owned()),
        ReportPhase::Idle => Some("No report yet.".to_owned()),
        ReportPhase::Creating => Some("Starting the report…".to_owned()),
        ReportPhase::Invalid => None,
        _ => status.map(|s| format!("Status: {}", s.label())),
    }
}

/// Why a finished report has no file, when it has none (error, aborted, deleted, unknown):
/// the sentence the card shows as an alert.
pub fn ended_alert(phase: &ReportPhase, report: Option<&CourseReport>) -> Option<String> {
    let r = report.filter(|r| *phase == ReportPhase::Finished && r.status != ReportStatus::Complete)?;
    Some(ended_message(r))
}

/// Why a report ended without a file, in a plain sentence (Canvas's message when it sent one).
pub fn ended_message(r: &CourseReport) -> String {
    let base = match r.status {
        ReportStatus::Error => "Canvas could not generate this report.",
        ReportStatus::Aborted => "This report was stopped before it finished.",
        ReportStatus::Deleted => "This report was deleted.",
        _ => "This report ended without a file.",
    };
    match r.message.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => format!("{base} Canvas says: {m}"),
        None => base.to_owned(),
    }
}

/// The report's times that Canvas gave, labelled: (label, trimmed ISO text). The end is
/// "Finished", "Failed", "Stopped" or "Ended" by status; blank times are left out (the view
/// also leaves out those the browser cannot parse).
pub fn report_times(r: &CourseReport) -> Vec<(&'static str, &str)> {
    let ended = match r.status {
        ReportStatus::Complete => "Finished",
        ReportStatus::Error => "Failed",
        ReportStatus::Aborted => "Stopped",
        _ => "Ended",
    };
    [("Created", &r.created_at), ("Started", &r.started_at), (ended, &r.ended_at)]
        .into_iter()
        .filter_map(|(what, iso)| Some((what, iso.as_deref().map(str::trim).filter(|t| !t.is_empty())?)))
        .collect()
}

/// The live region's words when a report starts (or is found still running).
pub fn started_announcement(resumed: bool) -> &'static str {
    if resumed {
        "Following your report that is still running."
    } else {
        "Report started."
    }
}

/// The live region's words when a report completes: `file` is the file's name when there
/// is a link, `None` for a link without a name; without a link the alert says why, so
/// this only says it is complete.
pub fn complete_announcement(link: Result<Option<&str>, ()>) -> String {
    match link {
        Ok(Some(n)) => format!("Report complete. {n} is ready to download."),
        Ok(None) => "Report complete. The file is ready to download.".into(),
        Err(()) => "Report complete.".into(),
    }
}

/// The download link's text: "Download course_pace.docx", or "Download the report".
pub fn download_caption(file_name: Option<&str>) -> String {
    format!("Download {}", file_name.unwrap_or("the report"))
}
