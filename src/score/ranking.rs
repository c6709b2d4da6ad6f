//! Ranks units inside each group by rounded index (ties share a rank, the next rank is
//! skipped: 1, 2, 2, 4) and gives each its band.

use crate::base::num::natural_cmp;
use crate::criteria::Criteria;
use crate::score::scoring::UnitScore;

/// A scored unit with its place in its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankedUnit {
    pub score: UnitScore,
    /// 1-based rank inside the group; `None` for a unit kept out of the ranking
    /// (registry column `ranked`).
    pub rank: Option<usize>,
    /// Number of ranked units in the group.
    pub group_size: usize,
    /// Other units of the group share this rank.
    pub tied: bool,
    /// The band label.
    pub band: String,
}

/// Half-open index ranges of consecutive items with the same key.
fn runs<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let k = key(&items[start]);
        let len = items[start..].iter().take_while(|x| key(x) == k).count();
        out.push((start, start + len));
        start += len;
    }
    out
}

/// Orders by group (as listed in the criteria), then ranked units before the units kept
/// out of the ranking, then index (highest first), then unit code (natural order), and
/// assigns ranks (to ranked units only) and bands (to every unit).
pub fn rank(criteria: &Criteria, mut scores: Vec<UnitScore>) -> Vec<RankedUnit> {
    scores.sort_by(|a, b| {
        criteria
            .group_pos(&a.unit.group)
            .cmp(&criteria.group_pos(&b.unit.group))
            .then_with(|| a.unit.group.cmp(&b.unit.group))
            .then_with(|| b.ranked.cmp(&a.ranked))
            .then_with(|| b.index.cmp(&a.index))
            .then_with(|| natural_cmp(&a.unit.code, &b.unit.code))
    });
    let n = scores.len();
    let (mut rank, mut size, mut tied) = (vec![None; n], vec![0; n], vec![false; n]);
    for (g0, g1) in runs(&scores, |s| s.unit.group.clone()) {
        let ranked = scores[g0..g1].iter().filter(|s| s.ranked).count();
        // Ranked units come first in the group.
        for (r0, r1) in runs(&scores[g0..g0 + ranked], |s| s.index) {
            for k in g0 + r0..g0 + r1 {
                rank[k] = Some(r0 + 1);
                tied[k] = r1 - r0 > 1;
            }
        }
        for s in &mut size[g0..g1] {
            *s = ranked;
        }
    }
    scores
        .into_iter()
        .enumerate()
        .map(|(k, score)| {
            let band = criteria
                .group(&score.unit.group)
                .and_then(|g| g.band_for(score.index))
                .map(|b| b.label.clone())
                .unwrap_or_default();
            RankedUnit {
                score,
                rank: rank[k],
                group_size: size[k],
                tied: tied[k],
                band,
            }
        })
        .collect()
}
