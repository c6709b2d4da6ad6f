//! The lines of a published document's header, in words, for every format that prints
//! one (the report, the result sheets): the issuing authority and the national motto,
//! the place-and-date line, the results decision the tables are annexed to, and the
//! criteria decision they are based on ("Căn cứ …"). Only what the office gave is
//! printed; a date is never taken from the clock.

use crate::base::lang::Lang;
use crate::criteria::Criteria;
use crate::jobs::score::Publication;

/// The national motto, two lines (Decree 30/2020/NĐ-CP, Phụ lục I).
pub fn motto(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SOCIALIST REPUBLIC OF VIETNAM",
        ),
        lang.pick(
            "Độc lập - Tự do - Hạnh phúc",
            "Independence - Freedom - Happiness",
        ),
    ]
}

/// The issuing authority, upper-cased as a header prints it.
pub fn authority(p: &Publication) -> Option<String> {
    let a = p.authority.as_deref()?.trim();
    (!a.is_empty()).then(|| a.to_uppercase())
}

/// "Cà Mau, ngày 15 tháng 12 năm 2026". Without a date the day, month and year are left
/// as dots to be written by hand ("Cà Mau, ngày … tháng … năm …"); without a place the
/// date alone. `None` when neither was given.
pub fn place_date(p: &Publication, lang: Lang) -> Option<String> {
    let place = p.place.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let date = p.date.map(|d| d.long(lang));
    match (place, date) {
        (None, None) => None,
        (Some(place), Some(date)) => Some(format!("{place}, {date}")),
        (Some(place), None) => Some(format!(
            "{place}, {}",
            lang.pick("ngày … tháng … năm …", "(date)")
        )),
        (None, Some(date)) => Some(capitalised(&date)),
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The results decision as a document names it: a bare number ("123/QĐ-UBND") gets
/// "Quyết định số" ("Decision No.") in front.
pub fn decision_name(decision: &str, lang: Lang) -> String {
    let d = decision.trim();
    if d.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{} {d}", lang.pick("Quyết định số", "Decision No."))
    } else {
        d.to_string()
    }
}

/// "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 12 năm 2026)": the results
/// decision the tables are annexed to; `None` when none was given.
pub fn annex(p: &Publication, lang: Lang) -> Option<String> {
    let d = p
        .decision
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let name = decision_name(d, lang);
    let date = p.date.map(|x| match lang {
        Lang::Vi => format!(" {}", x.long(lang)),
        Lang::En => format!(" of {}", x.long(lang)),
    });
    Some(format!(
        "({} {name}{})",
        lang.pick("Kèm theo", "Annex to"),
        date.unwrap_or_default()
    ))
}

/// "Căn cứ Quyết định số 0000/QĐ-UBND …": the decision that issued the criteria, the
/// legal basis of the scores (not the decision that announces them).
pub fn basis(c: &Criteria, lang: Lang) -> Option<String> {
    let d = c.scheme.decision.as_deref()?.trim();
    (!d.is_empty()).then(|| format!("{} {d}", lang.pick("Căn cứ", "Under")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::Date;

    fn publication() -> Publication {
        Publication {
            authority: Some("Ủy ban nhân dân tỉnh Cà Mau".into()),
            decision: Some("123/QĐ-UBND".into()),
            date: Date::parse_iso("2026-02-05"),
            place: Some("Cà Mau".into()),
        }
    }

    #[test]
    fn the_header_lines_say_what_the_office_gave() {
        let p = publication();
        assert_eq!(
            authority(&p).as_deref(),
            Some("ỦY BAN NHÂN DÂN TỈNH CÀ MAU")
        );
        assert_eq!(
            place_date(&p, Lang::Vi).as_deref(),
            Some("Cà Mau, ngày 05 tháng 02 năm 2026")
        );
        assert_eq!(
            annex(&p, Lang::Vi).as_deref(),
            Some("(Kèm theo Quyết định số 123/QĐ-UBND ngày 05 tháng 02 năm 2026)")
        );
        assert_eq!(
            annex(&p, Lang::En).as_deref(),
            Some("(Annex to Decision No. 123/QĐ-UBND of 5 February 2026)")
        );
    }

    #[test]
    fn what_is_missing_is_left_to_be_written_by_hand() {
        let p = Publication {
            date: None,
            decision: Some("Quyết định số 7/QĐ-SNV".into()),
            ..publication()
        };
        assert_eq!(
            place_date(&p, Lang::Vi).as_deref(),
            Some("Cà Mau, ngày … tháng … năm …")
        );
        assert_eq!(
            annex(&p, Lang::Vi).as_deref(),
            Some("(Kèm theo Quyết định số 7/QĐ-SNV)")
        );
        let date_only = Publication {
            date: Date::parse_iso("2026-12-15"),
            ..Publication::default()
        };
        assert_eq!(
            place_date(&date_only, Lang::Vi).as_deref(),
            Some("Ngày 15 tháng 12 năm 2026")
        );
        let none = Publication::default();
        assert_eq!(place_date(&none, Lang::Vi), None);
        assert_eq!(annex(&none, Lang::Vi), None);
        assert_eq!(authority(&none), None);
    }
}
