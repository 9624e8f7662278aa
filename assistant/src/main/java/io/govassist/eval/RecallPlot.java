package io.govassist.eval;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders recall@k curves (k on a log axis) as a PNG with plain Java2D, labels in ASCII so no CJK font is needed.
 */
public final class RecallPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 70;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int[] K_TICKS = {1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 500, 1000};
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    /** One curve: {@code recall[k-1]} is recall@k. */
    public record Series(String name, double[] recall) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (recall.length == 0) {
                throw new IllegalArgumentException("empty recall curve " + name);
            }
            recall = recall.clone();
        }
    }

    /** A horizontal reference line, e.g. a published result. */
    public record Reference(String name, double value) {
    }

    private RecallPlot() {
    }

    public static void write(Path png, String title, List<Series> series, List<Reference> references) throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(render(title, series, references), "png", png.toFile());
    }

    static BufferedImage render(String title, List<Series> series, List<Reference> references) {
        int maxK = series.stream().mapToInt(s -> s.recall().length).max().orElse(1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            Axis axis = new Axis(maxK, plotW, plotH);

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 10; i++) {
                double y = i / 10.0;
                int py = axis.y(y);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, py, LEFT + plotW, py);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, "%.1f", y);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
            }
            for (int k : K_TICKS) {
                if (k > maxK) {
                    break;
                }
                int px = axis.x(k);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(px, TOP, px, TOP + plotH);
                g.setColor(Color.DARK_GRAY);
                String label = Integer.toString(k);
                g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + fm.getAscent() + 6);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotW, plotH);
            g.drawString("k (log scale)", LEFT + plotW / 2 - fm.stringWidth("k (log scale)") / 2, HEIGHT - 15);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("recall@k", -(TOP + plotH / 2) - fm.stringWidth("recall@k") / 2, 20);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, TOP - 18);

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int legendY = TOP + 10;
            float[] dash = {6f, 5f};
            for (Reference ref : references) {
                int py = axis.y(ref.value());
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
                g.drawLine(LEFT, py, LEFT + plotW, py);
                g.drawLine(LEFT + plotW + 12, legendY, LEFT + plotW + 36, legendY);
                g.setStroke(new BasicStroke(1f));
                g.drawString(ref.name(), LEFT + plotW + 42, legendY + 4);
                legendY += 20;
            }
            for (int s = 0; s < series.size(); s++) {
                Series serie = series.get(s);
                g.setColor(COLORS[s % COLORS.length]);
                g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D.Double line = new Path2D.Double();
                double[] r = serie.recall();
                for (int k = 1; k <= r.length; k++) {
                    if (k == 1) {
                        line.moveTo(axis.x(k), axis.y(r[0]));
                    } else {
                        line.lineTo(axis.x(k), axis.y(r[k - 1]));
                    }
                }
                g.draw(line);
                g.drawLine(LEFT + plotW + 12, legendY, LEFT + plotW + 36, legendY);
                g.setStroke(new BasicStroke(1f));
                g.setColor(Color.BLACK);
                g.drawString(serie.name(), LEFT + plotW + 42, legendY + 4);
                legendY += 20;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private record Axis(int maxK, int plotW, int plotH) {
        int x(int k) {
            double span = Math.log(Math.max(2, maxK));
            return LEFT + (int) Math.round(Math.log(k) / span * plotW);
        }

        int y(double recall) {
            return TOP + plotH - (int) Math.round(Math.max(0, Math.min(1, recall)) * plotH);
        }
    }
}
