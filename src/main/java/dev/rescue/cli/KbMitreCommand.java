package dev.rescue.cli;

import dev.rescue.kb.Sha256;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.kb.mitre.MitreLayer;
import dev.rescue.kb.mitre.MitreLayerGenerator;
import dev.rescue.kb.mitre.MitreLayerSelection;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rescue kb mitre}: generate the MITRE-derived layer of the bundled KB from MITRE's CWE XML. */
@Command(
    name = "mitre",
    mixinStandardHelpOptions = true,
    header = "Generate the MITRE-derived KB layer from MITRE's CWE XML.",
    description = {
      "Derives one entry per CWE of MITRE's Top 25, their parents and children (view 1000) and the CWEs code",
      "scanners report: guideline from the implementation-phase mitigations, cause from the description and",
      "the observed examples (CVEs), parallel examples from the demonstrative examples in py, c, cpp, java,",
      "js, go. Writes one YAML file with MITRE's notice; the bundled-KB build puts it under the curated",
      "entries (curated ones win). The file is committed: the build never reads the XML."
    },
    footer = {
      "",
      "Examples:",
      "  rescue kb mitre --cwe-xml ../shared/data/cwe/cwec_v4.14.xml --out src/main/curated/mitre/mitre-cwe-layer.yaml",
      "",
      "Exit codes: 0 success, 2 usage error (a missing or unreadable XML)."
    })
final class KbMitreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cwe-xml", required = true, paramLabel = "FILE", description = "MITRE's CWE XML (cwec_v4.14.xml)")
  Path xml;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the layer file to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    MitreCatalog catalog = MitreCatalog.read(FileArgs.inputFile("--cwe-xml", xml));
    MitreLayerSelection selection = MitreLayerSelection.of(catalog);
    MitreLayer layer = MitreLayerGenerator.generate(catalog, selection, Sha256.of(xml));
    layer.write(out);
    PrintWriter err = spec.commandLine().getErr();
    long examples = layer.entries().stream().mapToLong(e -> e.examples().size()).sum();
    long guided = layer.entries().stream().filter(e -> !e.guideline().isBlank()).count();
    err.printf("mitre layer: %d CWEs (%d with an implementation guideline), %d examples, %d bytes -> %s%n",
        layer.entries().size(), guided, examples, Files.size(out), out);
    if (!selection.skipped().isEmpty()) err.println("skipped: " + String.join(", ", selection.skipped()));
    err.flush();
    return ExitCodes.OK;
  }
}
