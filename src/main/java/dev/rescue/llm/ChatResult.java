package dev.rescue.llm;

/** The answer to a {@link ChatRequest}; {@code cached} when it came from the on-disk cache. */
public record ChatResult(String content, String model, boolean cached) {}
