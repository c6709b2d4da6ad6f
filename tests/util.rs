//! Test helpers: a scratch folder with a criteria file, a registry, answers and a
//! survey; running the library pipeline or the binary on it.

use assert_cmd::Command;
use cchc::jobs::score::{Failure, ScoreRequest, Scored, score};
use cchc::score::stage::Stage;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A scratch folder holding the inputs of one scoring run.
pub struct Case {
    pub dir: TempDir,
    pub survey: bool,
    pub stage: Stage,
}

impl Case {
    /// A case with a criteria file, a registry and one answers CSV.
    pub fn new(criteria: &str, units: &str, answers: &str) -> Case {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("criteria.toml"), criteria).unwrap();
        std::fs::write(dir.path().join("units.csv"), units).unwrap();
        std::fs::create_dir(dir.path().join("answers")).unwrap();
        std::fs::write(dir.path().join("answers/answers.csv"), answers).unwrap();
        Case {
            dir,
            survey: false,
            stage: Stage::Final,
        }
    }

    /// Adds a survey file.
    pub fn survey(mut self, survey: &str) -> Case {
        std::fs::write(self.dir.path().join("survey.csv"), survey).unwrap();
        self.survey = true;
        self
    }

    /// Scores the self answers only.
    pub fn self_stage(mut self) -> Case {
        self.stage = Stage::SelfAssessment;
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn request(&self) -> ScoreRequest {
        ScoreRequest {
            criteria: self.path("criteria.toml"),
            units: self.path("units.csv"),
            survey: self.survey.then(|| self.path("survey.csv")),
            inputs: vec![self.path("answers")],
            stage: self.stage,
            skip_invalid: false,
            outputs: vec![],
            ..ScoreRequest::default()
        }
    }

    /// Runs the library pipeline.
    pub fn score(&self) -> Result<Scored, Failure> {
        score(&self.request())
    }

    /// Runs the pipeline and expects success.
    pub fn scored(&self) -> Scored {
        match self.score() {
            Ok(s) => s,
            Err(Failure::Data(p)) | Err(Failure::Criteria(p)) => {
                let lines: Vec<String> = p
                    .iter()
                    .map(|p| p.render(cchc::base::lang::Lang::En))
                    .collect();
                panic!("scoring failed:\n{}", lines.join("\n"))
            }
            Err(e) => panic!("scoring failed: {e:?}"),
        }
    }
}

/// The binary under test, with a clean environment for reproducible output.
pub fn cchc() -> Command {
    let mut c = Command::cargo_bin("cchc").expect("binary");
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

/// The repository root (for shipped criteria and samples).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A one-group scheme header with the issue's example bands.
pub fn scheme(rounding: &str) -> String {
    format!(
        r#"[scheme]
id = "test"
version = "2026.1"
year = 2026
title = "Bộ chỉ số thử"
rounding = "{rounding}"

[[group]]
id = "so"
name = "Khối sở"
bands = [
  {{ label = "Xuất sắc", above = 90 }},
  {{ label = "Tốt", min = 80 }},
  {{ label = "Khá", min = 70 }},
  {{ label = "Trung bình", min = 50 }},
  {{ label = "Yếu", min = 0 }},
]
"#
    )
}

/// Every file under `dir` whose extension is one of `exts`, or that has none and is a
/// zip archive (the fuzz corpus), into `out`.
pub fn workbooks(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            workbooks(&p, exts, out);
            continue;
        }
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        let zipped = || {
            std::fs::read(&p)
                .map(|b| b.starts_with(b"PK\x03\x04"))
                .unwrap_or(false)
        };
        if exts.contains(&ext) || (ext.is_empty() && zipped()) {
            out.push(p);
        }
    }
}
