package dev.rescue.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grouped horizontal bar charts as inline SVG (no scripts, fonts or network): one group per label,
 * one bar per series, values shares in [0, 1] drawn against a 0-100% axis with their value at the
 * bar's end; a missing value (nothing to measure) is written "n/a" instead of drawn as zero.
 */
final class SvgBars {
  static final String[] COLOURS = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b",
      "#9d755d", "#bab0ac"};
  private static final int BAR = 12;
  private static final int LEFT = 190;
  private static final int WIDTH = 520;
  private static final int RIGHT = 60;
  private static final int LEGEND_ROW = 18;

  private SvgBars() {}

  static String chart(String title, List<String> labels, Map<String, List<Double>> series) {
    int total = LEFT + WIDTH + RIGHT;
    // legend items as wide as their names, wrapped onto as many rows as they need
    StringBuilder legend = new StringBuilder();
    int x = 0;
    int row = 0;
    int si = 0;
    for (String name : series.keySet()) {
      int w = 26 + (int) Math.ceil(name.length() * 6.5);
      if (x > 0 && x + w > total) {
        x = 0;
        row++;
      }
      int y = 24 + row * LEGEND_ROW;
      legend.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"11\" height=\"11\" fill=\"")
          .append(COLOURS[si % COLOURS.length]).append("\"/><text x=\"").append(x + 15).append("\" y=\"").append(y + 10)
          .append("\">").append(esc(name)).append("</text>");
      x += w;
      si++;
    }
    int top = 24 + (row + 1) * LEGEND_ROW + 8;
    int groupH = series.size() * BAR + 10;
    int plotH = labels.size() * groupH;
    int height = top + plotH + 24;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(total).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(total).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">");
    b.append("<title>").append(esc(title)).append("</title>");
    b.append("<text x=\"0\" y=\"14\" font-size=\"13\" font-weight=\"bold\">").append(esc(title)).append("</text>");
    b.append(legend);
    for (int p = 0; p <= 100; p += 25) {
      double gx = LEFT + WIDTH * p / 100.0;
      b.append("<line x1=\"").append(fmt(gx)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(fmt(gx))
          .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#ddd\"/>");
      b.append("<text x=\"").append(fmt(gx)).append("\" y=\"").append(top + plotH + 14)
          .append("\" text-anchor=\"middle\" fill=\"#555\">").append(p).append("%</text>");
    }
    for (int i = 0; i < labels.size(); i++) {
      int y = top + i * groupH;
      String label = labels.get(i);
      String shown = label.length() > 30 ? label.substring(0, 29) + "\u2026" : label;
      b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + groupH / 2 + 2)
          .append("\" text-anchor=\"end\"><title>").append(esc(label)).append("</title>").append(esc(shown)).append("</text>");
      int j = 0;
      for (var e : series.entrySet()) {
        Double v = e.getValue().get(i);
        int by = y + 4 + j * BAR;
        String colour = COLOURS[j % COLOURS.length];
        String value = v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
        if (v != null) {
          b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(by).append("\" width=\"")
              .append(fmt(Math.max(0, Math.min(1, v)) * WIDTH)).append("\" height=\"").append(BAR - 2)
              .append("\" fill=\"").append(colour).append("\"><title>").append(esc(label)).append(", ")
              .append(esc(e.getKey())).append(": ").append(value).append("</title></rect>");
        }
        double tx = LEFT + (v == null ? 0 : Math.max(0, Math.min(1, v)) * WIDTH) + 4;
        b.append("<text x=\"").append(fmt(tx)).append("\" y=\"").append(by + BAR - 3).append("\" font-size=\"9\" fill=\"")
            .append(v == null ? "#888" : "#333").append("\">").append(value).append("</text>");
        j++;
      }
    }
    b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#333\"/>");
    return b.append("</svg>").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
