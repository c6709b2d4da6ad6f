//! The unit map (`previous,current`, last year's codes to this year's) on arbitrary
//! bytes: rows or located problems, never a panic; every row read names both codes.
#![no_main]

use cchc::base::lang::Lang;
use cchc::base::limits::Limits;
use cchc::input::unit_map::read_unit_map;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("cchc-fuzz-map-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("map.csv");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match read_unit_map(&path, &Limits::default()) {
        Ok(rows) => {
            for r in &rows {
                assert!(!r.previous.is_empty() && !r.current.is_empty(), "{r:?}");
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let _ = p.render(Lang::Vi);
            }
        }
    }
});
