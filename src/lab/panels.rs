//! ZooKeeper-specific lab panels (placeholder until the panels land).
