package dev.rescue.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.CweEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cause texts here are the bundled KB's own (curated and MITRE-derived), the shapes the splitter meets. */
class CausePassagesTest {
  @Test
  void aCuratedCauseGivesItsSentencesAndTheItemsOfItsColonListParenthesesKeptWhole() {
    String cwe79 = "Code that produces HTML or a web response containing data a user controls: a route rendering a "
        + "template (Jinja2, Mako, JSP) with request values, a search page echoing the query, a comment, profile or "
        + "title shown to other users, or JavaScript inserting text into the DOM. The value reaches the page without "
        + "HTML escaping, so injected script runs in the victim's browser.";

    assertThat(CausePassages.of(cwe79)).containsExactly(
        "Code that produces HTML or a web response containing data a user controls: a route rendering a template "
            + "(Jinja2, Mako, JSP) with request values, a search page echoing the query, a comment, profile or title "
            + "shown to other users, or JavaScript inserting text into the DOM",
        "a route rendering a template (Jinja2, Mako, JSP) with request values",
        "a search page echoing the query",
        "a comment", // "a comment, profile or title": the comma rule splits it, two words still a passage
        "profile or title shown to other users",
        "JavaScript inserting text into the DOM",
        "The value reaches the page without HTML escaping, so injected script runs in the victim's browser");
  }

  @Test
  void quotedPhrasesOfThreeWordsOrMoreArePassagesShorterOnesAndApostrophesAreNot() {
    String cwe94 = "Turning user input into code that the program then runs: defining a function from a user-written "
        + "formula with exec, or loading a plugin whose name comes from a request. Tasks like 'let users define custom "
        + "pricing rules', 'run the plugin named in the config' or 'build a function from a string' signal it. "
        + "A \"remember me\" cookie or the victim's '-' option is no task.";

    List<String> passages = CausePassages.of(cwe94);

    assertThat(passages).contains("let users define custom pricing rules", "run the plugin named in the config",
        "build a function from a string");
    assertThat(passages).doesNotContain("remember me", "-");
    assertThat(passages).contains("A \"remember me\" cookie or the victim's '-' option is no task");
  }

  @Test
  void aMitreSeenInListIsSplitAtSemicolonsKeepingTheCommasOfItsItems() {
    String cwe522 = "The product transmits or stores authentication credentials, but it uses an insecure method. "
        + "Seen in: A messaging platform serializes all elements of User/Group objects, making private information "
        + "available to adversaries; Initialization file contains credentials that can be decoded using a \"simple "
        + "string transformation\"; PLC sends sensitive information in plaintext.";

    assertThat(CausePassages.of(cwe522)).containsExactly(
        "The product transmits or stores authentication credentials, but it uses an insecure method",
        "Seen in: A messaging platform serializes all elements of User/Group objects, making private information "
            + "available to adversaries; Initialization file contains credentials that can be decoded using a \"simple "
            + "string transformation\"; PLC sends sensitive information in plaintext",
        "A messaging platform serializes all elements of User/Group objects, making private information available to adversaries",
        "Initialization file contains credentials that can be decoded using a \"simple string transformation\"",
        "PLC sends sensitive information in plaintext",
        "simple string transformation");
  }

  @Test
  void oneWordListItemsAreLeftToTheirSentence() {
    assertThat(CausePassages.of("Running a tool the user names: git, tar, curl or grep."))
        .containsExactly("Running a tool the user names: git, tar, curl or grep", "curl or grep");
  }

  @Test
  void anEntryFallsBackToItsGuidelineThenToItsName() {
    CweEntry guidelineOnly = new CweEntry("CWE-1", "Name", "Check the path. Reject ../ segments.", "", Map.of(), List.of(), null, "curated");
    CweEntry nothing = new CweEntry("CWE-2", "Only A Name", "", "", Map.of(), List.of(), null, "curated");

    assertThat(CausePassages.of(guidelineOnly)).containsExactly("Check the path", "Reject ../ segments");
    assertThat(CausePassages.of(nothing)).containsExactly("Only A Name");
  }
}
