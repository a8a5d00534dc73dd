package dev.rescue.eval;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): with n samples of which c pass,
 * pass@k = 1 - C(n-c, k) / C(n, k), computed as a running product to stay exact for large n.
 */
public final class PassAtK {
  private PassAtK() {}

  public static double estimate(int n, int c, int k) {
    if (n <= 0 || k <= 0) throw new IllegalArgumentException("n and k must be positive: n=" + n + " k=" + k);
    if (c < 0 || c > n) throw new IllegalArgumentException("c must be in [0, n]: c=" + c + " n=" + n);
    if (k > n) throw new IllegalArgumentException("k=" + k + " exceeds the " + n + " samples");
    if (n - c < k) return 1.0;
    double notAll = 1.0;
    for (int i = n - c + 1; i <= n; i++) notAll *= 1.0 - (double) k / i;
    return 1.0 - notAll;
  }
}
