//! Scoring floor: reading one answer under its rule ([`answer`]), putting each unit's
//! answers together ([`assemble`]), scoring ([`scoring`]), ranking and grading
//! ([`ranking`]), each group's statistics ([`stats`]), and keeping where every answer
//! came from ([`trace`]).

pub mod answer;
pub mod assemble;
pub mod ranking;
pub mod scoring;
pub mod stage;
pub mod stats;
pub mod trace;
