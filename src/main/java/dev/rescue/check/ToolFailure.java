package dev.rescue.check;

/** A tool that could not check a unit (crashed, timed out, missing): the result is partial. */
public record ToolFailure(String tool, String reason) {}
