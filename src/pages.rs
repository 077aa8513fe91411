//! One component per route.

pub mod compare;
pub mod home;
pub mod lesson;
pub mod not_found;
