//! Inputs that name no answer file say so, once. (A folder the operating system cannot
//! canonicalize, e.g. a path over 260 characters under Wine, is still walked: Linux
//! canonicalizes any path it can open, so that case runs in scripts/windows-test.sh.)

use crate::util::{cchc, repo};

#[test]
fn a_folder_without_answer_files_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ghi-chu.docx"), "x").unwrap();
    let sample = repo().join("samples/so-ban-nganh");
    for (cmd, lang, text) in [
        (
            "score",
            "vi",
            "không có tệp .xlsx, .xlsm, .xls, .xlsb, .ods hay .csv nào ở đây",
        ),
        (
            "check",
            "en",
            "no .xlsx, .xlsm, .xls, .xlsb, .ods or .csv file here",
        ),
    ] {
        let out = cchc()
            .arg(cmd)
            .arg("--criteria")
            .arg(repo().join("criteria/so-ban-nganh-2026.toml"))
            .arg("--units")
            .arg(sample.join("units.csv"))
            .arg(dir.path())
            .args(["--lang", lang])
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {shown}");
        assert!(shown.contains(text), "{cmd}: {shown}");
        assert!(
            !shown.contains("no data rows") && !shown.contains("dòng dữ liệu"),
            "{shown}"
        );
        // The one reason, not a "no submission" for each of the registry's units.
        assert!(
            !shown.contains("no submission") && !shown.contains("không có bài tự đánh giá"),
            "{shown}"
        );
    }
}
