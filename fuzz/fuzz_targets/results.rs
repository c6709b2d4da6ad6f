//! The results reader (last year's results, read back by `compare` and `score
//! --previous`) on arbitrary bytes, as a CSV and as a JSON file: a result set or located
//! problems, never a panic; every unit read has a code.
#![no_main]

use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::input::results::read_results;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("cchc-fuzz-results-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["results.csv", "results.json"] {
        let path = dir.join(name);
        if std::fs::write(&path, data).is_err() {
            return;
        }
        match read_results(&path, &Limits::default()) {
            Ok(set) => {
                for u in &set.units {
                    assert!(!u.unit.is_empty(), "a unit without a code");
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in &problems {
                    let _ = p.render(Lang::Vi);
                }
            }
        }
    }
});
