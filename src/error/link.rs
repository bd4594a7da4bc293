//! [`DownloadLinkError`]: why a complete report's file is not offered as a link.

use core::fmt;

/// Why a complete report's download link is refused. The card shows the sentence in place
/// of the link, and `lms-report-complete` carries it as `linkError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DownloadLinkError {
    /// The report has neither `file_url` nor `attachment.url`.
    Missing,
    /// The link is blank once whitespace and control characters are removed.
    Empty,
    /// The link has a scheme other than `http`/`https` (`javascript`, `data`, …), lowercased.
    NotWeb(String),
    /// The link does not resolve to an `http:`/`https:` address without credentials.
    Invalid,
}

impl fmt::Display for DownloadLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("The report is complete, but Canvas sent no download link."),
            Self::Empty => f.write_str("Canvas sent an empty download link."),
            Self::NotWeb(scheme) => {
                write!(f, "Canvas sent a download link that is not a web address ({scheme}:), so it is not shown.")
            }
            Self::Invalid => f.write_str("Canvas sent a download link that is not a valid address."),
        }
    }
}

impl std::error::Error for DownloadLinkError {}
