package io.shopsense.core.model;

/** An alias (device id, channel account, anonymous session) that belongs to one shopper. */
public record IdentityLink(String alias, String user, Channel channel, long linked) {}
