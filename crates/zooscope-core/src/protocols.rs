//! Protocols that run on the kernel.

pub mod commit;
pub mod pingpong;
pub mod zookeeper;
