package org.deleveraging.policy;

/** One file that went into a policy, as it was read: the snapshot a stored run keeps. */
public record PolicyFile(String path, String content) implements java.io.Serializable {}
