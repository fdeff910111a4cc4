//! `kensho check`: every problem located and explained, in every format.
