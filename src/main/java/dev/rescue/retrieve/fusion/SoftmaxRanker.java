package dev.rescue.retrieve.fusion;

import java.util.List;

/**
 * Softmax (listwise) logistic regression: P(c | task) = exp(w.x_c) / sum_c' exp(w.x_c') over a
 * task's candidates, fitted by maximum likelihood with an L2 penalty. A dozen weights need no
 * library: Newton's method with a backtracking line search converges in a few steps, is
 * deterministic (the same tasks give the same weights, bit for bit, which the test of the committed
 * weights relies on), and the likelihood it maximises is what makes the probabilities calibrated.
 */
public final class SoftmaxRanker {
  /**
   * One training task: its candidates' feature vectors, which of them is right, and how much the task
   * counts in the likelihood (1 unless the training sets are balanced, see {@code rescue fusion train}).
   */
  public record Group(List<double[]> candidates, int gold, double weight) {
    public Group {
      candidates = List.copyOf(candidates);
      if (gold < 0 || gold >= candidates.size()) throw new IllegalArgumentException("gold index " + gold + " out of range");
      if (!(weight > 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("group weight " + weight + " is not above 0");
    }

    public Group(List<double[]> candidates, int gold) {
      this(candidates, gold, 1);
    }
  }

  private static final int MAX_STEPS = 100;
  private static final double TOLERANCE = 1e-10;

  private SoftmaxRanker() {}

  /** The candidates' probabilities under {@code w}. */
  public static double[] probabilities(List<double[]> candidates, double[] w) {
    double[] p = new double[candidates.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      p[i] = dot(w, candidates.get(i));
      max = Math.max(max, p[i]);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) p[i] /= sum;
    return p;
  }

  /**
   * The weights minimising the (group-weighted) mean negative log-likelihood of the gold candidates
   * plus {@code l2 / 2 * |w|^2}.
   */
  public static double[] fit(List<Group> groups, int dimension, double l2) {
    if (groups.isEmpty()) throw new IllegalArgumentException("no training task has its CWE among its candidates");
    double[] w = new double[dimension];
    double loss = loss(groups, w, l2);
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] g = new double[dimension];
      double[][] h = new double[dimension][dimension];
      gradientAndHessian(groups, w, l2, g, h);
      double[] d = solve(h, g);
      double t = 1;
      double[] next = new double[dimension];
      double nextLoss;
      while (true) {
        for (int i = 0; i < dimension; i++) next[i] = w[i] - t * d[i];
        nextLoss = loss(groups, next, l2);
        if (nextLoss <= loss || t < 1e-8) break;
        t /= 2;
      }
      boolean done = loss - nextLoss < TOLERANCE;
      w = next.clone();
      loss = Math.min(loss, nextLoss);
      if (done) break;
    }
    return w;
  }

  /** Group-weighted mean negative log-likelihood plus the penalty. */
  public static double loss(List<Group> groups, double[] w, double l2) {
    double sum = 0;
    for (Group gr : groups) {
      double[] p = probabilities(gr.candidates(), w);
      sum -= gr.weight() * Math.log(Math.max(p[gr.gold()], 1e-300));
    }
    return sum / totalWeight(groups) + l2 / 2 * dot(w, w);
  }

  private static double totalWeight(List<Group> groups) {
    double total = 0;
    for (Group gr : groups) total += gr.weight();
    return total;
  }

  private static void gradientAndHessian(List<Group> groups, double[] w, double l2, double[] g, double[][] h) {
    int n = w.length;
    for (Group gr : groups) {
      double[] p = probabilities(gr.candidates(), w);
      double[] mean = new double[n];
      for (int c = 0; c < p.length; c++) {
        double[] x = gr.candidates().get(c);
        for (int i = 0; i < n; i++) mean[i] += p[c] * x[i];
      }
      double[] gold = gr.candidates().get(gr.gold());
      double a = gr.weight();
      for (int i = 0; i < n; i++) g[i] += a * (mean[i] - gold[i]);
      for (int c = 0; c < p.length; c++) {
        double[] x = gr.candidates().get(c);
        for (int i = 0; i < n; i++) {
          double di = x[i] - mean[i];
          for (int j = 0; j < n; j++) h[i][j] += a * p[c] * di * (x[j] - mean[j]);
        }
      }
    }
    double m = totalWeight(groups);
    for (int i = 0; i < n; i++) {
      g[i] = g[i] / m + l2 * w[i];
      for (int j = 0; j < n; j++) h[i][j] /= m;
      h[i][i] += l2;
    }
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} is positive definite). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int c = col; c <= n; c++) m[r][c] -= f * m[col][c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int c = r + 1; c < n; c++) s -= m[r][c] * x[c];
      x[r] = s / m[r][r];
    }
    return x;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
