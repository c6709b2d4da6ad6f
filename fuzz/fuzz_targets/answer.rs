//! Answer parsing over the nodes of a shipped criteria file: the first byte picks the
//! leaf (or bonus/penalty item), the rest is the answer text. Every answer is points
//! within the leaf's maximum, KAD where allowed, or a problem; never a panic.
#![no_main]

use cchc::score::answer::{Parsed, RatioRounding, parse_adjustment, parse_leaf};
use cchc::criteria::{Criteria, parse};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static CRITERIA: LazyLock<Criteria> = LazyLock::new(|| {
    parse(
        include_bytes!("../../criteria/so-ban-nganh-2026.toml"),
        "so-ban-nganh-2026.toml",
    )
    .expect("the shipped criteria file is valid")
});

fuzz_target!(|data: &[u8]| {
    let c = &*CRITERIA;
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let rr = RatioRounding {
        decimals: c.scheme.decimals,
        rounding: c.scheme.rounding,
    };
    let count = c.leaves.len() + c.adjustments.len();
    let i = usize::from(pick) % count;
    if let Some(&leaf) = c.leaves.get(i) {
        let node = &c.nodes[leaf];
        if let Ok(Parsed::Points { points, .. }) = parse_leaf(node, &text, rr) {
            assert!(points >= rust_decimal::Decimal::ZERO && points <= node.max, "{points} for {}", node.code);
        }
    } else {
        let adj = &c.adjustments[i - c.leaves.len()];
        if let Ok(points) = parse_adjustment(adj, &text) {
            assert!(points >= rust_decimal::Decimal::ZERO && points <= adj.cap);
        }
    }
});
