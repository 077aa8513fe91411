//! The page of each route: plain functions of the active language's texts (the lab
//! page is the [`crate::lab::app::LabApp`] component).

pub mod compare;
pub mod home;
pub mod lesson;
pub mod not_found;
