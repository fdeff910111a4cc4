//! Mutated copies of the shipped ledger never make load or check panic.
