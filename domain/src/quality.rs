//! Ratings and the monthly quality score (seed 000 §6, seed 004, SPEC §6).
//!
//! After a release is accepted the client rates the ticket 1–5, once per
//! release cycle (a reopen starts a new one). The month's average, for the
//! desk and per agent, falls into a band: good ≥ 4.7, normal ≥ 4.0,
//! unacceptable below — the bands are the desk's settings.

use crate::text::{self, TextProblem};
use crate::ticket::{Permission, Role, Status};
use serde::{Deserialize, Serialize};

/// The longest comment a rating may carry, in characters.
pub const MAX_RATING_COMMENT_CHARS: usize = 2000;

/// A rating: 1 (worst) to 5 (best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    pub fn new(value: u8) -> Option<Score> {
        (1..=5).contains(&value).then_some(Score(value))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = String;
    fn try_from(value: u8) -> Result<Score, String> {
        Score::new(value).ok_or_else(|| format!("a rating is 1 to 5, not {value}"))
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

/// A rating's optional comment: trimmed, within its limit, or none.
pub fn rating_comment(raw: Option<&str>) -> Result<Option<String>, TextProblem> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => text::bounded(c, MAX_RATING_COMMENT_CHARS).map(Some),
    }
}

/// Where a ticket stands for rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingTarget {
    pub status: Status,
    /// The ticket's last release cycle, if it has one and it was not
    /// reopened: the cycle a rating belongs to.
    pub open_cycle: Option<i64>,
    /// Whether that cycle has been rated already.
    pub cycle_rated: bool,
}

/// Why a rating is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("only the client rates a ticket")]
    NotClient,
    #[error("a ticket is rated after its release is accepted")]
    NotAccepted,
    #[error("this release has been rated already")]
    AlreadyRated,
}

impl RatingError {
    /// The stable code of the API's error.
    pub fn code(self) -> &'static str {
        match self {
            RatingError::NotClient => "not_client",
            RatingError::NotAccepted => "not_accepted",
            RatingError::AlreadyRated => "already_rated",
        }
    }
}

/// May `role` rate a ticket standing at `target`? Returns the release cycle
/// the rating belongs to. Only clients rate (never an agent, SPEC §1);
/// only a closed ticket whose last release was accepted — by the client,
/// or by the automatic archive after ten days of silence — and each
/// release once. A rejected ticket has no release to rate.
pub fn check_rating(role: Role, target: &RatingTarget) -> Result<i64, RatingError> {
    if !role.can(Permission::Rate) {
        return Err(RatingError::NotClient);
    }
    let cycle = match (target.status, target.open_cycle) {
        (Status::Archive, Some(cycle)) => cycle,
        _ => return Err(RatingError::NotAccepted),
    };
    if target.cycle_rated {
        return Err(RatingError::AlreadyRated);
    }
    Ok(cycle)
}

/// An average score in hundredths (4.70 = 470), as bands and settings
/// store it: integers compare the same on every database.
pub type Hundredths = u16;

/// The lowest averages of the good and normal bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityBands {
    pub good_from: Hundredths,
    pub normal_from: Hundredths,
}

impl Default for QualityBands {
    /// Seed 000 §6: good ≥ 4.7, normal ≥ 4.0.
    fn default() -> QualityBands {
        QualityBands { good_from: 470, normal_from: 400 }
    }
}

/// Why bands are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BandsError {
    #[error("a band starts between 1.00 and 5.00")]
    OutOfRange,
    #[error("the good band must start above the normal band")]
    Unordered,
}

impl QualityBands {
    pub fn new(good_from: Hundredths, normal_from: Hundredths) -> Result<QualityBands, BandsError> {
        if ![good_from, normal_from].iter().all(|b| (100..=500).contains(b)) {
            return Err(BandsError::OutOfRange);
        }
        if good_from <= normal_from {
            return Err(BandsError::Unordered);
        }
        Ok(QualityBands { good_from, normal_from })
    }

    /// The band of an average, in hundredths.
    pub fn band(self, average: Hundredths) -> Band {
        if average >= self.good_from {
            Band::Good
        } else if average >= self.normal_from {
            Band::Normal
        } else {
            Band::Unacceptable
        }
    }
}

/// How a month's average reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Good,
    Normal,
    Unacceptable,
}

impl Band {
    pub fn code(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Normal => "normal",
            Band::Unacceptable => "unacceptable",
        }
    }
}

/// The ratings of a month (of the desk, or of one agent): how many, their
/// sum, and from these the average and its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quality {
    pub count: u32,
    pub sum: u32,
}

impl Quality {
    pub fn add(&mut self, other: Quality) {
        self.count += other.count;
        self.sum += other.sum;
    }

    /// The average in hundredths, rounded half up; none without ratings.
    /// Integer arithmetic: 4.695 is 470 (good) on every machine.
    pub fn average(self) -> Option<Hundredths> {
        (self.count > 0).then(|| {
            ((u64::from(self.sum) * 200 + u64::from(self.count)) / (2 * u64::from(self.count))) as Hundredths
        })
    }

    pub fn band(self, bands: QualityBands) -> Option<Band> {
        self.average().map(|a| bands.band(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_one_to_five() {
        assert_eq!(Score::new(0), None);
        assert_eq!(Score::new(6), None);
        assert_eq!(Score::new(5).map(Score::get), Some(5));
        assert!(serde_json::from_str::<Score>("7").is_err());
        assert_eq!(serde_json::from_str::<Score>("3").unwrap().get(), 3);
    }

    #[test]
    fn only_a_client_rates_an_accepted_release_once() {
        let accepted = RatingTarget { status: Status::Archive, open_cycle: Some(9), cycle_rated: false };
        assert_eq!(check_rating(Role::Client, &accepted), Ok(9));
        for agent in [Role::Operator, Role::Consultant, Role::Lead, Role::Admin] {
            assert_eq!(check_rating(agent, &accepted), Err(RatingError::NotClient));
        }
        let rated = RatingTarget { cycle_rated: true, ..accepted };
        assert_eq!(check_rating(Role::Client, &rated), Err(RatingError::AlreadyRated));
        // Still in Release: accept first. Rejected (no release) or reopened
        // (its cycle closed): nothing to rate.
        let released = RatingTarget { status: Status::Release, ..accepted };
        assert_eq!(check_rating(Role::Client, &released), Err(RatingError::NotAccepted));
        let rejected = RatingTarget { open_cycle: None, ..accepted };
        assert_eq!(check_rating(Role::Client, &rejected), Err(RatingError::NotAccepted));
    }

    #[test]
    fn comments_are_optional_and_bounded() {
        assert_eq!(rating_comment(None), Ok(None));
        assert_eq!(rating_comment(Some("   ")), Ok(None));
        assert_eq!(rating_comment(Some(" Спасибо! ")), Ok(Some("Спасибо!".into())));
        assert!(rating_comment(Some(&"я".repeat(MAX_RATING_COMMENT_CHARS + 1))).is_err());
        assert!(rating_comment(Some(&"я".repeat(MAX_RATING_COMMENT_CHARS))).is_ok());
    }

    #[test]
    fn averages_fall_into_the_seed_bands() {
        let bands = QualityBands::default();
        let q = |sum, count| Quality { sum, count };
        assert_eq!(q(0, 0).average(), None);
        // 5, 5, 4 → 4.67: normal, not good.
        assert_eq!(q(14, 3).average(), Some(467));
        assert_eq!(q(14, 3).band(bands), Some(Band::Normal));
        // 4.7 exactly is good; 4.695 rounds to 4.70.
        assert_eq!(q(47, 10).band(bands), Some(Band::Good));
        assert_eq!(q(939, 200).average(), Some(470));
        assert_eq!(q(4, 1).band(bands), Some(Band::Normal));
        assert_eq!(q(399, 100).band(bands), Some(Band::Unacceptable));
        let mut total = q(5, 1);
        total.add(q(3, 1));
        assert_eq!(total.average(), Some(400));
    }

    #[test]
    fn bands_are_checked() {
        assert_eq!(QualityBands::new(470, 400), Ok(QualityBands::default()));
        assert_eq!(QualityBands::new(400, 400), Err(BandsError::Unordered));
        assert_eq!(QualityBands::new(501, 400), Err(BandsError::OutOfRange));
        assert_eq!(QualityBands::new(450, 99), Err(BandsError::OutOfRange));
        let strict = QualityBands::new(480, 450).unwrap();
        assert_eq!(strict.band(470), Band::Normal);
    }
}
