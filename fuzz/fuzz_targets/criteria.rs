//! The criteria parser and validator on arbitrary bytes: any input ends in `Ok` or a
//! list of located problems, never a panic; a valid file's summary can be rendered.
#![no_main]

use cchc::criteria::{describe_rule, parse};
use cchc::base::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse(data, "fuzz.toml") {
        Ok(c) => {
            for n in &c.nodes {
                let _ = describe_rule(n, Lang::Vi);
            }
            for g in &c.groups {
                let _ = c.total_max(&g.id);
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let _ = p.render(Lang::En);
            }
        }
    }
});
