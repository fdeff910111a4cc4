//! A small seeded random source for the robustness draws (and the tests and the synthetic
//! ledger, which draw from the same one): SplitMix64, with the uniform,
//! normal, gamma and Dirichlet draws the Monte Carlo needs. Written here rather than taken
//! from a crate so that the same seed gives the same draws on every platform and version.

/// A seeded generator.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform among `0..n`; 0 when `n` is 0. (The modulo's bias, below 2⁻⁴⁰ for any `n`
    /// a test picks from, does not matter to the tests and generators that use it.)
    pub fn below(&mut self, n: usize) -> usize {
        match u64::try_from(n) {
            Ok(0) | Err(_) => 0,
            Ok(n) => usize::try_from(self.next_u64() % n).unwrap_or(0),
        }
    }

    /// Uniform in [-1, 1).
    pub fn symmetric(&mut self) -> f64 {
        self.uniform() * 2.0 - 1.0
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // in (0, 1], so the logarithm is finite
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 are boosted and corrected.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape <= 0.0 || !shape.is_finite() {
            return 0.0;
        }
        if shape < 1.0 {
            let boost = self.uniform().max(f64::MIN_POSITIVE).powf(1.0 / shape);
            return self.gamma(shape + 1.0) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    /// A Dirichlet draw with mean `weights` (normalised) and the given concentration: the
    /// larger, the closer draws stay to the mean. Zero weights stay zero.
    pub fn dirichlet(&mut self, weights: &[f64], concentration: f64) -> Vec<f64> {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if total <= 0.0 {
            return weights.to_vec();
        }
        let draws: Vec<f64> = weights
            .iter()
            .map(|&w| {
                if w > 0.0 {
                    self.gamma(concentration * w / total)
                } else {
                    0.0
                }
            })
            .collect();
        let sum: f64 = draws.iter().sum();
        if sum > 0.0 {
            draws.iter().map(|d| d / sum).collect()
        } else {
            weights.iter().map(|w| w.max(0.0) / total).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Close enough to a value worked out independently: the same formulas over the same
    /// bits, in a language whose `ln`, `cos` and powers may round one last digit differently.
    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() <= 1e-12 * want.abs().max(1.0)
    }

    #[test]
    fn the_stream_is_splitmix64_as_published() {
        // The reference outputs of SplitMix64 from seed 0.
        let mut rng = Rng::new(0);
        let first = [
            0xE220_A839_7B1D_CDAF,
            0x6E78_9E6A_A1B9_65F4,
            0x06C4_5D18_8009_454F,
        ];
        for want in first {
            assert_eq!(rng.next_u64(), want);
        }
    }

    #[test]
    fn uniform_below_and_symmetric_use_the_stream_as_documented() {
        // Uniform takes the top 53 bits of each output.
        let mut rng = Rng::new(0);
        assert_eq!(
            rng.uniform(),
            (0xE220_A839_7B1D_CDAF_u64 >> 11) as f64 / 2f64.powi(53)
        );
        assert_eq!(
            rng.uniform(),
            (0x6E78_9E6A_A1B9_65F4_u64 >> 11) as f64 / 2f64.powi(53)
        );
        // Below is the output modulo n.
        let mut rng = Rng::new(0);
        assert_eq!(rng.below(10), (0xE220_A839_7B1D_CDAF_u64 % 10) as usize);
        assert_eq!(rng.below(1), 0);
        // Symmetric stretches uniform over [-1, 1).
        let mut rng = Rng::new(0);
        let u = (0xE220_A839_7B1D_CDAF_u64 >> 11) as f64 / 2f64.powi(53);
        assert_eq!(rng.symmetric(), u * 2.0 - 1.0);
        let mut rng = Rng::new(5);
        let draws: Vec<f64> = (0..10_000).map(|_| rng.symmetric()).collect();
        assert!(draws.iter().all(|x| (-1.0..1.0).contains(x)));
        assert!(draws.iter().any(|x| *x < -0.99) && draws.iter().any(|x| *x > 0.99));
    }

    #[test]
    fn normal_and_gamma_draws_are_the_same_on_every_platform() {
        // Worked out apart from this code, from the same seed and the same formulas: these
        // are the draws every build must give, so that a robustness figure can be rerun.
        let mut rng = Rng::new(0);
        assert!(close(rng.normal(), -1.883_908_333_352_440_5));
        assert!(close(rng.normal(), 0.227_607_935_463_605_25));
        let cases = [
            (0.5, [2.110_224_790_867_555_5, 0.018_862_103_209_298_83]),
            (1.0, [0.008_206_675_151_143_197, 4.236_365_446_625_022]),
            (2.5, [0.408_429_339_749_736_5, 6.920_912_479_178_537]),
        ];
        for (shape, want) in cases {
            let mut rng = Rng::new(0);
            for w in want {
                let got = rng.gamma(shape);
                assert!(close(got, w), "gamma({shape}): {got} beside {w}");
            }
        }
    }

    #[test]
    fn normal_draws_have_mean_zero_and_variance_one() {
        let mut rng = Rng::new(11);
        let n = 20_000;
        let draws: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03, "{mean}");
        assert!((variance - 1.0).abs() < 0.05, "{variance}");
    }

    #[test]
    fn gamma_has_the_right_variance_and_nothing_for_a_shape_that_is_not_positive() {
        // Gamma(k, 1) has variance k.
        let mut rng = Rng::new(13);
        for shape in [0.5, 1.0, 7.5] {
            let n = 40_000;
            let draws: Vec<f64> = (0..n).map(|_| rng.gamma(shape)).collect();
            let mean = draws.iter().sum::<f64>() / n as f64;
            let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            assert!(
                (variance - shape).abs() < 0.08 * shape,
                "{shape}: {variance}"
            );
        }
        for shape in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(rng.gamma(shape), 0.0, "{shape}");
        }
    }

    #[test]
    fn dirichlet_draws_spread_around_weights_that_do_not_sum_to_one() {
        // Mean 0.5 for the first weight; at concentration 50 its spread is
        // sqrt(0.5 × 0.5 / 51), about 0.07.
        let mut rng = Rng::new(4);
        let n = 4000;
        let first: Vec<f64> = (0..n)
            .map(|_| rng.dirichlet(&[5.0, 3.0, 2.0], 50.0)[0])
            .collect();
        let mean = first.iter().sum::<f64>() / n as f64;
        let spread = (first.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
        assert!((spread - (0.25f64 / 51.0).sqrt()).abs() < 0.01, "{spread}");
    }

    #[test]
    fn dirichlet_without_weight_or_without_draws_falls_back_to_the_weights() {
        let mut rng = Rng::new(2);
        assert_eq!(rng.dirichlet(&[0.0, 0.0], 10.0), [0.0, 0.0]);
        // A concentration this small makes every gamma draw underflow to zero now and then;
        // the draw is then the normalised weights, never a division by zero.
        let mut fell_back = 0;
        for _ in 0..200 {
            let d = rng.dirichlet(&[3.0, 1.0, 0.0], 1e-6);
            assert!(d.iter().all(|x| x.is_finite()), "{d:?}");
            assert!((d.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{d:?}");
            fell_back += usize::from(d == [0.75, 0.25, 0.0]);
        }
        assert!(fell_back > 0);
    }

    #[test]
    fn below_stays_below_and_reaches_every_value() {
        let mut rng = Rng::new(3);
        assert_eq!(rng.below(0), 0);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[rng.below(7)] += 1;
        }
        assert!(seen.iter().all(|n| (800..1200).contains(n)), "{seen:?}");
    }

    #[test]
    fn same_seed_same_draws() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..100 {
            assert_eq!(a.uniform().to_bits(), b.uniform().to_bits());
        }
    }

    #[test]
    fn dirichlet_draws_sum_to_one_around_the_mean() {
        let mut rng = Rng::new(1);
        let weights = [0.5, 0.3, 0.2, 0.0];
        let mut mean = [0.0; 4];
        let n = 4000;
        for _ in 0..n {
            let d = rng.dirichlet(&weights, 50.0);
            assert!((d.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert_eq!(d[3], 0.0);
            for (m, x) in mean.iter_mut().zip(&d) {
                *m += x / n as f64;
            }
        }
        for (m, w) in mean.iter().zip(weights) {
            assert!((m - w).abs() < 0.01, "{mean:?}");
        }
    }

    #[test]
    fn gamma_has_the_right_mean() {
        let mut rng = Rng::new(3);
        for shape in [0.5, 1.0, 7.5] {
            let n = 20_000;
            let mean: f64 = (0..n).map(|_| rng.gamma(shape)).sum::<f64>() / n as f64;
            assert!(
                (mean - shape).abs() < 0.05 * shape.max(1.0),
                "{shape}: {mean}"
            );
        }
    }
}
