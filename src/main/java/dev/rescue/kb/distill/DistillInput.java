package dev.rescue.kb.distill;

import dev.rescue.model.CodeExample;
import dev.rescue.model.VulnFixPair;

/** One pair to distil, with the parallel slices made of it. */
public record DistillInput(VulnFixPair pair, CodeExample example) {}
