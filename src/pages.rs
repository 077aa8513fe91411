//! The page of each route, one component each (the lab page is
//! [`crate::lab::app::LabApp`]).

pub mod compare;
pub mod glossary;
pub mod home;
pub mod lesson;
pub mod live;
pub mod locks;
pub mod not_found;
