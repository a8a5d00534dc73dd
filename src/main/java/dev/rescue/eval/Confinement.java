package dev.rescue.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How strongly this machine lets the sandbox confine a command, from the strongest kind that worked
 * when tried. Each kind names the namespaces {@code unshare} makes around the command.
 *
 * @param kind the namespaces
 * @param dropsUser the harness is root and runs samples as other users ({@link SandboxUsers})
 * @param rlimits {@code prlimit} applies CPU, memory, process and file-size limits
 */
record Confinement(Kind kind, boolean dropsUser, boolean rlimits) {
  enum Kind {
    /** root: mount, PID, network, IPC and UTS namespaces; the command sees a private root */
    PRIVATE_ROOT(List.of("-m", "-p", "-f", "-n", "-i", "-u", "--kill-child")),
    /** an ordinary user: the same inside a user namespace, as its root without capabilities */
    USER_NAMESPACE(List.of("-r", "-m", "-p", "-f", "-n", "-i", "-u", "--kill-child")),
    /** root where mounts are refused: no network and a PID namespace, the host's files in view */
    NETWORK_ONLY(List.of("-n", "-p", "-f", "--kill-child")),
    /** no namespace at all */
    NONE(List.of());

    final List<String> unshare;

    Kind(List<String> unshare) {
      this.unshare = unshare;
    }
  }

  boolean privateRoot() {
    return kind == Kind.PRIVATE_ROOT || kind == Kind.USER_NAMESPACE;
  }

  boolean isolatesNetwork() {
    return kind != Kind.NONE;
  }

  /** The command's prefix up to the sandbox's shell. */
  List<String> prefix() {
    List<String> p = new ArrayList<>();
    if (!kind.unshare.isEmpty()) {
      p.add("unshare");
      p.addAll(kind.unshare);
    }
    return p;
  }

  /** What a sample can still reach here, one line each; empty for the strongest kinds. */
  List<String> gaps() {
    List<String> gaps = new ArrayList<>();
    switch (kind) {
      case PRIVATE_ROOT -> { }
      case USER_NAMESPACE -> gaps.add("samples run as the invoking user (user-namespace root without capabilities): "
          + "they cannot reach the harness's files, but samples scored at once share a user id");
      case NETWORK_ONLY -> {
        gaps.add("mount namespaces refused: samples see the host's files (world-readable ones readable), "
            + "the host's /tmp and /dev/shm (writable), and the host's /proc");
      }
      case NONE -> {
        gaps.add("no namespaces (unshare refused): samples can reach the network, see every process "
            + "and the host's files, and write /tmp and /dev/shm");
      }
    }
    if (!dropsUser && !privateRoot()) {
      gaps.add("samples run as the harness's own user: they can rewrite the harness's files and read the report "
          + "channel's key while it is open, so verdicts are only as trustworthy as the samples");
    }
    if (!rlimits) gaps.add("prlimit unavailable: no CPU, memory, process or file-size limit");
    return gaps;
  }
}
