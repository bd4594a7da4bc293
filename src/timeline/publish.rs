//! Where a publish is, and whether one may start.

use super::{Conflict, Draft, PlanView};
use crate::Error;

/// The publish in progress, if any. Every phase but `Idle` locks the inputs, so nothing
/// typed during a publish can be mistaken for what was sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum PublishPhase {
    /// Nothing is being published.
    #[default]
    Idle,
    /// Re-reading the pace to see whether another teacher published meanwhile.
    Checking,
    /// Another teacher published meanwhile: waiting for this teacher's choice.
    Conflict(Conflict),
    /// The `PUT` is under way.
    Sending,
    /// Canvas accepted the pace; following its publish Progress at this URL.
    Following(String),
}

impl PublishPhase {
    /// Whether a publish is under way (inputs, Discard and Publish are disabled).
    pub fn is_busy(&self) -> bool {
        *self != PublishPhase::Idle
    }
}

/// Why Publish cannot go ahead now, as a sentence, or `None` when it can: durations that do
/// not parse, a plan the engine refuses (every day skipped, the end before the start…), a
/// draft with impossible values (a restored one, say), or nothing to publish.
pub fn publish_blocker(input_errors: usize, plan: Option<&Result<PlanView, Error>>, draft: &Draft) -> Option<String> {
    if input_errors > 0 {
        return Some("Fix the highlighted durations first.".into());
    }
    if let Err(e) = draft.validate() {
        return Some(format!("These changes cannot be published: {e}."));
    }
    match plan {
        None => Some("The pace has not loaded yet.".into()),
        Some(Err(e)) => Some(format!("These changes cannot be published: {e} Change the settings first.")),
        Some(Ok(_)) if draft.is_empty() => Some("There are no changes to publish.".into()),
        Some(Ok(_)) => None,
    }
}

/// Which step of a publish failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishStep {
    /// Re-reading the pace before the `PUT`.
    Check,
    /// The `PUT` itself.
    Send,
    /// Following the publish Progress.
    Follow,
}

/// A failed publish step as a sentence. Nothing retries a publish by itself, so a
/// throttled answer says to try again rather than Canvas's "retrying shortly".
pub fn publish_fault(step: PublishStep, e: &crate::Error) -> String {
    let reason = match e {
        crate::Error::Throttled { .. } => "Canvas is rate-limiting requests; try again in a moment.".to_owned(),
        other => other.to_string(),
    };
    match step {
        PublishStep::Check => format!(
            "Publishing did not start: the pace could not be re-read to check for other teachers' changes. {reason} \
             Your changes are kept."
        ),
        PublishStep::Send => format!("Publishing failed: {reason} Your changes are kept."),
        PublishStep::Follow => format!(
            "Could not follow the publish to its end: {reason} It may still finish; reload the pace to see. \
             Your changes are kept."
        ),
    }
}
