package io.govassist.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecallPlotTest {

    @TempDir
    Path tmp;

    @Test
    void writes_a_png_with_one_coloured_curve_per_series() throws IOException {
        double[] rising = new double[100];
        double[] flat = new double[100];
        for (int k = 1; k <= 100; k++) {
            rising[k - 1] = Math.log(k) / Math.log(100);
            flat[k - 1] = 0.5;
        }
        Path png = tmp.resolve("plots/recall.png");
        RecallPlot.write(png, "recall@k", List.of(new RecallPlot.Series("rising", rising),
                new RecallPlot.Series("flat", flat)), List.of(new RecallPlot.Reference("paper 0.907", 0.907)));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
        assertThat(countPixels(image, 0x1f77b4)).as("first series colour").isGreaterThan(200);
        assertThat(countPixels(image, 0xd62728)).as("second series colour").isGreaterThan(200);
    }

    @Test
    void refuses_an_empty_plot() {
        assertThatThrownBy(() -> RecallPlot.write(tmp.resolve("x.png"), "t", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
