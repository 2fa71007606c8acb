//! How much working time a target allows.

use serde::{Deserialize, Serialize};

/// An SLA budget. The JSON shape is the API's: `{"minutes": N}`,
/// `{"hours": N}`, `{"working_days": N}` or `{"calendar_hours": N}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Budget {
    /// Working (business) minutes of the calendar.
    Minutes(u32),
    /// Working (business) hours of the calendar.
    Hours(u32),
    /// N working days: the same time of day on the N-th following working day.
    WorkingDays(u32),
    /// Plain elapsed hours, ignoring the calendar (24/7 by contract).
    CalendarHours(u32),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_matches_the_api() {
        assert_eq!(serde_json::to_string(&Budget::Hours(12)).unwrap(), r#"{"hours":12}"#);
        let b: Budget = serde_json::from_str(r#"{"working_days":3}"#).unwrap();
        assert_eq!(b, Budget::WorkingDays(3));
        assert!(serde_json::from_str::<Budget>(r#"{"weeks":3}"#).is_err());
    }
}
