package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineSwitchesTest {
  private final Map<String, CommandLine> commands = RescueCommand.commandLine().getSubcommands();

  @Test
  void theCommandsThatGenerateNothingDoNotOfferTheSamplingTheyWouldIgnore() {
    for (String name : new String[] {"serve", "mcp", "context", "retrieve", "bench"}) {
      CommandLine.Model.CommandSpec spec = commands.get(name).getCommandSpec();
      assertThat(spec.findOption("--temperature")).as(name).isNull();
      assertThat(spec.findOption("--top-p")).as(name).isNull();
      assertThat(spec.findOption("--token-budget")).as(name).isNotNull();
    }
  }

  @Test
  void theCommandsThatGenerateKeepIt() {
    for (String name : new String[] {"generate", "eval"}) {
      assertThat(commands.get(name).getCommandSpec().findOption("--temperature")).as(name).isNotNull();
    }
  }

  @Test
  void theSamplingReachesThePipelineOptions() {
    PipelineSwitches s = new PipelineSwitches();
    new CommandLine(s).parseArgs("--temperature", "0.7", "--top-p", "0.9");
    assertThat(s.options().temperature()).isEqualTo(0.7);
    assertThat(s.options().topP()).isEqualTo(0.9);
    RetrievalSwitches r = new RetrievalSwitches();
    new CommandLine(r).parseArgs();
    assertThat(r.options().temperature()).isEqualTo(0.2);
    assertThat(r.options().topP()).isNull();
  }
}
