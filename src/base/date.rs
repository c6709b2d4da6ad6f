//! Calendar dates as a publication states them: read from ISO text (`2026-12-15`),
//! checked (no 31 April, 29 February only in leap years), written the way Vietnamese
//! documents write them ("ngày 15 tháng 12 năm 2026") or in English. Never the clock.

use crate::base::lang::Lang;
use serde::{Serialize, Serializer};

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date of ISO text `YYYY-MM-DD`; `None` when it is not one or does not exist.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let ok = year >= 1900 && (1..=12).contains(&month) && day >= 1;
        (ok && day <= days_in(year, month)).then_some(Date { year, month, day })
    }

    /// `2026-12-15`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "ngày 15 tháng 12 năm 2026" / "15 December 2026". Decree 30/2020/NĐ-CP writes
    /// days below 10 and the months January and February with a leading zero
    /// ("ngày 05 tháng 02 năm 2026").
    pub fn long(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => {
                let month = if self.month <= 2 {
                    format!("{:02}", self.month)
                } else {
                    self.month.to_string()
                };
                format!("ngày {:02} tháng {month} năm {}", self.day, self.year)
            }
            Lang::En => {
                let name = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
                format!("{} {name} {}", self.day, self.year)
            }
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_and_checked() {
        let d = Date::parse_iso("2026-12-15").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 12, 15));
        assert_eq!(d.iso(), "2026-12-15");
        assert!(Date::parse_iso("2028-02-29").is_some());
        assert!(Date::parse_iso("2000-02-29").is_some());
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-5",
            "15/12/2026",
            "2026-12-15-1",
            "２026-12-15",
            "",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_written_as_documents_write_them() {
        let d = Date::parse_iso("2026-12-15").unwrap();
        assert_eq!(d.long(Lang::Vi), "ngày 15 tháng 12 năm 2026");
        assert_eq!(d.long(Lang::En), "15 December 2026");
        let early = Date::parse_iso("2026-02-05").unwrap();
        assert_eq!(early.long(Lang::Vi), "ngày 05 tháng 02 năm 2026");
        let march = Date::parse_iso("2026-03-05").unwrap();
        assert_eq!(march.long(Lang::Vi), "ngày 05 tháng 3 năm 2026");
    }
}
