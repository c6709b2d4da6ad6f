//! The scoring semantics on small hand-made schemes, each checked against numbers worked
//! out by hand or published by a province.

use crate::util::{Case, scheme};
use cchc::jobs::score::Failure;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use unicode_normalization::UnicodeNormalization;

const ONE_LEAF_100: &str = r#"
[[node]]
code = "1"
name = "Lĩnh vực 1"
max = 100

[[node]]
code = "1.1"
name = "Điểm"
max = 100
"#;

fn units(codes: &[&str]) -> String {
    let mut s = "unit,name,group\n".to_string();
    for c in codes {
        s.push_str(&format!("{c},Đơn vị {c},so\n"));
    }
    s
}

/// (index, rank, band); rank 0 = not ranked.
fn index_of(scored: &cchc::jobs::score::Scored, unit: &str) -> (Decimal, usize, String) {
    let u = scored
        .units
        .iter()
        .find(|u| u.score.unit.code == unit)
        .expect("unit scored");
    (u.score.index, u.rank.unwrap_or(0), u.band.clone())
}

#[test]
fn thanh_hoa_ban_dan_toc_68_32_of_84_is_81_33() {
    // Thanh Hóa 2023: 68.32 points, 16 points of criteria not applicable → 81.33 %.
    let criteria = scheme("half-up")
        + r#"
[[node]]
code = "1"
name = "Phần áp dụng"
max = 84
[[node]]
code = "1.1"
name = "Điểm"
max = 84
[[node]]
code = "2"
name = "Phần không áp dụng"
max = 16
[[node]]
code = "2.1"
name = "Tiêu chí KAD"
max = 16
optional = true
"#;
    let case = Case::new(
        &criteria,
        &units(&["BDT"]),
        "unit,criterion,self\nBDT,1.1,\"68,32\"\nBDT,2.1,Không áp dụng\n",
    );
    let s = case.scored();
    let u = &s.units[0].score;
    assert_eq!(
        (u.points, u.max, u.index),
        (dec!(68.32), dec!(84), dec!(81.33))
    );
    assert_eq!(s.units[0].band, "Tốt");
}

#[test]
fn nam_dinh_62_62_of_70_truncates_to_89_45_and_rounds_half_up_to_89_46() {
    let tree = r#"
[[node]]
code = "1"
name = "Phần thẩm định"
max = 70
[[node]]
code = "1.1"
name = "Điểm thẩm định"
max = 70
"#;
    let answers = "unit,criterion,self,appraised\nND,1.1,\"64,75\",\"62,62\"\n";
    let truncate = Case::new(&(scheme("truncate") + tree), &units(&["ND"]), answers).scored();
    let half_up = Case::new(&(scheme("half-up") + tree), &units(&["ND"]), answers).scored();
    assert_eq!(truncate.units[0].score.index, dec!(89.45));
    assert_eq!(half_up.units[0].score.index, dec!(89.46));
    assert_eq!(half_up.units[0].score.self_points, Some(dec!(64.75)));
    assert_eq!(half_up.units[0].score.points, dec!(62.62));
}

#[test]
fn an_index_of_exactly_90_is_not_above_90() {
    let answers = "unit,criterion,self\nA,1.1,90\nB,1.1,\"90,01\"\n";
    let s = Case::new(
        &(scheme("half-up") + ONE_LEAF_100),
        &units(&["A", "B"]),
        answers,
    )
    .scored();
    assert_eq!(index_of(&s, "A"), (dec!(90.00), 2, "Tốt".into()));
    assert_eq!(index_of(&s, "B"), (dec!(90.01), 1, "Xuất sắc".into()));
}

#[test]
fn equal_indices_share_a_rank_and_the_next_rank_is_skipped() {
    let answers = "unit,criterion,self\nA,1.1,70\nB,1.1,75\nC,1.1,80\nD,1.1,75\n";
    let s = Case::new(
        &(scheme("half-up") + ONE_LEAF_100),
        &units(&["A", "B", "C", "D"]),
        answers,
    )
    .scored();
    let order: Vec<(&str, Option<usize>, bool)> = s
        .units
        .iter()
        .map(|u| (u.score.unit.code.as_str(), u.rank, u.tied))
        .collect();
    assert_eq!(
        order,
        [
            ("C", Some(1), false),
            ("B", Some(2), true),
            ("D", Some(2), true),
            ("A", Some(4), false)
        ]
    );
}

#[test]
fn ties_are_decided_on_the_rounded_index() {
    // 80.004 and 80.001 both round to 80.00: same rank.
    let criteria = scheme("half-up")
        + r#"
[[node]]
code = "1"
name = "L"
max = 100
[[node]]
code = "1.1"
name = "Điểm"
max = 100
step = 0.001
"#;
    let answers = "unit,criterion,self\nA,1.1,\"80,004\"\nB,1.1,\"80,001\"\n";
    let s = Case::new(&criteria, &units(&["A", "B"]), answers).scored();
    assert!(
        s.units
            .iter()
            .all(|u| u.rank == Some(1) && u.score.index == dec!(80.00))
    );
}

const MIXED: &str = r#"
[[node]]
code = "1"
name = "Chỉ đạo điều hành"
max = 10
[[node]]
code = "1.1"
name = "Kế hoạch"
max = 4
[[node]]
code = "1.1.1"
name = "Ban hành kế hoạch"
max = 1
score = "levels"
levels = [ { answer = "Kịp thời", points = 1 }, { answer = "Không kịp thời", points = 0.5 }, { answer = "Không ban hành", points = 0 } ]
[[node]]
code = "1.1.2"
name = "Mức độ thực hiện kế hoạch"
max = 2
score = "tiers"
tiers = [ { above = 90, points = 2 }, { min = 70, points = 1 }, { min = 0, points = 0 } ]
[[node]]
code = "1.1.3"
name = "Kết quả rõ ràng"
max = 1
score = "yes-no"
[[node]]
code = "1.2"
name = "Hồ sơ đúng hạn"
max = 4
score = "ratio"
[[node]]
code = "1.3"
name = "Kiểm tra"
max = 2
step = 0.5
optional = true
[[node]]
code = "2"
name = "Tác động"
max = 10
[[node]]
code = "2.1"
name = "Hài lòng"
max = 10
score = "ratio"
source = "survey"

[[adjustment]]
code = "T1"
name = "Sáng kiến"
kind = "bonus"
cap = 2
[[adjustment]]
code = "P1"
name = "Vi phạm"
kind = "penalty"
cap = 1
"#;

#[test]
fn every_rule_kind_survey_kad_and_adjustments_count() {
    let nfd: String = "KHÔNG KỊP THỜI".nfd().collect();
    let answers = format!(
        "unit,criterion,self,appraised\n\
         A,1.1.1,{nfd},\n\
         A,1.1.2,\"90%\",\n\
         A,1.1.3,Đạt,\n\
         A,1.2,\"93,5%\",\"412/440\"\n\
         A,1.3,KAD,\n\
         A,T1,1,\n\
         A,P1,\"0,5\",\n"
    );
    let s = Case::new(&(scheme("half-up") + MIXED), &units(&["A"]), &answers)
        .survey("unit,criterion,value\nA,2.1,\"87,5%\"\n")
        .scored();
    let u = &s.units[0].score;
    // 0.5 (NFD level) + 1 (90 is not above 90) + 1 (yes) + 4 × 412/440 = 3.745454… → 3.75
    // + KAD (no points, max −2) + survey 10 × 87.5 % = 8.75; bonus 1, penalty 0.5.
    assert_eq!(
        u.points,
        dec!(0.5) + dec!(1) + dec!(1) + dec!(3.75) + dec!(8.75) + dec!(1) - dec!(0.5)
    );
    assert_eq!(u.max, dec!(18));
    assert_eq!(u.index, dec!(86.11)); // 15.5 / 18 = 86.111…
    // Self answers: 93.5 % of 4 = 3.74 instead of 3.75.
    assert_eq!(u.self_points, Some(u.points - dec!(0.01)));
    let fields: Vec<(String, Decimal, Decimal, Option<Decimal>)> = u
        .fields
        .iter()
        .map(|f| (f.code.clone(), f.points, f.max, f.index))
        .collect();
    assert_eq!(
        fields,
        [
            ("1".into(), dec!(6.25), dec!(8), Some(dec!(78.13))),
            ("2".into(), dec!(8.75), dec!(10), Some(dec!(87.50)))
        ]
    );
}

#[test]
fn kad_lowers_the_maximum_but_a_zero_does_not() {
    let base =
        "unit,criterion,self\n{u},1.1.1,Kịp thời\n{u},1.1.2,95\n{u},1.1.3,Có\n{u},1.2,100%\n";
    let answers = format!(
        "{}{}A,1.3,KAD\nB,1.3,0\n",
        base.replace("{u}", "A"),
        base.replace("{u}", "B")
            .replacen("unit,criterion,self\n", "", 1)
    );
    let s = Case::new(&(scheme("half-up") + MIXED), &units(&["A", "B"]), &answers)
        .survey("unit,criterion,value\nA,2.1,100\nB,2.1,100\n")
        .scored();
    let a = &s
        .units
        .iter()
        .find(|u| u.score.unit.code == "A")
        .unwrap()
        .score;
    let b = &s
        .units
        .iter()
        .find(|u| u.score.unit.code == "B")
        .unwrap()
        .score;
    assert_eq!(
        (a.points, a.max, a.index),
        (dec!(18), dec!(18), dec!(100.00))
    );
    assert_eq!(
        (b.points, b.max, b.index),
        (dec!(18), dec!(20), dec!(90.00))
    );
}

#[test]
fn the_self_stage_ignores_appraisal() {
    let answers = "unit,criterion,self,appraised\nA,1.1,95,80\n";
    let case = Case::new(&(scheme("half-up") + ONE_LEAF_100), &units(&["A"]), answers);
    assert_eq!(case.scored().units[0].score.points, dec!(80));
    assert_eq!(case.self_stage().scored().units[0].score.points, dec!(95));
}

#[test]
fn bonus_can_lift_points_over_max_but_the_index_is_clamped_to_100() {
    let criteria = scheme("half-up")
        + ONE_LEAF_100
        + "[[adjustment]]\ncode = \"T1\"\nname = \"Thưởng\"\nkind = \"bonus\"\ncap = 2\n";
    let answers = "unit,criterion,self\nA,1.1,99\nA,T1,2\n";
    let s = Case::new(&criteria, &units(&["A"]), answers).scored();
    assert_eq!(
        (s.units[0].score.points, s.units[0].score.index),
        (dec!(101), dec!(100.00))
    );
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let answers = "unit,criterion,self,appraised\n\
        A,1.1.1,Muộn,\n\
        A,1.1.2,95,\n\
        A,1.1.2,90,\n\
        A,1.1.3,Có,\n\
        A,1.2,KAD,\n\
        A,1.3,\"2,5\",\n\
        A,9.9,1,\n\
        A,2.1,10,\n\
        ZZ,1.1.1,Kịp thời,\n\
        B,1.1.1,Kịp thời,\n";
    let err = Case::new(&(scheme("half-up") + MIXED), &units(&["A", "B"]), answers)
        .survey("unit,criterion,value\nA,2.1,90\n")
        .score()
        .expect_err("must fail");
    let Failure::Data(problems) = err else {
        panic!("expected data problems")
    };
    let lines: Vec<String> = problems
        .iter()
        .map(|p| p.render(cchc::base::lang::Lang::En))
        .collect();
    let expect = [
        "answers.csv row 2 (column self): unit A, criterion 1.1.1: \"Muộn\" is not a valid level",
        "answers.csv row 4: unit A, criterion 1.1.2: the criterion already has an answer at",
        "answers.csv row 6 (column self): unit A, criterion 1.2: \"KAD\" (not applicable) is not allowed",
        "answers.csv row 7 (column self): unit A, criterion 1.3: points 2.5 exceed the maximum 2",
        "answers.csv row 8: unit A: criterion code \"9.9\" is not in the criteria file",
        "answers.csv row 9 (column self): unit A, criterion 2.1: the unit wrote \"10\" for a survey criterion",
        "answers.csv row 10: unit ZZ: the unit is not in the units registry",
        "unit B, criterion 1.1.2: the answer is missing",
        "unit B, criterion 2.1: no survey result in the --survey file",
    ];
    for e in expect {
        assert!(
            lines.iter().any(|l| l.contains(e)),
            "missing {e:?} in\n{}",
            lines.join("\n")
        );
    }
    assert_eq!(
        problems.iter().filter(|p| p.is_error()).count(),
        lines.len()
    );
    assert_eq!(lines.len(), 12, "{}", lines.join("\n"));
}
