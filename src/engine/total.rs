//! Totals that depend on their parts alone, not on the order they come in. Floating-point
//! addition is not associative: the same amounts added in another order can differ in the
//! last bits. Records come in the canonical order, whose last key is the id, so a total
//! taken in record order could move when a record is renamed.

/// The sum of `values`, added from the smallest magnitude up: the same for any order of the
/// same values, and the order that loses least to rounding.
pub(crate) fn total(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.into_iter().collect();
    // Equal magnitudes of opposite sign are put in a fixed order too, so that the order of
    // additions is fully determined by the values.
    values.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()).then(a.total_cmp(b)));
    values.into_iter().sum()
}

#[cfg(test)]
mod tests {
    use super::total;

    #[test]
    fn every_order_of_the_same_values_gives_the_same_bits() {
        // Left to right, each 1 is lost against 1e16; smallest first, they add up.
        let values = [1e16, 1.0, 1.0, -3.0, 3.0, 0.1, 0.2];
        assert_eq!(values.iter().sum::<f64>(), 1e16);
        let expected = total(values);
        assert_eq!(expected, 1e16 + 2.0);
        let mut order = values;
        for _ in 0..50 {
            order.rotate_left(3);
            order.swap(1, 5);
            assert_eq!(total(order).to_bits(), expected.to_bits(), "{order:?}");
        }
        assert_eq!(total([]), 0.0);
    }
}
