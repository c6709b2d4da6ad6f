//! Scoring floor: reading one answer under its rule ([`answer`]), putting each unit's
//! answers together ([`assemble`]), laying the appraisal and appeals over them
//! ([`layers`]), scoring ([`scoring`]), ranking and grading
//! ([`ranking`]), each group's statistics ([`stats`]), and keeping where every answer
//! came from ([`trace`]); what a run input that could not be used leaves unsaid
//! ([`unusable`]).

pub mod answer;
pub mod assemble;
pub mod layers;
pub mod ranking;
pub mod scoring;
pub mod stage;
pub mod stats;
pub mod trace;
pub mod units;
pub mod unusable;
