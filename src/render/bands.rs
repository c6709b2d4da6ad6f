//! One colour slot per band label across the whole criteria file, so that a grade has one
//! colour in every group, sheet, chart and result sheet ("Tốt" is the same blue in a
//! five-band group and in a four-band one). The five usual labels (Xuất sắc, Tốt, Khá,
//! Trung bình, Yếu/Kém) keep fixed slots; other labels are put in one order that every
//! group's order agrees with, best first.

use crate::base::label::normalize_label;
use crate::criteria::Criteria;
use std::collections::HashMap;

/// The usual Vietnamese grade labels, best first, with their fixed slots of five.
const USUAL: [(&str, usize); 6] = [
    ("xuất sắc", 0),
    ("tốt", 1),
    ("khá", 2),
    ("trung bình", 3),
    ("yếu", 4),
    ("kém", 4),
];

/// The colour slot of every band label of a criteria file.
#[derive(Clone, Debug, Default)]
pub struct BandSlots {
    slots: HashMap<String, usize>,
    count: usize,
}

impl BandSlots {
    /// The slots of `c`'s band labels.
    pub fn new(c: &Criteria) -> BandSlots {
        let lists: Vec<Vec<String>> = c
            .groups
            .iter()
            .map(|g| g.bands.iter().map(|b| normalize_label(&b.label)).collect())
            .collect();
        let usual: HashMap<&str, usize> = USUAL.iter().copied().collect();
        if lists
            .iter()
            .flatten()
            .all(|l| usual.contains_key(l.as_str()))
        {
            let slots = lists
                .iter()
                .flatten()
                .map(|l| (l.clone(), usual[l.as_str()]))
                .collect();
            return BandSlots { slots, count: 5 };
        }
        let order = merged_order(&lists);
        BandSlots {
            count: order.len(),
            slots: order.into_iter().enumerate().map(|(i, l)| (l, i)).collect(),
        }
    }

    /// (slot, number of slots) of a band label; an unknown label takes the last slot.
    pub fn slot(&self, label: &str) -> (usize, usize) {
        let count = self.count.max(1);
        let slot = self
            .slots
            .get(&normalize_label(label))
            .copied()
            .unwrap_or(count - 1);
        (slot, count)
    }
}

/// The distinct labels in one order that keeps every list's order where the lists agree
/// (a label is placed once all labels listed before it somewhere are placed); among the
/// labels that could come next, the one with the best mean relative position first.
fn merged_order(lists: &[Vec<String>]) -> Vec<String> {
    let mut mean: HashMap<&str, (f64, f64)> = HashMap::new();
    for list in lists {
        let n = list.len().saturating_sub(1).max(1) as f64;
        for (i, l) in list.iter().enumerate() {
            let e = mean.entry(l.as_str()).or_default();
            e.0 += i as f64 / n;
            e.1 += 1.0;
        }
    }
    let mut labels: Vec<&str> = mean.keys().copied().collect();
    labels.sort_by(|a, b| {
        let (ma, mb) = (mean[a].0 / mean[a].1, mean[b].0 / mean[b].1);
        ma.total_cmp(&mb).then_with(|| a.cmp(b))
    });
    let before = |x: &str, y: &str| {
        lists.iter().any(|list| {
            let px = list.iter().position(|l| l == x);
            let py = list.iter().position(|l| l == y);
            matches!((px, py), (Some(px), Some(py)) if px < py)
        })
    };
    let mut out: Vec<String> = Vec::new();
    while !labels.is_empty() {
        // The first (by mean position) label nothing unplaced must precede; in a cycle
        // (two groups disagree) simply the first.
        let k = labels
            .iter()
            .position(|&l| !labels.iter().any(|&o| o != l && before(o, l)))
            .unwrap_or(0);
        out.push(labels.remove(k).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn other_labels_are_merged_in_every_group_order() {
        let lists = [
            v(&["nhóm a", "nhóm b", "nhóm c"]),
            v(&["nhóm a", "nhóm a+", "nhóm b"]),
        ];
        let order = merged_order(&lists);
        let pos = |l: &str| order.iter().position(|x| x == l).unwrap();
        assert_eq!(order.len(), 4);
        assert!(pos("nhóm a") < pos("nhóm a+"));
        assert!(pos("nhóm a+") < pos("nhóm b"));
        assert!(pos("nhóm b") < pos("nhóm c"));
    }
}
