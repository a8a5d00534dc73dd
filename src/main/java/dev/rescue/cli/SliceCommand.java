package dev.rescue.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.analysis.slicing.ParallelSlicer;
import dev.rescue.analysis.slicing.SliceRecord;
import dev.rescue.kb.safecoder.PairResult;
import dev.rescue.kb.safecoder.SafeCoderBatch;
import dev.rescue.kb.safecoder.SafeCoderReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rescue slice}: parallel slices of vulnerability-fix pairs, one JSON line per input line. */
@Command(
    name = "slice",
    mixinStandardHelpOptions = true,
    header = "Slice vulnerability-fix pairs (SafeCoder/SVEN JSONL) into parallel k-hop slices.",
    description = {
      "Reads pairs from a .jsonl file or a folder of them (recursively). For each pair it writes one",
      "JSON line: id (<file>:<line>), cwe, language, vulnerable, secure, poi, tokens (before, after,",
      "vulnerable, secure; o200k), parse_ok, fallback, fallback_reason. A bad input line gives a",
      "line with id and error instead; the batch goes on. Output order is input order."
    },
    footer = {
      "",
      "Examples:",
      "  rescue slice --input examples/pairs.jsonl --output /tmp/slices.jsonl",
      "  rescue slice --input ../shared/data/safecoder/sven/train --input more.jsonl --output all.jsonl --hops 3",
      "",
      "Exit codes: 0 success, 1 some input lines failed, 2 usage error."
    })
final class SliceCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
      description = "SafeCoder/SVEN pairs: a .jsonl file or a folder of *.jsonl; repeat for several")
  List<Path> input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "where to write the slices (JSONL)")
  Path output;

  @Option(names = "--hops", defaultValue = "" + ParallelSlicer.DEFAULT_HOPS, paramLabel = "N",
      description = "dependence edges followed backward and forward from the changed lines (default: ${DEFAULT-VALUE})")
  int hops;

  @Option(names = "--no-progress", description = "no progress on stderr (the read and wrote lines still show)")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    if (hops < 0) throw new ParameterException(spec.commandLine(), "--hops must be 0 or more, got " + hops);
    // a wrong path is found before the slicing, not after it
    for (Path p : input) FileArgs.inputFileOrFolder("--input", p);
    FileArgs.outputFile("--output", output);
    PrintWriter err = spec.commandLine().getErr();
    SafeCoderBatch batch = new SafeCoderReader().read(input);
    err.println("rescue slice: read " + String.join(", ", input.stream().map(Path::toString).toList()) + ": " + batch.summary());
    err.flush();
    ParallelSlicer slicer = new ParallelSlicer(hops);
    List<PairResult> results = batch.results();
    int total = results.size();
    List<OutputLine> lines;
    try (Progress progress = Progress.of("slice", total, err, !noProgress)) {
      // An ordered parallel stream: both cores work, the output keeps the input order.
      lines = IntStream.range(0, total).parallel()
          .mapToObj(i -> {
            OutputLine line = toLine(results.get(i), slicer);
            progress.step();
            return line;
          })
          .toList();
    }
    try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (OutputLine line : lines) {
        w.write(line.json());
        w.write('\n');
      }
    }
    long failed = lines.stream().filter(OutputLine::error).count();
    err.println("rescue slice: wrote " + (total - failed) + " slices and " + failed + " error lines to " + output);
    lines.stream().filter(OutputLine::error).forEach(l -> err.println("  " + l.json()));
    err.flush();
    return failed > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
  }

  /** One output line, and whether it reports an error. */
  private record OutputLine(String json, boolean error) {}

  private static OutputLine toLine(PairResult r, ParallelSlicer slicer) {
    try {
      if (r instanceof PairResult.Parsed p) {
        SliceRecord record = SliceRecord.of(p.pair(), slicer.sliceWithReason(p.pair()));
        return new OutputLine(JSON.writeValueAsString(record.toJson()), false);
      }
      PairResult.Failed f = (PairResult.Failed) r;
      return errorLine(f.id(), f.error());
    } catch (IOException | RuntimeException e) {
      return errorLine(r.id(), "cannot slice: " + e);
    }
  }

  private static OutputLine errorLine(String id, String error) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("error", error);
    try {
      return new OutputLine(JSON.writeValueAsString(o), true);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
