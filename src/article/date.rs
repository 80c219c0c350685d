//! Publication dates: parsing the many ways news sources write them, and printing them.

use chrono::{FixedOffset, NaiveDateTime};
use serde::{Serialize, Serializer};
use std::fmt;

/// A publication date-time: local wall-clock time plus the zone offset when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    /// Local date and time as written by the source (midnight when only a date is given).
    pub local: NaiveDateTime,
    /// The zone offset, when the source names one (WIB is +07:00).
    pub offset: Option<FixedOffset>,
    /// Whether the source gave a time of day, not just a date.
    pub has_time: bool,
}

impl Published {
    /// A key for ordering by instant: UTC when the zone is known, local time otherwise.
    pub fn sort_key(&self) -> NaiveDateTime {
        match self.offset {
            Some(offset) => self.local - chrono::Duration::seconds(offset.local_minus_utc().into()),
            None => self.local,
        }
    }
}

impl fmt::Display for Published {
    /// RFC 3339 when the zone is known (`2023-01-30T15:30:00+07:00`), otherwise the local
    /// form (`2023-01-30T15:30:00`), or the date alone (`2023-01-30`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.has_time {
            return write!(f, "{}", self.local.format("%Y-%m-%d"));
        }
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        if let Some(offset) = self.offset {
            write!(f, "{offset}")?;
        }
        Ok(())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
