package io.govassist.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the recall@k plot of {@code docs/quality.md} from the JSON reports {@code QualityBenchmark} wrote. Run by hand:
 * <pre>java -cp … io.govassist.eval.QualityPlot docs/quality-recall-stard.png "STARD train (1,223 questions)" \
 *     "0.907=STARD paper best (fine-tuned, R@100)" /tmp/eval-out/stard/hybrid.json "dense only=/tmp/eval-out/stard/dense.json" …</pre>
 * A report argument is {@code FILE.json} (named by its {@code name}) or {@code LABEL=FILE.json}; a reference line is
 * {@code VALUE=LABEL}.
 */
public final class QualityPlot {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<RecallPlot.Series> series = new ArrayList<>();
        List<RecallPlot.Reference> references = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (eq > 0 && arg.substring(0, eq).matches("[0-9.]+")) {
                references.add(new RecallPlot.Reference(arg.substring(eq + 1), Double.parseDouble(arg.substring(0, eq))));
                continue;
            }
            String file = eq > 0 && arg.endsWith(".json") && !arg.substring(0, eq).contains("/") ? arg.substring(eq + 1) : arg;
            JsonNode report = json.readTree(Path.of(file).toFile());
            String label = file.equals(arg) ? report.get("name").asText() : arg.substring(0, eq);
            double[] curve = new double[report.get("recallCurve").size()];
            for (int k = 0; k < curve.length; k++) {
                curve[k] = report.get("recallCurve").get(k).asDouble();
            }
            series.add(new RecallPlot.Series(String.format("%s (%.3f)", label, curve[curve.length - 1]), curve));
        }
        RecallPlot.write(Path.of(args[0]), args[1], series, references);
    }
}
