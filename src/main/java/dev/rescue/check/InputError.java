package dev.rescue.check;

/** An input that could not be checked at all (binary, not UTF-8, too large, unknown language), and why. */
public record InputError(String file, String reason) {}
