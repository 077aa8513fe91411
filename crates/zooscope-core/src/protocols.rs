//! Protocols that run on the kernel.

pub mod pingpong;
pub mod zookeeper;
