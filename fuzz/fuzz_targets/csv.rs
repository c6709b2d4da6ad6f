//! The three CSV readers (units registry, long answers, survey) on arbitrary bytes,
//! decoded as UTF-8, UTF-16 or windows-1258 with any delimiter: rows or located
//! problems, never a panic.
#![no_main]

use cchc::input::csv::{parse_answers, parse_survey, parse_units};
use cchc::base::limits::Limits;
use cchc::base::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let render = |p: Vec<cchc::base::problem::Problem>| {
        for p in &p {
            let _ = p.render(Lang::Vi);
        }
    };
    if let Err(p) = parse_units(data, "units.csv", &limits) {
        render(p);
    }
    if let Err(p) = parse_answers(data, "answers.csv", &limits) {
        render(p);
    }
    if let Err(p) = parse_survey(data, "survey.csv", &limits) {
        render(p);
    }
});
