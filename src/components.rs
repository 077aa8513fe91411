//! Reusable pieces of the page.

pub mod ensemble;
pub mod footer;
pub mod header;
pub mod lesson_card;
