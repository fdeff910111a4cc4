//! `kensho verify`: the shipped verdict and golden claims.
