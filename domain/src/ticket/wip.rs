//! Work-in-progress limits: how many cards a board column should hold at
//! most. A limit is advice, not a rule: moves into a full column are still
//! allowed (an incident cannot wait for room), and the board warns.

use super::Status;
use std::fmt;
use std::str::FromStr;

/// Limits per board column; columns without one are unlimited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WipLimits(Vec<(Status, u32)>);

impl WipLimits {
    /// The limit of `status`'s column, if it has one.
    pub fn limit(&self, status: Status) -> Option<u32> {
        self.0.iter().find(|(s, _)| *s == status).map(|(_, n)| *n)
    }
}

/// Why a limits setting was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WipError {
    /// Not `column=number`.
    Syntax(String),
    UnknownColumn(String),
    /// Archive is not a board column.
    NotOnTheBoard(Status),
    /// Zero, negative or not a number.
    BadLimit(String),
    Repeated(Status),
}

impl fmt::Display for WipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WipError::Syntax(part) => write!(f, "\"{part}\" is not column=limit (e.g. in_progress=5)"),
            WipError::UnknownColumn(c) => {
                write!(f, "\"{c}\" is not a column; use backlog, sprint, in_progress, done or release")
            }
            WipError::NotOnTheBoard(s) => write!(f, "{s} is not a board column and has no limit"),
            WipError::BadLimit(n) => write!(f, "\"{n}\" is not a limit: use a whole number from 1"),
            WipError::Repeated(s) => write!(f, "{s} has two limits"),
        }
    }
}

impl std::error::Error for WipError {}

/// `in_progress=5,sprint=8` (spaces allowed); empty means no limits.
impl FromStr for WipLimits {
    type Err = WipError;

    fn from_str(s: &str) -> Result<WipLimits, WipError> {
        let mut limits = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (column, limit) = part.split_once('=').ok_or_else(|| WipError::Syntax(part.to_string()))?;
            let (column, limit) = (column.trim(), limit.trim());
            let status: Status = column.parse().map_err(|_| WipError::UnknownColumn(column.to_string()))?;
            if !Status::BOARD.contains(&status) {
                return Err(WipError::NotOnTheBoard(status));
            }
            let n: u32 = limit
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| WipError::BadLimit(limit.to_string()))?;
            if limits.iter().any(|(s, _)| *s == status) {
                return Err(WipError::Repeated(status));
            }
            limits.push((status, n));
        }
        Ok(WipLimits(limits))
    }
}

/// Whether a column holding `count` cards is over `limit`.
pub fn over_limit(count: usize, limit: Option<u32>) -> bool {
    limit.is_some_and(|l| count > l as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_per_column() {
        let l: WipLimits = " in_progress = 5, sprint=8 ".parse().unwrap();
        assert_eq!(
            (l.limit(Status::InProgress), l.limit(Status::Sprint), l.limit(Status::Done)),
            (Some(5), Some(8), None)
        );
        assert_eq!("".parse::<WipLimits>().unwrap(), WipLimits::default());
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        let err = |s: &str| s.parse::<WipLimits>().unwrap_err().to_string();
        assert!(err("in_progress").contains("is not column=limit"));
        assert!(err("doing=3").contains("\"doing\" is not a column"));
        assert!(err("archive=3").contains("archive is not a board column"));
        assert!(err("done=0").contains("\"0\" is not a limit"));
        assert!(err("done=-2").contains("\"-2\" is not a limit"));
        assert!(err("done=2,done=3").contains("done has two limits"));
    }

    #[test]
    fn a_column_is_over_only_past_its_limit() {
        assert!(!over_limit(5, Some(5)));
        assert!(over_limit(6, Some(5)));
        assert!(!over_limit(100, None));
    }
}
