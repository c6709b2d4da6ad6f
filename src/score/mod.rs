//! Scoring floor: reading one answer under its rule ([`answer`]), putting each unit's
//! answers together ([`assemble`]), scoring ([`scoring`]), ranking and grading
//! ([`ranking`]), each group's statistics ([`stats`]), and keeping where every answer
//! came from ([`trace`]); what a run input that could not be used leaves unsaid
//! ([`unusable`]).

pub mod answer;
pub mod assemble;
pub mod ranking;
pub mod scoring;
pub mod stage;
pub mod stats;
pub mod trace;
pub mod unusable;
