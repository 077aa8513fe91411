//! Apache Curator 5.4 on the simulated Java client: the recipes Curator builds on a
//! ZooKeeper handle, each a sans-IO state machine that issues the requests Curator
//! issues, in Curator's order, and reacts to replies and watch notifications as Curator
//! does. [`cache`] holds the four caches (NodeCache, PathChildrenCache, TreeCache,
//! CuratorCache).

pub mod cache;
