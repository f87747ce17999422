//! Namespace labels, configuration and the namespace dry run (filled in below).
