//! What the timeline loaded from Canvas: the pace and its blackout dates. A plain data type,
//! below everything that reads it (hook, table, axis).

use super::{BlackoutDate, PaceEnvelope};
use crate::Error;

/// The pace as loaded (or re-read before a publish), with the course's blackout dates.
/// Item links are checked when a row shows them (the pace timeline hook's `check_link`),
/// not here: a 5,000-item pace shows a few dozen rows, and resolving every link at load
/// took a third of its first render.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The pace and its newest publish Progress.
    pub envelope: PaceEnvelope,
    /// The course's blackout dates.
    pub blackouts: Vec<BlackoutDate>,
}

impl Loaded {
    /// Builds it.
    pub fn new(envelope: PaceEnvelope, blackouts: Vec<BlackoutDate>) -> Self {
        Loaded { envelope, blackouts }
    }

    /// The same blackout dates with a newer copy of the pace (re-read before a publish).
    pub fn with_pace(&self, envelope: PaceEnvelope) -> Self {
        Loaded::new(envelope, self.blackouts.clone())
    }

    /// An item's title by its draft key, or "Item <key>".
    pub fn title(&self, key: &str) -> String {
        self.envelope
            .course_pace
            .items()
            .find(|i| i.key() == key)
            .map(|i| i.assignment_title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Item {key}"))
    }
}

/// Where item links open. Canvas's own page opens them in place; a widget inside an LTI
/// frame would otherwise navigate only its frame, so a host may ask for `_top` (or a new
/// tab), but the widget never takes over the whole page unless asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkTarget {
    /// The widget's own frame (no `target`). The default.
    #[default]
    SameFrame,
    /// `_top`: the whole tab (e.g. Canvas around an LTI frame).
    Top,
    /// `_parent`: the frame around this one.
    Parent,
    /// `_blank`: a new tab, without `window.opener`.
    NewTab,
}

impl LinkTarget {
    /// Reads the `linkTarget` option: `_self` (or empty), `_top`, `_parent`, `_blank`.
    ///
    /// ## Usage
    /// ```
    /// use lms_widgets::timeline::LinkTarget;
    /// assert_eq!(LinkTarget::parse("_top"), Ok(LinkTarget::Top));
    /// assert!(LinkTarget::parse("evil-frame").is_err());
    /// ```
    pub fn parse(value: &str) -> Result<LinkTarget, Error> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "_self" => Ok(LinkTarget::SameFrame),
            "_top" => Ok(LinkTarget::Top),
            "_parent" => Ok(LinkTarget::Parent),
            "_blank" => Ok(LinkTarget::NewTab),
            _ => Err(Error::InvalidOption {
                name: "link-target",
                reason: format!("{value:?} is not one of _self, _top, _parent, _blank"),
            }),
        }
    }

    /// The `target` attribute, if any.
    pub fn target(self) -> Option<&'static str> {
        match self {
            LinkTarget::SameFrame => None,
            LinkTarget::Top => Some("_top"),
            LinkTarget::Parent => Some("_parent"),
            LinkTarget::NewTab => Some("_blank"),
        }
    }

    /// The `rel` attribute, if any (a new tab gets no opener and no referrer).
    pub fn rel(self) -> Option<&'static str> {
        (self == LinkTarget::NewTab).then_some("noopener noreferrer")
    }
}
