//! Shared helpers of the conformance harness.
