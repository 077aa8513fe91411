//! Reusable pieces of the page.

pub mod course_catalogue;
pub mod ensemble;
pub mod field;
pub mod footer;
pub mod header;
pub mod ids;
pub mod panel;
pub mod table;
