package org.deleveraging.accounts;

import java.time.Instant;

/** A stored account set as listed: its name, where it came from, its content hash and its size. */
public record AccountSetInfo(long id, String name, String source, String hash, int accounts, int positions,
                             Instant createdAt) {}
