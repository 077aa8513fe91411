//! Protocols that run on the kernel.

pub mod pingpong;
